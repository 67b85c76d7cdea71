"""The trainer's hand on the class in the dashboard (`course class`): reset a learner's PIN
(`p`) and remove a learner from the class (`x`), each after a confirmation; a removed
learner's open app closes."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable

from course.core.model import Course
from course.store import ProgressStore, seats
from course.ui.dashboard import ClassDashboardApp
from course.ui.screens.dialogs import ConfirmScreen

from .classdata import COURSE_ID
from .test_dashboard import make_dashboard, names, poll

SIZE = (120, 35)


def give_pins(data_dir: Path, *learners: str) -> None:
    """Learners who joined in a browser: each has a PIN (from another connection)."""
    with ProgressStore.open(data_dir) as other:
        for name in learners:
            assert isinstance(seats.join(other, name, "2468"), seats.Joined)


async def choose(app: ClassDashboardApp, pilot: Pilot[None], name: str) -> None:
    """Put the learners' cursor on `name`."""
    table = app.query_one("#learners", DataTable)
    table.focus()
    table.move_cursor(row=names(app).index(name))
    await pilot.pause()


async def answer(app: ClassDashboardApp, pilot: Pilot[None], yes: bool) -> None:
    """Answer the open confirmation, then wait for what follows to be done and shown."""
    assert isinstance(app.screen, ConfirmScreen)
    await pilot.click("#yes" if yes else "#no")
    await pilot.pause()
    await asyncio.to_thread(app.storage.drain)
    await poll(app, pilot)


def has_pin(data_dir: Path, name: str) -> bool:
    with ProgressStore.open(data_dir) as other:
        return seats.has_pin(other, name)


@pytest.mark.parametrize("language", ["en", "de"])
async def test_p_asks_then_resets_the_pin_of_the_learner_under_the_cursor(
    class_dir: Path, store: ProgressStore, course: Course, language: str
) -> None:
    give_pins(class_dir, "ana", "ben")
    app = make_dashboard(store, course, language)
    async with app.run_test(size=SIZE) as pilot:
        await choose(app, pilot, "ben")
        await pilot.press("p")
        assert isinstance(app.screen, ConfirmScreen)
        assert app.screen.question == app.t("dashboard.reset_pin_question", name="ben")
        await answer(app, pilot, yes=False)
        assert has_pin(class_dir, "ben")

        await pilot.press("p")
        await answer(app, pilot, yes=True)
        assert not has_pin(class_dir, "ben") and has_pin(class_dir, "ana")
        assert names(app) == ["ana", "ben", "cleo"]  # the progress stays
        with ProgressStore.open(class_dir) as other:  # the next join sets a new PIN
            joined = seats.join(other, "ben", "1357")
            assert isinstance(joined, seats.Joined) and joined.new_pin


@pytest.mark.parametrize("language", ["en", "de"])
async def test_x_asks_then_removes_the_learner_under_the_cursor_from_the_class(
    class_dir: Path, store: ProgressStore, course: Course, language: str
) -> None:
    give_pins(class_dir, "cleo")
    app = make_dashboard(store, course, language)
    async with app.run_test(size=SIZE) as pilot:
        await choose(app, pilot, "cleo")
        await pilot.press("x")
        assert isinstance(app.screen, ConfirmScreen)
        assert app.screen.question == app.t("dashboard.remove_question", name="cleo")
        await pilot.press("escape")  # as "Cancel"
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmScreen)
        assert names(app) == ["ana", "ben", "cleo"]

        await pilot.press("x")
        await answer(app, pilot, yes=True)
        assert names(app) == ["ana", "ben"]
    with ProgressStore.open(class_dir) as other:
        assert other.find_learner("cleo") is None
        assert not seats.has_pin(other, "cleo")


async def test_the_confirmation_starts_on_cancel_so_enter_does_nothing_rash(
    class_dir: Path, store: ProgressStore, course: Course
) -> None:
    app = make_dashboard(store, course)
    async with app.run_test(size=SIZE) as pilot:
        await choose(app, pilot, "ana")
        await pilot.press("x")
        await pilot.press("enter")
        await pilot.pause()
        await asyncio.to_thread(app.storage.drain)
        await poll(app, pilot)
        assert names(app) == ["ana", "ben", "cleo"]


async def test_a_removed_learners_open_app_closes_at_its_next_sign_of_life(
    class_dir: Path, store: ProgressStore, course: Course
) -> None:
    from tests.app.helpers import build_app, settle

    learner = build_app(class_dir, profile="ben")
    async with learner.run_test(size=(100, 30)) as pilot:
        await settle(learner, pilot)
        assert learner.room_watcher is not None
        assert learner.is_running
        seats.remove_learner(store, "ben")  # as the dashboard does, in another process
        learner.room_watcher.beat_every = 0  # its next sign of life is due now
        await asyncio.to_thread(learner.room_watcher.check, True)
        await pilot.pause()
        await pilot.pause()
    assert learner.return_code == 1
    assert learner.store.classroom(COURSE_ID).active_learners() == {}
