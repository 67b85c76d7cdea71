"""Export and import: a learner's progress as a versioned JSON document (and CSV for reading).

The format is documented in docs/export-format.md; `FORMAT_VERSION` goes up only when a
reader of the old version would misread the new one (new keys may be added at any time and
are ignored by older readers). Import checks the whole document before it changes anything,
then merges it in one transaction, keyed by the uids of attempts, answers and reflections:
importing the same file twice changes nothing.
"""

from __future__ import annotations

import csv
import io
import json
import math
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from course.store.records import (
    MODES,
    OUTCOMES,
    ImportSummary,
    Learner,
    StoreError,
    parse_time,
    percent,
    utc_now,
)

FORMAT = "course-progress"
"""The value of the `format` key of every export."""
FORMAT_VERSION = 1
"""The version of the export format this code writes and reads."""

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
    c: sqlite3.Connection, learner: Learner, course_id: str | None, include_reflections: bool
) -> dict[str, Any]:
    """The export document of one learner (run it inside one read transaction)."""
    if course_id is None:
        course_ids = sorted(
            row[0]
            for row in c.execute(
                "SELECT course_id FROM lessons WHERE learner_id = :id UNION "
                "SELECT course_id FROM attempts WHERE learner_id = :id UNION "
                "SELECT course_id FROM places WHERE learner_id = :id UNION "
                "SELECT course_id FROM reflections WHERE learner_id = :id",
                {"id": learner.id},
            )
        )
    else:
        course_ids = [course_id]
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "exported_at": utc_now(),
        "app": _app_version(),
        "learner": {"name": learner.name, "created_at": learner.created_at},
        "courses": [
            _export_course(c, learner.id, course, include_reflections) for course in course_ids
        ],
    }


def _app_version() -> str:
    from course import __version__

    return f"course-app {__version__}"


def _export_course(
    c: sqlite3.Connection, learner_id: int, course_id: str, include_reflections: bool
) -> dict[str, Any]:
    key = {"learner": learner_id, "course": course_id}
    lessons = [
        {
            "id": row[0],
            "opened_at": row[1],
            "completed_at": row[2],
            "position": row[3],
            "seconds": row[4],
            "updated_at": row[5],
        }
        for row in c.execute(
            "SELECT lesson_id, opened_at, completed_at, position, seconds, updated_at "
            "FROM lessons WHERE learner_id = :learner AND course_id = :course "
            "ORDER BY opened_at, lesson_id",
            key,
        )
    ]
    attempts: list[dict[str, Any]] = []
    by_id: dict[int, dict[str, Any]] = {}
    for row in c.execute(
        "SELECT id, uid, quiz_id, lesson_id, course_version, mode, seed, question_order, "
        "started_at, finished_at FROM attempts WHERE learner_id = :learner "
        "AND course_id = :course ORDER BY started_at, id",
        key,
    ):
        attempt = {
            "uid": row[1],
            "quiz_id": row[2],
            "lesson_id": row[3],
            "course_version": row[4],
            "mode": row[5],
            "seed": row[6],
            "question_order": json.loads(row[7]),
            "started_at": row[8],
            "finished_at": row[9],
            "points": 0.0,
            "max_points": 0.0,
            "answers": [],
        }
        attempts.append(attempt)
        by_id[int(row[0])] = attempt
    for row in c.execute(
        "SELECT n.attempt_id, n.uid, n.question_id, n.answer, n.outcome, n.points, "
        "n.max_points, n.answered_at FROM answers AS n JOIN attempts AS a "
        "ON a.id = n.attempt_id WHERE a.learner_id = :learner AND a.course_id = :course "
        "ORDER BY n.id",
        key,
    ):
        attempt = by_id[int(row[0])]
        attempt["answers"].append(
            {
                "uid": row[1],
                "question_id": row[2],
                "answer": json.loads(row[3]),
                "outcome": row[4],
                "points": row[5],
                "max_points": row[6],
                "answered_at": row[7],
            }
        )
        attempt["points"] += row[5]
        attempt["max_points"] += row[6]
    place_row = c.execute(
        "SELECT p.lesson_id, p.question_id, a.uid, p.saved_at FROM places AS p "
        "LEFT JOIN attempts AS a ON a.id = p.attempt_id "
        "WHERE p.learner_id = :learner AND p.course_id = :course",
        key,
    ).fetchone()
    course: dict[str, Any] = {
        "id": course_id,
        "versions": sorted({attempt["course_version"] for attempt in attempts}),
        "lessons": lessons,
        "quizzes": _quiz_summaries(attempts),
        "attempts": attempts,
        "place": None
        if place_row is None
        else {
            "lesson_id": place_row[0],
            "question_id": place_row[1],
            "attempt_uid": place_row[2],
            "saved_at": place_row[3],
        },
    }
    if include_reflections:
        course["reflections"] = [
            {
                "uid": row[0],
                "lesson_id": row[1],
                "session": row[2],
                "text": row[3],
                "saved_at": row[4],
            }
            for row in c.execute(
                "SELECT uid, lesson_id, session, text, saved_at FROM reflections "
                "WHERE learner_id = :learner AND course_id = :course ORDER BY saved_at, id",
                key,
            )
        ]
    return course


def _quiz_summaries(attempts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per quiz: how many attempts, and the best finished one (as `best_scores` ranks them)."""
    summaries: dict[str, dict[str, Any]] = {}
    for attempt in attempts:
        summary = summaries.setdefault(
            attempt["quiz_id"],
            {
                "quiz_id": attempt["quiz_id"],
                "attempts": 0,
                "best_attempt_uid": None,
                "points": None,
                "max_points": None,
                "percent": None,
            },
        )
        summary["attempts"] += 1
        # The same rule as ProgressStore.best_scores: a live attempt holds one question of a
        # group quiz; the app's retries carry the right answers over and score the whole quiz.
        if attempt["finished_at"] is None or attempt["mode"] == "live":
            continue
        score = percent(attempt["points"], attempt["max_points"])
        rank = (score, attempt["points"], attempt["finished_at"])
        if summary["best_attempt_uid"] is None or rank > summary["_rank"]:
            summary.update(
                best_attempt_uid=attempt["uid"],
                points=attempt["points"],
                max_points=attempt["max_points"],
                percent=round(score, 2),
                _rank=rank,
            )
    for summary in summaries.values():
        summary.pop("_rank", None)
    return sorted(summaries.values(), key=lambda summary: str(summary["quiz_id"]))


def to_csv(document: Mapping[str, Any]) -> str:
    """An export document as one CSV table (one row per lesson, attempt, answer and
    reflection, told apart by the `kind` column); for spreadsheets, not for import."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    learner = document["learner"]["name"]
    for course in document["courses"]:
        base = {"learner": learner, "course_id": course["id"]}
        for lesson in course["lessons"]:
            writer.writerow(
                {
                    **base,
                    "kind": "lesson",
                    "lesson_id": lesson["id"],
                    **{
                        key: lesson[key]
                        for key in ("opened_at", "completed_at", "position", "seconds")
                    },
                }
            )
        for attempt in course["attempts"]:
            row = {
                **base,
                "course_version": attempt["course_version"],
                "lesson_id": attempt["lesson_id"],
                "quiz_id": attempt["quiz_id"],
                "attempt_uid": attempt["uid"],
                "mode": attempt["mode"],
                "started_at": attempt["started_at"],
                "finished_at": attempt["finished_at"],
            }
            writer.writerow(
                {
                    **row,
                    "kind": "attempt",
                    "points": attempt["points"],
                    "max_points": attempt["max_points"],
                }
            )
            for answer in attempt["answers"]:
                writer.writerow(
                    {
                        **row,
                        "kind": "answer",
                        "question_id": answer["question_id"],
                        "outcome": answer["outcome"],
                        "points": answer["points"],
                        "max_points": answer["max_points"],
                        "answered_at": answer["answered_at"],
                        "answer": json.dumps(answer["answer"], ensure_ascii=False, sort_keys=True),
                    }
                )
        for reflection in course.get("reflections", ()):
            writer.writerow(
                {
                    **base,
                    "kind": "reflection",
                    "lesson_id": reflection["lesson_id"],
                    "text": reflection["text"],
                    "saved_at": reflection["saved_at"],
                }
            )
    return buffer.getvalue()


# -- checking a document --------------------------------------------------------------------


@dataclass(frozen=True)
class Document:
    """An export that passed every check, with times in the store's format."""

    learner: str
    """The profile name it was exported from."""
    learner_created_at: str
    """When that profile was made."""
    courses: tuple[dict[str, Any], ...]
    """Per course: id, lessons, attempts (with answers), reflections, place, all checked."""


def _where(path: str) -> str:
    return path or "the document"


def _at(path: str, key: str) -> str:
    """The path of `key` inside the object at `path`."""
    return f"{path}.{key}" if path else key


def _kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f"the text {value[:40]!r}"
    if isinstance(value, int | float):
        return f"the number {value}"
    return "a list" if isinstance(value, list) else "an object"


def _bad(path: str, problem: str) -> StoreError:
    return StoreError(f"{_where(path)}: {problem}")


def _object(value: object, path: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise _bad(path, f"expected an object, found {_kind(value)}")
    return value


def _get(record: Mapping[str, Any], key: str, path: str, *, optional: bool) -> Any:
    if key not in record:
        if optional:
            return None
        raise _bad(path, f"the key {key!r} is missing")
    return record[key]


def _text(
    record: Mapping[str, Any],
    key: str,
    path: str,
    *,
    nullable: bool = False,
    optional: bool = False,
    empty: bool = False,
) -> Any:
    value = _get(record, key, path, optional=optional or nullable)
    if value is None and (nullable or optional):
        return None
    if not isinstance(value, str) or (not empty and not value.strip()):
        raise _bad(_at(path, key), f"expected a non-empty text, found {_kind(value)}")
    return value


def _time(record: Mapping[str, Any], key: str, path: str, *, nullable: bool = False) -> Any:
    value = _text(record, key, path, nullable=nullable)
    if value is None:
        return None
    try:
        return parse_time(value)
    except ValueError:
        raise _bad(_at(path, key), f"expected an ISO-8601 time, found {_kind(value)}") from None


def _number(
    record: Mapping[str, Any], key: str, path: str, *, default: float | None = None
) -> float:
    value = _get(record, key, path, optional=default is not None)
    if value is None and default is not None:
        return default
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise _bad(_at(path, key), f"expected a number, found {_kind(value)}")
    return float(value)


def _list(record: Mapping[str, Any], key: str, path: str, *, optional: bool = False) -> list[Any]:
    value = _get(record, key, path, optional=optional)
    if value is None and optional:
        return []
    if not isinstance(value, list):
        raise _bad(_at(path, key), f"expected a list, found {_kind(value)}")
    return value


def _choice(record: Mapping[str, Any], key: str, path: str, allowed: Iterable[str]) -> str:
    value = _text(record, key, path)
    if value not in allowed:
        raise _bad(
            _at(path, key), f"expected one of {', '.join(sorted(allowed))}, found {_kind(value)}"
        )
    return str(value)


def validate(data: object) -> Document:
    """Check an export document; StoreError naming where the first problem is."""
    top = _object(data, "")
    if top.get("format") != FORMAT:
        raise _bad(
            "format",
            f"expected {FORMAT!r}: this is not a progress export "
            f"(found {_kind(top.get('format'))})",
        )
    version = top.get("format_version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise _bad("format_version", f"expected a whole number, found {_kind(version)}")
    if version > FORMAT_VERSION:
        raise _bad(
            "format_version",
            f"the file has version {version}, but this app reads up "
            f"to {FORMAT_VERSION}: update the app to import it",
        )
    if version < 1:
        raise _bad("format_version", f"unknown version {version}")
    learner = _object(_get(top, "learner", "", optional=False), "learner")
    name = _text(learner, "name", "learner")
    created_at = _time(learner, "created_at", "learner", nullable=True) or utc_now()
    courses = tuple(
        _check_course(course, f"courses[{index}]")
        for index, course in enumerate(_list(top, "courses", ""))
    )
    return Document(str(name).strip(), created_at, courses)


def _check_course(value: object, path: str) -> dict[str, Any]:
    course = _object(value, path)
    lessons = []
    for index, item in enumerate(_list(course, "lessons", path, optional=True)):
        where = f"{path}.lessons[{index}]"
        lesson = _object(item, where)
        lessons.append(
            {
                "id": _text(lesson, "id", where),
                "opened_at": _time(lesson, "opened_at", where, nullable=True),
                "completed_at": _time(lesson, "completed_at", where, nullable=True),
                "position": min(1.0, max(0.0, _number(lesson, "position", where, default=0.0))),
                "seconds": max(0.0, _number(lesson, "seconds", where, default=0.0)),
                "updated_at": _time(lesson, "updated_at", where),
            }
        )
    attempts = [
        _check_attempt(item, f"{path}.attempts[{index}]")
        for index, item in enumerate(_list(course, "attempts", path, optional=True))
    ]
    reflections = []
    for index, item in enumerate(_list(course, "reflections", path, optional=True)):
        where = f"{path}.reflections[{index}]"
        reflection = _object(item, where)
        text = reflection.get("text")
        if not isinstance(text, str):
            raise _bad(f"{where}.text", f"expected a text, found {_kind(text)}")
        reflections.append(
            {
                "uid": _text(reflection, "uid", where),
                "lesson_id": _text(reflection, "lesson_id", where),
                "session": _text(reflection, "session", where, empty=True),
                "text": text,
                "saved_at": _time(reflection, "saved_at", where),
            }
        )
    place = None
    if course.get("place") is not None:
        where = f"{path}.place"
        found = _object(course["place"], where)
        place = {
            "lesson_id": _text(found, "lesson_id", where),
            "question_id": _text(found, "question_id", where, nullable=True),
            "attempt_uid": _text(found, "attempt_uid", where, nullable=True),
            "saved_at": _time(found, "saved_at", where),
        }
    return {
        "id": _text(course, "id", path),
        "lessons": lessons,
        "attempts": attempts,
        "reflections": reflections,
        "place": place,
    }


def _check_attempt(value: object, path: str) -> dict[str, Any]:
    attempt = _object(value, path)
    order = _list(attempt, "question_order", path, optional=True)
    for index, question in enumerate(order):
        if not isinstance(question, str):
            raise _bad(
                f"{path}.question_order[{index}]",
                f"expected a question id, found {_kind(question)}",
            )
    seed = attempt.get("seed", 0)
    if isinstance(seed, bool) or not isinstance(seed, int) or not -(2**63) <= seed < 2**63:
        raise _bad(f"{path}.seed", f"expected a whole number, found {_kind(seed)}")
    answers = []
    for index, item in enumerate(_list(attempt, "answers", path, optional=True)):
        where = f"{path}.answers[{index}]"
        answer = _object(item, where)
        given = answer.get("answer")
        if not isinstance(given, Mapping):
            raise _bad(f"{where}.answer", f"expected an object, found {_kind(given)}")
        try:
            encoded = json.dumps(given, ensure_ascii=False, sort_keys=True, allow_nan=False)
        except ValueError as error:
            raise _bad(f"{where}.answer", str(error)) from None
        answers.append(
            {
                "uid": _text(answer, "uid", where),
                "question_id": _text(answer, "question_id", where),
                "answer": encoded,
                "outcome": _choice(answer, "outcome", where, OUTCOMES),
                "points": _number(answer, "points", where),
                "max_points": _number(answer, "max_points", where),
                "answered_at": _time(answer, "answered_at", where),
            }
        )
    return {
        "uid": _text(attempt, "uid", path),
        "quiz_id": _text(attempt, "quiz_id", path),
        "lesson_id": _text(attempt, "lesson_id", path),
        "course_version": _text(attempt, "course_version", path, empty=True),
        "mode": _choice(attempt, "mode", path, MODES),
        "seed": seed,
        "question_order": json.dumps(order),
        "started_at": _time(attempt, "started_at", path),
        "finished_at": _time(attempt, "finished_at", path, nullable=True),
        "answers": answers,
    }


# -- merging --------------------------------------------------------------------------------


def _earliest(first: str | None, second: str | None) -> str | None:
    known = [moment for moment in (first, second) if moment is not None]
    return min(known) if known else None


def merge(c: sqlite3.Connection, document: Document, learner_name: str) -> ImportSummary:
    """Merge a checked document into the profile `learner_name` (inside one transaction).

    Nothing is ever removed: lessons keep the earliest opening and completion, the most
    time and the newer position; attempts, answers and reflections are matched by uid and
    only replaced by newer versions of themselves; the newer "Continue" place wins.
    """
    c.execute(
        "INSERT INTO learners (name, created_at) VALUES (?, ?) ON CONFLICT (name) DO NOTHING",
        (learner_name, document.learner_created_at),
    )
    learner_id = int(
        c.execute("SELECT id FROM learners WHERE name = ?", (learner_name,)).fetchone()[0]
    )
    counts = dict.fromkeys(("lessons", "attempts", "answers", "reflections", "places"), 0)
    for course in document.courses:
        course_id = course["id"]
        for lesson in course["lessons"]:
            counts["lessons"] += _merge_lesson(c, learner_id, course_id, lesson)
        for attempt in course["attempts"]:
            attempt_id, changed = _merge_attempt(c, learner_id, learner_name, course_id, attempt)
            counts["attempts"] += changed
            for answer in attempt["answers"]:
                counts["answers"] += _merge_answer(c, learner_id, attempt_id, answer)
        for reflection in course["reflections"]:
            counts["reflections"] += _merge_reflection(c, learner_id, course_id, reflection)
        if course["place"] is not None:
            counts["places"] += _merge_place(c, learner_id, course_id, course["place"])
    return ImportSummary(learner_name, tuple(course["id"] for course in document.courses), **counts)


def _merge_lesson(
    c: sqlite3.Connection, learner_id: int, course_id: str, lesson: dict[str, Any]
) -> int:
    row = c.execute(
        "SELECT opened_at, completed_at, position, seconds, updated_at FROM lessons "
        "WHERE learner_id = ? AND course_id = ? AND lesson_id = ?",
        (learner_id, course_id, lesson["id"]),
    ).fetchone()
    if row is None:
        merged = (
            lesson["opened_at"],
            lesson["completed_at"],
            lesson["position"],
            lesson["seconds"],
            lesson["updated_at"],
        )
    else:
        newer = lesson["updated_at"] > row[4]
        merged = (
            _earliest(row[0], lesson["opened_at"]),
            _earliest(row[1], lesson["completed_at"]),
            lesson["position"] if newer else row[2],
            max(row[3], lesson["seconds"]),
            max(row[4], lesson["updated_at"]),
        )
        if merged == tuple(row):
            return 0
    c.execute(
        "INSERT OR REPLACE INTO lessons (learner_id, course_id, lesson_id, opened_at, "
        "completed_at, position, seconds, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (learner_id, course_id, lesson["id"], *merged),
    )
    return 1


def _merge_attempt(
    c: sqlite3.Connection,
    learner_id: int,
    learner_name: str,
    course_id: str,
    attempt: dict[str, Any],
) -> tuple[int, int]:
    """The local id of the attempt, and 1 if it was added or updated, else 0."""
    row = c.execute(
        "SELECT a.id, a.learner_id, a.finished_at, l.name FROM attempts AS a "
        "JOIN learners AS l ON l.id = a.learner_id WHERE a.uid = ?",
        (attempt["uid"],),
    ).fetchone()
    if row is None:
        cursor = c.execute(
            "INSERT INTO attempts (uid, learner_id, course_id, course_version, quiz_id, "
            "lesson_id, question_order, seed, mode, started_at, finished_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                attempt["uid"],
                learner_id,
                course_id,
                attempt["course_version"],
                attempt["quiz_id"],
                attempt["lesson_id"],
                attempt["question_order"],
                attempt["seed"],
                attempt["mode"],
                attempt["started_at"],
                attempt["finished_at"],
            ),
        )
        assert cursor.lastrowid is not None
        return cursor.lastrowid, 1
    if int(row[1]) != learner_id:
        raise StoreError(
            f"Quiz attempt {attempt['uid']} in this file already belongs to the profile "
            f"{row[3]!r}, not {learner_name!r}: import it into {row[3]!r} instead."
        )
    if row[2] is None and attempt["finished_at"] is not None:
        c.execute(
            "UPDATE attempts SET finished_at = ? WHERE id = ?", (attempt["finished_at"], row[0])
        )
        return int(row[0]), 1
    return int(row[0]), 0


def _merge_answer(
    c: sqlite3.Connection, learner_id: int, attempt_id: int, answer: dict[str, Any]
) -> int:
    row = c.execute(
        "SELECT id, answered_at FROM answers WHERE uid = ?", (answer["uid"],)
    ).fetchone()
    if row is None:
        row = c.execute(
            "SELECT id, answered_at FROM answers WHERE attempt_id = ? AND question_id = ?",
            (attempt_id, answer["question_id"]),
        ).fetchone()
    content = (
        answer["answer"],
        answer["outcome"],
        answer["points"],
        answer["max_points"],
        answer["answered_at"],
    )
    if row is None:
        c.execute(
            "INSERT INTO answers (uid, attempt_id, learner_id, question_id, answer, outcome, "
            "points, max_points, answered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (answer["uid"], attempt_id, learner_id, answer["question_id"], *content),
        )
        return 1
    if answer["answered_at"] <= row[1]:
        return 0
    c.execute(
        "UPDATE answers SET answer = ?, outcome = ?, points = ?, max_points = ?, "
        "answered_at = ? WHERE id = ?",
        (*content, row[0]),
    )
    return 1


def _merge_reflection(
    c: sqlite3.Connection, learner_id: int, course_id: str, reflection: dict[str, Any]
) -> int:
    row = c.execute(
        "SELECT id, saved_at FROM reflections WHERE uid = ?", (reflection["uid"],)
    ).fetchone()
    if row is None:
        row = c.execute(
            "SELECT id, saved_at FROM reflections WHERE learner_id = ? AND course_id = ? "
            "AND lesson_id = ? AND session = ?",
            (learner_id, course_id, reflection["lesson_id"], reflection["session"]),
        ).fetchone()
    if row is None:
        c.execute(
            "INSERT INTO reflections (uid, learner_id, course_id, lesson_id, session, text, "
            "saved_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                reflection["uid"],
                learner_id,
                course_id,
                reflection["lesson_id"],
                reflection["session"],
                reflection["text"],
                reflection["saved_at"],
            ),
        )
        return 1
    if reflection["saved_at"] <= row[1]:
        return 0
    c.execute(
        "UPDATE reflections SET text = ?, saved_at = ? WHERE id = ?",
        (reflection["text"], reflection["saved_at"], row[0]),
    )
    return 1


def _merge_place(
    c: sqlite3.Connection, learner_id: int, course_id: str, place: dict[str, Any]
) -> int:
    row = c.execute(
        "SELECT saved_at FROM places WHERE learner_id = ? AND course_id = ?",
        (learner_id, course_id),
    ).fetchone()
    if row is not None and place["saved_at"] <= row[0]:
        return 0
    attempt = None
    if place["attempt_uid"] is not None:
        found = c.execute(
            "SELECT id FROM attempts WHERE uid = ? AND learner_id = ?",
            (place["attempt_uid"], learner_id),
        ).fetchone()
        attempt = None if found is None else int(found[0])
    c.execute(
        "INSERT OR REPLACE INTO places (learner_id, course_id, lesson_id, question_id, "
        "attempt_id, saved_at) VALUES (?, ?, ?, ?, ?, ?)",
        (
            learner_id,
            course_id,
            place["lesson_id"],
            place["question_id"],
            attempt,
            place["saved_at"],
        ),
    )
    return 1
