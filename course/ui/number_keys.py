"""Digits typed one after another taken as one number, so that a list longer than nine
can be reached by its numbers ("1", "2" opens 12). Unlike the presenter's slide jump, no
Enter is needed: the lists are short, so a number is taken as soon as it is whole."""

from __future__ import annotations

from collections.abc import Callable

from textual.timer import Timer
from textual.widget import Widget

WAIT_SECONDS = 0.6
"""How long a number waits for a further digit before it is taken."""


class NumberKeys:
    """Collects digits for `widget` and calls `chosen` with the number they make.

    A number is taken at once when no further digit could make a number in the list
    (`count` items): with 12 items, "2" opens 2 at once, "1" waits briefly for a second
    digit. A number beyond the list, or 0, is dropped.
    """

    def __init__(
        self, widget: Widget, count: Callable[[], int], chosen: Callable[[int], None]
    ) -> None:
        self._widget = widget
        self._count = count
        self._chosen = chosen
        self._typed = 0
        self._timer: Timer | None = None

    def digit(self, digit: int) -> None:
        """A digit key was pressed."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self._typed = self._typed * 10 + digit
        count = self._count()
        if self._typed == 0 or self._typed > count:
            self._typed = 0
            return
        if self._typed * 10 > count:
            self._take()
        else:
            self._timer = self._widget.set_timer(WAIT_SECONDS, self._take)

    def _take(self) -> None:
        typed, self._typed = self._typed, 0
        self._timer = None
        if typed:
            self._chosen(typed)
