"""The exercise countdown of the presenter view: set, start, pause, reset; no UI import.

Time comes from a clock passed in, so tests need not wait for it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Countdown:
    """A countdown of a set number of minutes."""

    clock: Callable[[], float] = time.monotonic
    """Seconds from an arbitrary start; `time.monotonic` unless a test injects one."""
    total: float = 0.0
    """The set length in seconds; 0 when no timer is set."""
    _left_at_pause: float = field(default=0.0, init=False)
    _started: float | None = field(default=None, init=False)

    def set(self, minutes: float) -> None:
        """Set the length and start counting down."""
        self.total = max(0.0, minutes * 60)
        self._left_at_pause = self.total
        self._started = self.clock()

    @property
    def is_set(self) -> bool:
        """Whether a timer was set (running, paused or at zero)."""
        return self.total > 0

    @property
    def running(self) -> bool:
        """Whether it is counting down now."""
        return self._started is not None and self.remaining() > 0

    def remaining(self) -> float:
        """Seconds left, never below 0."""
        if self._started is None:
            return self._left_at_pause
        return max(0.0, self._left_at_pause - (self.clock() - self._started))

    @property
    def finished(self) -> bool:
        """Whether a set timer has reached zero."""
        return self.is_set and self.remaining() <= 0

    def follow(self, total: float, left: float, started: float | None) -> None:
        """Take over a countdown of another process: `total` seconds set, `left` of them
        left at `started` (a time of this countdown's clock), or paused when None."""
        self.total = max(0.0, total)
        self._left_at_pause = max(0.0, left)
        self._started = started

    def toggle(self) -> None:
        """Pause a running timer, or start a paused one again."""
        if self._started is None:
            if self.is_set and self._left_at_pause > 0:
                self._started = self.clock()
        else:
            self._left_at_pause = self.remaining()
            self._started = None

    def reset(self) -> None:
        """Back to the full set length, paused."""
        self._left_at_pause = self.total
        self._started = None

    def clear(self) -> None:
        """No timer."""
        self.total = 0.0
        self._left_at_pause = 0.0
        self._started = None

    def shown(self) -> str:
        """Time left as m:ss."""
        left = round(self.remaining())
        return f"{left // 60}:{left % 60:02d}"
