"""On the outline the keys move through the lessons: Tab does not take them elsewhere."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Button

from course.ui.screens.lesson import LessonScreen
from course.ui.screens.outline import OutlineScreen
from course.ui.widgets.lesson_table import LessonTable

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


async def test_the_continue_button_does_not_look_like_the_focused_one(data_dir: Path) -> None:
    app = build_app(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, OutlineScreen)
        button = app.screen.query_one("#continue", Button)
        assert isinstance(app.focused, LessonTable)
        assert button.variant != "primary"
        assert not button.focusable


async def test_c_still_continues(data_dir: Path) -> None:
    app = build_app(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, LessonScreen)
        assert app.screen.lesson_id == app.text.lessons[0].id
