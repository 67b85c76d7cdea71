"""A review session from the outline: a quiz with two mistakes, a day later "Review: 2
due", the two asked again in new option orders, and the session's end."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.screen import Screen
from textual.widgets import Button

from course.core.grading import shuffled_options
from course.core.scoring import AttemptMode
from course.ui.screens.outline import OutlineScreen
from course.ui.screens.quiz import QuizScreen
from course.ui.screens.result import ResultScreen
from course.ui.screens.review import ReviewScreen

from .helpers import answer_with_keys, build_app, settle

DAY_ONE = "2026-12-04T09:00"
DAY_TWO = "2026-12-05T09:30"


def review_shown(outline: Screen[object]) -> bool:
    """Whether the outline shows its Review button (it is mounted only once reviews are
    due, and hidden when none are left)."""
    return any(button.display for button in outline.query("#review").results(Button))


async def take_quiz_with_two_mistakes(data_dir: Path) -> list[str]:
    """Answer the steeping quiz, its first two graded questions wrong; their ids."""
    app = build_app(data_dir)
    wrong: list[str] = []
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        app.open_quiz("steeping")
        await pilot.pause()
        while isinstance(app.screen, QuizScreen):
            question = app.screen.question
            assert question is not None
            right = len(wrong) >= 2 or not question.max_points
            await answer_with_keys(pilot, right)
            if not right:
                wrong.append(question.id)
            await pilot.press("n")
            await pilot.pause()
        assert isinstance(app.screen, ResultScreen)
        await pilot.press("escape")
        await settle(app, pilot)
        outline = app.screen
        assert isinstance(outline, OutlineScreen)
        assert not review_shown(outline)
    return wrong


async def test_two_mistakes_come_back_a_day_later_in_new_option_orders(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COURSE_NOW", DAY_ONE)
    wrong = await take_quiz_with_two_mistakes(data_dir)
    assert len(wrong) == 2
    monkeypatch.setenv("COURSE_NOW", DAY_TWO)
    app = build_app(data_dir)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(app, pilot)
        button = app.screen.query_one("#review", Button)
        assert button.display and str(button.label) == "Review: 2 due"
        await pilot.press("r")
        await settle(app, pilot)
        review = app.screen
        assert isinstance(review, ReviewScreen)
        assert sorted(item.question.id for item in review.items) == sorted(wrong)
        study = app.study
        assert study is not None
        quiz_attempt = next(
            a
            for a in study.store.attempts(study.learner.id, study.course.id)
            if a.mode == AttemptMode.SELF
        )
        for _ in wrong:
            question = review.question
            assert question is not None and review.attempt is not None
            if question.shuffle:
                assert [o.index for o in shuffled_options(question, review.attempt.seed)] != [
                    o.index for o in shuffled_options(question, quiz_attempt.seed)
                ]
            await answer_with_keys(pilot, True)
            await pilot.press("n")
            await settle(app, pilot)
        assert review.index == len(review.items)
        assert "2 of 2 right" in str(review.query_one(".lesson-title").render())
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, OutlineScreen)
        assert not review_shown(app.screen)
        # The review did not change the quiz's score: it was the attempt of two mistakes.
        (score,) = [s for q, s in study.quiz_scores().items() if q == quiz_attempt.quiz_id]
        assert score.shown_percent < 100


async def test_a_question_of_the_results_opens_again_with_the_answer_and_the_explanation(
    data_dir: Path,
) -> None:
    from course.ui.screens.study_question import StudyQuestionScreen
    from course.ui.widgets.markdown_text import MarkdownText

    app = build_app(data_dir)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        app.open_quiz("water")
        await pilot.pause()
        first = None
        while isinstance(app.screen, QuizScreen):
            question = await answer_with_keys(pilot, first is not None)
            first = first or question
            await pilot.press("n")
            await pilot.pause()
        result = app.screen
        assert isinstance(result, ResultScreen) and first is not None
        await pilot.press("1")
        await settle(app, pilot)
        shown = app.screen
        assert isinstance(shown, StudyQuestionScreen) and shown.question_id == first.id
        feedback = shown.query_one("#feedback", MarkdownText)
        assert "outcome-wrong" in feedback.classes
        assert first.explanation.split()[0] in feedback.markdown
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is result
        await pilot.press("w")  # "retry wrong only" is still there
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen)


async def test_a_reflection_edited_in_my_plan_is_saved_for_its_lesson(data_dir: Path) -> None:
    from textual.widgets import TextArea

    from course.ui.screens.plan import PlanScreen

    from .helpers import type_text

    app = build_app(data_dir)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        plan = app.screen
        assert isinstance(plan, PlanScreen)
        area = plan.query(TextArea).first()
        area.focus()
        await type_text(pilot, "Soft water")
        await pilot.press("escape")  # back to the outline, saving at once
        await settle(app, pilot)
        assert isinstance(app.screen, OutlineScreen)
        study = app.study
        assert study is not None
        first = app.text.lessons[0].id
        assert study.store.reflection(study.learner.id, study.course.id, first) == "Soft water"


async def test_a_question_of_the_review_list_opens_again_with_the_answer_and_the_explanation(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from course.ui.screens.study_question import StudyQuestionScreen
    from course.ui.widgets.markdown_text import MarkdownText

    monkeypatch.setenv("COURSE_NOW", DAY_ONE)
    await take_quiz_with_two_mistakes(data_dir)
    monkeypatch.setenv("COURSE_NOW", DAY_TWO)
    app = build_app(data_dir)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("r")
        await settle(app, pilot)
        review = app.screen
        assert isinstance(review, ReviewScreen)
        missed = None
        for right in (True, False):
            question = await answer_with_keys(pilot, right)
            missed = question if not right else missed
            await pilot.press("n")
            await settle(app, pilot)
        assert missed is not None and missed.explanation
        # The list: "1." what held, then "2." what needs work.
        await pilot.press("2")
        await settle(app, pilot)
        shown = app.screen
        assert isinstance(shown, StudyQuestionScreen) and shown.question_id == missed.id
        feedback = shown.query_one("#feedback", MarkdownText)
        assert "outcome-wrong" in feedback.classes
        assert missed.explanation.split()[0] in feedback.markdown
        await pilot.press("escape")
        await settle(app, pilot)
        assert app.screen is review
