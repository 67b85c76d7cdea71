"""The last lesson offers no "Next": there is no lesson after it."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Button

from course.ui.screens.lesson import LessonScreen
from course.ui.widgets.key_bar import KeyBar

from .helpers import build_app


async def test_the_last_lesson_offers_no_next_lesson(data_dir: Path) -> None:
    app = build_app(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        lessons = app.text.lessons
        app.open_lesson(lessons[-2].id)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LessonScreen)
        assert screen.query_one("#next", Button).display
        assert "n" in screen.active_bindings
        await pilot.press("n")
        await pilot.pause()
        assert screen.lesson_id == lessons[-1].id
        assert not screen.query_one("#next", Button).display
        assert "n" not in screen.active_bindings
        assert "n" not in screen.query_one(KeyBar).render().plain.split()
        await pilot.press("p")
        await pilot.pause()
        assert screen.query_one("#next", Button).display
        assert "n" in screen.active_bindings
