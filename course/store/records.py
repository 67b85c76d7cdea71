"""What the progress store hands out: immutable records, plus its one error type.

Records that only carry values are typed NamedTuples, defined at every start at a fraction
of a frozen dataclass's cost (see `course.core.model`). An `AnswerRecord` holds the
answer's JSON data as a dict, so it and an `Attempt` cannot be hashed; nothing needs to.

Times are ISO-8601 strings in UTC with millisecond precision and a `Z` suffix, for
example `2025-03-01T09:30:00.125Z`; strings in this one format sort by time.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, NamedTuple

from course.core.scoring import AttemptMode, Outcome, Score

if TYPE_CHECKING:
    from course.store.progress import ProgressStore

OUTCOMES = frozenset(Outcome)
"""The outcomes an answer can have."""

MODES = frozenset(AttemptMode)
"""How a quiz attempt was taken: alone, retrying the wrong answers, or in a live group quiz."""

DEFAULT_LEARNER = "default"
"""The self-study profile, used when no profile is named."""


class StoreError(Exception):
    """Progress cannot be read or written; the message says what, where and what to do.

    The CLI prints it and exits with 1; the app shows it. It never means that progress
    already saved was lost.
    """


def utc_now() -> str:
    """The current time as the store writes it."""
    return format_time(datetime.now(UTC))


def format_time(moment: datetime) -> str:
    """`moment` in the store's format (naive times are taken to be UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def parse_time(text: str) -> str:
    """Any ISO-8601 time in the store's format; raises ValueError when it is not one."""
    return format_time(datetime.fromisoformat(text))


class Learner(NamedTuple):
    """A learner profile: the self-study one ("default") or a named one."""

    id: int
    """The row id; every row of progress carries it."""
    name: str
    """Unique on this machine; "default" is the self-study profile."""
    created_at: str
    """When the profile was made."""

    @property
    def is_default(self) -> bool:
        """Whether this is the self-study profile."""
        return self.name == DEFAULT_LEARNER


class ProfileSummary(NamedTuple):
    """A profile with a count of what it has done, for listing profiles."""

    learner: Learner
    """The profile."""
    lessons_opened: int
    """Lessons opened, in every course."""
    lessons_completed: int
    """Lessons completed, in every course."""
    attempts: int
    """Quiz attempts started, in every course."""
    last_active: str | None
    """The latest time anything was saved for it; None if nothing was."""


class LessonProgress(NamedTuple):
    """How far one learner got with one lesson."""

    lesson_id: str
    """The lesson, by its id in the course."""
    opened_at: str | None
    """When the learner first opened it; None if never."""
    completed_at: str | None
    """When the learner first completed it; None if not yet."""
    position: float
    """The last scroll position, from 0 (top) to 1 (end)."""
    seconds: float
    """Time spent in it (reading it and in its quiz), in seconds."""
    updated_at: str
    """When any of the above last changed."""

    @property
    def completed(self) -> bool:
        """Whether the lesson has been completed."""
        return self.completed_at is not None

    @property
    def status(self) -> str:
        """ "completed", "opened" or "not started"."""
        if self.completed_at is not None:
            return "completed"
        return "opened" if self.opened_at is not None else "not started"


class AnswerRecord(NamedTuple):
    """One answer given in a quiz attempt."""

    question_id: str
    """The question, by its id in the course (it may since have been removed)."""
    answer: dict[str, Any]
    """What the learner gave, as the grading code describes it (JSON-compatible)."""
    outcome: Outcome
    """Right, wrong, partial or ungraded."""
    points: float
    """Points earned."""
    max_points: float
    """Points a fully right answer would have earned."""
    answered_at: str
    """When it was given (or last replaced)."""
    uid: str = ""
    """A global id, so that importing the same export twice adds nothing."""

    @property
    def right(self) -> bool:
        """Whether the answer was fully right."""
        return self.outcome is Outcome.RIGHT


class Attempt(NamedTuple):
    """One go at a quiz, with the answers given so far."""

    id: int
    """The row id on this machine."""
    uid: str
    """A global id, kept by export and import."""
    learner_id: int
    """Whose attempt it is."""
    course_id: str
    """The course the quiz belongs to."""
    course_version: str
    """The course's version when the attempt started."""
    quiz_id: str
    """The quiz, by its id in the course."""
    lesson_id: str
    """The lesson the quiz belongs to."""
    question_order: tuple[str, ...]
    """The question ids in the order they were asked."""
    seed: int
    """The seed the options were shuffled with, so a resumed attempt looks the same."""
    mode: AttemptMode
    """Alone, retrying the wrong answers, or one question of a live group quiz."""
    started_at: str
    """When the attempt began."""
    finished_at: str | None
    """When it was finished; None while it is still going."""
    answers: tuple[AnswerRecord, ...] = ()
    """The answers given, in the order they were first given."""

    @property
    def points(self) -> float:
        """Points earned by the answers given."""
        return sum(answer.points for answer in self.answers)

    @property
    def max_points(self) -> float:
        """Points the answers given could have earned."""
        return sum(answer.max_points for answer in self.answers)

    @property
    def score(self) -> Score:
        """Points earned of points possible (see `course.core.scoring`)."""
        return Score(self.points, self.max_points)

    @property
    def finished(self) -> bool:
        """Whether the attempt has been finished."""
        return self.finished_at is not None

    def answer(self, question_id: str) -> AnswerRecord | None:
        """The answer to this question, or None if it has not been answered."""
        return next((a for a in self.answers if a.question_id == question_id), None)


class Place(NamedTuple):
    """Where a learner was last, for "Continue": a lesson, or a question of an attempt."""

    lesson_id: str
    """The lesson."""
    question_id: str | None = None
    """The question being answered, if the learner was in a quiz."""
    attempt_id: int | None = None
    """The attempt that question belongs to."""


class QuizScore(NamedTuple):
    """The best finished attempt at one quiz."""

    quiz_id: str
    """The quiz, by its id in the course."""
    attempt_id: int
    """The attempt that scored best (the newest of equally good ones)."""
    points: float
    """Points it earned."""
    max_points: float
    """Points it could have earned."""
    finished_at: str
    """When that attempt was finished."""

    @property
    def score(self) -> Score:
        """Points earned of points possible (see `course.core.scoring`)."""
        return Score(self.points, self.max_points)

    @property
    def percent(self) -> float:
        """The exact percentage; 100 when nothing in it was graded."""
        return self.score.percent

    @property
    def shown_percent(self) -> int:
        """The whole percent shown to people (rounded down, so that it agrees with
        `passed`)."""
        return self.score.shown_percent

    def passed(self, pass_mark: float) -> bool:
        """Whether the score reaches a pass mark given in percent, on the exact fraction."""
        return self.score.passed(pass_mark)


class ImportSummary(NamedTuple):
    """What importing an export changed; all zeros when it had been imported already."""

    learner: str
    """The profile the data went to."""
    courses: tuple[str, ...]
    """The course ids the export held."""
    lessons: int = 0
    """Lesson records added or updated."""
    attempts: int = 0
    """Quiz attempts added or updated (an attempt finished elsewhere)."""
    answers: int = 0
    """Answers added or replaced by newer ones."""
    reflections: int = 0
    """Reflection history entries added or updated."""
    places: int = 0
    """"Continue" places taken over because they were newer."""
    network_maps: int = 0
    """Network maps (with their answers) taken over because they were newer, and
    snapshots of them added."""
    reviews: int = 0
    """Reviews of spaced-review cards added (their cards replayed)."""
    plans: int = 0
    """Commitments of "My plan" taken over because they were newer, and follow-ups
    added or answered."""

    @property
    def changed(self) -> int:
        """How many records changed in all."""
        return (
            self.lessons
            + self.attempts
            + self.answers
            + self.reflections
            + self.places
            + self.network_maps
            + self.reviews
            + self.plans
        )


class LearnerCourseRecords:
    """What one learner keeps of one course, read and written through the store: the base
    of `Reviews`, `Plans` and `NetworkMaps`, each got from `ProgressStore`."""

    def __init__(self, store: ProgressStore, learner_id: int, course_id: str) -> None:
        self._store = store
        self.learner_id = learner_id
        """Whose records."""
        self.course_id = course_id
        """Of which course."""

    def _key(self) -> dict[str, Any]:
        """The learner and the course as named SQL parameters (`:learner`, `:course`)."""
        return {"learner": self.learner_id, "course": self.course_id}
