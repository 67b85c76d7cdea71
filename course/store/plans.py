""" "My plan" in the progress store: commitments as the learner edited them, and their
follow-ups.

A commitment is first an answer to a quiz's reflection question (in `answers`); once the
learner edits it in the plan, the edited text is kept here and shown instead, until a
newer answer to the question replaces both. A follow-up is a date to come back to a
commitment; when it has come, the app asks what happened, and the answer is kept with it.
Private like reflections: never read by the class dashboard, deleted by `course reset`.
Each change is one short write transaction, committed before the call returns.
"""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from typing import TYPE_CHECKING, NamedTuple

from course.store.records import LearnerCourseRecords, format_time

if TYPE_CHECKING:
    from course.store.export_format import ExportedCommitment, ExportedFollowUp

MAX_TEXT = 8000
"""Characters of an edited commitment or a check-in answer."""


class EditedCommitment(NamedTuple):
    """A commitment as the learner last edited it in the plan."""

    question_id: str
    """The reflection question it answers."""
    text: str
    """The edited text."""
    saved_at: str
    """When it was saved (the store's time format), to compare with newer answers."""


class FollowUp(NamedTuple):
    """A date to come back to a commitment, and what the learner said then."""

    id: int
    """The row id, to answer it."""
    question_id: str
    """The reflection question whose answer is the commitment."""
    due: date
    """The day the check-in is asked for."""
    answer: str | None
    """What the learner said happened; None until they answered the check-in."""
    answered_at: str | None
    """When they answered (the store's time format)."""


class Plans(LearnerCourseRecords):
    """One learner's plan in one course; get it with `ProgressStore.plans`."""

    def commitments(self) -> dict[str, EditedCommitment]:
        """The commitments edited in the plan, by question id."""
        rows = self._store.read(
            "read the commitments of the plan",
            lambda c: c.execute(
                "SELECT question_id, text, saved_at FROM commitments "
                "WHERE learner_id = :learner AND course_id = :course",
                self._key(),
            ).fetchall(),
        )
        return {row[0]: EditedCommitment(row[0], row[1], row[2]) for row in rows}

    def save_commitment(self, question_id: str, text: str, at: datetime) -> None:
        """Keep the learner's edit of a commitment, as of `at`."""

        def save(c: sqlite3.Connection) -> None:
            c.execute(
                """
                INSERT INTO commitments (learner_id, course_id, question_id, text, saved_at)
                VALUES (:learner, :course, :question, :text, :at)
                ON CONFLICT (learner_id, course_id, question_id) DO UPDATE SET
                    text = excluded.text, saved_at = excluded.saved_at
                """,
                {
                    **self._key(),
                    "question": question_id,
                    "text": text[:MAX_TEXT],
                    "at": format_time(at),
                },
            )

        self._store.write("save a commitment of the plan", save)

    def follow_ups(self) -> list[FollowUp]:
        """Every follow-up, answered or not, oldest date first."""
        rows = self._store.read(
            "read the follow-ups of the plan",
            lambda c: c.execute(
                "SELECT id, question_id, due, answer, answered_at FROM follow_ups "
                "WHERE learner_id = :learner AND course_id = :course ORDER BY due, id",
                self._key(),
            ).fetchall(),
        )
        return [FollowUp(r[0], r[1], date.fromisoformat(r[2]), r[3], r[4]) for r in rows]

    def due_follow_ups(self, today: date) -> list[FollowUp]:
        """The follow-ups not answered yet whose day has come, oldest first."""
        return [f for f in self.follow_ups() if f.answer is None and f.due <= today]

    def set_follow_up(self, question_id: str, due: date | None, at: datetime) -> None:
        """Come back to a commitment on `due` (the open follow-up moves there, else a new
        one is added); None takes the open one away. Answered ones stay as they are."""

        def save(c: sqlite3.Connection) -> None:
            key = {**self._key(), "question": question_id}
            open_one = c.execute(
                "SELECT id FROM follow_ups WHERE learner_id = :learner AND course_id = :course "
                "AND question_id = :question AND answer IS NULL",
                key,
            ).fetchone()
            if due is None:
                if open_one is not None:
                    c.execute("DELETE FROM follow_ups WHERE id = ?", (open_one[0],))
            elif open_one is not None:
                c.execute(
                    "UPDATE follow_ups SET due = ?, set_at = ? WHERE id = ?",
                    (due.isoformat(), format_time(at), open_one[0]),
                )
            else:
                c.execute(
                    "INSERT INTO follow_ups (learner_id, course_id, question_id, due, set_at) "
                    "VALUES (:learner, :course, :question, :due, :at)",
                    {**key, "due": due.isoformat(), "at": format_time(at)},
                )

        self._store.write("save the follow-up date", save)

    def answer_follow_up(self, follow_up_id: int, answer: str, at: datetime) -> None:
        """Keep what the learner said at a check-in; the follow-up is then done."""
        self._store.write(
            "save the check-in answer",
            lambda c: c.execute(
                "UPDATE follow_ups SET answer = :answer, answered_at = :at "
                "WHERE id = :id AND learner_id = :learner AND course_id = :course",
                {
                    **self._key(),
                    "id": follow_up_id,
                    "answer": answer[:MAX_TEXT],
                    "at": format_time(at),
                },
            ),
        )


def export_plan(
    c: sqlite3.Connection, learner_id: int, course_id: str
) -> tuple[tuple[ExportedCommitment, ...], tuple[ExportedFollowUp, ...]]:
    """The plan's private records in an export (inside the export's read transaction)."""
    from course.store.export_format import ExportedCommitment, ExportedFollowUp

    key = {"learner": learner_id, "course": course_id}
    commitments = tuple(
        ExportedCommitment(*row)
        for row in c.execute(
            "SELECT question_id, text, saved_at FROM commitments "
            "WHERE learner_id = :learner AND course_id = :course ORDER BY question_id",
            key,
        )
    )
    follow_ups = tuple(
        ExportedFollowUp(*row)
        for row in c.execute(
            "SELECT question_id, due, set_at, answer, answered_at FROM follow_ups "
            "WHERE learner_id = :learner AND course_id = :course ORDER BY due, id",
            key,
        )
    )
    return commitments, follow_ups


def merge_plan(
    c: sqlite3.Connection,
    learner_id: int,
    course_id: str,
    commitments: tuple[ExportedCommitment, ...],
    follow_ups: tuple[ExportedFollowUp, ...],
) -> int:
    """Merge an imported plan (inside the import's transaction): a commitment replaces the
    one here only when it was saved later; a follow-up is matched by its question and when
    it was set, added when it is not here and answered when only the file has the answer.
    Returns how many things changed (0 when it had been imported already)."""
    changed = 0
    key = {"learner": learner_id, "course": course_id}
    for commitment in commitments:
        cursor = c.execute(
            """
            INSERT INTO commitments (learner_id, course_id, question_id, text, saved_at)
            VALUES (:learner, :course, :question, :text, :at)
            ON CONFLICT (learner_id, course_id, question_id) DO UPDATE SET
                text = excluded.text, saved_at = excluded.saved_at
            WHERE excluded.saved_at > commitments.saved_at
            """,
            {
                **key,
                "question": commitment.question_id,
                "text": commitment.text[:MAX_TEXT],
                "at": commitment.saved_at,
            },
        )
        changed += cursor.rowcount
    for follow_up in follow_ups:
        found = c.execute(
            "SELECT id, answer FROM follow_ups WHERE learner_id = :learner "
            "AND course_id = :course AND question_id = :question AND set_at = :set_at",
            {**key, "question": follow_up.question_id, "set_at": follow_up.set_at},
        ).fetchone()
        if found is None:
            c.execute(
                "INSERT INTO follow_ups (learner_id, course_id, question_id, due, answer, "
                "answered_at, set_at) VALUES (:learner, :course, :question, :due, :answer, "
                ":answered_at, :set_at)",
                {
                    **key,
                    "question": follow_up.question_id,
                    "due": follow_up.due,
                    "answer": None if follow_up.answer is None else follow_up.answer[:MAX_TEXT],
                    "answered_at": follow_up.answered_at,
                    "set_at": follow_up.set_at,
                },
            )
            changed += 1
        elif found[1] is None and follow_up.answer is not None:
            c.execute(
                "UPDATE follow_ups SET answer = ?, answered_at = ? WHERE id = ?",
                (follow_up.answer[:MAX_TEXT], follow_up.answered_at, found[0]),
            )
            changed += 1
    return changed


__all__ = ["EditedCommitment", "FollowUp", "Plans", "export_plan", "merge_plan"]
