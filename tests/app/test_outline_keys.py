"""On the outline the keys move through the lessons: Tab does not take them elsewhere."""

from __future__ import annotations

from pathlib import Path

from course.ui.screens.lesson import LessonScreen
from course.ui.screens.outline import OutlineScreen
from course.ui.widgets.lesson_table import LessonTable
from course.ui.widgets.outline_header import OutlineHeader

from .helpers import build_app


async def test_after_tab_the_arrows_and_enter_open_the_highlighted_lesson(
    data_dir: Path,
) -> None:
    app = build_app(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        lessons = app.text.lessons
        assert len(lessons) >= 2
        await pilot.press("tab", *["down"] * (len(lessons) - 1), "enter")
        await pilot.pause()
        assert isinstance(app.screen, LessonScreen)
        assert app.screen.lesson_id == lessons[-1].id


async def test_the_continue_button_does_not_take_the_focus(data_dir: Path) -> None:
    app = build_app(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, OutlineScreen)
        assert isinstance(app.focused, LessonTable)
        # The button is drawn by the header, in the default (not the focused) look.
        header = app.screen.query_one(OutlineHeader)
        assert not header.focusable
        await pilot.press("tab")
        assert isinstance(app.focused, LessonTable)  # nothing else to focus


async def test_c_still_continues(data_dir: Path) -> None:
    app = build_app(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, LessonScreen)
        assert app.screen.lesson_id == app.text.lessons[0].id
