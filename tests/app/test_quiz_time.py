"""Time spent in a quiz counts as time spent in its lesson, as reading it does."""

from __future__ import annotations

from pathlib import Path

import pytest

from course.study import MAX_STRETCH_SECONDS
from course.ui.app import CourseApp
from course.ui.screens import quiz as quiz_screen
from course.ui.screens.quiz import QuizScreen
from course.ui.screens.result import ResultScreen

from .helpers import answer_with_keys, build_app, settle

SIZE = (100, 40)


class Clock:
    """A monotonic clock the test moves on."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def seconds_in(app: CourseApp, lesson_id: str) -> float:
    study = app.study
    assert study is not None
    rows = app.storage.run(study.store.lessons, study.learner.id, study.course.id)
    return rows[lesson_id].seconds if lesson_id in rows else 0.0


async def test_minutes_in_a_quiz_count_as_time_in_its_lesson(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = Clock()
    monkeypatch.setattr(quiz_screen, "monotonic", clock)
    app = build_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        app.open_quiz("water")
        await pilot.pause()
        while isinstance(app.screen, QuizScreen):
            clock.now += 120
            await answer_with_keys(pilot, True)
            await pilot.press("n")
            await pilot.pause()
        assert isinstance(app.screen, ResultScreen)
        await settle(app, pilot)
        questions = len(app.screen.result.attempt.answers)
        assert seconds_in(app, "water") == pytest.approx(120 * questions)


async def test_a_quiz_left_open_counts_one_stretch_at_most(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = Clock()
    monkeypatch.setattr(quiz_screen, "monotonic", clock)
    app = build_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        app.open_quiz("water")
        await pilot.pause()
        clock.now += 10 * 60 * 60
        await pilot.press("escape")
        await settle(app, pilot)
        assert seconds_in(app, "water") == pytest.approx(MAX_STRETCH_SECONDS)
