"""My plan in the app: commitments edited and given a follow-up day, the network map's
answers shown, a check-in at the next start when a follow-up day has come, and the
desired retention chosen from the outline."""

from __future__ import annotations

import random
from datetime import date, datetime
from pathlib import Path

import pytest
from textual.widgets import Input, Static, TextArea

from course.core.grading import answer_from_json
from course.store import ProgressStore
from course.study import PlanKind, StudySession
from course.ui.screens.check_in import CheckInScreen
from course.ui.screens.outline import OutlineScreen
from course.ui.screens.plan import PlanScreen
from course.ui.screens.review_settings import ReviewSettingsScreen

from .helpers import build_app, load, settle, type_text

SIZE = (100, 40)
DAY_ONE = "2026-12-04T09:00:00+00:00"


def seed_commitment(data_dir: Path, follow_up: date | None = None) -> None:
    """The learner answered the steeping quiz's reflection question and saved answers on
    the network map; optionally a follow-up day for the commitment."""
    with ProgressStore.open(data_dir) as store:
        course = load()
        clock = lambda: datetime.fromisoformat(DAY_ONE)  # noqa: E731
        study = StudySession(course, store, store.learner(), random.Random(1), clock)
        lesson = course.text("en").lesson("steeping")
        assert lesson is not None and lesson.quiz is not None
        question = lesson.quiz.question("next-cup")
        assert question is not None
        attempt = study.attempt(lesson.quiz)
        study.answer(attempt, question, answer_from_json(question, {"text": "Buy a scale."}))
        store.network_maps(study.learner.id, course.id).save_answers({"whom": "Ana and Ben."})
        if follow_up is not None:
            study.set_follow_up("next-cup", follow_up)


async def open_plan(app: object, pilot: object) -> PlanScreen:
    from textual.pilot import Pilot

    assert isinstance(pilot, Pilot)
    await pilot.pause()
    await pilot.press("p")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, PlanScreen)
    return screen


def commitment_area(plan: PlanScreen) -> TextArea:
    return next(a for a in plan.query(TextArea) if (a.id or "").startswith("plan-commitment"))


def follow_up_field(plan: PlanScreen) -> Input:
    return plan.query(".plan-follow-input").first(Input)


def state_of(plan: PlanScreen, field: Input) -> str:
    return str(plan.query_one(f"#{field.id}-state", Static).render())


def stored_plan(data_dir: Path) -> list[tuple[PlanKind, str, tuple[tuple[date, str | None], ...]]]:
    with ProgressStore.open(data_dir) as store:
        course = load()
        study = StudySession(course, store, store.learner())
        return [
            (e.kind, e.text, tuple((f.due, f.answer) for f in e.follow_ups))
            for e in study.plan(course.text("en"))
        ]


async def test_my_plan_shows_the_network_maps_answers_and_the_commitment(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COURSE_NOW", DAY_ONE)
    seed_commitment(data_dir)
    app = build_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        plan = await open_plan(app, pilot)
        shown = " ".join(str(s.render()) for s in plan.query(Static))
        assert "Your network map" in shown
        markdown = " ".join(getattr(w, "markdown", "") for w in plan.query("MarkdownText"))
        assert "Whom would you invite?" in markdown and "Ana and Ben." in markdown
        assert commitment_area(plan).text == "Buy a scale."


async def test_a_commitment_edited_in_my_plan_is_kept(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COURSE_NOW", DAY_ONE)
    seed_commitment(data_dir)
    app = build_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        plan = await open_plan(app, pilot)
        area = commitment_area(plan)
        area.focus()
        await pilot.press("end")
        await type_text(pilot, " And a timer.")
        await pilot.press("escape")  # back to the outline, saving at once
        await settle(app, pilot)
        assert isinstance(app.screen, OutlineScreen)
    assert (PlanKind.COMMITMENT, "Buy a scale. And a timer.", ()) in stored_plan(data_dir)


async def test_a_follow_up_typed_as_a_distance_is_kept_as_the_day_it_names(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COURSE_NOW", DAY_ONE)
    seed_commitment(data_dir)
    app = build_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        plan = await open_plan(app, pilot)
        field = follow_up_field(plan)
        field.focus()
        await type_text(pilot, "in 2 weeks")
        await pilot.pause()
        assert "2026-12-18" in state_of(plan, field)
        await pilot.press("enter")
        await settle(app, pilot)
        assert field.value == "2026-12-18"
    commitment = next(e for e in stored_plan(data_dir) if e[0] is PlanKind.COMMITMENT)
    assert commitment[2] == ((date(2026, 12, 18), None),)


async def test_a_follow_up_day_that_cannot_be_taken_says_why_and_changes_nothing(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COURSE_NOW", DAY_ONE)
    seed_commitment(data_dir, follow_up=date(2026, 12, 20))
    app = build_app(data_dir, language="de")
    async with app.run_test(size=SIZE) as pilot:
        plan = await open_plan(app, pilot)
        field = follow_up_field(plan)
        assert field.value == "20.12.2026"  # as German writes a day
        field.focus()
        field.value = ""
        await type_text(pilot, "2026-11-30")
        await pilot.pause()
        assert "liegt in der Vergangenheit" in state_of(plan, field)
        assert plan.query_one(f"#{field.id}-state").has_class("plan-follow-error")
        await pilot.press("enter")
        await pilot.press("escape")
        await settle(app, pilot)
    commitment = next(e for e in stored_plan(data_dir) if e[0] is PlanKind.COMMITMENT)
    assert commitment[2] == ((date(2026, 12, 20), None),)


async def test_the_next_start_after_a_follow_up_day_asks_what_happened_and_keeps_it(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed_commitment(data_dir, follow_up=date(2026, 12, 11))
    monkeypatch.setenv("COURSE_NOW", "2026-12-10T18:00:00+00:00")
    app = build_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, OutlineScreen)  # not due yet: no question
    monkeypatch.setenv("COURSE_NOW", "2026-12-12T09:00:00+00:00")
    app = build_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        dialog = app.screen
        assert isinstance(dialog, CheckInScreen)
        assert "Buy a scale." in dialog.query_one("#check-in-plan").markdown  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")  # nothing written: not taken
        assert isinstance(app.screen, CheckInScreen)
        await type_text(pilot, "Bought one.")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, OutlineScreen)
        plan = await open_plan(app, pilot)
        checked = " ".join(w.markdown for w in plan.query(".plan-check-in"))  # type: ignore[attr-defined]
        assert "Check-in (2026-12-11):" in checked and "Bought one." in checked
    commitment = next(e for e in stored_plan(data_dir) if e[0] is PlanKind.COMMITMENT)
    assert commitment[2] == ((date(2026, 12, 11), "Bought one."),)
    app = build_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, OutlineScreen)  # answered: not asked again


async def test_a_check_in_put_off_is_asked_again_at_the_next_start(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed_commitment(data_dir, follow_up=date(2026, 12, 11))
    monkeypatch.setenv("COURSE_NOW", "2026-12-12T09:00:00+00:00")
    for _ in range(2):
        app = build_app(data_dir)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            assert isinstance(app.screen, CheckInScreen)
            await pilot.press("escape")
            await settle(app, pilot)
            assert isinstance(app.screen, OutlineScreen)
    app = build_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("escape")
        plan = await open_plan(app, pilot)
        field = follow_up_field(plan)
        # The day has passed, but it is the one kept: no complaint that it is past.
        assert field.value == "2026-12-11"
        assert "On or after 2026-12-11" in state_of(plan, field)
        assert not plan.query_one(f"#{field.id}-state").has_class("plan-follow-error")


async def test_the_desired_retention_is_chosen_in_the_app_and_kept(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COURSE_NOW", DAY_ONE)
    app = build_app(data_dir, language="de")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ReviewSettingsScreen)
        field = dialog.query_one("#retention", Input)
        assert field.value == "0,90"
        field.value = ""
        await type_text(pilot, "0,5")
        await pilot.press("enter")
        await pilot.pause()
        assert "keine Behaltensrate von 0,70 bis 0,97" in str(
            dialog.query_one("#retention-error", Static).render()
        )
        field.value = ""
        await type_text(pilot, "0,85")
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, OutlineScreen)
    with ProgressStore.open(data_dir) as store:
        assert store.reviews(store.learner().id, load().id).retention() == 0.85


async def test_the_command_palette_offers_the_review_settings(data_dir: Path) -> None:
    app = build_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Review settings: desired retention" in titles
        command = next(
            c for c in app.get_system_commands(app.screen) if "Review settings" in c.title
        )
        command.callback()
        await pilot.pause()
        assert isinstance(app.screen, ReviewSettingsScreen)


@pytest.mark.parametrize("language", ["en", "de"])
async def test_the_check_in_of_the_bundled_course_shows_its_buttons_at_80x24(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, language: str
) -> None:
    from textual.widgets import Button

    from .helpers import REPO

    with ProgressStore.open(data_dir) as store:
        course = load(REPO)
        clock = lambda: datetime.fromisoformat(DAY_ONE)  # noqa: E731
        study = StudySession(course, store, store.learner(), random.Random(1), clock)
        lesson = next(
            lesson
            for lesson in course.text(language).lessons
            if lesson.quiz and lesson.quiz.question("net-reflect")
        )
        assert lesson.quiz is not None
        question = lesson.quiz.question("net-reflect")
        assert question is not None and len(question.prompt) > 200  # a long commitment
        attempt = study.attempt(lesson.quiz)
        study.answer(attempt, question, answer_from_json(question, {"text": "Call A, C, D."}))
        study.set_follow_up("net-reflect", date(2026, 12, 6))
    monkeypatch.setenv("COURSE_NOW", "2026-12-07T09:00:00+00:00")
    app = build_app(data_dir, language=language, root=REPO)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, CheckInScreen)
        dialog = screen.query_one(".check-in")
        assert dialog.max_scroll_y == 0  # everything in view: no button below the fold
        for button in screen.query(Button):
            assert dialog.content_region.contains_region(button.region), button.id
        assert "Call A, C, D." in screen.query_one("#check-in-plan").markdown  # type: ignore[attr-defined]
