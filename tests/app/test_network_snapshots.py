"""What the network workbench looks like, in both languages at 80×24 and 120×40: the
practice map as it first opens, a learner's own map of ten people, and the person dialog
with its note on why labels are initials or roles.

Regenerate after a deliberate change with `pytest tests/app/test_network_snapshots.py
--snapshot-update`, then look at the changed SVGs before committing them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from course.core.network_map import NetworkMap, parse_tags
from course.store import ProgressStore

from .test_snapshots import steady_cursors
from .workbench_helpers import bundled_app, open_workbench

SnapCompare = Callable[..., bool]
LANGUAGES = pytest.mark.parametrize("language", ["en", "de"])
SIZES = pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
COURSE = "market-is-conversation"


def ten_people() -> NetworkMap:
    """Two groups of coaches and HR people, a host who joins them, and one loner."""
    network = NetworkMap()
    keys: dict[str, str] = {}
    for label, customer, tags in [
        ("K1", True, "coach, LinkedIn, Berlin"),
        ("K2", True, "coach, LinkedIn"),
        ("K3", False, "coach, LinkedIn"),
        ("K4", False, "coach, Xing"),
        ("H1", False, "HR, association"),
        ("H2", True, "HR, association"),
        ("H3", False, "HR, association, Berlin"),
        ("H4", False, "HR, association"),
        ("Host", False, "group host, LinkedIn"),
        ("Z", False, "coach"),
    ]:
        network, person = network.with_person(label, customer, parse_tags(tags))
        keys[label] = person.key
    for first, second in [
        ("K1", "K2"), ("K2", "K3"), ("K1", "K3"), ("K3", "K4"),
        ("H1", "H2"), ("H2", "H3"), ("H1", "H3"), ("H3", "H4"),
        ("K1", "Host"), ("Host", "H1"),
    ]:  # fmt: skip
        network = network.with_tie(keys[first], keys[second], "knows")
    return network


def snapshot(
    snap_compare: SnapCompare,
    data_dir: Path,
    language: str,
    size: tuple[int, int],
    navigate: Callable[[Pilot[Any]], Awaitable[None]],
) -> bool:
    app = bundled_app(data_dir, language)

    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        await navigate(pilot)
        await pilot.pause()
        await steady_cursors(pilot)

    return snap_compare(app, terminal_size=size, run_before=run_before)


@LANGUAGES
@SIZES
def test_workbench_opens_on_the_practice_map(
    snap_compare: SnapCompare, data_dir: Path, language: str, size: tuple[int, int]
) -> None:
    async def navigate(pilot: Pilot[Any]) -> None:
        assert (await open_workbench(pilot, own=False)).practicing

    assert snapshot(snap_compare, data_dir, language, size, navigate)


@LANGUAGES
@SIZES
def test_workbench_shows_a_learners_map_of_ten_people(
    snap_compare: SnapCompare, data_dir: Path, language: str, size: tuple[int, int]
) -> None:
    with ProgressStore.open(data_dir) as store:
        store.network_maps(store.learner().id, COURSE).save(ten_people())

    async def navigate(pilot: Pilot[Any]) -> None:
        screen = await open_workbench(pilot, own=False)
        assert not screen.practicing and len(screen.own.people) == 10

    assert snapshot(snap_compare, data_dir, language, size, navigate)


@LANGUAGES
def test_person_dialog_says_why_labels_are_initials_or_roles(
    snap_compare: SnapCompare, data_dir: Path, language: str
) -> None:
    async def navigate(pilot: Pilot[Any]) -> None:
        await open_workbench(pilot)
        await pilot.press("a")

    assert snapshot(snap_compare, data_dir, language, (80, 24), navigate)


def generated(people: int, ties: int) -> NetworkMap:
    """The benchmark's kind of map (groups, most ties inside), cut to `people`."""
    from benchmarks.network_map import generated_map

    full = generated_map()
    kept = full.people[:people]
    keys = {person.key for person in kept}
    inside = tuple(tie for tie in full.ties if tie.pair <= keys)[:ties]
    return NetworkMap(kept, inside)


@pytest.mark.parametrize(
    ("people", "ties", "size"),
    [(40, 80, (80, 24)), (150, 400, (200, 50))],
    ids=["40-people-80x24", "150-people-200x50"],
)
def test_a_large_map_stays_readable(
    snap_compare: SnapCompare, data_dir: Path, people: int, ties: int, size: tuple[int, int]
) -> None:
    with ProgressStore.open(data_dir) as store:
        store.network_maps(store.learner().id, COURSE).save(generated(people, ties))

    async def navigate(pilot: Pilot[Any]) -> None:
        screen = await open_workbench(pilot, own=False)
        assert len(screen.own.people) == people

    assert snapshot(snap_compare, data_dir, "en", size, navigate)
