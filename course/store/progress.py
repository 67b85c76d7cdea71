"""`ProgressStore`: everything the app remembers about its learners, in one SQLite file.

Each call that changes something is one short write transaction, committed before the
call returns: an answer or a reflection is on disk the moment it is made. Calls may come
from any thread; one store serialises them on its single connection.
"""

from __future__ import annotations

import math
import sqlite3
import threading
import unicodedata
import uuid
from collections.abc import Callable, Collection, Mapping, Sequence
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from course.core.model import Course
    from course.core.review import Rating
    from course.store.classroom import Classroom
    from course.store.export_format import ExportDocument
    from course.store.lrs_queue import LrsQueue
    from course.store.network_maps import NetworkMaps
    from course.store.plans import Plans
from course.core.scoring import SCORED_MODES, AttemptMode, Outcome, best_attempt
from course.store.database import (
    LogSync,
    closed,
    is_busy,
    is_damage,
    open_database,
    transaction,
    unwritable,
)
from course.store.records import (
    DEFAULT_LEARNER,
    MODES,
    OUTCOMES,
    AnswerRecord,
    Attempt,
    ImportSummary,
    Learner,
    LessonProgress,
    Place,
    ProfileSummary,
    QuizScore,
    StoreError,
    format_time,
    utc_now,
)
from course.store.reviews import Reviews, ReviewSource, add_review

T = TypeVar("T")

NAME_LIMIT = 60
"""The longest profile name, in characters."""

_ATTEMPT_COLUMNS = (
    "id, uid, learner_id, course_id, course_version, quiz_id, lesson_id, question_order, "
    "seed, mode, started_at, finished_at"
)
_ANSWER_COLUMNS = "attempt_id, question_id, answer, outcome, points, max_points, answered_at, uid"


def check_learner_name(name: str) -> str:
    """The name with outer spaces removed; StoreError if it cannot name a profile."""
    cleaned = name.strip()
    if not cleaned:
        raise StoreError("A profile name cannot be empty.")
    if len(cleaned) > NAME_LIMIT:
        raise StoreError(f"A profile name can have at most {NAME_LIMIT} characters.")
    if any(unicodedata.category(char).startswith("C") for char in cleaned):
        raise StoreError("A profile name cannot contain control characters.")
    return cleaned


def name_key(name: str) -> str:
    """What makes two profile names one name: outer spaces, case and the Unicode form are
    ignored, so "Dora", " dora " and "DORA" (or a composed and a decomposed "Zoë") are one
    learner, whose profile keeps the spelling first used."""
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", name.strip()).casefold())


class ProgressStore:
    """Learner profiles and their progress through courses, kept in `progress.sqlite3`.

    Open it with `ProgressStore.open(data_dir)`; close it (or use it as a context manager).
    Many stores, in many processes, may have the same file open at once.
    """

    DB_NAME = "progress.sqlite3"
    """The database's file name inside the data folder."""

    def __init__(
        self,
        connection: sqlite3.Connection,
        path: Path,
        recovered_from: Path | None = None,
        damage: str | None = None,
        read_only: str | None = None,
    ) -> None:
        """Wrap an open, migrated connection; use `open` instead."""
        self._connection = connection
        self._durable = LogSync(path) if read_only is None else None
        """Syncs each write to the disk once SQLite's write lock is free (see `LogSync`);
        None for a copy in memory."""
        self._lock = threading.RLock()
        self._closed = False
        self.path = path
        """The database file."""
        self.recovered_from = recovered_from
        """Where a damaged file found at `path` was moved to when opening; else None."""
        self.damage = damage
        """What was wrong with that damaged file; else None."""
        self.read_only = read_only
        """Why the file cannot be written (read-only, immutable), when it cannot; else None.
        The store then works on a copy in memory: everything works, nothing is saved."""

    @classmethod
    def open(cls, data_dir: Path | str) -> ProgressStore:
        """Open the progress database in `data_dir`, creating and migrating it as needed.

        The folder is created private (0700) and the file 0600. A damaged file is moved
        aside (see `recovered_from`) and a fresh one started; a file that cannot be
        written is read into memory (see `read_only`). Raises StoreError when the folder
        cannot be written or the file was written by a newer version.
        """
        path = Path(data_dir).expanduser() / cls.DB_NAME
        opened = open_database(path)
        store = cls(opened.connection, path, opened.moved_to, opened.damage, opened.read_only)
        try:
            store._make_durable()  # what creating or migrating the file committed
        except OSError as error:
            store.close()
            raise unwritable(path.parent, error) from error
        return store

    def _make_durable(self) -> None:
        """Sync what this store committed to the disk (OSError if the disk fails)."""
        if self._durable is not None:
            self._durable()

    def close(self) -> None:
        """Close the connection; everything is already committed."""
        with self._lock:
            self._connection.close()
            if self._durable is not None:
                self._durable.close()
            if self.read_only is None and not self._closed:
                closed(self.path)
            self._closed = True

    def __enter__(self) -> ProgressStore:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"ProgressStore({str(self.path)!r})"

    # -- transactions -------------------------------------------------------------------
    # The public way for the other tables of the same file (the workshop room in
    # `classroom.py`) to share this store's connection, lock and error messages.

    def write(self, what: str, work: Callable[[sqlite3.Connection], T]) -> T:
        """Run `work` in one short IMMEDIATE transaction (retried while busy) and commit.

        `work` may run more than once while the file is busy, so it must do nothing but
        database work. `what` completes "could not ..." in the StoreError raised when the
        database fails (for example "save the answer to the live question").
        """
        with self._lock:
            try:
                result = transaction(self._connection, work, write=True)
                self._make_durable()  # on the disk before the caller hears it is saved
            except sqlite3.Error as error:
                raise self._failure(what, error) from error
            except OSError as error:
                raise StoreError(
                    f"Could not {what} in {self.path}: the disk did not confirm the write "
                    f"({error.strerror or error}). Check the disk, then try again."
                ) from error
            return result

    def read(self, what: str, work: Callable[[sqlite3.Connection], T]) -> T:
        """Run `work` in one read transaction, so it sees a single consistent state;
        `what` as for `write`."""
        with self._lock:
            try:
                return transaction(self._connection, work, write=False)
            except sqlite3.Error as error:
                raise self._failure(what, error) from error

    def _failure(self, what: str, error: sqlite3.Error) -> StoreError:
        """A StoreError that says what could not be done and why."""
        if isinstance(error, sqlite3.IntegrityError) and "FOREIGN KEY" in str(error):
            reason = "the profile or quiz attempt no longer exists (was it deleted?)"
        elif is_damage(error):
            reason = (
                f"the file is damaged ({error}); restart the app to move it aside and "
                "start a fresh one"
            )
        elif is_busy(error):
            reason = (
                "another program kept the file locked for too long; close other windows of "
                "the app that use it and try again"
            )
        elif isinstance(error, sqlite3.ProgrammingError):
            reason = f"the store is closed ({error})"
        else:
            reason = str(error)
        return StoreError(f"Could not {what} in {self.path}: {reason}.")

    # -- learners -----------------------------------------------------------------------

    def learner(self, name: str = DEFAULT_LEARNER) -> Learner:
        """The profile called `name` (see `find_learner`), created if it does not exist yet.
        StoreError when several profiles differ from `name` only in case."""
        name = check_learner_name(name)
        found = self.find_learner(name)
        if found is not None:
            return found

        def create(c: sqlite3.Connection) -> Learner:
            # Again inside the write lock: another process may have made it meanwhile.
            found = _find_learner(c, name)
            if found is not None:
                return found
            if _learners_named(c, name):
                raise _ambiguous(name, _learners_named(c, name))
            c.execute(
                "INSERT INTO learners (name, created_at) VALUES (?, ?) "
                "ON CONFLICT (name) DO NOTHING",
                (name, utc_now()),
            )
            learner = _find_learner(c, name)
            assert learner is not None
            return learner

        return self.write(f"create the profile {name!r}", create)

    def learners(self) -> list[Learner]:
        """Every profile, by name."""
        rows = self.read(
            "list the profiles",
            lambda c: c.execute(
                "SELECT id, name, created_at FROM learners ORDER BY name COLLATE NOCASE, name"
            ).fetchall(),
        )
        return [Learner(int(row[0]), row[1], row[2]) for row in rows]

    def profile_summaries(self) -> list[ProfileSummary]:
        """Every profile, by name, with counts of its lessons and attempts."""
        rows = self.read(
            "list the profiles",
            lambda c: c.execute(
                """
                SELECT l.id, l.name, l.created_at,
                    (SELECT count(*) FROM lessons WHERE learner_id = l.id
                        AND opened_at IS NOT NULL),
                    (SELECT count(*) FROM lessons WHERE learner_id = l.id
                        AND completed_at IS NOT NULL),
                    (SELECT count(*) FROM attempts WHERE learner_id = l.id),
                    max(
                        coalesce((SELECT max(updated_at) FROM lessons WHERE learner_id = l.id), ''),
                        coalesce((SELECT max(answered_at) FROM answers WHERE learner_id = l.id),
                                 ''),
                        coalesce((SELECT max(started_at) FROM attempts WHERE learner_id = l.id),
                                 ''),
                        coalesce((SELECT max(saved_at) FROM reflections WHERE learner_id = l.id),
                                 ''))
                FROM learners AS l ORDER BY l.name COLLATE NOCASE, l.name
                """
            ).fetchall(),
        )
        return [
            ProfileSummary(
                Learner(int(row[0]), row[1], row[2]),
                int(row[3]),
                int(row[4]),
                int(row[5]),
                row[6] or None,
            )
            for row in rows
        ]

    def settings(self, learner_id: int) -> dict[str, str]:
        """A profile's saved choices in the app (such as "theme", "language"), by name."""
        rows = self.read(
            "read the profile's settings",
            lambda c: c.execute(
                "SELECT name, value FROM settings WHERE learner_id = ?", (learner_id,)
            ).fetchall(),
        )
        return {str(name): str(value) for name, value in rows}

    def save_setting(self, learner_id: int, name: str, value: str) -> None:
        """Keep a profile's choice in the app for its next start."""

        def save(c: sqlite3.Connection) -> None:
            c.execute(
                """
                INSERT INTO settings (learner_id, name, value, updated_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (learner_id, name) DO UPDATE SET
                    value = excluded.value, updated_at = excluded.updated_at
                """,
                (learner_id, name, value, utc_now()),
            )

        self.write(f"save the setting {name!r}", save)

    def find_learner(self, name: str) -> Learner | None:
        """The profile called `name`: the one spelt exactly so, else the only one whose name
        differs only in case or Unicode form (`name_key`); None when there is none, or
        several and none spelt exactly so (profiles made before names were compared this
        way)."""
        return self.read("find a profile", lambda c: _find_learner(c, name))

    def learners_named(self, name: str) -> list[Learner]:
        """Every profile whose name is `name` but for case and Unicode form (`name_key`):
        the one spelt exactly so first, then the oldest first."""
        return self.read("find a profile", lambda c: _learners_named(c, name))

    def rename_learner(self, old: str, new: str) -> Learner:
        """Give a profile another name; StoreError if it is missing or the name is taken."""
        new = check_learner_name(new)

        def rename(c: sqlite3.Connection) -> Learner:
            learner = _require_learner(c, old)
            taken = [other for other in _learners_named(c, new) if other.id != learner.id]
            if taken:
                raise StoreError(f"A profile named {taken[0].name!r} already exists.")
            c.execute("UPDATE learners SET name = ? WHERE id = ?", (new, learner.id))
            return Learner(learner.id, new, learner.created_at)

        return self.write(f"rename the profile {old!r}", rename)

    def delete_learner(self, name: str) -> None:
        """Delete a profile and all its progress; StoreError if there is no such profile."""

        def delete(c: sqlite3.Connection) -> None:
            learner = _require_learner(c, name)
            c.execute("DELETE FROM learners WHERE id = ?", (learner.id,))

        self.write(f"delete the profile {name!r}", delete)

    # -- lessons ------------------------------------------------------------------------

    def _touch_lesson(
        self,
        what: str,
        learner_id: int,
        course_id: str,
        lesson_id: str,
        *,
        completed: bool = False,
        position: float | None = None,
        seconds: float = 0.0,
    ) -> None:
        """Record activity in a lesson: any of it means the lesson was opened."""
        now = utc_now()

        def touch(c: sqlite3.Connection) -> None:
            c.execute(
                """
                INSERT INTO lessons (learner_id, course_id, lesson_id, opened_at, completed_at,
                                     position, seconds, updated_at)
                VALUES (?, ?, ?, ?, ?, coalesce(?, 0), ?, ?)
                ON CONFLICT (learner_id, course_id, lesson_id) DO UPDATE SET
                    opened_at = coalesce(opened_at, excluded.opened_at),
                    completed_at = coalesce(completed_at, excluded.completed_at),
                    position = coalesce(?, position),
                    seconds = seconds + excluded.seconds,
                    updated_at = excluded.updated_at
                """,
                (
                    learner_id,
                    course_id,
                    lesson_id,
                    now,
                    now if completed else None,
                    position,
                    seconds,
                    now,
                    position,
                ),
            )

        self.write(what, touch)

    def lesson_opened(self, learner_id: int, course_id: str, lesson_id: str) -> None:
        """Note that the learner opened a lesson (the first time is kept)."""
        self._touch_lesson(
            f"save that lesson {lesson_id!r} was opened", learner_id, course_id, lesson_id
        )

    def lesson_completed(self, learner_id: int, course_id: str, lesson_id: str) -> None:
        """Note that the learner completed a lesson (the first time is kept)."""
        self._touch_lesson(
            f"save that lesson {lesson_id!r} was completed",
            learner_id,
            course_id,
            lesson_id,
            completed=True,
        )

    def save_position(
        self, learner_id: int, course_id: str, lesson_id: str, position: float
    ) -> None:
        """Keep the scroll position in a lesson, from 0 (top) to 1 (end); clamped."""
        position = min(1.0, max(0.0, position)) if math.isfinite(position) else 0.0
        self._touch_lesson(
            f"save the position in lesson {lesson_id!r}",
            learner_id,
            course_id,
            lesson_id,
            position=position,
        )

    def add_time(self, learner_id: int, course_id: str, lesson_id: str, seconds: float) -> None:
        """Add time spent in a lesson (negative or non-finite amounts are ignored)."""
        if not math.isfinite(seconds) or seconds <= 0:
            return
        self._touch_lesson(
            f"save the time spent in lesson {lesson_id!r}",
            learner_id,
            course_id,
            lesson_id,
            seconds=seconds,
        )

    def lessons(self, learner_id: int, course_id: str) -> dict[str, LessonProgress]:
        """Lesson id to progress, for every lesson of the course the learner has touched."""
        rows = self.read(
            "read lesson progress",
            lambda c: c.execute(
                "SELECT lesson_id, opened_at, completed_at, position, seconds, updated_at "
                "FROM lessons WHERE learner_id = ? AND course_id = ?",
                (learner_id, course_id),
            ).fetchall(),
        )
        return {
            row[0]: LessonProgress(row[0], row[1], row[2], float(row[3]), float(row[4]), row[5])
            for row in rows
        }

    # -- quiz attempts ------------------------------------------------------------------

    def start_attempt(
        self,
        learner_id: int,
        course_id: str,
        course_version: str,
        quiz_id: str,
        lesson_id: str,
        question_order: Sequence[str],
        seed: int,
        mode: AttemptMode = AttemptMode.SELF,
    ) -> Attempt:
        """Begin a go at a quiz, remembering the question order and shuffle seed.

        `mode` is an `AttemptMode` (or its value); anything else is a ValueError.
        """
        if mode not in MODES:
            raise ValueError(f"unknown attempt mode {mode!r}; expected one of {sorted(MODES)}")
        mode = AttemptMode(mode)
        import json  # here, not at the top, as below: a new learner's start needs no JSON

        order = tuple(str(question) for question in question_order)
        uid = str(uuid.uuid4())
        now = utc_now()

        def start(c: sqlite3.Connection) -> int:
            cursor = c.execute(
                "INSERT INTO attempts (uid, learner_id, course_id, course_version, quiz_id, "
                "lesson_id, question_order, seed, mode, started_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    uid,
                    learner_id,
                    course_id,
                    course_version,
                    quiz_id,
                    lesson_id,
                    json.dumps(order),
                    int(seed),
                    mode,
                    now,
                ),
            )
            assert cursor.lastrowid is not None
            return cursor.lastrowid

        attempt_id = self.write(f"start an attempt at quiz {quiz_id!r}", start)
        return Attempt(
            attempt_id,
            uid,
            learner_id,
            course_id,
            course_version,
            quiz_id,
            lesson_id,
            order,
            int(seed),
            mode,
            now,
            None,
            (),
        )

    def record_answer(
        self,
        attempt_id: int,
        question_id: str,
        answer: Mapping[str, Any],
        outcome: Outcome,
        points: float,
        max_points: float,
        review: tuple[Rating, datetime, ReviewSource] | None = None,
        at: datetime | None = None,
    ) -> AnswerRecord:
        """Keep one answer; it is committed before this returns.

        An attempt has one answer per question: recording again replaces it. `outcome` is
        an `Outcome` (or its value); `answer` must be JSON-compatible. `review` (a rating,
        when, and what asked) reviews the question's card in the same transaction, so the
        answer is never on disk without its review. `at` is when it was answered (the
        study session's clock); now when not given.
        """
        if outcome not in OUTCOMES:
            raise ValueError(f"unknown outcome {outcome!r}; expected one of {sorted(OUTCOMES)}")
        outcome = Outcome(outcome)
        if not (math.isfinite(points) and math.isfinite(max_points)):
            raise ValueError("points and max_points must be finite numbers")
        given = dict(answer)
        import json

        try:
            encoded = json.dumps(given, ensure_ascii=False, sort_keys=True, allow_nan=False)
        except (TypeError, ValueError) as error:
            raise ValueError(f"the answer cannot be stored as JSON: {error}") from error
        now = utc_now() if at is None else format_time(at)

        def record(c: sqlite3.Connection) -> str:
            row = c.execute(
                "SELECT learner_id, course_id FROM attempts WHERE id = ?", (attempt_id,)
            ).fetchone()
            if row is None:
                raise StoreError(
                    f"Could not save the answer to {question_id!r}: there is no quiz attempt "
                    f"{attempt_id} in {self.path} (was the profile deleted or reset?)."
                )
            c.execute(
                """
                INSERT INTO answers (uid, attempt_id, learner_id, question_id, answer, outcome,
                                     points, max_points, answered_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (attempt_id, question_id) DO UPDATE SET
                    answer = excluded.answer, outcome = excluded.outcome,
                    points = excluded.points, max_points = excluded.max_points,
                    answered_at = excluded.answered_at
                """,
                (
                    str(uuid.uuid4()),
                    attempt_id,
                    row[0],
                    question_id,
                    encoded,
                    outcome,
                    float(points),
                    float(max_points),
                    now,
                ),
            )
            uid = c.execute(
                "SELECT uid FROM answers WHERE attempt_id = ? AND question_id = ?",
                (attempt_id, question_id),
            ).fetchone()[0]
            c.execute(  # the answer replaces what was kept of it unchecked
                "DELETE FROM drafts WHERE attempt_id = ? AND question_id = ?",
                (attempt_id, question_id),
            )
            if review is not None:
                add_review(c, row[0], row[1], question_id, *review)
            return str(uid)

        uid = self.write(f"save the answer to {question_id!r}", record)
        return AnswerRecord(question_id, given, outcome, float(points), float(max_points), now, uid)

    def finish_attempt(self, attempt_id: int) -> Attempt:
        """Mark an attempt finished (the first time counts) and return it with its answers."""

        def finish(c: sqlite3.Connection) -> Attempt:
            c.execute(
                "UPDATE attempts SET finished_at = coalesce(finished_at, ?) WHERE id = ?",
                (utc_now(), attempt_id),
            )
            attempts = _load_attempts(c, "id = ?", (attempt_id,))
            if not attempts:
                raise StoreError(f"There is no quiz attempt {attempt_id} in {self.path}.")
            return attempts[0]

        return self.write(f"finish quiz attempt {attempt_id}", finish)

    def attempt(self, attempt_id: int) -> Attempt | None:
        """One attempt with its answers, or None."""
        found = self.read(
            "read a quiz attempt", lambda c: _load_attempts(c, "id = ?", (attempt_id,))
        )
        return found[0] if found else None

    def unfinished_attempt(self, learner_id: int, course_id: str, quiz_id: str) -> Attempt | None:
        """The newest attempt at this quiz that was not finished, to resume it; or None."""
        found = self.read(
            "read the unfinished quiz attempt",
            lambda c: _load_attempts(
                c,
                # A review session's one-question attempt is never the quiz's to resume.
                "learner_id = ? AND course_id = ? AND quiz_id = ? AND finished_at IS NULL "
                "AND mode != ?",
                (learner_id, course_id, quiz_id, AttemptMode.REVIEW.value),
                limit=1,
            ),
        )
        return found[0] if found else None

    def attempts(
        self, learner_id: int, course_id: str, quiz_id: str | None = None
    ) -> list[Attempt]:
        """The learner's attempts in a course (or at one quiz), newest first, with answers."""
        where = "learner_id = ? AND course_id = ?"
        parameters: tuple[object, ...] = (learner_id, course_id)
        if quiz_id is not None:
            where += " AND quiz_id = ?"
            parameters += (quiz_id,)
        return self.read("read quiz attempts", lambda c: _load_attempts(c, where, parameters))

    def best_scores(
        self, learner_id: int, course_id: str, modes: Collection[str] = SCORED_MODES
    ) -> dict[str, QuizScore]:
        """Quiz id to its best finished attempt, by `course.core.scoring.best_attempt`:
        highest percent, then most points, then newest.

        Only attempts of `modes` count; by default the scoring rule's `SCORED_MODES` (a
        "live" attempt holds one question of a group quiz and says nothing about the
        whole quiz).
        """
        wanted = sorted(set(modes))
        placeholders = ", ".join("?" for _ in wanted) or "NULL"
        rows = self.read(
            "read quiz scores",
            lambda c: c.execute(
                f"""
                SELECT a.id, a.quiz_id, a.finished_at, a.mode,
                       coalesce(sum(n.points), 0), coalesce(sum(n.max_points), 0)
                FROM attempts AS a LEFT JOIN answers AS n ON n.attempt_id = a.id
                WHERE a.learner_id = ? AND a.course_id = ? AND a.finished_at IS NOT NULL
                      AND a.mode IN ({placeholders})
                GROUP BY a.id ORDER BY a.id
                """,
                (learner_id, course_id, *wanted),
            ).fetchall(),
        )
        per_quiz: dict[str, list[QuizScore]] = {}
        modes_of: dict[int, str] = {}
        for attempt_id, quiz_id, finished_at, mode, points, max_points in rows:
            modes_of[int(attempt_id)] = str(mode)
            per_quiz.setdefault(quiz_id, []).append(
                QuizScore(quiz_id, int(attempt_id), float(points), float(max_points), finished_at)
            )
        best: dict[str, QuizScore] = {}
        for quiz_id, scores in per_quiz.items():
            found = best_attempt(
                scores,
                lambda s: (s.points, s.max_points, s.finished_at, modes_of[s.attempt_id]),
                wanted,
            )
            if found is not None:
                best[quiz_id] = found
        return best

    # -- reflections --------------------------------------------------------------------

    def save_reflection(
        self, learner_id: int, course_id: str, lesson_id: str, text: str, session: str
    ) -> None:
        """Keep a reflection text; it is committed before this returns.

        History keeps one entry per editing session: saving again with the same `session`
        updates that entry. A text equal to the latest one writes nothing.
        """
        now = utc_now()

        def save(c: sqlite3.Connection) -> None:
            latest = c.execute(
                "SELECT text FROM reflections WHERE learner_id = ? AND course_id = ? "
                "AND lesson_id = ? ORDER BY saved_at DESC, id DESC LIMIT 1",
                (learner_id, course_id, lesson_id),
            ).fetchone()
            if (latest[0] if latest else "") == text:
                return
            c.execute(
                """
                INSERT INTO reflections (uid, learner_id, course_id, lesson_id, session, text,
                                         saved_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (learner_id, course_id, lesson_id, session) DO UPDATE SET
                    text = excluded.text, saved_at = excluded.saved_at
                """,
                (str(uuid.uuid4()), learner_id, course_id, lesson_id, session, text, now),
            )

        self.write(f"save the reflection on lesson {lesson_id!r}", save)

    def reflection(self, learner_id: int, course_id: str, lesson_id: str) -> str:
        """The latest reflection text on a lesson; "" if there is none."""
        history = self.reflection_history(learner_id, course_id, lesson_id)
        return history[-1][1] if history else ""

    def reflection_history(
        self, learner_id: int, course_id: str, lesson_id: str
    ) -> list[tuple[str, str]]:
        """(saved_at, text) of every reflection entry on a lesson, oldest first."""
        rows = self.read(
            "read reflections",
            lambda c: c.execute(
                "SELECT saved_at, text FROM reflections WHERE learner_id = ? AND course_id = ? "
                "AND lesson_id = ? ORDER BY saved_at, id",
                (learner_id, course_id, lesson_id),
            ).fetchall(),
        )
        return [(row[0], row[1]) for row in rows]

    # -- answers not checked yet --------------------------------------------------------

    def save_draft(self, attempt_id: int, question_id: str, answer: str | None) -> None:
        """Keep what the learner entered in a question of an attempt but has not checked
        (`answer` as JSON); None forgets it."""

        def save(c: sqlite3.Connection) -> None:
            if answer is None:
                c.execute(
                    "DELETE FROM drafts WHERE attempt_id = ? AND question_id = ?",
                    (attempt_id, question_id),
                )
                return
            c.execute(
                """
                INSERT INTO drafts (attempt_id, question_id, learner_id, answer, saved_at)
                SELECT id, ?, learner_id, ?, ? FROM attempts WHERE id = ?
                ON CONFLICT (attempt_id, question_id) DO UPDATE SET
                    answer = excluded.answer, saved_at = excluded.saved_at
                """,
                (question_id, answer, utc_now(), attempt_id),
            )

        self.write("save an answer not checked yet", save)

    def draft(self, attempt_id: int, question_id: str) -> str | None:
        """The unchecked answer kept for a question of an attempt, as JSON, or None."""
        row = self.read(
            "read an answer not checked yet",
            lambda c: c.execute(
                "SELECT answer FROM drafts WHERE attempt_id = ? AND question_id = ?",
                (attempt_id, question_id),
            ).fetchone(),
        )
        return None if row is None else str(row[0])

    # -- where to continue --------------------------------------------------------------

    def save_place(self, learner_id: int, course_id: str, place: Place) -> None:
        """Remember where the learner is, for "Continue"."""

        def save(c: sqlite3.Connection) -> None:
            c.execute(
                """
                INSERT INTO places (learner_id, course_id, lesson_id, question_id, attempt_id,
                                    saved_at)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (learner_id, course_id) DO UPDATE SET
                    lesson_id = excluded.lesson_id, question_id = excluded.question_id,
                    attempt_id = excluded.attempt_id, saved_at = excluded.saved_at
                """,
                (
                    learner_id,
                    course_id,
                    place.lesson_id,
                    place.question_id,
                    place.attempt_id,
                    utc_now(),
                ),
            )

        self.write("save where to continue", save)

    def place(self, learner_id: int, course_id: str) -> Place | None:
        """Where the learner was last in a course, or None."""
        row = self.read(
            "read where to continue",
            lambda c: c.execute(
                "SELECT lesson_id, question_id, attempt_id FROM places "
                "WHERE learner_id = ? AND course_id = ?",
                (learner_id, course_id),
            ).fetchone(),
        )
        return None if row is None else Place(row[0], row[1], row[2])

    # -- moving data --------------------------------------------------------------------

    def export_document(
        self, learner_name: str, course_id: str | None = None, include_private: bool = False
    ) -> ExportDocument:
        """A learner's progress as typed export records (see docs/export-format.md).

        Every course the learner has progress in, or only `course_id`. Private texts (lesson
        reflections, answers to reflection questions, any record marked private) are left
        out unless asked for.
        """

        from course.store import transfer  # only export and import need it, not a start

        def read(c: sqlite3.Connection) -> ExportDocument:
            learner = _require_learner(c, learner_name)
            return transfer.export_learner(c, learner, course_id, include_private)

        return self.read(f"export the progress of {learner_name!r}", read)

    def export(
        self, learner_name: str, course_id: str | None = None, include_private: bool = False
    ) -> dict[str, Any]:
        """`export_document` as JSON data, as `course export` writes it."""
        return self.export_document(learner_name, course_id, include_private).to_json()

    def import_data(
        self,
        data: object,
        learner_name: str | None = None,
        course: Course | None = None,
    ) -> ImportSummary:
        """Merge an export into this store, all or nothing; importing it again changes nothing.

        The data goes to the profile named in it, or to `learner_name`, found as every
        profile is (`find_learner`: "dora" goes to Dora), and never to another profile.
        The whole document is checked first (against `course`'s questions too, when given);
        StoreError names the first thing wrong and nothing is written.
        """
        from course.store import transfer

        document = transfer.validate(data, course)
        target = check_learner_name(learner_name or document.learner)

        def merge(c: sqlite3.Connection) -> ImportSummary:
            found = _find_learner(c, target)
            if found is None and _learners_named(c, target):
                raise _ambiguous(target, _learners_named(c, target))
            return transfer.merge(c, document, found.name if found else target)

        return self.write(f"import progress for {target!r}", merge)

    def reset(self, learner_name: str) -> None:
        """Delete all of a learner's progress, keeping the profile."""

        def reset(c: sqlite3.Connection) -> None:
            learner = _require_learner(c, learner_name)
            for table in (
                "drafts",
                "places",
                "reflections",
                "answers",
                "attempts",
                "lessons",
                "network_snapshots",
                "network_maps",
                "review_logs",
                "review_cards",
                "review_settings",
                "commitments",
                "follow_ups",
            ):
                c.execute(f"DELETE FROM {table} WHERE learner_id = ?", (learner.id,))

        self.write(f"reset the progress of {learner_name!r}", reset)

    def sent_statements(self, learner_name: str, endpoint: str) -> set[str]:
        """Ids of the learner's statements that the LRS at `endpoint` has stored."""

        def read(c: sqlite3.Connection) -> set[str]:
            learner = _require_learner(c, learner_name)
            rows = c.execute(
                "SELECT statement_id FROM lrs_sent WHERE learner_id = ? AND endpoint = ?",
                (learner.id, endpoint),
            )
            return {str(row[0]) for row in rows}

        return self.read("read what was sent to the LRS", read)

    def mark_sent(self, learner_name: str, endpoint: str, statement_ids: Sequence[str]) -> None:
        """Remember that the LRS at `endpoint` has stored these statements; committed
        before this returns, so a sync stopped right after resumes after them."""
        now = utc_now()

        def write(c: sqlite3.Connection) -> None:
            learner = _require_learner(c, learner_name)
            c.executemany(
                "INSERT OR IGNORE INTO lrs_sent (learner_id, endpoint, statement_id, sent_at) "
                "VALUES (?, ?, ?, ?)",
                [(learner.id, endpoint, statement_id, now) for statement_id in statement_ids],
            )

        self.write("remember what was sent to the LRS", write)

    def data_version(self) -> int:
        """A number that changes whenever another connection commits: a cheap poll."""
        return self.read(
            "check for changes",
            lambda c: int(c.execute("PRAGMA data_version").fetchone()[0]),
        )

    def network_maps(self, learner_id: int, course_id: str) -> NetworkMaps:
        """A learner's network map of a course, its snapshots and closing answers."""
        from course.store.network_maps import NetworkMaps

        return NetworkMaps(self, learner_id, course_id)

    def plans(self, learner_id: int, course_id: str) -> Plans:
        """A learner's edited commitments and their follow-ups in a course."""
        from course.store.plans import Plans

        return Plans(self, learner_id, course_id)

    def reviews(self, learner_id: int, course_id: str) -> Reviews:
        """A learner's review cards in a course (`course.store.reviews`)."""
        return Reviews(self, learner_id, course_id)

    def classroom(self, course_id: str) -> Classroom:
        """The workshop state of a course (presenter, live questions, join code, presence)."""
        from course.store.classroom import Classroom

        return Classroom(self, course_id)

    def lrs_queue(self, course_id: str) -> LrsQueue:
        """The statements of a course waiting for an LRS (`course serve --lrs`)."""
        from course.store.lrs_queue import LrsQueue

        return LrsQueue(self, course_id)

    def integrity_check(self) -> list[str]:
        """SQLite's full integrity check: ["ok"] for a healthy file."""
        return self.read(
            "check the file",
            lambda c: [str(row[0]) for row in c.execute("PRAGMA integrity_check")],
        )


def _find_learner(c: sqlite3.Connection, name: str) -> Learner | None:
    """See `ProgressStore.find_learner`."""
    name = name.strip()
    row = c.execute("SELECT id, name, created_at FROM learners WHERE name = ?", (name,)).fetchone()
    if row is not None:
        return Learner(int(row[0]), row[1], row[2])
    found = _learners_named(c, name)
    return found[0] if len(found) == 1 else None


def _learners_named(c: sqlite3.Connection, name: str) -> list[Learner]:
    """See `ProgressStore.learners_named`. SQLite compares case in ASCII only, so the
    names are compared here (a class has tens of profiles, not millions)."""
    key = name_key(name)
    rows = c.execute("SELECT id, name, created_at FROM learners ORDER BY created_at, id")
    found = [Learner(int(r[0]), r[1], r[2]) for r in rows if name_key(r[1]) == key]
    return sorted(found, key=lambda learner: learner.name != name.strip())


def _ambiguous(name: str, found: Sequence[Learner]) -> StoreError:
    spelt = " and ".join(repr(learner.name) for learner in found)
    return StoreError(
        f"The profiles {spelt} differ from {name.strip()!r} only in case; give one of "
        "them exactly as it is spelt."
    )


def _require_learner(c: sqlite3.Connection, name: str) -> Learner:
    learner = _find_learner(c, name)
    if learner is None:
        found = _learners_named(c, name)
        if found:
            raise _ambiguous(name, found)
        raise StoreError(f"There is no profile named {name!r}; `course profiles` lists them.")
    return learner


def _load_attempts(
    c: sqlite3.Connection, where: str, parameters: Sequence[object], limit: int | None = None
) -> list[Attempt]:
    """Attempts matching `where` (newest first), each with its answers."""
    query = (
        f"SELECT {_ATTEMPT_COLUMNS} FROM attempts WHERE {where} ORDER BY started_at DESC, id DESC"
    )
    if limit is not None:
        query += f" LIMIT {int(limit)}"
    rows = c.execute(query, tuple(parameters)).fetchall()
    if not rows:
        return []
    import json

    answers: dict[int, list[AnswerRecord]] = {int(row[0]): [] for row in rows}
    ids = list(answers)
    for start in range(0, len(ids), 500):  # stay below SQLite's variable limit
        chunk = ids[start : start + 500]
        marks = ", ".join("?" for _ in chunk)
        for row in c.execute(
            f"SELECT {_ANSWER_COLUMNS} FROM answers WHERE attempt_id IN ({marks}) ORDER BY id",
            chunk,
        ):
            answers[int(row[0])].append(
                AnswerRecord(
                    row[1],
                    json.loads(row[2]),
                    Outcome(row[3]),
                    float(row[4]),
                    float(row[5]),
                    row[6],
                    row[7],
                )
            )
    return [
        Attempt(
            int(row[0]),
            row[1],
            int(row[2]),
            row[3],
            row[4],
            row[5],
            row[6],
            tuple(json.loads(row[7])),
            int(row[8]),
            AttemptMode(row[9]),
            row[10],
            row[11],
            tuple(answers[int(row[0])]),
        )
        for row in rows
    ]
