"""The results screen: a review row per question in the quiz's order and numbering, a
reflection shown as not graded, and only the keys that do something."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from course.ui.app import CourseApp
from course.ui.screens.quiz import QuizScreen
from course.ui.screens.result import ResultScreen
from course.ui.widgets.key_bar import KeyBar
from course.ui.widgets.markdown_text import MarkdownText

from .helpers import answer_with_keys, build_app
from .test_snapshots import given_answer

SIZE = (100, 40)


async def finish_quiz(pilot: Pilot[None], lesson_id: str, rights: list[bool]) -> ResultScreen:
    """Answer the lesson's quiz through the learner's study session (one right/wrong flag per
    question, in quiz order), finish it and show the results as the quiz screen does."""
    app = pilot.app
    assert isinstance(app, CourseApp)
    lesson = app.text.lesson(lesson_id)
    assert lesson is not None and lesson.quiz is not None
    study = app.study
    attempt = study.attempt(lesson.quiz)
    for question, right in zip(lesson.quiz.questions, rights, strict=True):
        study.answer(attempt, question, given_answer(question, right))
    result = study.finish(study.refreshed(attempt), app.text)
    app.push_screen(ResultScreen(lesson_id, result))
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, ResultScreen)
    return screen


def review(screen: ResultScreen) -> list[str]:
    """The review's Markdown, a line per question."""
    return screen.query_one("#review", MarkdownText).markdown.splitlines()


def shown_review(screen: ResultScreen) -> str:
    """The review as the learner reads it: its lines as drawn, one after the other."""
    widget = screen.query_one("#review", MarkdownText)
    return "\n".join(strip.text for strip in widget.lines(widget.size.width))


def keys_offered(screen: ResultScreen) -> set[str]:
    """The keys the footer shows (the screen's own bindings that can run now)."""
    return {key for key, (node, *_) in screen.active_bindings.items() if node is screen}


async def test_a_reflection_is_reviewed_as_not_graded_without_a_score(data_dir: Path) -> None:
    app = build_app(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await finish_quiz(pilot, "steeping", [True] * 6)
        reflection = review(screen)[4]
        assert reflection.startswith("5. ✎ What will you do differently")
        assert reflection.endswith("*not graded*")
        assert "**" not in reflection
        shown = shown_review(screen)
        assert "*" not in shown
        row = next(line for line in shown.splitlines() if "5 ✎" in line)
        assert row.rstrip().endswith("… not graded"), "the row should fit on one line"


async def test_a_reflection_is_not_graded_in_german_too(data_dir: Path) -> None:
    app = build_app(data_dir, language="de")
    async with app.run_test(size=SIZE) as pilot:
        screen = await finish_quiz(pilot, "steeping", [True] * 6)
        assert review(screen)[4].endswith("*nicht bewertet*")


async def test_after_retrying_wrong_ones_the_review_keeps_the_quizs_order_and_numbers(
    data_dir: Path,
) -> None:
    app = build_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        screen = await finish_quiz(pilot, "water", [False, True, True, True])
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen)
        await answer_with_keys(pilot, True)  # the first question, answered last this time
        await pilot.press("n")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ResultScreen)
        answered = [answer.question_id for answer in screen.result.attempt.answers]
        quiz = app.text.lesson("water").quiz  # type: ignore[union-attr]
        assert quiz is not None
        in_quiz_order = [question.id for question in quiz.questions]
        assert answered != in_quiz_order, "the retried answer should be saved last"
        rows = review(screen)
        assert [row.split(".", 1)[0] for row in rows] == ["1", "2", "3", "4"]
        for row, question in zip(rows, quiz.questions, strict=True):
            assert question.prompt.split()[0] in row
        assert rows[0].startswith("1. ✓ ")


async def test_with_nothing_wrong_retry_wrong_is_neither_a_key_nor_a_button(
    data_dir: Path,
) -> None:
    app = build_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        screen = await finish_quiz(pilot, "water", [True, True, True, True])
        assert screen.result.percent == 100
        assert "w" not in keys_offered(screen)
        assert not screen.query("#retry-wrong")
        await pilot.press("w")
        await pilot.pause()
        assert app.screen is screen


async def test_with_a_wrong_answer_retry_wrong_is_offered(data_dir: Path) -> None:
    app = build_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        screen = await finish_quiz(pilot, "water", [True, False, True, True])
        assert {"w", "a", "n", "escape"} <= keys_offered(screen)
        assert screen.query("#retry-wrong")


async def test_after_the_last_lesson_next_is_not_offered(data_dir: Path) -> None:
    app = build_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        screen = await finish_quiz(pilot, "steeping", [True] * 6)
        assert "n" not in keys_offered(screen)
        assert not screen.query("#next-lesson")


async def test_passing_the_last_quiz_finishes_the_course_only_when_all_lessons_are_done(
    data_dir: Path,
) -> None:
    app = build_app(data_dir)
    finished = app.t("result.all_done")
    async with app.run_test(size=SIZE) as pilot:
        await finish_quiz(pilot, "water", [False, False, False, False])
        screen = await finish_quiz(pilot, "steeping", [True] * 6)
        assert screen.result.passed
        assert not any(str(s.render()) == finished for s in screen.query(".passed"))
        await finish_quiz(pilot, "water", [True, True, True, True])
        screen = await finish_quiz(pilot, "steeping", [True] * 6)
        assert any(str(s.render()) == finished for s in screen.query(".passed"))


@pytest.mark.parametrize("language", ["en", "de"])
async def test_at_80_columns_the_results_key_bar_keeps_next_and_quit(
    data_dir: Path, language: str
) -> None:
    app = build_app(data_dir, language=language)
    async with app.run_test(size=(80, 24)) as pilot:
        lesson = app.text.lessons[0]
        assert lesson.quiz is not None and app.study.following_lesson(app.text, lesson.id)
        rights = [False] + [True] * (len(lesson.quiz.questions) - 1)
        screen = await finish_quiz(pilot, lesson.id, rights)
        assert {"w", "n"} <= keys_offered(screen)
        shown = screen.query_one(KeyBar).render().plain
        for key in ("esc", "w", "a", "n", "q", "f1"):
            assert f" {key} " in f" {shown} ", f"{key!r} is missing from {shown!r}"
