"""What the learner sees, as SVG snapshots: every place and every question type, in both
languages, on a small (80×24) and a roomy (120×40) terminal.

Each snapshot runs the real app on the example course with a fixed shuffle seed and a fresh
data folder; text cursors are made steady so that no blink phase gets into the picture.
Regenerate after a deliberate change with `pytest tests/app/test_snapshots.py
--snapshot-update`, then look at the changed SVGs before committing them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from course.core.grading import Answer, Outcome, grade
from course.core.kinds import kind_of
from course.core.kinds.choice import ChoiceAnswer
from course.core.kinds.matching import MatchAnswer
from course.core.kinds.numeric import read_range
from course.core.kinds.ordering import OrderAnswer
from course.core.kinds.text import TextAnswer
from course.core.model import Question
from course.ui.app import CourseApp
from course.ui.screens.lesson import LessonScreen
from course.ui.screens.outline import OutlineScreen
from course.ui.screens.quiz import QuizScreen
from course.ui.screens.result import ResultScreen

from .helpers import answer_with_keys, build_app

SnapCompare = Callable[..., bool]
Navigate = Callable[[Pilot[None]], Awaitable[None]]

LANGUAGES = pytest.mark.parametrize("language", ["en", "de"])
SIZES = pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])

QUIZ_OF_TYPE = {
    "single": "water",
    "truefalse": "water",
    "short": "water",
    "matching": "water",
    "multiple": "steeping",
    "ordering": "steeping",
    "numeric": "steeping",
    "reflection": "steeping",
    "network-map": "steeping",
}
"""The example course's lesson whose quiz holds a question of each type."""


def course_app(pilot: Pilot[Any]) -> CourseApp:
    """The pilot's app, typed."""
    assert isinstance(pilot.app, CourseApp)
    return pilot.app


def quiz_screen(pilot: Pilot[Any]) -> QuizScreen:
    """The quiz screen the pilot is on (fails the test anywhere else)."""
    screen = pilot.app.screen
    assert isinstance(screen, QuizScreen), f"expected the quiz, got {screen!r}"
    return screen


async def steady_cursors(pilot: Pilot[Any]) -> None:
    """Stop every text cursor blinking, so the snapshot never catches it half-way."""
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False
    for area in pilot.app.screen.query(TextArea):
        area.cursor_blink = False
    await pilot.pause()


def given_answer(question: Question, right: bool) -> Answer:
    """An answer a learner could give to `question`, right or wrong (a reflection is never
    wrong), checked with the app's own grading so that a seeded quiz is what it claims."""
    kind = question.kind
    options = question.options
    given: Answer
    if kind in ("single", "multiple", "truefalse"):
        given = ChoiceAnswer(frozenset(o.index for o in options if o.correct == right))
    elif kind == "ordering":
        order = [o.index for o in options]
        given = OrderAnswer(tuple(order if right else reversed(order)))
    elif kind == "matching":
        count = len(options)
        given = MatchAnswer(
            {o.index: (o.index if right else (o.index + 1) % count) for o in options}
        )
    elif kind == "short":
        given = TextAnswer(question.right_options[0].text if right else "something else")
    elif kind == "numeric":
        span = read_range(question.right_options[0].text)
        assert span is not None
        given = TextAnswer(f"{span.value if right else span.high + 1000:g}")
    else:
        given = TextAnswer("my own thoughts")
    expected = Outcome.UNGRADED if not kind_of(question).graded else None
    expected = expected or (Outcome.RIGHT if right else Outcome.WRONG)
    assert grade(question, given).outcome is expected, question.id
    return given


def seed_answers(app: CourseApp, lesson_id: str, rights: list[bool]) -> None:
    """Answer the first questions of a lesson's quiz through the learner's study session
    (right or wrong, one flag per question), as if they had quit right after: opening the
    quiz then resumes at the next question. Faster than keys; test_quiz_flow covers keys."""
    lesson = app.text.lesson(lesson_id)
    assert lesson is not None and lesson.quiz is not None
    quiz = lesson.quiz
    study = app.study
    attempt = study.attempt(quiz)
    for right in rights:
        question = study.next_question(attempt, quiz)
        assert question is not None
        study.answer(attempt, question, given_answer(question, right))
        attempt = study.refreshed(attempt)


async def open_quiz_at(pilot: Pilot[Any], kind: str) -> QuizScreen:
    """Open the quiz that holds a `kind` question with the questions before it answered
    rightly: all but the last one through the store, the last one by keys followed by "n",
    so that the question arrives as it does for a learner going through the quiz."""
    app = course_app(pilot)
    lesson_id = QUIZ_OF_TYPE[kind]
    lesson = app.text.lesson(lesson_id)
    assert lesson is not None and lesson.quiz is not None
    before = next(n for n, q in enumerate(lesson.quiz.questions) if q.kind == kind)
    seed_answers(app, lesson_id, [True] * max(0, before - 1))
    app.open_quiz(lesson_id)
    await pilot.pause()
    if before:
        await answer_with_keys(pilot, True)
        await pilot.press("n")
        await pilot.pause()
    screen = quiz_screen(pilot)
    assert screen.question is not None
    assert screen.question.kind == kind, f"expected a {kind} question"
    assert screen.checked is None, "the question should still wait for its answer"
    return screen


def snapshot(
    snap_compare: SnapCompare,
    data_dir: Path,
    language: str,
    size: tuple[int, int],
    navigate: Navigate,
) -> bool:
    """Run the app in `language` at `size`, go where `navigate` leads, and compare."""
    app = build_app(data_dir, language=language)

    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.pause()
        await navigate(pilot)
        await steady_cursors(pilot)

    return snap_compare(app, terminal_size=size, run_before=run_before)


@LANGUAGES
@SIZES
def test_outline_lists_the_lessons_of_a_new_learner(
    snap_compare: SnapCompare, data_dir: Path, language: str, size: tuple[int, int]
) -> None:
    async def navigate(pilot: Pilot[None]) -> None:
        assert isinstance(pilot.app.screen, OutlineScreen)

    assert snapshot(snap_compare, data_dir, language, size, navigate)


@LANGUAGES
@SIZES
def test_lesson_opens_at_its_title_and_text(
    snap_compare: SnapCompare, data_dir: Path, language: str, size: tuple[int, int]
) -> None:
    async def navigate(pilot: Pilot[None]) -> None:
        course_app(pilot).open_lesson("water")
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, LessonScreen) and screen.lesson_id == "water"

    assert snapshot(snap_compare, data_dir, language, size, navigate)


@pytest.mark.parametrize("kind", list(QUIZ_OF_TYPE), ids=list(QUIZ_OF_TYPE))
@LANGUAGES
@SIZES
def test_question_waits_for_an_answer(
    snap_compare: SnapCompare,
    data_dir: Path,
    language: str,
    size: tuple[int, int],
    kind: str,
) -> None:
    async def navigate(pilot: Pilot[None]) -> None:
        await open_quiz_at(pilot, kind)

    assert snapshot(snap_compare, data_dir, language, size, navigate)


@LANGUAGES
@SIZES
def test_wrong_answer_shows_feedback_for_chosen_and_right_option(
    snap_compare: SnapCompare, data_dir: Path, language: str, size: tuple[int, int]
) -> None:
    async def navigate(pilot: Pilot[None]) -> None:
        await open_quiz_at(pilot, "single")
        await answer_with_keys(pilot, False)
        screen = quiz_screen(pilot)
        assert screen.checked is not None
        assert screen.checked[1].outcome is Outcome.WRONG

    assert snapshot(snap_compare, data_dir, language, size, navigate)


@LANGUAGES
@SIZES
def test_result_shows_score_verdict_and_review(
    snap_compare: SnapCompare, data_dir: Path, language: str, size: tuple[int, int]
) -> None:
    async def navigate(pilot: Pilot[None]) -> None:
        app = course_app(pilot)
        seed_answers(app, "water", [False, True, True])  # the first wrong, then right
        app.open_quiz("water")
        await pilot.pause()
        await answer_with_keys(pilot, True)  # the last question, then on to the result
        await pilot.press("n")
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, ResultScreen)
        outcomes = [answer.outcome for answer in screen.result.attempt.answers]
        assert outcomes == ["wrong", "right", "right", "right"]

    assert snapshot(snap_compare, data_dir, language, size, navigate)
