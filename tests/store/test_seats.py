"""A class learner's identity: the name and a personal PIN (a salted scrypt hash), and the
one-time seat token that carries a checked learner from `course serve` to the app."""

from __future__ import annotations

import sqlite3
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from course.store import ProgressStore, seats
from course.store.schema import migrate, schema_version
from course.store.seats import Joined, JoinRefusal


def joined(outcome: Joined | JoinRefusal) -> Joined:
    assert isinstance(outcome, Joined), outcome
    return outcome


def test_the_first_join_sets_the_pin_and_keeps_only_a_salted_hash(
    store: ProgressStore, data_dir: Path
) -> None:
    first = joined(seats.join(store, "Priya", "4711"))
    assert first.new_pin and first.learner.name == "Priya"
    assert seats.has_pin(store, "Priya")
    store.close()
    raw = (data_dir / ProgressStore.DB_NAME).read_bytes()
    assert b"4711" not in raw


def test_the_same_name_needs_the_same_pin(store: ProgressStore) -> None:
    first = joined(seats.join(store, "Priya", "4711"))
    again = joined(seats.join(store, " priya ", "4711"))  # case and spaces are one name
    assert again.learner.id == first.learner.id and not again.new_pin
    assert seats.join(store, "Priya", "4712") is JoinRefusal.WRONG_PIN
    assert seats.join(store, "PRIYA", "0000") is JoinRefusal.WRONG_PIN


def test_two_learners_may_choose_the_same_pin(store: ProgressStore) -> None:
    priya = joined(seats.join(store, "Priya", "1234"))
    dora = joined(seats.join(store, "Dora", "1234"))
    assert priya.learner.id != dora.learner.id


@pytest.mark.parametrize("pin", ["", "123", "123456789", "12a4", "１２３４", "12 34"])
def test_a_pin_is_four_to_eight_plain_digits(store: ProgressStore, pin: str) -> None:
    assert seats.join(store, "Priya", pin) is JoinRefusal.BAD_PIN
    assert store.find_learner("Priya") is None  # nothing made for a refused join


def test_an_unusable_name_is_refused(store: ProgressStore) -> None:
    assert seats.join(store, "   ", "1234") is JoinRefusal.BAD_NAME
    assert seats.join(store, "a\x07b", "1234") is JoinRefusal.BAD_NAME


def test_simultaneous_first_joins_under_one_name_set_one_pin(data_dir: Path) -> None:
    ProgressStore.open(data_dir).close()

    def attempt(pin: str) -> Joined | JoinRefusal:
        with ProgressStore.open(data_dir) as own:
            return seats.join(own, "Priya", pin)

    with ThreadPoolExecutor(max_workers=2) as pool:
        outcomes = list(pool.map(attempt, ["1111", "2222"]))
    assert sorted(isinstance(o, Joined) for o in outcomes) == [False, True]
    assert JoinRefusal.WRONG_PIN in outcomes


def test_a_reset_pin_is_set_anew_by_the_next_join(store: ProgressStore) -> None:
    joined(seats.join(store, "Priya", "4711"))
    seats.reset_pin(store, "priya")
    assert not seats.has_pin(store, "Priya")
    assert joined(seats.join(store, "Priya", "9999")).new_pin
    assert seats.join(store, "Priya", "4711") is JoinRefusal.WRONG_PIN


def test_resetting_the_pin_of_nobody_says_so(store: ProgressStore) -> None:
    with pytest.raises(seats.StoreError, match="no profile"):
        seats.reset_pin(store, "Nobody")


def test_a_removed_learner_takes_their_pin_along(store: ProgressStore) -> None:
    joined(seats.join(store, "Priya", "4711"))
    store.delete_learner("Priya")
    assert joined(seats.join(store, "Priya", "1234")).new_pin


def test_a_session_key_holds_until_the_pin_is_reset_or_the_learner_removed(
    store: ProgressStore,
) -> None:
    first = joined(seats.join(store, "Ana", "1234"))
    assert seats.session_key(store, first.learner.id) == first.key
    assert joined(seats.join(store, "ana", "1234")).key == first.key  # the same PIN
    assert seats.reset_pin(store, "Ana")
    assert seats.session_key(store, first.learner.id) is None
    again = joined(seats.join(store, "Ana", "1234"))  # even the same PIN again
    assert again.key != first.key
    seats.remove_learner(store, "Ana")
    assert seats.session_key(store, first.learner.id) is None
    # A new learner may get the same id: the key is theirs, not the removed one's.
    newcomer = joined(seats.join(store, "Ben", "1234"))
    assert newcomer.key not in (first.key, again.key)
    assert seats.session_key(store, newcomer.learner.id) == newcomer.key


def test_a_heartbeat_says_when_its_learner_was_removed(store: ProgressStore) -> None:
    learner = store.learner("Cleo")
    room = store.classroom("example")
    assert room.heartbeat("tab-1", learner.id, None)
    store.delete_learner("Cleo")
    assert not room.heartbeat("tab-1", learner.id, None)
    assert room.active_learners() == {}


def test_a_seat_token_opens_its_learner_once(store: ProgressStore) -> None:
    priya = joined(seats.join(store, "Priya", "4711")).learner
    token = seats.issue_seat(store, priya.id, "example")
    found = seats.redeem_seat(store, token, "example")
    assert found is not None and found.id == priya.id
    assert seats.redeem_seat(store, token, "example") is None


def test_a_seat_token_of_another_course_a_guess_or_a_late_one_opens_nobody(
    store: ProgressStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    priya = joined(seats.join(store, "Priya", "4711")).learner
    other = seats.issue_seat(store, priya.id, "other-course")
    assert seats.redeem_seat(store, other, "example") is None
    assert seats.redeem_seat(store, "guessed", "example") is None
    monkeypatch.setattr(seats, "SEAT_SECONDS", -1.0)
    late = seats.issue_seat(store, priya.id, "example")
    assert seats.redeem_seat(store, late, "example") is None


def test_only_a_hash_of_a_seat_token_is_stored(store: ProgressStore, data_dir: Path) -> None:
    priya = joined(seats.join(store, "Priya", "4711")).learner
    token = seats.issue_seat(store, priya.id, "example")
    store.close()
    connection = sqlite3.connect(data_dir / ProgressStore.DB_NAME)
    try:
        stored = [row[0] for row in connection.execute("SELECT token_hash FROM seat_tokens")]
    finally:
        connection.close()
    assert stored and token not in stored


def test_a_version_7_database_gains_pins_and_seats_and_keeps_its_learners(
    data_dir: Path,
) -> None:
    data_dir.mkdir()
    old = sqlite3.connect(data_dir / ProgressStore.DB_NAME, isolation_level=None)
    assert migrate(old, target=7) == 0
    old.execute("INSERT INTO learners (id, name, created_at) VALUES (1, 'Anna', '2025-01-01')")
    old.close()
    with ProgressStore.open(data_dir) as store:
        anna = joined(seats.join(store, "anna", "2468"))
        assert anna.learner.id == 1 and anna.new_pin  # an old profile sets its PIN at once
    check = sqlite3.connect(data_dir / ProgressStore.DB_NAME)
    try:
        assert schema_version(check) >= 8
    finally:
        check.close()


def test_with_joining_closed_a_newcomer_is_refused_and_no_profile_is_made(
    store: ProgressStore,
) -> None:
    refused = seats.join(store, "Olu", "1234", newcomers=False)
    assert refused is JoinRefusal.JOINING_CLOSED
    assert store.find_learner("Olu") is None


def test_with_joining_closed_a_learner_who_joined_before_gets_back_in_with_their_pin(
    store: ProgressStore,
) -> None:
    first = joined(seats.join(store, "Priya", "4711"))
    again = joined(seats.join(store, "priya", "4711", newcomers=False))
    assert again.learner.id == first.learner.id
    assert seats.join(store, "Priya", "0000", newcomers=False) is JoinRefusal.WRONG_PIN


def test_with_joining_closed_a_profile_without_a_pin_cannot_be_claimed(
    store: ProgressStore,
) -> None:
    store.learner("Trainer")  # a profile that never joined through the class page
    refused = seats.join(store, "Trainer", "1234", newcomers=False)
    assert refused is JoinRefusal.JOINING_CLOSED
    assert not seats.has_pin(store, "Trainer")
