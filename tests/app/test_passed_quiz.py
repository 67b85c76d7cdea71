"""Opening a quiz already passed says so before a new attempt, and offers the results."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Button

from course.ui.app import CourseApp
from course.ui.screens.dialogs import PassedQuizScreen
from course.ui.screens.lesson import LessonScreen
from course.ui.screens.quiz import QuizScreen
from course.ui.screens.result import ResultScreen

from .helpers import build_app
from .test_snapshots import given_answer

SIZE = (100, 40)
LESSON = "water"


def pass_quiz(app: CourseApp) -> int:
    """Answer every question of the lesson's quiz rightly and finish it (in the store
    thread); the number of attempts then."""
    lesson = app.text.lesson(LESSON)
    study = app.study
    assert lesson is not None and lesson.quiz is not None and study is not None
    quiz = lesson.quiz

    def passed() -> int:
        attempt = study.attempt(quiz)
        for question in quiz.questions:
            study.answer(attempt, question, given_answer(question, True))
        assert study.finish(study.refreshed(attempt), app.text).passed
        return len(study.store.attempts(study.learner.id, study.course.id, quiz.id))

    return app.storage.run(passed)


def attempts(app: CourseApp) -> int:
    study = app.study
    assert study is not None
    return len(app.storage.run(study.store.attempts, study.learner.id, study.course.id))


async def press_s_in_the_lesson(app: CourseApp, pilot: Pilot[None]) -> PassedQuizScreen:
    app.open_lesson(LESSON)
    await pilot.pause()
    assert isinstance(app.screen, LessonScreen)
    await pilot.press("s")
    await pilot.pause()
    dialog = app.screen
    assert isinstance(dialog, PassedQuizScreen)
    return dialog


async def test_s_on_a_passed_quiz_asks_before_a_new_attempt(data_dir: Path) -> None:
    app = build_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        before = pass_quiz(app)
        dialog = await press_s_in_the_lesson(app, pilot)
        assert attempts(app) == before
        await pilot.click(dialog.query_one("#cancel", Button))
        await pilot.pause()
        assert isinstance(app.screen, LessonScreen)
        assert attempts(app) == before


async def test_a_passed_quiz_offers_its_results(data_dir: Path) -> None:
    app = build_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        before = pass_quiz(app)
        await press_s_in_the_lesson(app, pilot)
        await pilot.press("enter")  # "See results" has the focus
        await pilot.pause()
        assert isinstance(app.screen, ResultScreen)
        assert app.screen.result.passed
        assert attempts(app) == before


async def test_a_new_attempt_at_a_passed_quiz_once_confirmed(data_dir: Path) -> None:
    app = build_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        before = pass_quiz(app)
        dialog = await press_s_in_the_lesson(app, pilot)
        await pilot.click(dialog.query_one("#again", Button))
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen)
        assert attempts(app) == before + 1
