"""An anonymous live question: the room's answers are counted, and nothing in the store
ties one of them to a learner."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from course.store import ProgressStore
from course.store.classroom import ANONYMOUS
from course.store.schema import SCHEMA_VERSION, migrate


def rows_of_round(data_dir: Path, round_id: int) -> dict[str, list[sqlite3.Row]]:
    """Every row the store keeps about a live round, by table (read as another process)."""
    with sqlite3.connect(data_dir / "progress.sqlite3") as check:
        check.row_factory = sqlite3.Row
        return {
            "live_rounds": check.execute(
                "SELECT * FROM live_rounds WHERE id = ?", (round_id,)
            ).fetchall(),
            "anonymous_answers": check.execute(
                "SELECT * FROM anonymous_answers WHERE live_round_id = ?", (round_id,)
            ).fetchall(),
            "attempts": check.execute(
                "SELECT * FROM attempts WHERE live_round_id = ?", (round_id,)
            ).fetchall(),
        }


def test_an_anonymous_round_counts_answers_and_stores_no_name_or_profile_id(
    store: ProgressStore, data_dir: Path
) -> None:
    room = store.classroom("course")
    live = room.open_round("water", "water-quiz", "green-tea-taste", seed=3, anonymous=True)
    assert live.anonymous
    learners = [store.learner(name) for name in ("ana", "ben", "cem")]
    for learner, text in zip(learners, ("Bitter", "bitter!", "sweet"), strict=True):
        outcome = "wrong" if text == "sweet" else "right"
        assert room.answer_round(live.id, learner.id, "1.0", {"text": text}, outcome, 1, 1)

    answers = room.answers(live.id)
    assert [(a.learner, a.answer["text"], a.outcome) for a in answers] == [
        (ANONYMOUS, "Bitter", "right"),
        (ANONYMOUS, "bitter!", "right"),
        (ANONYMOUS, "sweet", "wrong"),
    ]
    rows = rows_of_round(data_dir, live.id)
    assert rows["attempts"] == []
    assert len(rows["anonymous_answers"]) == 3
    for table in ("live_rounds", "anonymous_answers"):
        for row in rows[table]:
            # A Row iterates over its values: its column names come from keys().
            assert not any("learner" in column for column in row.keys()), table  # noqa: SIM118
            values = [str(value) for value in tuple(row)]
            for learner in learners:
                assert not any(learner.name in value for value in values), (table, values)
    assert [tuple(row)[2:] for row in rows["anonymous_answers"]] == [
        ('{"text": "Bitter"}', "right"),
        ('{"text": "bitter!"}', "right"),
        ('{"text": "sweet"}', "wrong"),
    ]


def test_an_anonymous_answer_counts_toward_nobodys_progress_or_review(
    store: ProgressStore,
) -> None:
    room = store.classroom("course")
    live = room.open_round("water", "water-quiz", "green-tea-taste", seed=3, anonymous=True)
    ana = store.learner("ana")
    assert room.answer_round(live.id, ana.id, "1.0", {"text": "bitter"}, "right", 1, 1)
    assert store.attempts(ana.id, "course") == []
    assert store.reviews(ana.id, "course").logs() == []
    assert not room.has_answered(live.id, ana.id)  # the store cannot tell who answered


def test_a_closed_anonymous_round_takes_no_more_answers(store: ProgressStore) -> None:
    room = store.classroom("course")
    live = room.open_round("water", "water-quiz", "green-tea-taste", seed=3, anonymous=True)
    room.set_round_state(live.id, "closed")
    ana = store.learner("ana")
    assert not room.answer_round(live.id, ana.id, "1.0", {"text": "bitter"}, "right", 1, 1)
    assert room.answers(live.id) == []


def test_a_named_round_is_not_anonymous_and_keeps_names(store: ProgressStore) -> None:
    room = store.classroom("course")
    live = room.open_round("water", "water-quiz", "green-tea-taste", seed=3)
    ana = store.learner("ana")
    assert room.answer_round(live.id, ana.id, "1.0", {"text": "bitter"}, "right", 1, 1)
    assert not room.state().live.anonymous  # type: ignore[union-attr]
    assert [a.learner for a in room.answers(live.id)] == ["ana"]


def test_rounds_from_before_anonymous_mode_read_as_named(data_dir: Path) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    old = sqlite3.connect(data_dir / "progress.sqlite3")
    migrate(old, target=SCHEMA_VERSION - 1)
    old.execute(
        "INSERT INTO live_rounds (course_id, lesson_id, quiz_id, question_id, seed, state, "
        "opened_at) VALUES ('course', 'water', 'water-quiz', 'q', 1, 'open', "
        "'2026-01-01T00:00:00Z')"
    )
    old.execute(
        "INSERT INTO workshop (course_id, live_round_id, updated_at) VALUES "
        "('course', 1, '2026-01-01T00:00:00Z')"
    )
    old.commit()
    old.close()
    with ProgressStore.open(data_dir) as store:
        live = store.classroom("course").state().live
    assert live is not None and not live.anonymous
