"""Spaced review in the progress store: one FSRS card per learner, course and question,
every review of it, and each learner's desired retention.

A card is never edited on its own: it is what replaying its review logs in time order
gives (`course.core.review`, without fuzzing, is deterministic). So a review added later
("I was sure" turns the newest Good into Easy) or logs merged from another machine's
export give the same card as if they had been there from the start, and the card kept in
`review_cards` is only the replay's result, with its due time in an indexed column.

Every graded answer reviews its card in the transaction that saves the answer
(`ProgressStore.record_answer`), so an answer on disk always has its review on disk.
"""

from __future__ import annotations

import sqlite3
import uuid
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple

from course.core.review import DEFAULT_RETENTION, check_retention, new_card, review
from course.store.records import LearnerCourseRecords, format_time, utc_now

if TYPE_CHECKING:
    from course.core.review import Card, Rating


class ReviewSource(StrEnum):
    """What asked the question that a review log records."""

    QUIZ = "quiz"
    """A lesson's quiz (alone or retrying)."""
    REVIEW = "review"
    """A review session of due cards."""
    LIVE = "live"
    """A live question of a workshop."""


class ReviewRecord(NamedTuple):
    """One review of a card, as kept and exported."""

    uid: str
    """The same on every machine the log travels to: imports merge by it."""
    question_id: str
    """The card's question."""
    rating: int
    """FSRS rating: 1 Again, 2 Hard, 3 Good, 4 Easy."""
    reviewed_at: str
    """When (the store's time format)."""
    source: ReviewSource
    """What asked the question."""


def retention_of(c: sqlite3.Connection, learner_id: int) -> float:
    """The learner's desired retention (the default until they chose one)."""
    row = c.execute(
        "SELECT desired_retention FROM review_settings WHERE learner_id = ?", (learner_id,)
    ).fetchone()
    return DEFAULT_RETENTION if row is None else float(row[0])


def add_review(
    c: sqlite3.Connection,
    learner_id: int,
    course_id: str,
    question_id: str,
    rating: Rating,
    at: datetime,
    source: ReviewSource,
    uid: str | None = None,
) -> Card | None:
    """Log one review (inside the caller's write transaction) and replay the card."""
    c.execute(
        "INSERT INTO review_logs (uid, learner_id, course_id, question_id, rating, "
        "reviewed_at, source) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (uid) DO NOTHING",
        (
            uid or str(uuid.uuid4()),
            learner_id,
            course_id,
            question_id,
            int(rating),
            format_time(at),
            ReviewSource(source),
        ),
    )
    return replay(c, learner_id, course_id, question_id)


def replay(c: sqlite3.Connection, learner_id: int, course_id: str, question_id: str) -> Card | None:
    """The card that the question's review logs give, in time order, kept in the store;
    None (and no card kept) when the question has no logs."""
    from course.core.review import Rating  # fsrs: imported at its first use

    retention = retention_of(c, learner_id)
    rows = c.execute(
        "SELECT rating, reviewed_at FROM review_logs "
        "WHERE learner_id = ? AND course_id = ? AND question_id = ? ORDER BY reviewed_at, id",
        (learner_id, course_id, question_id),
    ).fetchall()
    card: Card | None = None
    for rating, reviewed_at in rows:
        at = datetime.fromisoformat(reviewed_at)
        if card is None:
            card = new_card(course_id, question_id, at)
        card, _ = review(card, Rating(rating), at, retention)
    if card is None:  # no logs: no card
        c.execute(
            "DELETE FROM review_cards WHERE learner_id = ? AND course_id = ? AND question_id = ?",
            (learner_id, course_id, question_id),
        )
        return None
    c.execute(
        """
        INSERT INTO review_cards (learner_id, course_id, question_id, card, due, updated_at)
        VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT (learner_id, course_id, question_id) DO UPDATE SET
            card = excluded.card, due = excluded.due, updated_at = excluded.updated_at
        """,
        (
            learner_id,
            course_id,
            question_id,
            card.to_json(),
            format_time(card.due),
            utc_now(),
        ),
    )
    return card


class Reviews(LearnerCourseRecords):
    """One learner's review cards in one course; get it with `ProgressStore.reviews`."""

    def due_count(self, now: datetime) -> int:
        """How many cards are due at `now` (one range of the due index)."""
        row = self._store.read(
            "count the questions due for review",
            lambda c: c.execute(
                "SELECT count(*) FROM review_cards "
                "WHERE learner_id = ? AND course_id = ? AND due <= ?",
                (self.learner_id, self.course_id, format_time(now)),
            ).fetchone(),
        )
        return int(row[0])

    def cards(self, due_by: datetime | None = None) -> dict[str, Card]:
        """The cards by question id; only those due at `due_by` when it is given."""
        query = "SELECT question_id, card FROM review_cards WHERE learner_id = ? AND course_id = ?"
        parameters: tuple[object, ...] = (self.learner_id, self.course_id)
        if due_by is not None:
            query += " AND due <= ?"
            parameters += (format_time(due_by),)
        rows = self._store.read(
            "read the review cards", lambda c: c.execute(query, parameters).fetchall()
        )
        from course.core.review import Card  # fsrs: imported at its first use

        return {str(question): Card.from_json(text) for question, text in rows}

    def logs(self) -> list[ReviewRecord]:
        """Every review of every card, oldest first."""
        rows = self._store.read(
            "read the review logs",
            lambda c: c.execute(
                "SELECT uid, question_id, rating, reviewed_at, source FROM review_logs "
                "WHERE learner_id = ? AND course_id = ? ORDER BY reviewed_at, id",
                (self.learner_id, self.course_id),
            ).fetchall(),
        )
        return [ReviewRecord(u, q, int(r), at, ReviewSource(s)) for u, q, r, at, s in rows]

    def retention(self) -> float:
        """The learner's desired retention."""
        return self._store.read(
            "read the desired retention", lambda c: retention_of(c, self.learner_id)
        )

    def set_retention(self, value: float) -> None:
        """Choose the desired retention (0.7 to 0.97; ValueError otherwise); every card is
        replayed with it."""
        check_retention(value)

        def save(c: sqlite3.Connection) -> None:
            c.execute(
                "INSERT INTO review_settings (learner_id, desired_retention) VALUES (?, ?) "
                "ON CONFLICT (learner_id) DO UPDATE SET "
                "desired_retention = excluded.desired_retention",
                (self.learner_id, value),
            )
            questions = c.execute(
                "SELECT question_id FROM review_cards WHERE learner_id = ? AND course_id = ?",
                (self.learner_id, self.course_id),
            ).fetchall()
            for (question,) in questions:
                replay(c, self.learner_id, self.course_id, question)

        self._store.write("save the desired retention", save)

    def mark_sure(self, question_id: str) -> Card | None:
        """ "I was sure": the newest review of the question, if Good, becomes Easy.
        The card as it is then, or None when there was no Good review to upgrade."""
        from course.core.review import Rating  # fsrs: imported at its first use

        def upgrade(c: sqlite3.Connection) -> Card | None:
            row = c.execute(
                "SELECT id, rating FROM review_logs "
                "WHERE learner_id = ? AND course_id = ? AND question_id = ? "
                "ORDER BY reviewed_at DESC, id DESC LIMIT 1",
                (self.learner_id, self.course_id, question_id),
            ).fetchone()
            if row is None or row[1] != Rating.Good:
                return None
            c.execute("UPDATE review_logs SET rating = ? WHERE id = ?", (int(Rating.Easy), row[0]))
            return replay(c, self.learner_id, self.course_id, question_id)

        return self._store.write("note that the answer was sure", upgrade)


__all__ = ["ReviewRecord", "ReviewSource", "Reviews", "add_review", "replay", "retention_of"]
