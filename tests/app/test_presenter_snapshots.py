"""What the presenter view looks like on a projector (120×35): a slide, the notes, the
timer running, a revealed question, and the lobby with joining closed."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from pathlib import Path

import pytest
from textual.pilot import Pilot

from course.ui.screens.presenter import PresenterScreen
from course.workshop.countdown import Countdown
from course.workshop.slides import SlideKind

from .helpers import build_presenter

PROJECTOR = (120, 35)


def prepare(
    *keys: str, question: bool = False, timer: bool = False
) -> Callable[[Pilot[None]], Awaitable[None]]:
    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, PresenterScreen)
        screen.fixed_clock = datetime(2026, 5, 4, 9, 30)
        if timer:
            screen.countdown = Countdown(clock=lambda: 100.0)
            screen.countdown.set(5)
        if question:
            screen.index = next(
                i for i, s in enumerate(screen.slides) if s.kind is SlideKind.QUESTION
            )
        await pilot.pause()
        await pilot.press(*keys)
        screen.show_slide()
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("language", ["en", "de"])
@pytest.mark.parametrize(
    ("name", "keys", "question", "timer"),
    [
        ("slide", ("right",), False, False),
        ("notes", ("n",), False, False),
        ("timer", (), False, True),
        ("reveal", ("a",), True, False),
        ("lobby", ("w", "j"), False, False),
    ],
    ids=["slide", "notes", "timer", "reveal", "lobby"],
)
def test_presenter_view(
    snap_compare: Callable[..., bool],
    data_dir: Path,
    language: str,
    name: str,
    keys: tuple[str, ...],
    question: bool,
    timer: bool,
) -> None:
    app = build_presenter(data_dir, language=language)
    assert snap_compare(
        app, terminal_size=PROJECTOR, run_before=prepare(*keys, question=question, timer=timer)
    )
