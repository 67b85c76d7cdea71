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
    """Undo `collect_less` (once an app's first screen is painted)."""
    global _thresholds
    if _thresholds is not None:
        gc.set_threshold(*_thresholds)
        _thresholds = None
