"""The presenter's wall clock and exercise countdown: each redraws itself on its own timer.

The timer belongs to the widget it redraws, so it stops when that widget goes: when the
language switch rebuilds the presenter screen, no tick can look for a clock that is being
replaced (a screen-wide timer did, and crashed the presenter on F2).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import datetime

from textual.message import Message
from textual.widgets import Static

from course.workshop.countdown import Countdown

CLOCK_SECONDS = 0.5
"""How often the clocks redraw: the countdown shows seconds."""


class WallClock(Static):
    """The time of day, hours and minutes."""

    def __init__(self, now: Callable[[], datetime], *, id: str | None = None) -> None:
        """`now` gives the time to show (a fixed one for screenshots)."""
        super().__init__("", id=id)
        self.now = now

    def on_mount(self) -> None:
        self.show_time()
        self.set_interval(CLOCK_SECONDS, self.show_time)

    def show_time(self) -> None:
        """Draw the time now."""
        self.update(self.now().strftime("%H:%M"))


class CountdownLabel(Static):
    """The exercise timer: hidden until set, "time is up" once it ran out."""

    class Finished(Message):
        """The countdown reached zero (posted on every redraw while it stays there)."""

    def __init__(
        self, countdown: Callable[[], Countdown], time_up: Callable[[], str], *, id: str
    ) -> None:
        """`countdown` gives the screen's current timer, `time_up` its words for zero."""
        super().__init__("", id=id)
        self.countdown = countdown
        self.time_up = time_up

    def on_mount(self) -> None:
        self.show_time()
        self.set_interval(CLOCK_SECONDS, self.show_time)

    def show_time(self) -> None:
        """Draw the time left now."""
        countdown = self.countdown()
        self.display = countdown.is_set
        if not countdown.is_set:
            return
        if countdown.finished:
            self.update(f"⏰ {self.time_up()}")
            self.set_class(True, "time-up")
            self.post_message(self.Finished())
        else:
            paused = "" if countdown.running else " ⏸"
            self.update(f"⏱ {countdown.shown()}{paused}")
            self.set_class(False, "time-up")


class LiveCountdownLabel(Static):
    """The time left to answer a live question with a time limit: on the projector and on
    every learner's screen alike, counting down to the moment the store keeps (the
    round's `closes_at`). Hidden when the question has no time limit."""

    class Finished(Message):
        """The time limit ran out (posted on every redraw while it stays at zero)."""

    def __init__(
        self,
        seconds_left: Callable[[], float | None],
        words: Callable[[int], str],
        *,
        id: str,
    ) -> None:
        """`seconds_left` gives the time left now (None: no time limit); `words` the
        words for that many whole seconds left (0: the answers are closed)."""
        super().__init__("", id=id)
        self.seconds_left = seconds_left
        self.words = words

    def on_mount(self) -> None:
        self.show_time()
        self.set_interval(CLOCK_SECONDS, self.show_time)

    def show_time(self) -> None:
        """Draw the time left now."""
        left = self.seconds_left()
        self.display = left is not None
        if left is None:
            return
        whole = math.ceil(left)
        self.update(self.words(whole))
        self.set_class(whole <= 0, "time-up")
        if whole <= 0:
            self.post_message(self.Finished())


def minutes_and_seconds(seconds: int) -> str:
    """`seconds` as m:ss."""
    seconds = max(0, seconds)
    return f"{seconds // 60}:{seconds % 60:02d}"
