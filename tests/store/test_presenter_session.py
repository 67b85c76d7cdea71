"""One presenter owns the room: a second is refused, quitting clears only what the owner
set, and a presenter that vanished (no sign of life) leaves a room a new one can take."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from course.store import ProgressStore
from course.store.classroom import Classroom


@pytest.fixture
def room(data_dir: Path) -> Iterator[Classroom]:
    with ProgressStore.open(data_dir) as store:
        yield store.classroom("course")


def occupy(room: Classroom) -> None:
    """The room as a presenter leaves it: a lesson shown, learners held, a question live."""
    room.present("party")
    room.set_locked(True)
    room.open_round("party", "party-quiz", "party-tray", seed=3)


def test_a_second_presenter_is_refused_while_the_first_runs(room: Classroom) -> None:
    assert room.claim_presenter("first") is None
    occupy(room)
    seen = room.claim_presenter("second")
    assert seen is not None
    state = room.state()
    assert state.presented_lesson == "party" and state.locked and state.live is not None


def test_only_the_owner_releases_the_room(room: Classroom) -> None:
    room.claim_presenter("first")
    occupy(room)
    assert not room.release_presenter("second")
    assert room.state().locked
    assert room.release_presenter("first")
    state = room.state()
    assert (state.presented_lesson, state.locked, state.live) == (None, False, None)


def test_a_presenter_without_a_sign_of_life_leaves_a_room_a_new_one_takes(
    room: Classroom, monkeypatch: pytest.MonkeyPatch
) -> None:
    room.claim_presenter("gone")
    occupy(room)
    monkeypatch.setattr(Classroom, "PRESENTER_STALE_SECONDS", -1.0)  # its heartbeat is old
    assert room.claim_presenter("new") is None
    state = room.state()
    assert (state.locked, state.live) == (False, None)
    assert not room.presenter_heartbeat("gone")  # it learns it lost the room
    assert room.presenter_heartbeat("new")


def test_a_store_that_never_had_a_presenter_releases_nothing(room: Classroom) -> None:
    room.set_locked(True)
    assert not room.release_presenter("anyone")
    assert not room.presenter_heartbeat("anyone")
    assert room.state().locked
