"""Driving the network workbench of the bundled course with the keyboard."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input

from course.core.network_map import NetworkMap
from course.ui.app import CourseApp
from course.ui.screens.network_map import NetworkMapScreen

from .helpers import build_app, type_text

REPO = Path(__file__).resolve().parents[2]
LESSON = "network-exercise"
"""Lesson 6 of the bundled course, the one with the network-map exercise."""


def bundled_app(data_dir: Path, language: str = "en") -> CourseApp:
    """The app on the bundled course (which has the workbench), in a test's data folder."""
    return build_app(data_dir, language=language, root=REPO)


def workbench(pilot: Pilot[None]) -> NetworkMapScreen:
    """The workbench the pilot is on (fails the test anywhere else)."""
    screen = pilot.app.screen
    assert isinstance(screen, NetworkMapScreen), f"expected the workbench, got {screen!r}"
    return screen


def stored_map(app: CourseApp) -> NetworkMap | None:
    """The learner's map as the store has it."""
    return app.store.network_maps(app.study.learner.id, app.course.id).current()


async def open_workbench(pilot: Pilot[None], own: bool = True) -> NetworkMapScreen:
    """Open the workbench from lesson 6 with its key, and switch to the learner's own map."""
    app = pilot.app
    assert isinstance(app, CourseApp)
    app.open_lesson(LESSON)
    await pilot.pause()
    await pilot.press("w")
    await pilot.pause()
    screen = workbench(pilot)
    if own and screen.practicing:
        await pilot.press("m")
        await pilot.pause()
    return screen


async def add_person(
    pilot: Pilot[None], label: str, customer: bool = False, tags: str = ""
) -> None:
    """Add a person by keys: a, the label, Tab, (Space), Tab, the tags, Enter."""
    await pilot.press("a")
    await pilot.pause()
    await type_text(pilot, label)
    await pilot.press("tab")
    if customer:
        await pilot.press("space")
    await pilot.press("tab")
    await type_text(pilot, tags)
    await pilot.press("enter")
    await pilot.pause()


async def add_tie(pilot: Pilot[None], first: str, second: str, kind: str = "") -> None:
    """Connect two people by keys: t, both labels, the kind, Enter."""
    await pilot.press("t")
    await pilot.pause()
    dialog = pilot.app.screen
    first_field = dialog.query_one("#tie-first", Input)
    first_field.value = ""
    first_field.focus()
    await type_text(pilot, first)
    dialog.query_one("#tie-second", Input).focus()
    await type_text(pilot, second)
    dialog.query_one("#tie-kind", Input).focus()
    await type_text(pilot, kind)
    await pilot.press("enter")
    await pilot.pause()
