"""The workshop state shared through the store: presenter, live questions, join code, presence."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from course.core.grading import Outcome
from course.core.scoring import AttemptMode
from course.store import ProgressStore
from course.store.classroom import RoundState, SeatKind, served_session
from course.store.schema import MIGRATIONS, migrate, schema_version


@pytest.fixture
def store(data_dir: Path) -> ProgressStore:
    with ProgressStore.open(data_dir) as opened:
        yield opened


def test_a_new_room_has_no_presenter_lock_or_live_question(store: ProgressStore) -> None:
    state = store.classroom("course").state()
    assert (state.presented_lesson, state.locked, state.live) == (None, False, None)


def test_presenter_state_is_seen_by_another_process_on_the_same_file(
    store: ProgressStore, data_dir: Path
) -> None:
    store.classroom("course").present("party")
    store.classroom("course").set_locked(True)
    with ProgressStore.open(data_dir) as learner_side:
        state = learner_side.classroom("course").state()
    assert state.presented_lesson == "party" and state.locked


def test_learners_answer_a_live_question_once_and_it_counts_into_their_history(
    store: ProgressStore,
) -> None:
    room = store.classroom("course")
    live = room.open_round("party", "party-quiz", "party-tray", seed=3)
    ana, ben, cem = (store.learner(name) for name in ("ana", "ben", "cem"))
    assert room.answer_round(live.id, ana.id, "1.0", {"chosen": [1]}, "right", 1, 1)
    assert room.answer_round(live.id, ben.id, "1.0", {"chosen": [1]}, "right", 1, 1)
    assert room.answer_round(live.id, cem.id, "1.0", {"chosen": [0]}, "wrong", 0, 1)
    assert not room.answer_round(live.id, cem.id, "1.0", {"chosen": [1]}, "right", 1, 1)
    answers = room.answers(live.id)
    assert [(a.learner, a.outcome) for a in answers] == [
        ("ana", "right"),
        ("ben", "right"),
        ("cem", "wrong"),
    ]
    assert room.has_answered(live.id, ana.id)
    (attempt,) = store.attempts(cem.id, "course")
    assert attempt.mode == "live" and attempt.finished
    assert attempt.answer("party-tray") is not None
    assert attempt.answer("party-tray").outcome == "wrong"  # type: ignore[union-attr]
    assert store.best_scores(cem.id, "course") == {}  # one question is not a quiz score
    # A live answer reviews the question's card, as a quiz answer does, once the room
    # may know the result: a card due again soon would tell a wrong answer early.
    assert store.reviews(cem.id, "course").logs() == []
    room.set_round_state(live.id, RoundState.REVEALED)
    room.end_round()
    (log,) = store.reviews(cem.id, "course").logs()
    assert (log.question_id, log.rating, log.source) == ("party-tray", 1, "live")
    assert log.reviewed_at == answers[2].answered_at


def test_a_live_question_ended_without_a_reveal_reviews_its_answers_once(
    store: ProgressStore,
) -> None:
    room = store.classroom("course")
    live = room.open_round("party", "party-quiz", "party-tray", seed=3)
    ana = store.learner("ana")
    assert room.answer_round(live.id, ana.id, "1.0", {"chosen": [1]}, "right", 1, 1)
    room.open_round("party", "party-quiz", "party-hat", seed=3)  # the next one replaces it
    room.end_round()
    room.end_round()
    (log,) = store.reviews(ana.id, "course").logs()
    assert log.question_id == "party-tray" and log.rating == 3


def test_a_closed_live_question_takes_no_more_answers(store: ProgressStore) -> None:
    room = store.classroom("course")
    live = room.open_round("party", "party-quiz", "party-tray", seed=3)
    room.set_round_state(live.id, "closed")
    late = store.learner("late")
    assert not room.answer_round(live.id, late.id, "1.0", {"chosen": [1]}, "right", 1, 1)
    room.set_round_state(live.id, "revealed")
    assert room.state().live is not None and room.state().live.state == "revealed"  # type: ignore[union-attr]
    room.end_round()
    assert room.state().live is None


def test_opening_a_new_live_question_closes_the_previous_one(store: ProgressStore) -> None:
    room = store.classroom("course")
    first = room.open_round("party", "party-quiz", "q1", seed=1)
    second = room.open_round("party", "party-quiz", "q2", seed=2)
    assert room.state().live == second
    ana = store.learner("ana")
    assert not room.answer_round(first.id, ana.id, "1.0", {"chosen": [0]}, "right", 1, 1)


def test_the_join_code_is_checked_without_being_stored(
    store: ProgressStore, data_dir: Path
) -> None:
    room = store.classroom("course")
    room.set_join_code("TEA-42", max_learners=12)
    assert room.check_join_code(" tea-42 ")
    assert not room.check_join_code("TEA-43")
    assert room.state().max_learners == 12
    raw = (data_dir / ProgressStore.DB_NAME).read_bytes()
    assert b"TEA-42" not in raw


def test_presence_lists_learners_with_an_open_app(store: ProgressStore) -> None:
    room = store.classroom("course")
    ana, ben = store.learner("ana"), store.learner("ben")
    room.heartbeat("tab-1", ana.id, "party")
    room.heartbeat("tab-2", ben.id, None)
    assert room.active_learners() == {"ana": "party", "ben": None}
    room.leave("tab-2")
    assert room.active_learners() == {"ana": "party"}
    assert room.active_learners(within_seconds=-1) == {}


def test_only_apps_that_joined_through_serve_hold_a_seat(store: ProgressStore) -> None:
    room = store.classroom("course")
    ana, ben = store.learner("ana"), store.learner("ben")
    room.heartbeat(served_session("tab-1"), ana.id, None)
    room.heartbeat("terminal-1", ben.id, None)
    assert set(room.active_learners()) == {"ana", "ben"}
    assert set(room.active_learners(served_only=True)) == {"ana"}
    assert served_session(served_session("tab-1")) == served_session("tab-1")


def test_a_version_2_database_is_upgraded_with_its_progress_kept(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    path = data_dir / ProgressStore.DB_NAME
    connection = sqlite3.connect(path, isolation_level=None)
    migrate(connection, target=2)
    connection.execute(
        "INSERT INTO learners (name, created_at) VALUES ('ana', '2025-01-01T00:00:00.000Z')"
    )
    connection.close()
    with ProgressStore.open(data_dir) as store:
        assert [learner.name for learner in store.learners()] == ["ana"]
        assert store.classroom("course").state().live is None
    check = sqlite3.connect(path)
    assert schema_version(check) == len(MIGRATIONS) >= 3
    check.close()


def test_the_room_hands_out_typed_states_outcomes_modes_and_seats(store: ProgressStore) -> None:
    room = store.classroom("course")
    live = room.open_round("party", "party-quiz", "party-tray", seed=3)
    ana = store.learner("ana")
    room.answer_round(live.id, ana.id, "1.0", {"chosen": [1]}, Outcome.PARTIAL, 0.5, 1)
    room.set_round_state(live.id, RoundState.REVEALED)

    shown = room.state().live
    (answer,) = room.answers(live.id)
    (attempt,) = store.attempts(ana.id, "course")

    assert shown is not None and shown.state is RoundState.REVEALED
    assert answer.outcome is Outcome.PARTIAL and attempt.answers[0].outcome is Outcome.PARTIAL
    assert attempt.mode is AttemptMode.LIVE
    assert SeatKind.of_session(served_session("tab-1")) is SeatKind.BROWSER
    assert SeatKind.of_session("terminal-1") is SeatKind.TERMINAL
    with pytest.raises(ValueError, match="unknown round state"):
        room.set_round_state(live.id, "paused")  # type: ignore[arg-type]


def test_closing_joining_is_kept_for_the_room_and_cleared_when_the_presenter_leaves(
    store: ProgressStore,
) -> None:
    room = store.classroom("course")
    room.claim_presenter("trainer")
    assert not room.state().joining_locked
    room.set_joining_locked(True)
    assert room.state().joining_locked
    room.release_presenter("trainer")
    assert not room.state().joining_locked


def test_a_live_question_with_a_time_limit_closes_by_itself_and_refuses_late_answers(
    store: ProgressStore,
) -> None:
    room = store.classroom("course")
    live = room.open_round("lesson", "quiz", "q1", seed=3, seconds=30)
    assert live.closes_at is not None and live.state is RoundState.OPEN
    assert room.open_round("lesson", "quiz", "q2", seed=3).closes_at is None
    live = room.open_round("lesson", "quiz", "q1", seed=3, seconds=30)
    store.write(  # the time limit ran out a moment ago
        "age the round",
        lambda c: c.execute(
            "UPDATE live_rounds SET closes_at = '2000-01-01T00:00:00.000Z' WHERE id = ?",
            (live.id,),
        ),
    )
    state = room.state()
    assert state.live is not None and state.live.state is RoundState.CLOSED
    ana = store.learner("ana")
    late = room.answer_round(live.id, ana.id, "1", {"chosen": [0]}, Outcome.RIGHT, 1, 1)
    assert not late and room.answers(live.id) == []


def test_a_time_limit_must_be_a_positive_number_of_seconds(store: ProgressStore) -> None:
    room = store.classroom("course")
    for bad in (0, -5, float("nan"), float("inf")):
        with pytest.raises(ValueError):
            room.open_round("lesson", "quiz", "q1", seed=3, seconds=bad)
