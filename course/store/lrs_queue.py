"""The queue of xAPI statements that `course serve --lrs` forwards, in the progress store.

Triggers of the schema (migration 14) add one row per statement to `lrs_queue` in the
same transaction as the work itself (an answer, an attempt begun or finished, a lesson
opened or completed, a reflection), whichever process writes it, once the course has a
row in `lrs_forwarding`. So an answer is never on disk without its place in the queue,
and a server that dies or an LRS that is down loses nothing. A row says what happened,
not the statement: the statement is made from the stored work when it is sent, by the
same rules as `course export --format xapi`, so that its privacy is decided by the one
who sends it. The forwarder records here how it goes, for `course class` to show.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from course.store.progress import ProgressStore
from course.store.records import utc_now


@dataclass(frozen=True)
class PendingLearner:
    """A learner with statements in the queue."""

    learner_id: int
    """Their row id."""
    name: str
    """Their profile name (whose history the statements are made from)."""
    up_to: int
    """The newest queue row of theirs when it was read: what a send covers."""


@dataclass(frozen=True)
class ForwardingStatus:
    """How forwarding a course's statements to an LRS goes, as the forwarder left it."""

    endpoint: str
    """The LRS's xAPI address."""
    waiting: int
    """Statements in the queue, not yet stored by the LRS."""
    last_sent_at: str | None
    """When the LRS last stored statements from us (store time, UTC); None if never."""
    unreachable_since: str | None
    """Since when the LRS cannot be reached or fails (5xx); None while it answers."""
    problem: str | None
    """The last failure in the LRS's words, or why forwarding stopped."""
    stopped: bool
    """Whether forwarding stopped because the LRS refused (4xx): it needs the trainer."""


class LrsQueue:
    """The forwarding state and statement queue of one course in a store."""

    def __init__(self, store: ProgressStore, course_id: str) -> None:
        self.store = store
        self.course_id = course_id

    def forward_to(self, endpoint: str, include_private: bool = False) -> None:
        """Begin (or go on) queueing the course's work for the LRS at `endpoint`, private
        work (reflections) only with `include_private`; a forwarding stopped before starts
        again with a clean slate of problems."""
        now = utc_now()
        self.store.write(
            "start forwarding to the LRS",
            lambda c: c.execute(
                """
                INSERT INTO lrs_forwarding (course_id, endpoint, started_at, include_private,
                                            updated_at)
                VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (course_id) DO UPDATE SET
                    endpoint = excluded.endpoint, started_at = excluded.started_at,
                    include_private = excluded.include_private,
                    unreachable_since = NULL, problem = NULL, stopped = 0,
                    updated_at = excluded.updated_at
                """,
                (self.course_id, endpoint, now, int(include_private), now),
            ),
        )

    def pending(self) -> list[PendingLearner]:
        """The learners with queued statements, each with their newest queue row."""
        rows = self.store.read(
            "read the LRS queue",
            lambda c: c.execute(
                """
                SELECT q.learner_id, l.name, max(q.id) FROM lrs_queue AS q
                JOIN learners AS l ON l.id = q.learner_id
                WHERE q.course_id = ? GROUP BY q.learner_id ORDER BY min(q.id)
                """,
                (self.course_id,),
            ).fetchall(),
        )
        return [PendingLearner(int(row[0]), str(row[1]), int(row[2])) for row in rows]

    def everyone(self) -> list[PendingLearner]:
        """Every learner of the store, as if all had statements queued: a forwarder's
        first round sends whatever the LRS lacks, queued or from before forwarding."""
        rows = self.store.read(
            "read the learners",
            lambda c: c.execute(
                """
                SELECT l.id, l.name, coalesce(
                    (SELECT max(id) FROM lrs_queue WHERE learner_id = l.id AND course_id = ?), 0
                ) FROM learners AS l ORDER BY l.id
                """,
                (self.course_id,),
            ).fetchall(),
        )
        return [PendingLearner(int(row[0]), str(row[1]), int(row[2])) for row in rows]

    def sent(self, endpoint: str, statement_ids: Mapping[int, Sequence[str]]) -> None:
        """Remember that the LRS stored these statements (learner id to statement ids),
        and when: one transaction, committed before this returns."""
        now = utc_now()

        def write(c: sqlite3.Connection) -> None:
            c.executemany(
                "INSERT OR IGNORE INTO lrs_sent (learner_id, endpoint, statement_id, sent_at) "
                "SELECT id, ?, ?, ? FROM learners WHERE id = ?",
                [
                    (endpoint, statement_id, now, learner_id)
                    for learner_id, ids in statement_ids.items()
                    for statement_id in ids
                ],
            )
            c.execute(
                "UPDATE lrs_forwarding SET last_sent_at = ?, unreachable_since = NULL, "
                "problem = NULL, updated_at = ? WHERE course_id = ?",
                (now, now, self.course_id),
            )

        self.store.write("remember what was sent to the LRS", write)

    def done(self, learners: Sequence[PendingLearner]) -> None:
        """Take the rows that these learners' sends covered out of the queue."""
        self.store.write(
            "empty the LRS queue",
            lambda c: c.executemany(
                "DELETE FROM lrs_queue WHERE course_id = ? AND learner_id = ? AND id <= ?",
                [(self.course_id, learner.learner_id, learner.up_to) for learner in learners],
            ),
        )

    def unreachable(self, since: str, problem: str) -> None:
        """Note that the LRS cannot be reached (or fails) since `since`, and why."""
        self._note("unreachable_since = ?, problem = ?", (since, problem))

    def refused(self, problem: str) -> None:
        """Note that the LRS refused and forwarding stopped, and why."""
        self._note("stopped = 1, problem = ?", (problem,))

    def _note(self, assignments: str, values: tuple[object, ...]) -> None:
        now = utc_now()
        self.store.write(
            "note how forwarding to the LRS goes",
            lambda c: c.execute(
                f"UPDATE lrs_forwarding SET {assignments}, updated_at = ? WHERE course_id = ?",
                (*values, now, self.course_id),
            ),
        )

    def waiting(self) -> int:
        """How many statements wait in the queue."""
        return self.store.read(
            "count the LRS queue",
            lambda c: int(
                c.execute(
                    "SELECT count(*) FROM lrs_queue WHERE course_id = ?", (self.course_id,)
                ).fetchone()[0]
            ),
        )

    def status(self) -> ForwardingStatus | None:
        """How forwarding goes; None when the course was never forwarded."""

        def read(c: sqlite3.Connection) -> ForwardingStatus | None:
            row = c.execute(
                "SELECT endpoint, last_sent_at, unreachable_since, problem, stopped "
                "FROM lrs_forwarding WHERE course_id = ?",
                (self.course_id,),
            ).fetchone()
            if row is None:
                return None
            waiting = c.execute(
                "SELECT count(*) FROM lrs_queue WHERE course_id = ?", (self.course_id,)
            ).fetchone()[0]
            return ForwardingStatus(row[0], int(waiting), row[1], row[2], row[3], bool(row[4]))

        return self.store.read("read how forwarding to the LRS goes", read)
