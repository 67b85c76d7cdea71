"""What spaced review looks like at 80×24 in both languages: the outline with questions
due, a question of the review, and the session's end."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from textual.pilot import Pilot

from course.ui.screens.check_in import CheckInScreen
from course.ui.screens.mastery import MasteryScreen
from course.ui.screens.outline import OutlineScreen
from course.ui.screens.plan import PlanScreen
from course.ui.screens.review import ReviewScreen
from course.ui.screens.review_settings import ReviewSettingsScreen

from .helpers import answer_with_keys, settle
from .test_snapshots import LANGUAGES, SnapCompare, course_app, seed_answers, snapshot

DAY_ONE = datetime(2026, 12, 4, 9, 0, tzinfo=UTC)
DAY_TWO = datetime(2026, 12, 5, 9, 30, tzinfo=UTC)
SMALL = (80, 24)


async def two_due(pilot: Pilot[None]) -> None:
    """Two mistakes in the water quiz yesterday; today the outline again."""
    app = course_app(pilot)
    assert app.study is not None
    app.study.clock = lambda: DAY_ONE
    seed_answers(app, "water", [False, False, True, True])
    app.study.clock = lambda: DAY_TWO
    screen = app.screen
    assert isinstance(screen, OutlineScreen)
    screen.refresh_progress()
    await pilot.pause()


@LANGUAGES
def test_outline_says_how_many_questions_are_due(
    snap_compare: SnapCompare, data_dir: Path, language: str
) -> None:
    async def navigate(pilot: Pilot[None]) -> None:
        await two_due(pilot)
        assert isinstance(pilot.app.screen, OutlineScreen) and pilot.app.screen.due == 2

    assert snapshot(snap_compare, data_dir, language, SMALL, navigate)


@LANGUAGES
def test_review_asks_a_due_question(
    snap_compare: SnapCompare, data_dir: Path, language: str
) -> None:
    async def navigate(pilot: Pilot[None]) -> None:
        await two_due(pilot)
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ReviewScreen)

    assert snapshot(snap_compare, data_dir, language, SMALL, navigate)


@LANGUAGES
def test_review_ends_with_what_held_and_what_needs_work(
    snap_compare: SnapCompare, data_dir: Path, language: str
) -> None:
    async def navigate(pilot: Pilot[None]) -> None:
        await two_due(pilot)
        await pilot.press("r")
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, ReviewScreen)
        for right in (True, False):
            await answer_with_keys(pilot, right)
            await pilot.press("n")
            await pilot.pause()
        assert screen.question is None

    assert snapshot(snap_compare, data_dir, language, SMALL, navigate)


@LANGUAGES
def test_mastery_shows_each_objective_with_the_questions_behind_it(
    snap_compare: SnapCompare, data_dir: Path, language: str
) -> None:
    async def navigate(pilot: Pilot[None]) -> None:
        await two_due(pilot)
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(pilot.app.screen, MasteryScreen)

    assert snapshot(snap_compare, data_dir, language, SMALL, navigate)


@LANGUAGES
def test_my_plan_shows_every_reflection_written_so_far(
    snap_compare: SnapCompare, data_dir: Path, language: str
) -> None:
    async def navigate(pilot: Pilot[None]) -> None:
        app = course_app(pilot)
        assert app.study is not None
        app.study.save_reflection("water", "Soft water from now on.", "s1")
        app.study.save_reflection("steeping", "A timer on the kettle.", "s2")
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(pilot.app.screen, PlanScreen)

    assert snapshot(snap_compare, data_dir, language, SMALL, navigate)


@LANGUAGES
def test_my_plan_shows_a_commitment_with_its_check_in_and_follow_up(
    snap_compare: SnapCompare, data_dir: Path, language: str
) -> None:
    async def navigate(pilot: Pilot[None]) -> None:
        from course.core.grading import answer_from_json

        app = course_app(pilot)
        study = app.study
        assert study is not None
        study.clock = lambda: DAY_ONE
        lesson = app.text.lesson("steeping")
        assert lesson is not None and lesson.quiz is not None
        question = lesson.quiz.question("next-cup")
        assert question is not None
        attempt = study.attempt(lesson.quiz)
        study.answer(attempt, question, answer_from_json(question, {"text": "Buy a scale."}))
        study.set_follow_up("next-cup", date(2026, 12, 4))
        (done,) = study.plans.follow_ups()
        study.answer_check_in(done.id, "Bought one; the tea is steadier.")
        study.set_follow_up("next-cup", date(2026, 12, 20))
        await pilot.press("p")
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, PlanScreen)
        await pilot.pause()  # laid out: the page knows how far it scrolls
        screen.query_one("#plan-scroll").scroll_end(animate=False, immediate=True)
        await pilot.pause()

    assert snapshot(snap_compare, data_dir, language, SMALL, navigate)


@LANGUAGES
def test_a_finished_course_says_so_on_the_outline(
    snap_compare: SnapCompare, data_dir: Path, language: str
) -> None:
    async def navigate(pilot: Pilot[None]) -> None:
        app = course_app(pilot)
        study = app.study
        assert study is not None
        study.clock = lambda: DAY_ONE
        seed_answers(app, "water", [False, False, True, True])
        for lesson_id in ("water", "steeping"):
            study.open_lesson(lesson_id)
            study.complete_lesson(lesson_id)
        study.clock = lambda: DAY_TWO
        screen = app.screen
        assert isinstance(screen, OutlineScreen)
        screen.refresh_progress()
        await pilot.pause()

    assert snapshot(snap_compare, data_dir, language, SMALL, navigate)


@LANGUAGES
def test_a_start_after_a_follow_up_day_asks_what_happened(
    snap_compare: SnapCompare, data_dir: Path, language: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from .test_my_plan import seed_commitment

    seed_commitment(data_dir, follow_up=date(2026, 12, 11))
    monkeypatch.setenv("COURSE_NOW", "2026-12-12T09:00:00+00:00")

    async def navigate(pilot: Pilot[None]) -> None:
        await settle(course_app(pilot), pilot)
        assert isinstance(pilot.app.screen, CheckInScreen)

    assert snapshot(snap_compare, data_dir, language, SMALL, navigate)


@LANGUAGES
def test_the_review_settings_show_the_desired_retention(
    snap_compare: SnapCompare, data_dir: Path, language: str
) -> None:
    async def navigate(pilot: Pilot[None]) -> None:
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ReviewSettingsScreen)

    assert snapshot(snap_compare, data_dir, language, SMALL, navigate)
