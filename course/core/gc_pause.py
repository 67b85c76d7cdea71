"""Pausing Python's cycle collector around work that makes many objects and no cycles."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cycle collector for the block; it runs again right after.

    Parsing a course or rendering a long lesson makes hundreds of thousands of small objects
    and no reference cycles, yet the collector walks the young ones (or the app's whole
    heap) again every few hundred allocations. Measured with and without it, alternating
    in one process on 2026-12-04: the 200-section lesson of `benchmarks/run.py` (figure 3)
    was on screen in 1.44 s against 1.88 s (median of 6 each; faster in every pair), and
    parsing the course of `benchmarks/validate_500.py` took 1.97 s against 2.12 s.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


START_THRESHOLD = 200_000
"""Allocations between two collections of the youngest generation while an app starts
(Python's default is 700)."""

_thresholds: tuple[int, int, int] | None = None
"""The collector's thresholds before `collect_less`, until `collect_as_before`."""


def collect_less() -> None:
    """Let the cycle collector run far less often until `collect_as_before`.

    For an app's start: importing Textual and the interface makes some hundred thousand
    objects that all live as long as the process, and the collector walked them again and
    again, about 50 M of the start's 1.3 G instructions (measured on 2026-12-04). It still
    runs now and then, so that a process that never calls `collect_as_before` (one that
    imports the interface without starting an app) cannot pile up garbage without end.
    """
    global _thresholds
    if _thresholds is None:
        _thresholds = gc.get_threshold()
        gc.set_threshold(max(START_THRESHOLD, _thresholds[0]), *_thresholds[1:])


def collect_as_before() -> None:
    """Undo `collect_less` (once an app's first screen is painted).

    What was made meanwhile is moved to the oldest generation as it is (`gc.freeze`, then
    `gc.unfreeze`), without the walk over it that the youngest generation's next
    collection would make: some 200,000 objects at an app's start, about 20 M
    instructions and, with its cache misses, up to 19 ms (measured on 2026-12-04), which
    came right after the first paint, while the learner waited for the app to answer.
    Nearly all of them live as long as the app; what is garbage among them goes at the
    next full collection, like any other old object.

    Not in a process that has frozen objects of its own (a learner app forked by `course
    serve`, see `course.ui.forkserver`): `gc.unfreeze` would let the collector walk, and so
    copy, the pages it shares with the other apps. There the collector only runs as before.
    """
    global _thresholds
    if _thresholds is not None:
        if not gc.get_freeze_count():
            gc.freeze()
            gc.unfreeze()
        gc.set_threshold(*_thresholds)
        _thresholds = None
