"""The workshop's shared state in the progress store: what the trainer presents, the live
question for the room, the join code of `course serve`, and which learners are here.

Every app of the room opens the same database file, so this table is how the presenter's
process talks to the learners' processes: the presenter writes, the learners poll (cheaply:
`ProgressStore.data_version` tells them when anything changed). Plain `sqlite3`, no UI.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import math
import secrets
import sqlite3
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any

from course.core.review import rating_for
from course.core.scoring import AttemptMode, LiveCount, Outcome, live_count
from course.store.progress import ProgressStore
from course.store.records import OUTCOMES, format_time, utc_now
from course.store.reviews import ReviewSource, add_review


class SeatKind(StrEnum):
    """Where a learner app runs: in a browser of `course serve` (a seat, counted against
    the learner limit) or in a terminal on the same data folder (no seat)."""

    BROWSER = "served"
    TERMINAL = "terminal"

    @classmethod
    def of_session(cls, session: str) -> SeatKind:
        """The kind of a learner app by its session id (see `served_session`)."""
        return cls.BROWSER if session.startswith(SERVED_SESSION_PREFIX) else cls.TERMINAL


SERVED_SESSION_PREFIX = f"{SeatKind.BROWSER}-"
"""The start of the session id of a learner app that joined through `course serve` (a
browser seat). The learner limit counts only these: a learner app opened in a terminal on
the same data folder takes no seat. The kind lives in the id, which each app chooses for
itself, because the presence table has no column for it."""


class RoundState(StrEnum):
    """A live question is open for answers, closed (no more answers), or revealed (the
    right answer is shown to everyone); the values are what the store keeps."""

    OPEN = "open"
    CLOSED = "closed"
    REVEALED = "revealed"


ROUND_STATES = tuple(RoundState)
"""Every state of a live question."""


@dataclass(frozen=True)
class LiveRound:
    """One question the trainer opened for the whole room."""

    id: int
    """The row id; learners' live attempts point to it."""
    course_id: str
    """The course."""
    lesson_id: str
    """The lesson whose quiz holds the question."""
    quiz_id: str
    """The quiz."""
    question_id: str
    """The question."""
    seed: int
    """The shuffle seed: every learner sees the options in the same order as the projector."""
    state: RoundState
    """Open, closed or revealed."""
    opened_at: str
    """When the trainer opened it."""
    anonymous: bool = False
    """Whether its answers are kept without names (`Classroom.answer_round`): the room
    sees counts only, and the answers count toward nobody's progress."""
    closes_at: str | None = None
    """When answers close by themselves (its time limit ran out), in the store's format;
    None when it has no time limit. Every learner's screen counts down to this moment."""

    def seconds_left(self, now: datetime) -> float | None:
        """Seconds until the time limit closes answers (0 once it has); None without one."""
        if self.closes_at is None:
            return None
        closes = datetime.fromisoformat(self.closes_at)
        return max(0.0, (closes - now).total_seconds())


@dataclass(frozen=True)
class WorkshopState:
    """What the presenter has set for the room."""

    presented_lesson: str | None
    """The lesson on the projector, if the presenter is running."""
    locked: bool
    """Whether learners are held to the presented lesson."""
    live: LiveRound | None
    """The live question, if one is open, closed or revealed and not ended."""
    max_learners: int | None
    """The learner limit of `course serve`, if it set one."""
    joining_locked: bool = False
    """Whether the trainer closed joining: newcomers are refused, learners who joined
    before still come back in (with their name, and their PIN in a browser)."""


@dataclass(frozen=True)
class LiveAnswer:
    """One learner's answer to a live question."""

    learner: str
    """The learner's profile name; empty in an anonymous round (`ANONYMOUS`)."""
    answer: dict[str, Any]
    """The answer as JSON data (see `course.core.grading`)."""
    outcome: Outcome
    """How it was judged."""
    answered_at: str
    """When it was given."""


ANONYMOUS = ""
"""The `LiveAnswer.learner` of an answer to an anonymous round: nobody's."""


def _hash_code(code: str, salt: str) -> str:
    return hashlib.pbkdf2_hmac(
        "sha256", code.strip().upper().encode(), salt.encode(), 100_000
    ).hex()


class Classroom:
    """The workshop state of one course in one progress store."""

    def __init__(self, store: ProgressStore, course_id: str) -> None:
        self.store = store
        self.course_id = course_id

    def _ensure_row(self, c: sqlite3.Connection) -> None:
        c.execute(
            "INSERT OR IGNORE INTO workshop (course_id, updated_at) VALUES (?, ?)",
            (self.course_id, utc_now()),
        )

    def _update(self, what: str, sql: str, values: tuple[Any, ...]) -> None:
        def work(c: sqlite3.Connection) -> None:
            self._ensure_row(c)
            c.execute(sql, (*values, utc_now(), self.course_id))

        self.store.write(what, work)

    # The presenter ----------------------------------------------------------------------

    def state(self) -> WorkshopState:
        """The current state; all defaults when no presenter or server ever ran.

        When the presenter that set the hold and the live question has given no sign of
        life for `PRESENTER_STALE_SECONDS` (killed, its laptop asleep), they are void: the
        learners go back to their own pace instead of waiting for a trainer who is gone.
        """
        since = format_time(datetime.now(UTC) - timedelta(seconds=self.PRESENTER_STALE_SECONDS))

        def read(c: sqlite3.Connection) -> WorkshopState:
            row = c.execute(
                "SELECT presented_lesson, locked, live_round_id, max_learners, joining_locked "
                "FROM workshop WHERE course_id = ?",
                (self.course_id,),
            ).fetchone()
            if row is None:
                return WorkshopState(None, False, None, None)
            presenter = c.execute(
                "SELECT seen_at FROM presenter_sessions WHERE course_id = ?", (self.course_id,)
            ).fetchone()
            if presenter is not None and presenter[0] < since:
                return WorkshopState(row[0], False, None, row[3])
            live = _round(c, row[2]) if row[2] is not None else None
            return WorkshopState(row[0], bool(row[1]), live, row[3], bool(row[4]))

        return self.store.read("read the workshop state", read)

    def present(self, lesson_id: str | None) -> None:
        """Tell the room which lesson is on the projector (None: the presenter stopped)."""
        self._update(
            "save the presented lesson",
            "UPDATE workshop SET presented_lesson = ?, updated_at = ? WHERE course_id = ?",
            (lesson_id,),
        )

    def set_locked(self, locked: bool) -> None:
        """Hold learners to the presented lesson, or release them to their own pace."""
        self._update(
            "save the lesson lock",
            "UPDATE workshop SET locked = ?, updated_at = ? WHERE course_id = ?",
            (int(locked),),
        )

    def set_joining_locked(self, locked: bool) -> None:
        """Close joining to newcomers (learners who joined before still get in), or open
        it again. Like the hold, it lasts while the presenter that set it runs."""
        self._update(
            "save whether joining is closed",
            "UPDATE workshop SET joining_locked = ?, updated_at = ? WHERE course_id = ?",
            (int(locked),),
        )

    # Live questions ---------------------------------------------------------------------

    def open_round(
        self,
        lesson_id: str,
        quiz_id: str,
        question_id: str,
        seed: int,
        seconds: float | None = None,
        *,
        anonymous: bool = False,
    ) -> LiveRound:
        """Open a question for the room; a round still open is closed first. With
        `seconds`, answers close by themselves that many seconds from now (a time limit
        to think in; no answer scores more for being quick). An `anonymous` round keeps
        its answers without names (see `answer_round`)."""
        moment = datetime.now(UTC)
        now = format_time(moment)
        closes_at = None
        if seconds is not None:
            if not (math.isfinite(seconds) and seconds > 0):
                raise ValueError("a time limit is a positive number of seconds")
            closes_at = format_time(moment + timedelta(seconds=seconds))

        def work(c: sqlite3.Connection) -> LiveRound:
            self._ensure_row(c)
            self._review_shown_round(c)
            c.execute(
                "UPDATE live_rounds SET state = 'closed', closed_at = ? "
                "WHERE course_id = ? AND state = 'open'",
                (now, self.course_id),
            )
            cursor = c.execute(
                "INSERT INTO live_rounds (course_id, lesson_id, quiz_id, question_id, seed, "
                "state, opened_at, anonymous, closes_at) VALUES (?, ?, ?, ?, ?, 'open', ?, ?, ?)",
                (
                    self.course_id,
                    lesson_id,
                    quiz_id,
                    question_id,
                    int(seed),
                    now,
                    int(anonymous),
                    closes_at,
                ),
            )
            round_id = cursor.lastrowid
            assert round_id is not None
            c.execute(
                "UPDATE workshop SET live_round_id = ?, updated_at = ? WHERE course_id = ?",
                (round_id, now, self.course_id),
            )
            live = _round(c, round_id)
            assert live is not None
            return live

        return self.store.write(f"open question {question_id!r} for the room", work)

    def set_round_state(self, round_id: int, state: RoundState) -> None:
        """Close a round to answers, or reveal its right answer to everyone."""
        if state not in ROUND_STATES:
            raise ValueError(f"unknown round state {state!r}")
        state = RoundState(state)
        column = {
            RoundState.OPEN: None,
            RoundState.CLOSED: "closed_at",
            RoundState.REVEALED: "revealed_at",
        }[state]

        def work(c: sqlite3.Connection) -> None:
            if state is RoundState.REVEALED:
                _review_round(c, round_id)
            stamp = f", {column} = COALESCE({column}, ?)" if column else ""
            values: tuple[Any, ...] = (
                (state.value, utc_now(), round_id) if column else (state.value, round_id)
            )
            c.execute(f"UPDATE live_rounds SET state = ?{stamp} WHERE id = ?", values)
            c.execute(
                "UPDATE workshop SET updated_at = ? WHERE course_id = ?",
                (utc_now(), self.course_id),
            )

        self.store.write(f"mark the live question {state}", work)

    def end_round(self) -> None:
        """Take the live question off the learners' screens (its answers stay)."""

        self.store.write("end the live question", self._end_round)

    def answers(self, round_id: int) -> list[LiveAnswer]:
        """Every learner's answer to a live question, first come first (in an anonymous
        round without names or times: `ANONYMOUS`, "")."""

        def read(c: sqlite3.Connection) -> list[LiveAnswer]:
            rows = c.execute(
                "SELECT l.name, an.answer, an.outcome, an.answered_at FROM attempts at "
                "JOIN answers an ON an.attempt_id = at.id JOIN learners l ON l.id = at.learner_id "
                "WHERE at.live_round_id = ? ORDER BY an.answered_at",
                (round_id,),
            ).fetchall()
            rows += c.execute(
                "SELECT ?, answer, outcome, '' FROM anonymous_answers WHERE live_round_id = ? "
                "ORDER BY id",
                (ANONYMOUS, round_id),
            ).fetchall()
            return [LiveAnswer(r[0], json.loads(r[1]), Outcome(r[2]), r[3]) for r in rows]

        return self.store.read("read the answers to the live question", read)

    def unrevealed_attempts(self, learner_id: int) -> frozenset[int]:
        """The learner's live attempts whose result the room has not been told yet: their
        round is still on the screens and not revealed. Their answers review no card until
        then (`_review_round`), and they should not show on the learner's own screens
        (mastery) either."""

        def read(c: sqlite3.Connection) -> frozenset[int]:
            rows = c.execute(
                "SELECT at.id FROM attempts at JOIN live_rounds r ON r.id = at.live_round_id "
                "JOIN workshop w ON w.course_id = r.course_id AND w.live_round_id = r.id "
                "WHERE at.learner_id = ? AND r.course_id = ? AND r.state != 'revealed'",
                (learner_id, self.course_id),
            ).fetchall()
            return frozenset(row[0] for row in rows)

        return self.store.read("find the live answers not revealed yet", read)

    def anonymous_live_counts(self) -> dict[str, LiveCount]:
        """Per question, the answers given in the course's anonymous live rounds, which
        belong to no learner (learners' live answers are their attempts of mode `live`)."""

        def read(c: sqlite3.Connection) -> dict[str, LiveCount]:
            rows = c.execute(
                "SELECT r.question_id, a.outcome FROM anonymous_answers a "
                "JOIN live_rounds r ON r.id = a.live_round_id WHERE r.course_id = ? "
                "ORDER BY a.id",
                (self.course_id,),
            ).fetchall()
            counts: dict[str, LiveCount] = {}
            for question_id, outcome in rows:
                known = counts.get(question_id, LiveCount())
                counts[question_id] = known + live_count((Outcome(outcome),))
            return counts

        return self.store.read("count the answers to anonymous live questions", read)

    def has_answered(self, round_id: int, learner_id: int) -> bool:
        """Whether this learner has answered the live question."""

        def read(c: sqlite3.Connection) -> bool:
            row = c.execute(
                "SELECT 1 FROM attempts WHERE live_round_id = ? AND learner_id = ?",
                (round_id, learner_id),
            ).fetchone()
            return row is not None

        return self.store.read("check for an answer to the live question", read)

    def answer_round(
        self,
        round_id: int,
        learner_id: int,
        course_version: str,
        answer: Mapping[str, Any],
        outcome: Outcome,
        points: float,
        max_points: float,
        at: datetime | None = None,
    ) -> bool:
        """Keep a learner's answer to a live question as a finished one-question attempt
        (so it counts into their progress). False, and nothing written, when the round is
        no longer open (its time limit ran out, say) or the learner has answered it
        already.

        In an anonymous round only the answer and its outcome are kept, apart from every
        learner (`learner_id` is not written anywhere): it counts in the room's tally but
        toward nobody's progress or review, and the store cannot tell who answered, so
        answering once is the learner app's to keep (`LiveQuestionScreen`).

        `at` is when it was answered, on the learner's course clock (`COURSE_NOW`, as the
        study session's other answers and reviews); now when not given."""
        if outcome not in OUTCOMES or not (math.isfinite(points) and math.isfinite(max_points)):
            raise ValueError("a live answer needs a known outcome and finite points")
        encoded = json.dumps(dict(answer), ensure_ascii=False, sort_keys=True)

        def work(c: sqlite3.Connection) -> bool:
            live = _round(c, round_id)
            if live is None or live.state is not RoundState.OPEN:
                return False
            if live.anonymous:
                c.execute(
                    "INSERT INTO anonymous_answers (live_round_id, answer, outcome) "
                    "VALUES (?, ?, ?)",
                    (round_id, encoded, Outcome(outcome).value),
                )
                return True
            now = utc_now() if at is None else format_time(at)
            cursor = c.execute(
                "INSERT OR IGNORE INTO attempts (uid, learner_id, course_id, course_version, "
                "quiz_id, lesson_id, question_order, seed, mode, started_at, finished_at, "
                "live_round_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    str(uuid.uuid4()),
                    learner_id,
                    live.course_id,
                    course_version,
                    live.quiz_id,
                    live.lesson_id,
                    json.dumps([live.question_id]),
                    live.seed,
                    AttemptMode.LIVE.value,
                    now,
                    now,
                    round_id,
                ),
            )
            if cursor.rowcount == 0:
                return False
            # Its review of the question's card waits for the reveal (`_review_round`): a
            # card due again a minute after a wrong answer would tell the learner before
            # the trainer tells the room.
            c.execute(
                "INSERT INTO answers (uid, attempt_id, learner_id, question_id, answer, outcome, "
                "points, max_points, answered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    str(uuid.uuid4()),
                    cursor.lastrowid,
                    learner_id,
                    live.question_id,
                    encoded,
                    Outcome(outcome).value,
                    float(points),
                    float(max_points),
                    now,
                ),
            )
            return True

        return self.store.write("save the answer to the live question", work)

    # Joining through `course serve` ------------------------------------------------------

    def set_join_code(self, code: str, max_learners: int) -> None:
        """Keep a salted hash of the join code (never the code) and the learner limit."""
        salt = secrets.token_hex(16)
        self._update(
            "save the join code",
            "UPDATE workshop SET join_code_hash = ?, join_code_salt = ?, max_learners = ?, "
            "updated_at = ? WHERE course_id = ?",
            (_hash_code(code, salt), salt, int(max_learners)),
        )

    def check_join_code(self, code: str) -> bool:
        """Whether `code` is the join code (case and surrounding spaces ignored)."""

        def read(c: sqlite3.Connection) -> tuple[str, str] | None:
            row = c.execute(
                "SELECT join_code_hash, join_code_salt FROM workshop WHERE course_id = ?",
                (self.course_id,),
            ).fetchone()
            return (row[0], row[1]) if row and row[0] else None

        stored = self.store.read("read the join code", read)
        if stored is None:
            return False
        return hmac.compare_digest(stored[0], _hash_code(code, stored[1]))

    # Who is here ------------------------------------------------------------------------

    def heartbeat(self, session: str, learner_id: int, lesson_id: str | None) -> bool:
        """An app process says it is open for a learner (and which lesson it shows).
        False when the learner is no longer in the store (the trainer removed them from
        the class): the app is to close."""

        def work(c: sqlite3.Connection) -> bool:
            if c.execute("SELECT 1 FROM learners WHERE id = ?", (learner_id,)).fetchone() is None:
                return False
            c.execute(
                "INSERT INTO presence (session, learner_id, course_id, lesson_id, seen_at) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (session) DO UPDATE SET "
                "learner_id = excluded.learner_id, lesson_id = excluded.lesson_id, "
                "seen_at = excluded.seen_at",
                (session, learner_id, self.course_id, lesson_id, utc_now()),
            )
            return True

        return self.store.write("note that the app is open", work)

    def leave(self, session: str) -> None:
        """An app process closes."""
        self.store.write(
            "note that the app closed",
            lambda c: c.execute("DELETE FROM presence WHERE session = ?", (session,)),
        )

    def active_learners(
        self, within_seconds: float = 30, *, served_only: bool = False
    ) -> dict[str, str | None]:
        """Learners with an app open (a heartbeat within `within_seconds`): name to lesson.
        With `served_only`, only those in a browser of `course serve` (see
        `served_session`)."""
        since = format_time(datetime.now(UTC) - timedelta(seconds=within_seconds))
        prefix = SERVED_SESSION_PREFIX if served_only else ""

        def read(c: sqlite3.Connection) -> dict[str, str | None]:
            rows = c.execute(
                "SELECT l.name, p.lesson_id FROM presence p JOIN learners l ON l.id = p.learner_id "
                "WHERE p.course_id = ? AND p.seen_at >= ? AND substr(p.session, 1, ?) = ? "
                "ORDER BY p.seen_at",
                (self.course_id, since, len(prefix), prefix),
            ).fetchall()
            return {name: lesson for name, lesson in rows}

        return self.store.read("read who is here", read)

    # The presenter's session ------------------------------------------------------------
    # One presenter at a time owns the room (schema v5: presenter_sessions).

    PRESENTER_STALE_SECONDS = 15.0
    """A presenter without a sign of life for this long is gone (its terminal closed, the
    process was killed): a new presenter may take the room."""

    def claim_presenter(self, session: str) -> str | None:
        """Make `session` the room's presenter; None when it is. When another presenter
        gave a sign of life within `PRESENTER_STALE_SECONDS`, nothing changes and the time
        of that sign (in the store's UTC format) is returned. A new presenter starts from a
        clean room: what a vanished one left (a live question, the hold) is cleared."""
        now = datetime.now(UTC)
        since = format_time(now - timedelta(seconds=self.PRESENTER_STALE_SECONDS))

        def work(c: sqlite3.Connection) -> str | None:
            row = c.execute(
                "SELECT session, seen_at FROM presenter_sessions WHERE course_id = ?",
                (self.course_id,),
            ).fetchone()
            if row is not None and row[0] != session and row[1] >= since:
                return str(row[1])
            if row is None or row[0] != session:
                self._clear_room(c)
            c.execute(
                "INSERT INTO presenter_sessions (course_id, session, seen_at) VALUES (?, ?, ?) "
                "ON CONFLICT (course_id) DO UPDATE SET session = excluded.session, "
                "seen_at = excluded.seen_at",
                (self.course_id, session, format_time(now)),
            )
            return None

        return self.store.write("claim the presenter's place", work)

    def presenter_heartbeat(self, session: str) -> bool:
        """The presenter says it still runs; False when it no longer owns the room (another
        presenter took it after this one gave no sign of life for too long)."""

        def work(c: sqlite3.Connection) -> bool:
            cursor = c.execute(
                "UPDATE presenter_sessions SET seen_at = ? WHERE course_id = ? AND session = ?",
                (utc_now(), self.course_id, session),
            )
            return cursor.rowcount == 1

        return self.store.write("note that the presenter runs", work)

    def release_presenter(self, session: str) -> bool:
        """The presenter stops: its live question ends, the hold and the presented lesson
        are cleared, in one transaction. Only the owner does this (False, and nothing
        changed, for any other session): a second presenter that quits must not pull the
        room from under the first."""

        def work(c: sqlite3.Connection) -> bool:
            cursor = c.execute(
                "DELETE FROM presenter_sessions WHERE course_id = ? AND session = ?",
                (self.course_id, session),
            )
            if cursor.rowcount == 0:
                return False
            self._clear_room(c)
            return True

        return self.store.write("release the room", work)

    def _review_shown_round(self, c: sqlite3.Connection) -> None:
        """The round on the learners' screens leaves them: its answers review their cards
        now, if the reveal has not already (revealed or not, the question is over)."""
        row = c.execute(
            "SELECT live_round_id FROM workshop WHERE course_id = ?", (self.course_id,)
        ).fetchone()
        if row is not None and row[0] is not None:
            _review_round(c, row[0])

    def _end_round(self, c: sqlite3.Connection) -> None:
        """No live question: an open one is closed, none is shown (the answers stay)."""
        self._review_shown_round(c)
        now = utc_now()
        c.execute(
            "UPDATE live_rounds SET state = CASE state WHEN 'open' THEN 'closed' ELSE state "
            "END, closed_at = COALESCE(closed_at, ?) WHERE course_id = ?",
            (now, self.course_id),
        )
        self._ensure_row(c)
        c.execute(
            "UPDATE workshop SET live_round_id = NULL, updated_at = ? WHERE course_id = ?",
            (now, self.course_id),
        )

    def _clear_room(self, c: sqlite3.Connection) -> None:
        """No live question, no hold, joining open, no presented lesson (the answers
        stay)."""
        self._end_round(c)
        c.execute(
            "UPDATE workshop SET locked = 0, joining_locked = 0, presented_lesson = NULL "
            "WHERE course_id = ?",
            (self.course_id,),
        )


def served_session(session: str) -> str:
    """The session id under which an app process that joined through `course serve`
    sends its heartbeats: `session` marked as a browser seat."""
    if SeatKind.of_session(session) is SeatKind.BROWSER:
        return session
    return SERVED_SESSION_PREFIX + session


def _review_round(c: sqlite3.Connection, round_id: int) -> None:
    """Each answer to a live round reviews its learner's card of the question, as a quiz
    answer does, at the time it was given. Once: each review's uid is made from its
    answer's, so a second call (the reveal, then the end) adds nothing."""
    rows = c.execute(
        "SELECT an.uid, an.learner_id, at.course_id, an.question_id, an.outcome, "
        "an.answered_at FROM answers an JOIN attempts at ON at.id = an.attempt_id "
        "WHERE at.live_round_id = ?",
        (round_id,),
    ).fetchall()
    for uid, learner_id, course_id, question_id, outcome, answered_at in rows:
        rating = rating_for(Outcome(outcome))
        if rating is None:
            continue
        review_uid = str(uuid.uuid5(uuid.NAMESPACE_URL, f"course:live-review:{uid}"))
        at = datetime.fromisoformat(answered_at)
        add_review(c, learner_id, course_id, question_id, rating, at, ReviewSource.LIVE, review_uid)


def _round(c: sqlite3.Connection, round_id: int) -> LiveRound | None:
    """The round as it is now: an open one whose time limit ran out is closed, whether or
    not the presenter has written so yet (no answer gets in late)."""
    row = c.execute(
        "SELECT id, course_id, lesson_id, quiz_id, question_id, seed, state, opened_at, "
        "anonymous, closes_at FROM live_rounds WHERE id = ?",
        (round_id,),
    ).fetchone()
    if row is None:
        return None
    round_id, course_id, lesson_id, quiz_id, question_id, seed, state, opened_at = row[:8]
    anonymous, closes = row[8:]
    shown = RoundState(state)
    if shown is RoundState.OPEN and closes is not None and closes <= utc_now():
        shown = RoundState.CLOSED
    return LiveRound(
        round_id,
        course_id,
        lesson_id,
        quiz_id,
        question_id,
        seed,
        shown,
        opened_at,
        bool(anonymous),
        closes,
    )
