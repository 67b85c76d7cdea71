"""The progress export as typed records: reading it (with every check and limit of
docs/export-format.md) and writing it.

`ExportDocument.from_json` is the only way into the records from a file: it checks the whole
document against the documented schema, with limits, and raises `StoreError` naming the
JSON path of the first problem and what to do, before anything is written anywhere.
`ExportDocument.to_json` is the only way out. The store (`course.store.transfer`) and the
class view (`course.workshop.classview`) work on the records, never on raw dicts.

Private texts: every record type says whether it holds something a learner wrote about
themselves (`ExportRecord.private`). `ExportDocument.without_private` drops every such
record, wherever it sits in the document, so a new kind of private text (a network map, a
plan) is left out of exports by setting that flag on its record type, and nothing else.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields, is_dataclass, replace
from datetime import date
from typing import Any, ClassVar, TypeVar

from course.core.kinds import kind_of
from course.core.model import Course, Question
from course.core.network_map import MapError, NetworkMap
from course.core.scoring import AttemptMode, Outcome, Score, best_attempt
from course.store.records import StoreError, parse_time

FORMAT = "course-progress"
"""The value of the `format` key of every export."""
FORMAT_VERSION = 1
"""The version of the export format this code writes and reads."""

FILE_LIMIT = 20 * 1024 * 1024
"""The largest export file read, in bytes (20 MB: years of daily study fit in 2 MB)."""
ID_LIMIT = 200
"""The longest id, uid, session or version text, in characters."""
TEXT_LIMIT = 100_000
"""The longest text a learner wrote (a reflection, a short answer), in characters."""
POINTS_LIMIT = 1000
"""The most points one answer can be worth."""
LIST_LIMIT = 1000
"""The most entries of a list inside an answer or of an attempt's question order."""
SECONDS_LIMIT = 10**9
"""The most seconds of reading time of one lesson (about 30 years)."""

FIX_HINT = "correct the file or export it again with `course export` (docs/export-format.md)"
"""What to do about a file that breaks the format, added to every such message."""


def _bad(path: str, problem: str, todo: str = FIX_HINT) -> StoreError:
    where = path or "the document"
    return StoreError(f"{where}: {problem}; {todo}." if todo else f"{where}: {problem}.")


# -- the records ------------------------------------------------------------------------------


class ExportRecord:
    """A part of an export document that knows whether it is private."""

    PRIVATE: ClassVar[bool] = False
    """Whether every record of this type is a text the learner wrote about themselves,
    exported only with `--include-private`."""

    @property
    def private(self) -> bool:
        """Whether this record is private (by default: whether its type is)."""
        return self.PRIVATE


@dataclass(frozen=True)
class ExportedLesson(ExportRecord):
    """A learner's progress in one lesson."""

    id: str
    """The lesson id."""
    opened_at: str | None
    """When the learner first opened it."""
    completed_at: str | None
    """When the learner first completed it."""
    position: float
    """The last scroll position, 0 (top) to 1 (end)."""
    seconds: float
    """Time spent reading it."""
    updated_at: str
    """When the learner last did something in it."""


@dataclass(frozen=True)
class ExportedAnswer(ExportRecord):
    """One answer of an attempt."""

    uid: str
    """The answer's global id."""
    question_id: str
    """The question."""
    answer: Mapping[str, Any] = field(hash=False)
    """What the learner gave, as the grading code writes it (`{"chosen": [1]}`, …)."""
    outcome: Outcome
    """How it was judged."""
    points: float
    """Points earned."""
    max_points: float
    """Points a fully right answer earns."""
    answered_at: str
    """When it was given (or last changed)."""

    @property
    def private(self) -> bool:
        """An answer the app does not grade (a reflection question in a quiz) is the
        learner's own text about themselves."""
        return self.outcome is Outcome.UNGRADED


@dataclass(frozen=True)
class ExportedAttempt(ExportRecord):
    """One quiz attempt with its answers."""

    uid: str
    """The attempt's global id."""
    quiz_id: str
    """The quiz."""
    lesson_id: str
    """The lesson the quiz belongs to."""
    course_version: str
    """The course's version when the attempt started."""
    mode: AttemptMode
    """How it was taken."""
    seed: int
    """The option shuffling's seed."""
    question_order: tuple[str, ...]
    """Question ids in the order they were asked."""
    started_at: str
    """When it began."""
    finished_at: str | None
    """When it was finished; None if it was left unfinished."""
    answers: tuple[ExportedAnswer, ...] = ()
    """The answers, in the order they were first given."""

    @property
    def score(self) -> Score:
        """The sum of the answers' points and maximum points."""
        return Score(
            sum((answer.points for answer in self.answers), 0.0),
            sum((answer.max_points for answer in self.answers), 0.0),
        )


@dataclass(frozen=True)
class ExportedPlace(ExportRecord):
    """Where the learner was last in a course."""

    lesson_id: str
    """The lesson."""
    question_id: str | None
    """The question, if the learner was in a quiz."""
    attempt_uid: str | None
    """The attempt that question belongs to."""
    saved_at: str
    """When the learner was there."""


@dataclass(frozen=True)
class ExportedReflection(ExportRecord):
    """One saved version of a lesson's reflection."""

    PRIVATE: ClassVar[bool] = True

    uid: str
    """The entry's global id."""
    lesson_id: str
    """The lesson."""
    session: str
    """The editing session the entry belongs to."""
    text: str
    """What the learner wrote."""
    saved_at: str
    """When it was last saved."""


@dataclass(frozen=True)
class ExportedNetworkMap(ExportRecord):
    """The learner's network map of a course: the map, the answers to its closing
    questions and its dated snapshots (see `course.store.network_maps`). Private: who a
    learner's clients are and how they know each other is theirs."""

    PRIVATE: ClassVar[bool] = True

    map: Mapping[str, Any] | None
    """The current map as `NetworkMap.to_json` writes it; None if only snapshots exist."""
    answers: Mapping[str, str]
    """The answers to the closing questions, by question id."""
    updated_at: str | None
    """When the map or the answers last changed."""
    snapshots: tuple[Mapping[str, Any], ...] = ()
    """Each snapshot as {"name", "taken_at", "map"}, oldest first."""

    def to_json(self) -> dict[str, Any]:
        """The record as the format writes it."""
        return {
            "map": self.map,
            "answers": dict(self.answers),
            "updated_at": self.updated_at,
            "snapshots": [dict(snapshot) for snapshot in self.snapshots],
        }


@dataclass(frozen=True)
class ExportedCommitment(ExportRecord):
    """A commitment of "My plan" as the learner edited it (`course.store.plans`)."""

    PRIVATE: ClassVar[bool] = True

    question_id: str
    """The reflection question it answers."""
    text: str
    """The edited text."""
    saved_at: str
    """When it was saved: an import keeps the newer one."""


@dataclass(frozen=True)
class ExportedFollowUp(ExportRecord):
    """A day to come back to a commitment, and what the learner said then."""

    PRIVATE: ClassVar[bool] = True

    question_id: str
    """The reflection question whose answer is the commitment."""
    due: str
    """The day (YYYY-MM-DD)."""
    set_at: str
    """When the day was set: with the question, what an import matches by."""
    answer: str | None
    """What the learner said at the check-in; null until then."""
    answered_at: str | None
    """When they said it."""


@dataclass(frozen=True)
class ExportedReview(ExportRecord):
    """One review of a question's spaced-review card (not private: a schedule, no text)."""

    uid: str
    """The review's global id: imports merge by it."""
    question_id: str
    """The card's question."""
    rating: int
    """FSRS rating: 1 Again, 2 Hard, 3 Good, 4 Easy."""
    reviewed_at: str
    """When."""
    source: str
    """What asked the question: quiz, review or live."""


@dataclass(frozen=True)
class ExportedCard:
    """A question's card as the logs left it (derived from them; ignored on import)."""

    question_id: str
    """The card's question."""
    due: str
    """When it is due next."""
    card: dict[str, Any]
    """The `fsrs.Card` as its `to_dict` gives it."""


@dataclass(frozen=True)
class QuizSummary:
    """Per quiz: how many attempts, and the best (derived; ignored on import)."""

    quiz_id: str
    """The quiz."""
    attempts: int
    """Attempts started."""
    best: ExportedAttempt | None
    """The best finished attempt by `course.core.scoring.best_attempt`."""

    def to_json(self) -> dict[str, Any]:
        """The summary as the format writes it."""
        score = self.best.score if self.best else None
        return {
            "quiz_id": self.quiz_id,
            "attempts": self.attempts,
            "best_attempt_uid": self.best.uid if self.best else None,
            "points": score.points if score else None,
            "max_points": score.max_points if score else None,
            "percent": round(score.percent, 2) if score else None,
        }


@dataclass(frozen=True)
class ExportedCourse(ExportRecord):
    """A learner's progress in one course."""

    id: str
    """The course id."""
    lessons: tuple[ExportedLesson, ...] = ()
    """Per lesson: progress."""
    attempts: tuple[ExportedAttempt, ...] = ()
    """Every quiz attempt, oldest first."""
    place: ExportedPlace | None = None
    """Where the learner was last."""
    reflections: tuple[ExportedReflection, ...] = ()
    """Every saved version of every lesson reflection (private)."""
    network_map: ExportedNetworkMap | None = None
    """The learner's network map of the course (private), if they drew one."""
    reviews: tuple[ExportedReview, ...] = ()
    """Every review of a spaced-review card, oldest first."""
    cards: tuple[ExportedCard, ...] = ()
    """The cards the reviews give (derived; an import replays the reviews instead)."""
    commitments: tuple[ExportedCommitment, ...] = ()
    """The commitments edited in "My plan" (private)."""
    follow_ups: tuple[ExportedFollowUp, ...] = ()
    """Their follow-up days and check-ins (private)."""

    @property
    def versions(self) -> list[str]:
        """The course versions the attempts were taken with."""
        return sorted({attempt.course_version for attempt in self.attempts})

    def quizzes(self) -> list[QuizSummary]:
        """Per quiz (by id): the count of attempts and the best one."""
        by_quiz: dict[str, list[ExportedAttempt]] = {}
        for attempt in self.attempts:
            by_quiz.setdefault(attempt.quiz_id, []).append(attempt)
        return [
            QuizSummary(quiz_id, len(attempts), best_of(attempts))
            for quiz_id, attempts in sorted(by_quiz.items())
        ]


def best_of(attempts: Iterable[ExportedAttempt]) -> ExportedAttempt | None:
    """The best of these attempts (given oldest first) by the one scoring rule."""
    return best_attempt(
        attempts,
        lambda a: (a.score.points, a.score.max_points, a.finished_at, a.mode),
    )


R = TypeVar("R")


def _without_private(record: R) -> R:
    """`record` with every private record inside it left out, at any depth."""
    if not is_dataclass(record) or isinstance(record, type):
        return record
    changes: dict[str, Any] = {}
    for one in fields(record):
        value = getattr(record, one.name)
        if isinstance(value, tuple) and any(isinstance(item, ExportRecord) for item in value):
            changes[one.name] = tuple(
                _without_private(item)
                for item in value
                if not (isinstance(item, ExportRecord) and item.private)
            )
        elif isinstance(value, ExportRecord):
            changes[one.name] = None if value.private else _without_private(value)
    return replace(record, **changes) if changes else record


@dataclass(frozen=True)
class ExportDocument:
    """A learner's exported progress (see docs/export-format.md)."""

    learner: str
    """The profile name."""
    learner_created_at: str | None
    """When the profile was made; None if the file does not say."""
    courses: tuple[ExportedCourse, ...] = ()
    """One per course with progress."""
    exported_at: str | None = None
    """When the file was written; None if it does not say (or not as a time)."""
    app: str = ""
    """The app and version that wrote it."""
    includes_private: bool = True
    """Whether private texts were kept (an export without `--include-private` has none and
    writes no `reflections` key)."""
    desired_retention: float | None = None
    """The learner's chosen desired retention for spaced review; None: the default."""

    def without_private(self) -> ExportDocument:
        """The document with every private record left out (`ExportRecord.private`)."""
        return replace(
            _without_private(self),
            includes_private=False,
        )

    def course(self, course_id: str) -> ExportedCourse | None:
        """The progress in one course, if the document has any."""
        return next((course for course in self.courses if course.id == course_id), None)

    # -- writing ----------------------------------------------------------------------

    def to_json(self) -> dict[str, Any]:
        """The document as JSON data, in the documented key order."""
        return {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "exported_at": self.exported_at,
            "app": self.app,
            "learner": {
                "name": self.learner,
                "created_at": self.learner_created_at,
                "desired_retention": self.desired_retention,
            },
            "courses": [self._course_json(course) for course in self.courses],
        }

    def _course_json(self, course: ExportedCourse) -> dict[str, Any]:
        written: dict[str, Any] = {
            "id": course.id,
            "versions": course.versions,
            "lessons": [_plain(lesson) for lesson in course.lessons],
            "quizzes": [summary.to_json() for summary in course.quizzes()],
            "attempts": [_attempt_json(attempt) for attempt in course.attempts],
            "place": None if course.place is None else _plain(course.place),
            "review_logs": [_plain(review) for review in course.reviews],
            "review_cards": [_plain(card) for card in course.cards],
        }
        if self.includes_private:
            written["reflections"] = [_plain(entry) for entry in course.reflections]
            written["commitments"] = [_plain(entry) for entry in course.commitments]
            written["follow_ups"] = [_plain(entry) for entry in course.follow_ups]
        if course.network_map is not None:
            written["network_map"] = course.network_map.to_json()
        return written

    # -- reading ----------------------------------------------------------------------

    @classmethod
    def from_json(cls, data: object, course: Course | None = None) -> ExportDocument:
        """The checked document; StoreError naming the first problem's JSON path.

        With `course`, answers in that course to questions it has (in the same version)
        are also checked against the question: points within its maximum, answers of the
        shape its kind takes.
        """
        return _Reader(course).document(data)


def _plain(record: object) -> dict[str, Any]:
    """A flat record's fields as JSON data (enums as their values)."""
    assert is_dataclass(record) and not isinstance(record, type)
    return {one.name: getattr(record, one.name) for one in fields(record)}


def _attempt_json(attempt: ExportedAttempt) -> dict[str, Any]:
    score = attempt.score
    return {
        "uid": attempt.uid,
        "quiz_id": attempt.quiz_id,
        "lesson_id": attempt.lesson_id,
        "course_version": attempt.course_version,
        "mode": attempt.mode.value,
        "seed": attempt.seed,
        "question_order": list(attempt.question_order),
        "started_at": attempt.started_at,
        "finished_at": attempt.finished_at,
        "points": score.points,
        "max_points": score.max_points,
        "answers": [
            {
                "uid": answer.uid,
                "question_id": answer.question_id,
                "answer": dict(answer.answer),
                "outcome": answer.outcome.value,
                "points": answer.points,
                "max_points": answer.max_points,
                "answered_at": answer.answered_at,
            }
            for answer in attempt.answers
        ],
    }


# -- reading a file ---------------------------------------------------------------------------


def decode_file(raw: bytes, name: str) -> str:
    """The text of an export file's bytes: at most `FILE_LIMIT` bytes, UTF-8 (with or
    without a byte order mark). StoreError says what is wrong, where, and what to do."""
    if len(raw) > FILE_LIMIT:
        raise StoreError(
            f"{name}: the file has {len(raw):,} bytes, more than the {FILE_LIMIT // 2**20} MB "
            "an export may have; export one course at a time (`course export --course-id ID`)."
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise StoreError(
            f"{name}: not UTF-8 text (byte {error.start}); expected a JSON file written by "
            "`course export`."
        ) from None


def parse_file(raw: bytes, name: str) -> object:
    """The JSON data of an export file's bytes (see `decode_file`); StoreError says what is
    wrong, where, and what to do."""
    text = decode_file(raw, name)
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise StoreError(
            f"{name}:{error.lineno}:{error.colno}: not valid JSON ({error.msg}); expected a "
            "file written by `course export`."
        ) from None
    except RecursionError:
        raise StoreError(f"{name}: nested too deeply to be a progress export.") from None


def _kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f"the text {value[:40]!r}" + ("…" if len(value) > 40 else "")
    if isinstance(value, int | float):
        return f"the number {value}"
    return "a list" if isinstance(value, list) else "an object"


def _at(path: str, key: str) -> str:
    """The path of `key` inside the object at `path`."""
    return f"{path}.{key}" if path else key


ANSWER_KEYS = {"chosen": "a list", "order": "a list", "pairs": "an object", "text": "a text"}
"""The one key of each shape of answer, and what its value is."""


class _Reader:
    """One pass over a document, with the course to check answers against."""

    def __init__(self, course: Course | None) -> None:
        self.course = course
        self.questions: dict[str, Question] = {}
        if course is not None:
            for text in course.texts.values():
                for lesson in text.lessons:
                    for question in lesson.quiz.questions if lesson.quiz else ():
                        self.questions.setdefault(question.id, question)
        self.uids: dict[str, str] = {}

    # -- primitives ----------------------------------------------------------------

    def as_object(self, value: object, path: str) -> Mapping[str, Any]:
        if not isinstance(value, Mapping):
            raise _bad(path, f"expected an object, found {_kind(value)}")
        return value

    def get(self, record: Mapping[str, Any], key: str, path: str, *, optional: bool) -> Any:
        if key not in record:
            if optional:
                return None
            raise _bad(path, f"the key {key!r} is missing")
        return record[key]

    def text(
        self,
        record: Mapping[str, Any],
        key: str,
        path: str,
        *,
        nullable: bool = False,
        empty: bool = False,
        limit: int = ID_LIMIT,
    ) -> Any:
        value = self.get(record, key, path, optional=nullable)
        if value is None and nullable:
            return None
        if not isinstance(value, str) or (not empty and not value.strip()):
            raise _bad(_at(path, key), f"expected a non-empty text, found {_kind(value)}")
        if len(value) > limit:
            raise _bad(
                _at(path, key), f"a text of {len(value):,} characters; at most {limit:,} fit"
            )
        return value

    def uid(self, record: Mapping[str, Any], path: str) -> str:
        value = str(self.text(record, "uid", path))
        first = self.uids.setdefault(value, _at(path, "uid"))
        if first != _at(path, "uid"):
            raise _bad(_at(path, "uid"), f"the uid {value!r} was already used at {first}")
        return value

    def time(
        self, record: Mapping[str, Any], key: str, path: str, *, nullable: bool = False
    ) -> Any:
        value = self.text(record, key, path, nullable=nullable)
        if value is None:
            return None
        try:
            return parse_time(value)
        except ValueError:
            raise _bad(_at(path, key), f"expected an ISO-8601 time, found {_kind(value)}") from None

    def number(
        self,
        record: Mapping[str, Any],
        key: str,
        path: str,
        *,
        default: float | None = None,
        low: float = -math.inf,
        high: float = math.inf,
    ) -> float:
        value = self.get(record, key, path, optional=default is not None)
        if value is None and default is not None:
            return default
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
        ):
            raise _bad(_at(path, key), f"expected a number, found {_kind(value)}")
        if not low <= value <= high:
            raise _bad(_at(path, key), f"expected a number from {low:g} to {high:g}, found {value}")
        return float(value)

    def as_list(
        self, record: Mapping[str, Any], key: str, path: str, *, optional: bool = False
    ) -> list[Any]:
        value = self.get(record, key, path, optional=optional)
        if value is None and optional:
            return []
        if not isinstance(value, list):
            raise _bad(_at(path, key), f"expected a list, found {_kind(value)}")
        return value

    def choice(self, record: Mapping[str, Any], key: str, path: str, allowed: Iterable[str]) -> str:
        value = self.text(record, key, path)
        if value not in allowed:
            raise _bad(
                _at(path, key),
                f"expected one of {', '.join(sorted(allowed))}, found {_kind(value)}",
            )
        return str(value)

    # -- the document ---------------------------------------------------------------

    def document(self, data: object) -> ExportDocument:
        top = self.as_object(data, "")
        if top.get("format") != FORMAT:
            raise _bad(
                "format",
                f"expected {FORMAT!r}: this is not a progress export "
                f"(found {_kind(top.get('format'))})",
                "choose a file written by `course export`",
            )
        version = top.get("format_version")
        if isinstance(version, bool) or not isinstance(version, int):
            raise _bad("format_version", f"expected a whole number, found {_kind(version)}")
        if version > FORMAT_VERSION:
            raise _bad(
                "format_version",
                f"the file has version {version}, but this app reads up to {FORMAT_VERSION}",
                "update the app to import it",
            )
        if version < 1:
            raise _bad("format_version", f"unknown version {version}")
        learner = self.as_object(self.get(top, "learner", "", optional=False), "learner")
        name = str(self.text(learner, "name", "learner")).strip()
        created_at = self.time(learner, "created_at", "learner", nullable=True)
        retention = None
        if learner.get("desired_retention") is not None:
            retention = self.number(learner, "desired_retention", "learner", low=0.7, high=0.97)
        courses = tuple(
            self.course_of(item, f"courses[{index}]")
            for index, item in enumerate(self.as_list(top, "courses", ""))
        )
        seen: set[str] = set()
        for index, one in enumerate(courses):
            if one.id in seen:
                raise _bad(f"courses[{index}].id", f"the course {one.id!r} is in the file twice")
            seen.add(one.id)
        exported = top.get("exported_at")
        try:
            exported_at = parse_time(exported) if isinstance(exported, str) else None
        except ValueError:
            exported_at = None
        app = top.get("app")
        return ExportDocument(
            name,
            created_at,
            courses,
            exported_at,
            app if isinstance(app, str) else "",
            includes_private=True,
            desired_retention=retention,
        )

    def course_of(self, value: object, path: str) -> ExportedCourse:
        course = self.as_object(value, path)
        course_id = str(self.text(course, "id", path))
        lessons = []
        for index, item in enumerate(self.as_list(course, "lessons", path, optional=True)):
            where = f"{path}.lessons[{index}]"
            lesson = self.as_object(item, where)
            lessons.append(
                ExportedLesson(
                    id=self.text(lesson, "id", where),
                    opened_at=self.time(lesson, "opened_at", where, nullable=True),
                    completed_at=self.time(lesson, "completed_at", where, nullable=True),
                    position=min(
                        1.0, max(0.0, self.number(lesson, "position", where, default=0.0))
                    ),
                    seconds=max(
                        0.0,
                        self.number(lesson, "seconds", where, default=0.0, high=SECONDS_LIMIT),
                    ),
                    updated_at=self.time(lesson, "updated_at", where),
                )
            )
        checked = self.course if self.course is not None and self.course.id == course_id else None
        attempts = tuple(
            self.attempt(item, f"{path}.attempts[{index}]", checked)
            for index, item in enumerate(self.as_list(course, "attempts", path, optional=True))
        )
        reflections = []
        for index, item in enumerate(self.as_list(course, "reflections", path, optional=True)):
            where = f"{path}.reflections[{index}]"
            reflection = self.as_object(item, where)
            reflections.append(
                ExportedReflection(
                    uid=self.uid(reflection, where),
                    lesson_id=self.text(reflection, "lesson_id", where),
                    session=self.text(reflection, "session", where, empty=True),
                    text=self.text(reflection, "text", where, empty=True, limit=TEXT_LIMIT),
                    saved_at=self.time(reflection, "saved_at", where),
                )
            )
        place = None
        if course.get("place") is not None:
            where = f"{path}.place"
            found = self.as_object(course["place"], where)
            place = ExportedPlace(
                lesson_id=self.text(found, "lesson_id", where),
                question_id=self.text(found, "question_id", where, nullable=True),
                attempt_uid=self.text(found, "attempt_uid", where, nullable=True),
                saved_at=self.time(found, "saved_at", where),
            )
        network_map = None
        if course.get("network_map") is not None:
            network_map = self.network_map(course["network_map"], f"{path}.network_map")
        reviews = []
        for index, item in enumerate(self.as_list(course, "review_logs", path, optional=True)):
            where = f"{path}.review_logs[{index}]"
            review = self.as_object(item, where)
            rating = self.number(review, "rating", where, low=1, high=4)
            if rating != int(rating):
                raise _bad(_at(where, "rating"), f"expected 1, 2, 3 or 4, found {rating:g}")
            reviews.append(
                ExportedReview(
                    uid=self.uid(review, where),
                    question_id=self.text(review, "question_id", where),
                    rating=int(rating),
                    reviewed_at=self.time(review, "reviewed_at", where),
                    source=self.choice(review, "source", where, ("quiz", "review", "live")),
                )
            )
        commitments = []
        for index, item in enumerate(self.as_list(course, "commitments", path, optional=True)):
            where = f"{path}.commitments[{index}]"
            entry = self.as_object(item, where)
            commitments.append(
                ExportedCommitment(
                    question_id=self.text(entry, "question_id", where),
                    text=self.text(entry, "text", where, empty=True, limit=TEXT_LIMIT),
                    saved_at=self.time(entry, "saved_at", where),
                )
            )
        follow_ups = []
        for index, item in enumerate(self.as_list(course, "follow_ups", path, optional=True)):
            where = f"{path}.follow_ups[{index}]"
            entry = self.as_object(item, where)
            due = self.text(entry, "due", where)
            try:
                date.fromisoformat(due)
            except ValueError:
                raise _bad(
                    _at(where, "due"), f"expected a day as 2026-12-20, found {due!r}"
                ) from None
            follow_ups.append(
                ExportedFollowUp(
                    question_id=self.text(entry, "question_id", where),
                    due=due,
                    set_at=self.time(entry, "set_at", where),
                    answer=self.text(
                        entry, "answer", where, nullable=True, empty=True, limit=TEXT_LIMIT
                    ),
                    answered_at=self.time(entry, "answered_at", where, nullable=True),
                )
            )
        return ExportedCourse(
            course_id,
            tuple(lessons),
            attempts,
            place,
            tuple(reflections),
            network_map,
            reviews=tuple(reviews),
            commitments=tuple(commitments),
            follow_ups=tuple(follow_ups),
        )

    def network_map(self, value: object, path: str) -> ExportedNetworkMap:
        """The private network-map record; its maps are checked as `NetworkMap` reads them,
        so that an import never stores a map the workbench cannot open."""
        found = self.as_object(value, path)

        def a_map(data: object, where: str) -> Mapping[str, Any]:
            checked = self.as_object(data, where)
            try:
                NetworkMap.from_json(checked)
            except MapError as error:
                raise _bad(where, f"not a network map: {error}") from None
            return checked

        drawn = found.get("map")
        answers = self.as_object(found.get("answers", {}), _at(path, "answers"))
        for key, answer in answers.items():
            if not isinstance(answer, str) or len(answer) > TEXT_LIMIT:
                raise _bad(
                    _at(_at(path, "answers"), key), f"expected a text, found {_kind(answer)}"
                )
        snapshots = []
        for index, item in enumerate(self.as_list(found, "snapshots", path, optional=True)):
            where = f"{path}.snapshots[{index}]"
            snapshot = self.as_object(item, where)
            snapshots.append(
                {
                    "name": self.text(snapshot, "name", where, empty=True),
                    "taken_at": self.time(snapshot, "taken_at", where),
                    "map": a_map(snapshot.get("map"), _at(where, "map")),
                }
            )
        return ExportedNetworkMap(
            map=None if drawn is None else a_map(drawn, _at(path, "map")),
            answers={str(key): str(answer) for key, answer in answers.items()},
            updated_at=self.time(found, "updated_at", path, nullable=True),
            snapshots=tuple(snapshots),
        )

    def attempt(self, value: object, path: str, course: Course | None) -> ExportedAttempt:
        attempt = self.as_object(value, path)
        order = self.as_list(attempt, "question_order", path, optional=True)
        if len(order) > LIST_LIMIT:
            raise _bad(
                f"{path}.question_order", f"{len(order)} questions; at most {LIST_LIMIT} fit"
            )
        for index, question in enumerate(order):
            if not isinstance(question, str) or not question or len(question) > ID_LIMIT:
                raise _bad(
                    f"{path}.question_order[{index}]",
                    f"expected a question id, found {_kind(question)}",
                )
        seed = attempt.get("seed", 0)
        if isinstance(seed, bool) or not isinstance(seed, int) or not -(2**63) <= seed < 2**63:
            raise _bad(f"{path}.seed", f"expected a whole number, found {_kind(seed)}")
        uid = self.uid(attempt, path)
        version = str(self.text(attempt, "course_version", path, empty=True))
        same_version = course if course is not None and course.version == version else None
        answers = tuple(
            self.answer(item, f"{path}.answers[{index}]", same_version)
            for index, item in enumerate(self.as_list(attempt, "answers", path, optional=True))
        )
        return ExportedAttempt(
            uid=uid,
            quiz_id=self.text(attempt, "quiz_id", path),
            lesson_id=self.text(attempt, "lesson_id", path),
            course_version=version,
            mode=AttemptMode(self.choice(attempt, "mode", path, [m.value for m in AttemptMode])),
            seed=seed,
            question_order=tuple(order),
            started_at=self.time(attempt, "started_at", path),
            finished_at=self.time(attempt, "finished_at", path, nullable=True),
            answers=answers,
        )

    def answer(self, value: object, path: str, course: Course | None) -> ExportedAnswer:
        answer = self.as_object(value, path)
        uid = self.uid(answer, path)
        question_id = str(self.text(answer, "question_id", path))
        question = self.questions.get(question_id) if course is not None else None
        given = self.given(answer.get("answer"), f"{path}.answer", question)
        max_points = self.number(answer, "max_points", path, low=0, high=POINTS_LIMIT)
        if question is not None and max_points > question.max_points:
            raise _bad(
                f"{path}.max_points",
                f"{max_points:g} points, but the question {question_id!r} is worth "
                f"{question.max_points}",
            )
        points = self.number(answer, "points", path, low=0, high=max_points)
        return ExportedAnswer(
            uid=uid,
            question_id=question_id,
            answer=given,
            outcome=Outcome(self.choice(answer, "outcome", path, [o.value for o in Outcome])),
            points=points,
            max_points=max_points,
            answered_at=self.time(answer, "answered_at", path),
        )

    def given(self, value: object, path: str, question: Question | None) -> dict[str, Any]:
        """An answer of one of the shapes the grading code writes (of the question's kind,
        when the question is known)."""
        given = self.as_object(value, path)
        keys = [key for key in given if key in ANSWER_KEYS]
        if len(keys) != 1:
            raise _bad(
                path,
                "expected an object with one of the keys "
                f"{', '.join(sorted(ANSWER_KEYS))}, found "
                + (f"the keys {', '.join(sorted(map(str, given)))}" if given else "no key"),
            )
        (key,) = keys
        where = f"{path}.{key}"
        # The shape of answer the question's kind takes (`QuestionKind.answer_key`).
        if question is not None and kind_of(question).answer_key != key:
            raise _bad(
                where,
                f"the question {question.id!r} is a {question.kind} question; its answers "
                f"are written as {kind_of(question).answer_key!r}",
            )
        options = len(question.options) if question is not None else LIST_LIMIT
        content = given[key]
        if key == "text":
            if not isinstance(content, str):
                raise _bad(where, f"expected a text, found {_kind(content)}")
            if len(content) > TEXT_LIMIT:
                raise _bad(
                    where, f"a text of {len(content):,} characters; at most {TEXT_LIMIT:,} fit"
                )
            return {key: content}
        if key == "pairs":
            pairs = self.as_object(content, where)
            if len(pairs) > options:
                raise _bad(where, f"{len(pairs)} pairs; at most {options} fit")
            checked: dict[str, int] = {}
            for left, right in pairs.items():
                if not (left.isascii() and left.isdigit() and int(left) < options):
                    raise _bad(where, f"expected option numbers as keys, found {_kind(left)}")
                checked[str(int(left))] = self.index(right, f"{where}.{left}", options)
            return {key: checked}
        if not isinstance(content, list):
            raise _bad(where, f"expected a list, found {_kind(content)}")
        if len(content) > options:
            raise _bad(where, f"{len(content)} options; at most {options} fit")
        indexes = [self.index(item, f"{where}[{i}]", options) for i, item in enumerate(content)]
        if len(set(indexes)) != len(indexes):
            raise _bad(where, "an option is given twice")
        if question is not None and kind_of(question).one_option_only and len(indexes) > 1:
            raise _bad(
                where, f"{len(indexes)} options chosen; a {question.kind} question takes one"
            )
        return {key: indexes}

    def index(self, value: object, path: str, options: int) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < options:
            raise _bad(
                path, f"expected an option number from 0 to {options - 1}, found {_kind(value)}"
            )
        return value


__all__ = [
    "FILE_LIMIT",
    "FORMAT",
    "FORMAT_VERSION",
    "ExportDocument",
    "ExportRecord",
    "ExportedAnswer",
    "ExportedAttempt",
    "ExportedCourse",
    "ExportedLesson",
    "ExportedPlace",
    "ExportedReflection",
    "QuizSummary",
    "best_of",
    "decode_file",
    "parse_file",
]
