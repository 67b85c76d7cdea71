"""Export and import: a learner's progress as a versioned JSON document (and CSV for reading).

The format is documented in docs/export-format.md and typed in `course.store.export_format`:
this module reads the store into those records (export) and merges checked records into it
(import); it never handles a raw document. `FORMAT_VERSION` goes up only when a reader of
the old version would misread the new one. Import checks the whole document before it
changes anything, then merges it in one transaction, keyed by the uids of attempts, answers
and reflections: importing the same file twice changes nothing, and an import only ever
touches the profile it names.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from collections.abc import Sequence
from typing import Any

from course.core.model import Course
from course.core.scoring import AttemptMode, Outcome
from course.store.export_format import (
    FORMAT,
    FORMAT_VERSION,
    ExportDocument,
    ExportedAnswer,
    ExportedAttempt,
    ExportedCard,
    ExportedCourse,
    ExportedLesson,
    ExportedPlace,
    ExportedReflection,
    ExportedReview,
)
from course.store.records import ImportSummary, Learner, StoreError, utc_now
from course.store.reviews import replay

__all__ = [
    "CSV_COLUMNS",
    "FORMAT",
    "FORMAT_VERSION",
    "export_learner",
    "merge",
    "to_csv",
    "validate",
]

CSV_COLUMNS = (
    "kind",
    "learner",
    "course_id",
    "course_version",
    "lesson_id",
    "quiz_id",
    "attempt_uid",
    "mode",
    "started_at",
    "finished_at",
    "question_id",
    "outcome",
    "points",
    "max_points",
    "answer",
    "answered_at",
    "opened_at",
    "completed_at",
    "position",
    "seconds",
    "text",
    "saved_at",
)
"""The columns of a CSV export, in order."""


# -- export ---------------------------------------------------------------------------------


def export_learner(
    c: sqlite3.Connection, learner: Learner, course_id: str | None, include_private: bool
) -> ExportDocument:
    """The export of one learner (run it inside one read transaction). Without
    `include_private`, every private text is left out (`ExportRecord.private`)."""
    if course_id is None:
        course_ids = sorted(
            row[0]
            for row in c.execute(
                "SELECT course_id FROM lessons WHERE learner_id = :id UNION "
                "SELECT course_id FROM attempts WHERE learner_id = :id UNION "
                "SELECT course_id FROM places WHERE learner_id = :id UNION "
                "SELECT course_id FROM reflections WHERE learner_id = :id UNION "
                "SELECT course_id FROM network_maps WHERE learner_id = :id UNION "
                "SELECT course_id FROM network_snapshots WHERE learner_id = :id UNION "
                "SELECT course_id FROM review_logs WHERE learner_id = :id UNION "
                "SELECT course_id FROM commitments WHERE learner_id = :id UNION "
                "SELECT course_id FROM follow_ups WHERE learner_id = :id",
                {"id": learner.id},
            )
        )
    else:
        course_ids = [course_id]
    document = ExportDocument(
        learner=learner.name,
        learner_created_at=learner.created_at,
        courses=tuple(_export_course(c, learner.id, course) for course in course_ids),
        exported_at=utc_now(),
        app=_app_version(),
        desired_retention=_chosen_retention(c, learner.id),
    )
    return document if include_private else document.without_private()


def _chosen_retention(c: sqlite3.Connection, learner_id: int) -> float | None:
    row = c.execute(
        "SELECT desired_retention FROM review_settings WHERE learner_id = ?", (learner_id,)
    ).fetchone()
    return None if row is None else float(row[0])


def _app_version() -> str:
    from course import __version__

    return f"course-app {__version__}"


def _export_course(c: sqlite3.Connection, learner_id: int, course_id: str) -> ExportedCourse:
    key = {"learner": learner_id, "course": course_id}
    lessons = tuple(
        ExportedLesson(*row)
        for row in c.execute(
            "SELECT lesson_id, opened_at, completed_at, position, seconds, updated_at "
            "FROM lessons WHERE learner_id = :learner AND course_id = :course "
            "ORDER BY opened_at, lesson_id",
            key,
        )
    )
    answers: dict[int, list[ExportedAnswer]] = {}
    for row in c.execute(
        "SELECT n.attempt_id, n.uid, n.question_id, n.answer, n.outcome, n.points, "
        "n.max_points, n.answered_at FROM answers AS n JOIN attempts AS a "
        "ON a.id = n.attempt_id WHERE a.learner_id = :learner AND a.course_id = :course "
        "ORDER BY n.id",
        key,
    ):
        answers.setdefault(int(row[0]), []).append(
            ExportedAnswer(
                uid=row[1],
                question_id=row[2],
                answer=json.loads(row[3]),
                outcome=Outcome(row[4]),
                points=row[5],
                max_points=row[6],
                answered_at=row[7],
            )
        )
    attempts = tuple(
        ExportedAttempt(
            uid=row[1],
            quiz_id=row[2],
            lesson_id=row[3],
            course_version=row[4],
            mode=AttemptMode(row[5]),
            seed=row[6],
            question_order=tuple(json.loads(row[7])),
            started_at=row[8],
            finished_at=row[9],
            answers=tuple(answers.get(int(row[0]), ())),
        )
        for row in c.execute(
            "SELECT id, uid, quiz_id, lesson_id, course_version, mode, seed, question_order, "
            "started_at, finished_at FROM attempts WHERE learner_id = :learner "
            "AND course_id = :course ORDER BY started_at, id",
            key,
        )
    )
    place_row = c.execute(
        "SELECT p.lesson_id, p.question_id, a.uid, p.saved_at FROM places AS p "
        "LEFT JOIN attempts AS a ON a.id = p.attempt_id "
        "WHERE p.learner_id = :learner AND p.course_id = :course",
        key,
    ).fetchone()
    reflections = tuple(
        ExportedReflection(*row)
        for row in c.execute(
            "SELECT uid, lesson_id, session, text, saved_at FROM reflections "
            "WHERE learner_id = :learner AND course_id = :course ORDER BY saved_at, id",
            key,
        )
    )
    from course.store.network_maps import export_network_map

    reviews = tuple(
        ExportedReview(*row)
        for row in c.execute(
            "SELECT uid, question_id, rating, reviewed_at, source FROM review_logs "
            "WHERE learner_id = :learner AND course_id = :course ORDER BY reviewed_at, id",
            key,
        )
    )
    cards = tuple(
        ExportedCard(question, due, json.loads(card))
        for question, due, card in c.execute(
            "SELECT question_id, due, card FROM review_cards "
            "WHERE learner_id = :learner AND course_id = :course ORDER BY due, question_id",
            key,
        )
    )
    from course.store.plans import export_plan

    commitments, follow_ups = export_plan(c, learner_id, course_id)
    return ExportedCourse(
        course_id,
        lessons,
        attempts,
        None if place_row is None else ExportedPlace(*place_row),
        reflections,
        export_network_map(c, learner_id, course_id),
        reviews,
        cards,
        commitments,
        follow_ups,
    )


def to_csv(document: ExportDocument) -> str:
    """An export as one CSV table (one row per lesson, attempt, answer and reflection, told
    apart by the `kind` column); for spreadsheets, not for import."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for course in document.courses:
        base = {"learner": document.learner, "course_id": course.id}
        for lesson in course.lessons:
            writer.writerow(
                {
                    **base,
                    "kind": "lesson",
                    "lesson_id": lesson.id,
                    "opened_at": lesson.opened_at,
                    "completed_at": lesson.completed_at,
                    "position": lesson.position,
                    "seconds": lesson.seconds,
                }
            )
        for attempt in course.attempts:
            row = {
                **base,
                "course_version": attempt.course_version,
                "lesson_id": attempt.lesson_id,
                "quiz_id": attempt.quiz_id,
                "attempt_uid": attempt.uid,
                "mode": attempt.mode.value,
                "started_at": attempt.started_at,
                "finished_at": attempt.finished_at,
            }
            score = attempt.score
            writer.writerow(
                {**row, "kind": "attempt", "points": score.points, "max_points": score.max_points}
            )
            for answer in attempt.answers:
                writer.writerow(
                    {
                        **row,
                        "kind": "answer",
                        "question_id": answer.question_id,
                        "outcome": answer.outcome.value,
                        "points": answer.points,
                        "max_points": answer.max_points,
                        "answered_at": answer.answered_at,
                        "answer": json.dumps(
                            dict(answer.answer), ensure_ascii=False, sort_keys=True
                        ),
                    }
                )
        for reflection in course.reflections:
            writer.writerow(
                {
                    **base,
                    "kind": "reflection",
                    "lesson_id": reflection.lesson_id,
                    "text": reflection.text,
                    "saved_at": reflection.saved_at,
                }
            )
    return buffer.getvalue()


# -- import ---------------------------------------------------------------------------------


def validate(data: object, course: Course | None = None) -> ExportDocument:
    """Check an export document (see `ExportDocument.from_json`); StoreError naming where
    the first problem is."""
    return ExportDocument.from_json(data, course)


def _earliest(first: str | None, second: str | None) -> str | None:
    known = [moment for moment in (first, second) if moment is not None]
    return min(known) if known else None


def _check_ownership(
    c: sqlite3.Connection, document: ExportDocument, learner_id: int | None, learner_name: str
) -> None:
    """StoreError, before anything is written, if a uid in the document belongs to another
    profile than `learner_name` (or, for an answer, to another attempt than the file's)."""

    def owner(table: str, uid: str) -> tuple[int, str] | None:
        row = c.execute(
            f"SELECT t.learner_id, l.name FROM {table} AS t JOIN learners AS l "
            "ON l.id = t.learner_id WHERE t.uid = ?",
            (uid,),
        ).fetchone()
        return None if row is None else (int(row[0]), str(row[1]))

    def refuse(what: str, uid: str, other: str) -> StoreError:
        return StoreError(
            f"{what} {uid} in this file already belongs to the profile {other!r}, not "
            f"{learner_name!r}: an import only changes the profile it names. Import the file "
            f"into {other!r} instead, or remove that entry from the file. Nothing was imported."
        )

    for course in document.courses:
        for review in course.reviews:
            found = owner("review_logs", review.uid)
            if found is not None and found[0] != learner_id:
                raise refuse("Review", review.uid, found[1])
        for attempt in course.attempts:
            found = owner("attempts", attempt.uid)
            if found is not None and found[0] != learner_id:
                raise refuse("Quiz attempt", attempt.uid, found[1])
            for answer in attempt.answers:
                found = owner("answers", answer.uid)
                if found is not None and found[0] != learner_id:
                    raise refuse("Answer", answer.uid, found[1])
                row = c.execute(
                    "SELECT a.uid FROM answers AS n JOIN attempts AS a ON a.id = n.attempt_id "
                    "WHERE n.uid = ?",
                    (answer.uid,),
                ).fetchone()
                if row is not None and row[0] != attempt.uid:
                    raise StoreError(
                        f"Answer {answer.uid} in this file belongs to the quiz attempt "
                        f"{row[0]} here, not to {attempt.uid}: the file was changed by hand. "
                        "Export it again. Nothing was imported."
                    )
        for reflection in course.reflections:
            found = owner("reflections", reflection.uid)
            if found is not None and found[0] != learner_id:
                raise refuse("Reflection", reflection.uid, found[1])


def merge(c: sqlite3.Connection, document: ExportDocument, learner_name: str) -> ImportSummary:
    """Merge a checked document into the profile `learner_name` (inside one transaction).

    Nothing is ever removed: lessons keep the earliest opening and completion, the most
    time and the newer position; attempts, answers and reflections are matched by uid and
    only replaced by newer versions of themselves; the newer "Continue" place wins, and so
    does the newer network map (with its answers); its snapshots are added unless there;
    the plan's commitments and follow-ups merge as `course.store.plans.merge_plan` says. A uid
    that belongs to another profile is refused before anything is written.
    """
    existing = c.execute("SELECT id FROM learners WHERE name = ?", (learner_name,)).fetchone()
    _check_ownership(c, document, None if existing is None else int(existing[0]), learner_name)
    c.execute(
        "INSERT INTO learners (name, created_at) VALUES (?, ?) ON CONFLICT (name) DO NOTHING",
        (learner_name, document.learner_created_at or utc_now()),
    )
    learner_id = int(
        c.execute("SELECT id FROM learners WHERE name = ?", (learner_name,)).fetchone()[0]
    )
    counts = dict.fromkeys(
        (
            "lessons",
            "attempts",
            "answers",
            "reflections",
            "places",
            "network_maps",
            "reviews",
            "plans",
        ),
        0,
    )
    if document.desired_retention is not None:  # the learner's own choice here comes first
        c.execute(
            "INSERT INTO review_settings (learner_id, desired_retention) VALUES (?, ?) "
            "ON CONFLICT (learner_id) DO NOTHING",
            (learner_id, document.desired_retention),
        )
    for course in document.courses:
        for lesson in course.lessons:
            counts["lessons"] += _merge_lesson(c, learner_id, course.id, lesson)
        for attempt in course.attempts:
            attempt_id, changed = _merge_attempt(c, learner_id, course.id, attempt)
            counts["attempts"] += changed
            for answer in attempt.answers:
                counts["answers"] += _merge_answer(c, learner_id, attempt_id, answer)
        for reflection in course.reflections:
            counts["reflections"] += _merge_reflection(c, learner_id, course.id, reflection)
        if course.place is not None:
            counts["places"] += _merge_place(c, learner_id, course.id, course.place)
        if course.network_map is not None:
            from course.store.network_maps import merge_network_map

            counts["network_maps"] += merge_network_map(
                c, learner_id, course.id, course.network_map
            )
        counts["reviews"] += _merge_reviews(c, learner_id, course.id, course.reviews)
        if course.commitments or course.follow_ups:
            from course.store.plans import merge_plan

            counts["plans"] += merge_plan(
                c, learner_id, course.id, course.commitments, course.follow_ups
            )
    return ImportSummary(learner_name, tuple(course.id for course in document.courses), **counts)


def _merge_reviews(
    c: sqlite3.Connection, learner_id: int, course_id: str, reviews: Sequence[ExportedReview]
) -> int:
    """Add the reviews not here yet (by uid) and replay the cards they belong to."""
    added: set[str] = set()
    count = 0
    for review in reviews:
        cursor = c.execute(
            "INSERT INTO review_logs (uid, learner_id, course_id, question_id, rating, "
            "reviewed_at, source) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (uid) DO NOTHING",
            (
                review.uid,
                learner_id,
                course_id,
                review.question_id,
                review.rating,
                review.reviewed_at,
                review.source,
            ),
        )
        if cursor.rowcount:
            count += 1
            added.add(review.question_id)
    for question_id in sorted(added):
        replay(c, learner_id, course_id, question_id)
    return count


def _merge_lesson(
    c: sqlite3.Connection, learner_id: int, course_id: str, lesson: ExportedLesson
) -> int:
    row = c.execute(
        "SELECT opened_at, completed_at, position, seconds, updated_at FROM lessons "
        "WHERE learner_id = ? AND course_id = ? AND lesson_id = ?",
        (learner_id, course_id, lesson.id),
    ).fetchone()
    merged: tuple[Any, ...]
    if row is None:
        merged = (
            lesson.opened_at,
            lesson.completed_at,
            lesson.position,
            lesson.seconds,
            lesson.updated_at,
        )
    else:
        newer = lesson.updated_at > row[4]
        merged = (
            _earliest(row[0], lesson.opened_at),
            _earliest(row[1], lesson.completed_at),
            lesson.position if newer else row[2],
            max(row[3], lesson.seconds),
            max(row[4], lesson.updated_at),
        )
        if merged == tuple(row):
            return 0
    c.execute(
        "INSERT OR REPLACE INTO lessons (learner_id, course_id, lesson_id, opened_at, "
        "completed_at, position, seconds, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (learner_id, course_id, lesson.id, *merged),
    )
    return 1


def _merge_attempt(
    c: sqlite3.Connection, learner_id: int, course_id: str, attempt: ExportedAttempt
) -> tuple[int, int]:
    """The local id of the attempt, and 1 if it was added or updated, else 0."""
    row = c.execute(
        "SELECT id, finished_at FROM attempts WHERE uid = ? AND learner_id = ?",
        (attempt.uid, learner_id),
    ).fetchone()
    if row is None:
        cursor = c.execute(
            "INSERT INTO attempts (uid, learner_id, course_id, course_version, quiz_id, "
            "lesson_id, question_order, seed, mode, started_at, finished_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                attempt.uid,
                learner_id,
                course_id,
                attempt.course_version,
                attempt.quiz_id,
                attempt.lesson_id,
                json.dumps(list(attempt.question_order)),
                attempt.seed,
                attempt.mode.value,
                attempt.started_at,
                attempt.finished_at,
            ),
        )
        assert cursor.lastrowid is not None
        return cursor.lastrowid, 1
    if row[1] is None and attempt.finished_at is not None:
        c.execute("UPDATE attempts SET finished_at = ? WHERE id = ?", (attempt.finished_at, row[0]))
        return int(row[0]), 1
    return int(row[0]), 0


def _merge_answer(
    c: sqlite3.Connection, learner_id: int, attempt_id: int, answer: ExportedAnswer
) -> int:
    row = c.execute(
        "SELECT id, answered_at FROM answers WHERE uid = ? AND learner_id = ?",
        (answer.uid, learner_id),
    ).fetchone()
    if row is None:
        row = c.execute(
            "SELECT id, answered_at FROM answers WHERE attempt_id = ? AND question_id = ?",
            (attempt_id, answer.question_id),
        ).fetchone()
    content = (
        json.dumps(dict(answer.answer), ensure_ascii=False, sort_keys=True, allow_nan=False),
        answer.outcome.value,
        answer.points,
        answer.max_points,
        answer.answered_at,
    )
    if row is None:
        c.execute(
            "INSERT INTO answers (uid, attempt_id, learner_id, question_id, answer, outcome, "
            "points, max_points, answered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (answer.uid, attempt_id, learner_id, answer.question_id, *content),
        )
        return 1
    if answer.answered_at <= row[1]:
        return 0
    c.execute(
        "UPDATE answers SET answer = ?, outcome = ?, points = ?, max_points = ?, "
        "answered_at = ? WHERE id = ?",
        (*content, row[0]),
    )
    return 1


def _merge_reflection(
    c: sqlite3.Connection, learner_id: int, course_id: str, reflection: ExportedReflection
) -> int:
    row = c.execute(
        "SELECT id, saved_at FROM reflections WHERE uid = ? AND learner_id = ?",
        (reflection.uid, learner_id),
    ).fetchone()
    if row is None:
        row = c.execute(
            "SELECT id, saved_at FROM reflections WHERE learner_id = ? AND course_id = ? "
            "AND lesson_id = ? AND session = ?",
            (learner_id, course_id, reflection.lesson_id, reflection.session),
        ).fetchone()
    if row is None:
        c.execute(
            "INSERT INTO reflections (uid, learner_id, course_id, lesson_id, session, text, "
            "saved_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                reflection.uid,
                learner_id,
                course_id,
                reflection.lesson_id,
                reflection.session,
                reflection.text,
                reflection.saved_at,
            ),
        )
        return 1
    if reflection.saved_at <= row[1]:
        return 0
    c.execute(
        "UPDATE reflections SET text = ?, saved_at = ? WHERE id = ?",
        (reflection.text, reflection.saved_at, row[0]),
    )
    return 1


def _merge_place(
    c: sqlite3.Connection, learner_id: int, course_id: str, place: ExportedPlace
) -> int:
    row = c.execute(
        "SELECT saved_at FROM places WHERE learner_id = ? AND course_id = ?",
        (learner_id, course_id),
    ).fetchone()
    if row is not None and place.saved_at <= row[0]:
        return 0
    attempt = None
    if place.attempt_uid is not None:
        found = c.execute(
            "SELECT id FROM attempts WHERE uid = ? AND learner_id = ?",
            (place.attempt_uid, learner_id),
        ).fetchone()
        attempt = None if found is None else int(found[0])
    c.execute(
        "INSERT OR REPLACE INTO places (learner_id, course_id, lesson_id, question_id, "
        "attempt_id, saved_at) VALUES (?, ?, ?, ?, ?, ?)",
        (learner_id, course_id, place.lesson_id, place.question_id, attempt, place.saved_at),
    )
    return 1
