"""The presenter's language switch rebuilds its screen while its timers keep running: the
clock, the countdown and the live count must never look for a part that is being rebuilt."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from textual.message_pump import MessagePump
from textual.widgets import Static

from course.ui.screens.presenter import PresenterScreen

from .helpers import build_presenter

PROJECTOR = (120, 35)


@pytest.fixture
def fast_timers(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every repeating timer fires fifty times as often, so that a tick lands inside a
    rebuild in a few key presses rather than once in many runs."""
    original = MessagePump.set_interval

    def faster(self: MessagePump, interval: float, *args: Any, **kwargs: Any) -> Any:
        return original(self, interval / 50, *args, **kwargs)

    monkeypatch.setattr(MessagePump, "set_interval", faster)


async def test_pressing_f2_again_and_again_while_the_timers_run_never_crashes(
    data_dir: Path, fast_timers: Callable[[], None]
) -> None:
    app = build_presenter(data_dir)
    async with app.run_test(size=PROJECTOR) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PresenterScreen)
        screen.index = next(i for i, s in enumerate(screen.slides) if s.question is not None)
        await pilot.pause()
        screen.countdown.set(5)  # a running countdown, redrawn on every tick
        await pilot.press("l", "d")  # a live question with its count and bars
        for _ in range(12):
            await pilot.press("f2")
            await pilot.pause(0.02)
        await pilot.pause(0.1)
        assert app.return_code is None and app.is_running
        assert app.screen is screen and app.language == "en"


async def test_the_lobby_and_a_live_time_limit_survive_the_language_switch(
    data_dir: Path,
) -> None:
    app = build_presenter(data_dir)
    async with app.run_test(size=PROJECTOR) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PresenterScreen)
        screen.index = next(i for i, s in enumerate(screen.slides) if s.question is not None)
        await pilot.pause()
        await pilot.press("w", "L")
        await pilot.pause()
        await pilot.press("enter")  # the time limit offered: 30 seconds
        await pilot.pause()
        for _ in range(5):
            await pilot.press("f2")
            await pilot.pause(0.02)
        await pilot.pause(0.1)
        assert app.is_running and app.screen is screen and app.language == "de"
        assert screen.query_one("#lobby-panel").display
        console = Console(width=100, record=True, file=io.StringIO())
        for part in ("#lobby", "#live-countdown"):
            console.print(screen.query_one(part, Static).content)
        shown = console.export_text()
        assert "0 von 0 geantwortet" in shown and "zum Antworten" in shown
