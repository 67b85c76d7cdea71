"""The cycle collector while an app starts: less often until the first paint, and the
objects made meanwhile moved to the oldest generation without a walk over them."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator
from typing import Any

import pytest

from course.core import gc_pause


class Node:
    """An object the collector tracks."""

    def __init__(self) -> None:
        self.other: Node | None = None


@pytest.fixture
def collections() -> Iterator[list[int]]:
    """The generations of the collections that run during the test."""
    seen: list[int] = []
    gc_pause.collect_as_before()  # importing the interface (another test) collects less

    def note(phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            seen.append(info["generation"])

    before = gc.get_threshold()
    gc.callbacks.append(note)
    try:
        yield seen
    finally:
        gc.callbacks.remove(note)
        gc_pause.collect_as_before()
        gc.set_threshold(*before)


def test_the_collector_runs_less_often_until_the_start_is_over(
    collections: list[int],
) -> None:
    threshold = gc.get_threshold()
    gc_pause.collect_less()
    assert gc.get_threshold()[0] == max(gc_pause.START_THRESHOLD, threshold[0])
    kept = [Node() for _ in range(5_000)]
    assert collections == []
    gc_pause.collect_as_before()
    assert gc.get_threshold() == threshold
    assert kept


def test_what_the_start_made_goes_to_the_oldest_generation_without_a_collection(
    collections: list[int],
) -> None:
    gc_pause.collect_less()
    kept = [Node() for _ in range(5_000)]
    assert gc.get_count()[0] >= 5_000
    gc_pause.collect_as_before()
    assert collections == []  # no walk over the 5,000 right after the first paint
    assert gc.get_count()[0] < len(kept)  # (another thread may have made a few since)
    assert gc.get_freeze_count() == 0  # nothing stays frozen
    oldest = {id(found) for found in gc.get_objects(generation=2)}
    assert all(id(node) in oldest for node in kept)


def test_garbage_made_during_the_start_is_still_collected_later(
    collections: list[int],
) -> None:
    gc_pause.collect_less()
    first, second = Node(), Node()
    first.other, second.other = second, first  # a cycle, garbage once dropped
    watched = weakref.ref(first)
    del first, second
    gc_pause.collect_as_before()
    assert watched() is not None
    gc.collect()
    assert watched() is None


def test_objects_frozen_by_the_process_stay_frozen(collections: list[int]) -> None:
    # A learner app forked by `course serve` shares its frozen objects with the others.
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        gc_pause.collect_less()
        made = [Node() for _ in range(1_000)]
        gc_pause.collect_as_before()
        # Still frozen (gc.unfreeze would leave none), and nothing of the 1,000 added (a
        # frozen object that is freed leaves the count, so it may have gone down).
        assert 0 < gc.get_freeze_count() <= frozen
        assert made
    finally:
        gc.unfreeze()
