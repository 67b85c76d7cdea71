"""A screen is laid out again only when its size changes: Textual followed every newly
shown screen's first layout with two more at the same size (the screen's own and the
screens' behind it), which a class of 40 pays at once for every live question."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.screen import Screen

from course.ui.screens.help import HelpScreen
from course.ui.screens.outline import OutlineScreen
from course.ui.widgets.outline_header import OutlineHeader

from .helpers import build_app


def count_layouts(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """How often each kind of screen is laid out from now on."""
    counts: dict[str, int] = {}
    lay_out = Screen._refresh_layout

    def counting(self: Screen[Any], *args: Any, **kwargs: Any) -> None:
        name = type(self).__name__
        counts[name] = counts.get(name, 0) + 1
        lay_out(self, *args, **kwargs)

    monkeypatch.setattr(Screen, "_refresh_layout", counting)
    return counts


async def test_a_dialog_is_laid_out_once_and_the_screen_behind_it_not_again(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = build_app(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, OutlineScreen)
        counts = count_layouts(monkeypatch)
        await pilot.press("f1")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert counts.get("OutlineScreen", 0) == 0


async def test_a_terminal_that_changes_size_lays_out_the_dialog_and_the_screen_behind(
    data_dir: Path,
) -> None:
    app = build_app(data_dir)
    async with app.run_test(size=(60, 24)) as pilot:
        await pilot.pause()
        outline = app.screen
        header = outline.query_one(OutlineHeader)
        assert header.size.width == 58
        await pilot.press("f1")
        await pilot.pause()
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)

        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        await pilot.pause()

        assert help_screen.outer_size == (100, 30)
        assert header.size.width == 98  # the outline behind the dialog follows too
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is outline
        assert header.size.width == 98
