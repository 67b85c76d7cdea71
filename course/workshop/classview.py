"""The class at a glance: every learner's progress and how each question went, for a trainer.

Headless (no Textual): `course class` shows it live from the progress store, `course report`
prints it from learners' `course export` files. Both build the same `ClassView` from the
same neutral `LearnerProgress` records, so the dashboard, the printed tables, the CSV and
the Markdown all say the same thing.

The rules, in one place:

- **Current lesson**: where the learner was last ("Continue"), if the course still has it.
- **Lessons done**: lessons of the course completed, of all its lessons.
- **Quiz scores**: per quiz the best finished attempt by the one scoring rule
  (`course.core.scoring`: percent, then points, then newest; one-question "live" attempts
  of a group quiz do not count), shown as whole percents rounded down, as everywhere; the
  average is the mean of those best percentages over the quizzes the learner finished.
- **Time spent**: reading time in the course's lessons.
- **Online now**: learners with a learner app open in the course, by its heartbeat within
  the window the store uses (`Classroom.active_learners`). Only the live store knows it;
  a view from export files has no presence and shows no such column.
- **Questions**: each learner's latest answer to a question (in any attempt, any mode)
  counts once. Share right = right answers / answers, where a partly right answer counts
  as half. Questions of a kind that is not graded are not listed. Hardest first: the lowest
  share right first; questions nobody answered yet come last, in course order.
- **Live**: answers given in live rounds (the presenter put a question to the room), per
  learner and per question: how many were answered and how many fully right
  (`course.core.scoring.LiveCount`). They are live attempts, never part of a quiz score.
  Answers of anonymous rounds belong to no learner: they count per question only.
- **Item analysis** (`course.workshop.item_analysis`): per graded question, from each
  learner's first answer to it (the earliest, in any mode: a live round is often where
  the class first met the question), the facility, the discrimination and, for choice
  questions, how many chose each option; in course order.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Protocol

from course.core.kinds import kind_of
from course.core.model import Course, Question
from course.core.plaintext import plain_text
from course.core.scoring import LiveCount, Outcome, is_live, live_count, percent_text
from course.i18n import duration
from course.store import ProgressStore, StoreError
from course.store.export_format import FILE_LIMIT, ExportDocument, decode_file
from course.store.lrs_queue import ForwardingStatus
from course.store.progress import name_key
from course.store.records import DEFAULT_LEARNER
from course.workshop import item_analysis
from course.workshop.item_analysis import FirstAnswer, ItemRow

Translate = Callable[..., str]
"""An interface text by key, with fields filled in (a `course.i18n.Catalogue`)."""

SORT_KEYS = ("name", "lesson", "done", "score", "time")
"""The columns the learner table can be sorted by, in the order `s` cycles through them."""

COUNTED_OUTCOMES = {Outcome.RIGHT: 1.0, Outcome.PARTIAL: 0.5, Outcome.WRONG: 0.0}
"""How much an answer counts as right; other outcomes (ungraded) are not counted."""

PROMPT_WIDTH = 50
"""The longest question prompt shown in a printed or Markdown table, in characters (cut
after a whole word, with "…"; the CSV holds the whole prompt)."""


# -- what the view is built from --------------------------------------------------------------


@dataclass(frozen=True)
class FirstGiven:
    """A learner's first graded answer to a question, for the item analysis."""

    fraction: float
    """Share of the question's points it earned, 0 to 1."""
    answer: Mapping[str, Any] = field(default_factory=dict, hash=False)
    """What was given, as the grading code writes it (`{"chosen": [1]}`, …)."""


@dataclass(frozen=True)
class LearnerProgress:
    """One learner's progress in one course, however it was read (store or export file)."""

    name: str
    """The profile name."""
    completed: frozenset[str] = frozenset()
    """Ids of the lessons the learner completed."""
    seconds: Mapping[str, float] = field(default_factory=dict)
    """Lesson id to reading time, in seconds."""
    place_lesson_id: str | None = None
    """The lesson the learner was in last, if any."""
    best_percent: Mapping[str, float] = field(default_factory=dict)
    """Quiz id to the percentage of the best finished attempt."""
    latest_outcomes: Mapping[str, Outcome] = field(default_factory=dict)
    """Question id to the outcome of the learner's latest answer to it."""
    first_answers: Mapping[str, FirstGiven] = field(default_factory=dict)
    """Question id to the learner's first graded answer to it (any mode)."""
    live_answers: tuple[tuple[str, Outcome], ...] = ()
    """(question id, outcome) of each answer the learner gave in a live round."""

    @property
    def is_empty(self) -> bool:
        """Whether nothing at all is known of the learner in this course."""
        return not (
            self.completed
            or self.seconds
            or self.place_lesson_id
            or self.best_percent
            or self.latest_outcomes
            or self.live_answers
        )


class GivenAnswer(Protocol):
    """An answer as the store (`AnswerRecord`) and an export file (`ExportedAnswer`) both
    hold it."""

    @property
    def question_id(self) -> str: ...
    @property
    def answer(self) -> Mapping[str, Any]: ...
    @property
    def outcome(self) -> Outcome: ...
    @property
    def points(self) -> float: ...
    @property
    def max_points(self) -> float: ...
    @property
    def answered_at(self) -> str: ...


def _answer_figures(
    given: Iterable[tuple[str, GivenAnswer]],
) -> tuple[dict[str, Outcome], dict[str, FirstGiven], tuple[tuple[str, Outcome], ...]]:
    """(attempt mode, answer) pairs to the latest outcome per question, the first graded
    answer per question and the live answers."""
    pairs = list(given)
    latest = _latest_outcomes(
        (answer.question_id, answer.answered_at, answer.outcome) for _, answer in pairs
    )
    first: dict[str, tuple[str, FirstGiven]] = {}
    live: list[tuple[str, str, Outcome]] = []
    for mode, answer in pairs:
        if is_live(mode):
            live.append((answer.answered_at, answer.question_id, answer.outcome))
        if answer.outcome not in COUNTED_OUTCOMES:
            continue
        known = first.get(answer.question_id)
        if known is None or answer.answered_at < known[0]:
            fraction = (
                min(1.0, max(0.0, answer.points / answer.max_points))
                if answer.max_points > 0
                else COUNTED_OUTCOMES[answer.outcome]
            )
            first[answer.question_id] = (answer.answered_at, FirstGiven(fraction, answer.answer))
    live.sort(key=lambda one: one[0])
    return (
        latest,
        {question_id: given for question_id, (_, given) in first.items()},
        tuple((question_id, outcome) for _, question_id, outcome in live),
    )


def _latest_outcomes(answers: Iterable[tuple[str, str, Outcome]]) -> dict[str, Outcome]:
    """(question id, answered at, outcome) triples to the newest outcome per question."""
    newest: dict[str, tuple[str, Outcome]] = {}
    for question_id, answered_at, outcome in answers:
        known = newest.get(question_id)
        if known is None or answered_at >= known[0]:
            newest[question_id] = (answered_at, outcome)
    return {question_id: outcome for question_id, (_, outcome) in newest.items()}


def progress_from_store(store: ProgressStore, course: Course) -> list[LearnerProgress]:
    """Every learner in the store, in `course`; the self-study profile only if it has
    progress there. Raises StoreError when the store cannot be read."""
    found = []
    for learner in store.learners():
        lessons = store.lessons(learner.id, course.id)
        place = store.place(learner.id, course.id)
        scores = store.best_scores(learner.id, course.id)
        attempts = store.attempts(learner.id, course.id)
        latest, first, live = _answer_figures(
            (attempt.mode, answer) for attempt in reversed(attempts) for answer in attempt.answers
        )
        progress = LearnerProgress(
            name=learner.name,
            completed=frozenset(key for key, lesson in lessons.items() if lesson.completed),
            seconds={key: lesson.seconds for key, lesson in lessons.items()},
            place_lesson_id=place.lesson_id if place else None,
            best_percent={quiz_id: score.percent for quiz_id, score in scores.items()},
            latest_outcomes=latest,
            first_answers=first,
            live_answers=live,
        )
        if learner.name == DEFAULT_LEARNER and progress.is_empty:
            continue
        found.append(progress)
    return found


def progress_from_export(document: ExportDocument, course_id: str) -> LearnerProgress:
    """The progress in course `course_id` held by a checked export document (see
    `course.store.export_format`); an empty record if the file has none there."""
    name = document.learner
    held = document.course(course_id)
    if held is None:
        return LearnerProgress(name)
    best_percent = {}
    for summary in held.quizzes():
        if summary.best is not None:
            best_percent[summary.quiz_id] = summary.best.score.percent
    latest, first, live = _answer_figures(
        (attempt.mode, answer) for attempt in held.attempts for answer in attempt.answers
    )
    return LearnerProgress(
        name=name,
        completed=frozenset(
            lesson.id for lesson in held.lessons if lesson.completed_at is not None
        ),
        seconds={lesson.id: lesson.seconds for lesson in held.lessons},
        place_lesson_id=held.place.lesson_id if held.place else None,
        best_percent=best_percent,
        latest_outcomes=latest,
        first_answers=first,
        live_answers=live,
    )


@dataclass(frozen=True)
class ExportFile:
    """An export file that was read and checked."""

    path: Path
    """Where it was read from."""
    document: ExportDocument
    """Its content, checked."""

    @property
    def exported_at(self) -> str:
        """When it was written (its `exported_at`, in the store's time format); "" if
        unknown."""
        return self.document.exported_at or ""

    @property
    def profile_made_at(self) -> str | None:
        """When the exported profile was made (its `learner.created_at`); None if unknown."""
        return self.document.learner_created_at

    def course_ids(self) -> list[str]:
        """The courses the file holds progress in."""
        return [course.id for course in self.document.courses]

    def learner_key(self) -> tuple[str, str]:
        """Who the file is of: the profile's name (as names compare) and when the profile
        was made, which tells two learners apart who both kept the name "default" on their
        own laptops. A file that does not say when is a learner of its own."""
        made = self.profile_made_at if self.profile_made_at is not None else f"file {self.path}"
        return (name_key(self.document.learner), made)


@dataclass(frozen=True)
class RepeatedExport:
    """An export file left out of a report: another file holds the same learner."""

    left_out: ExportFile
    """The file left out (the older one)."""
    kept: ExportFile
    """The newest file of that learner, which is reported."""

    def __str__(self) -> str:
        if Path(self.left_out.path).resolve() == Path(self.kept.path).resolve():
            return f"{self.left_out.path}: given more than once; it is reported once."
        return (
            f"{self.left_out.path}: the same learner ({self.kept.document.learner!r}) as "
            f"{self.kept.path}; only the newer export, {self.kept.path}, is reported."
        )


def newest_per_learner(
    files: Sequence[ExportFile],
) -> tuple[list[ExportFile], list[RepeatedExport]]:
    """The files with each learner once (`ExportFile.learner_key`): the newest export of
    each (the first given of equally new ones), in the order given; and the files left out.
    Counting one learner twice would double their answers in the question table."""
    newest: dict[tuple[str, str], ExportFile] = {}
    for file in files:
        key = file.learner_key()
        if key not in newest or file.exported_at > newest[key].exported_at:
            newest[key] = file
    kept = [file for file in files if newest[file.learner_key()] is file]
    repeated = [
        RepeatedExport(file, newest[file.learner_key()])
        for file in files
        if newest[file.learner_key()] is not file
    ]
    return kept, repeated


@dataclass(frozen=True)
class FileProblem:
    """Why an export file could not be used."""

    path: Path
    """The file."""
    problem: str
    """What is wrong with it, for a person."""

    def __str__(self) -> str:
        return f"{self.path}: {self.problem}"


def read_export(path: Path) -> ExportFile | FileProblem:
    """Read and check one `course export` JSON file; a FileProblem says what is wrong."""
    try:
        with path.open("rb") as stream:
            raw = stream.read(FILE_LIMIT + 1)  # a larger file is refused unread
    except OSError as error:
        return FileProblem(path, f"cannot be read: {error.strerror or error}")
    try:
        text = decode_file(raw, str(path))
    except StoreError as error:
        return FileProblem(path, str(error).removeprefix(f"{path}:").strip())
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        return FileProblem(
            path,
            f"not JSON (line {error.lineno}, column {error.colno}: {error.msg}): "
            "not a progress export",
        )
    except RecursionError:
        return FileProblem(path, "nested too deeply to be a progress export")
    try:
        document = ExportDocument.from_json(data)
    except StoreError as error:
        return FileProblem(path, str(error))
    return ExportFile(path, document)


def read_exports(paths: Iterable[Path]) -> tuple[list[ExportFile], list[FileProblem]]:
    """Every file read and checked: the good ones and the problems of the others."""
    good: list[ExportFile] = []
    bad: list[FileProblem] = []
    for path in paths:
        result = read_export(path)
        if isinstance(result, ExportFile):
            good.append(result)
        else:
            bad.append(result)
    return good, bad


# -- the view ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class QuizColumn:
    """A quiz of the course, as a column of the learner table."""

    quiz_id: str
    """The quiz id."""
    lesson_number: int
    """The number of its lesson in the course, from 1."""
    lesson_title: str
    """Its lesson's title."""

    @property
    def label(self) -> str:
        """The short column header: "Q" and the lesson number."""
        return f"Q{self.lesson_number}"


@dataclass(frozen=True)
class LearnerRow:
    """One learner's line of the class view."""

    name: str
    """The profile name."""
    current_lesson: str | None
    """The title of the lesson the learner is in; None if not started (or it was removed)."""
    current_number: int | None
    """That lesson's number in the course, from 1 (for sorting by progress)."""
    lessons_done: int
    """Lessons of the course completed."""
    lessons_total: int
    """Lessons the course has."""
    scores: Mapping[str, float | None]
    """Quiz id to the best percentage; None where no attempt was finished."""
    average: float | None
    """The mean of the best percentages; None if no quiz was finished."""
    seconds: float
    """Reading time in the course's lessons."""
    live: LiveCount = field(default_factory=LiveCount)
    """Answers the learner gave in live rounds, apart from the quiz scores."""


@dataclass(frozen=True)
class QuestionRow:
    """One graded question's line of the class view."""

    question_id: str
    """The question id."""
    quiz_id: str
    """Its quiz."""
    lesson_number: int
    """Its lesson's number in the course, from 1."""
    lesson_title: str
    """Its lesson's title."""
    prompt: str
    """Its whole prompt, as one line of plain text (no Markdown markers)."""
    answers: int
    """Learners whose latest answer to it counts (right, partly right or wrong)."""
    right: float
    """Right answers among them; a partly right answer counts as half."""
    live: LiveCount = field(default_factory=LiveCount)
    """Answers given to it in live rounds, anonymous ones included."""

    @property
    def share(self) -> float | None:
        """Right answers per answer, 0 to 1; None when nobody answered yet."""
        return self.right / self.answers if self.answers else None

    @property
    def quiz_label(self) -> str:
        """The quiz's short name, as in the learner table's header."""
        return f"Q{self.lesson_number}"


@dataclass(frozen=True)
class ClassView:
    """What the trainer sees: learners and questions of one course, in one language."""

    course_id: str
    """The course."""
    course_title: str
    """Its title in the view's language."""
    language: str
    """The language of titles and prompts."""
    quizzes: tuple[QuizColumn, ...]
    """The course's quizzes, in course order."""
    learners: tuple[LearnerRow, ...]
    """One row per learner, by name."""
    questions: tuple[QuestionRow, ...]
    """One row per graded question, hardest first."""
    online: frozenset[str] | None = None
    """Names of the learners with an app open now; None when that is not known (a view
    from export files)."""
    items: tuple[ItemRow, ...] = ()
    """The item analysis: one row per graded question, in course order."""

    @property
    def has_live(self) -> bool:
        """Whether any live answer is known: only then do the tables show live columns."""
        return any(row.live for row in self.questions) or any(row.live for row in self.learners)

    def is_online(self, row: LearnerRow) -> bool:
        """Whether a learner of the view has an app open now."""
        return self.online is not None and row.name in self.online

    @property
    def online_count(self) -> int:
        """How many of the view's learners have an app open now."""
        return sum(1 for row in self.learners if self.is_online(row))


def prompt_text(prompt: str) -> str:
    """A question's whole prompt as one line of plain text: its lines (a long prompt is
    wrapped in the quiz file) joined by spaces, Markdown markers dropped. Tables that
    have no room cut it with `shorten`; the CSV keeps it whole."""
    return plain_text(" ".join(line.strip() for line in prompt.splitlines() if line.strip()))


def build_view(
    course: Course,
    language: str,
    learners: Iterable[LearnerProgress],
    unnamed_live: Mapping[str, LiveCount] | None = None,
) -> ClassView:
    """The class view of `course` in `language` from the learners' progress; with
    `unnamed_live`, per question the answers of anonymous live rounds (no learner's)."""
    language = course.best_language(language)
    text = course.text(language)
    numbers = {lesson.id: index for index, lesson in enumerate(text.lessons, start=1)}
    quizzes = tuple(
        QuizColumn(lesson.quiz.id, numbers[lesson.id], lesson.title)
        for lesson in text.lessons
        if lesson.quiz is not None
    )
    graded: list[tuple[Question, QuizColumn]] = [
        (question, column)
        for column, lesson in zip(
            quizzes, (lesson for lesson in text.lessons if lesson.quiz is not None), strict=True
        )
        for question in (lesson.quiz.questions if lesson.quiz else ())
        if kind_of(question).graded
    ]
    answers = {question.id: 0 for question, _ in graded}
    right = {question.id: 0.0 for question, _ in graded}
    live: dict[str, LiveCount] = {question.id: LiveCount() for question, _ in graded}
    for question_id, count in (unnamed_live or {}).items():
        if question_id in live:
            live[question_id] += count
    firsts: list[FirstAnswer] = []
    by_id = {question.id: question for question, _ in graded}
    rows = []
    ordered = sorted(learners, key=lambda one: (one.name.casefold(), one.name))
    for number, learner in enumerate(ordered):
        lesson = text.lesson(learner.place_lesson_id) if learner.place_lesson_id else None
        scores = {column.quiz_id: learner.best_percent.get(column.quiz_id) for column in quizzes}
        finished = [score for score in scores.values() if score is not None]
        rows.append(
            LearnerRow(
                name=learner.name,
                current_lesson=lesson.title if lesson else None,
                current_number=numbers[lesson.id] if lesson else None,
                lessons_done=sum(1 for key in numbers if key in learner.completed),
                lessons_total=len(numbers),
                scores=scores,
                average=sum(finished) / len(finished) if finished else None,
                seconds=sum(learner.seconds.get(key, 0.0) for key in numbers),
                live=live_count(outcome for _, outcome in learner.live_answers),
            )
        )
        for question_id, outcome in learner.latest_outcomes.items():
            if question_id in answers and outcome in COUNTED_OUTCOMES:
                answers[question_id] += 1
                right[question_id] += COUNTED_OUTCOMES[outcome]
        for question_id, outcome in learner.live_answers:
            if question_id in live:
                live[question_id] += live_count((outcome,))
        # Two learners may share a name (each kept "default" on their own laptop): the
        # analysis tells them apart by their place in the list, never by name.
        firsts.extend(
            FirstAnswer(
                f"{number:06d}",  # in name order, which breaks ties of totals
                question_id,
                given.fraction,
                item_analysis.chosen_options(by_id[question_id], given.answer),
            )
            for question_id, given in learner.first_answers.items()
            if question_id in by_id
        )
    questions = [
        QuestionRow(
            question.id,
            column.quiz_id,
            column.lesson_number,
            column.lesson_title,
            prompt_text(question.prompt),
            answers[question.id],
            right[question.id],
            live[question.id],
        )
        for question, column in graded
    ]
    items = item_analysis.item_rows(
        [(question, column.quiz_id) for question, column in graded],
        firsts,
        prompt_text,
    )
    order = {row.question_id: index for index, row in enumerate(questions)}
    questions.sort(
        key=lambda row: (
            row.share is None,
            row.share or 0.0,
            -row.answers,
            order[row.question_id],
        )
    )
    title = course.title.get(language) or next(iter(course.title.values()), course.id)
    return ClassView(
        course.id, title, language, quizzes, tuple(rows), tuple(questions), items=items
    )


def online_now(store: ProgressStore, course: Course) -> frozenset[str]:
    """Names of the learners with an app open in `course` now, by the store's heartbeats.
    Raises StoreError when the store cannot be read."""
    return frozenset(store.classroom(course.id).active_learners())


def anonymous_live(store: ProgressStore, course: Course) -> dict[str, LiveCount]:
    """Per question, the answers of `course`'s anonymous live rounds (no learner's).
    Raises StoreError when the store cannot be read."""
    return store.classroom(course.id).anonymous_live_counts()


def view_from_store(store: ProgressStore, course: Course, language: str) -> ClassView:
    """The class view of every learner in the store, with who is online now and the
    answers of anonymous live rounds."""
    view = build_view(
        course, language, progress_from_store(store, course), anonymous_live(store, course)
    )
    return replace(view, online=online_now(store, course))


def lrs_status(store: ProgressStore, course: Course) -> ForwardingStatus | None:
    """How forwarding the class's statements to an LRS goes; None when the class is not
    forwarded (`course serve --lrs`)."""
    return store.lrs_queue(course.id).status()


def clock_time(stored: str) -> str:
    """A store time (UTC) as this machine's hour and minute, "14:02"."""
    from datetime import datetime

    return datetime.fromisoformat(stored).astimezone().strftime("%H:%M")


def lrs_status_text(status: ForwardingStatus, t: Translate) -> str:
    """One line on how forwarding to the LRS goes: how many statements wait, and when
    the last were sent, or since when the LRS cannot be reached, or why it stopped."""
    if status.stopped:
        return t("dashboard.lrs_stopped", count=status.waiting, problem=status.problem or "")
    if status.unreachable_since:
        return t(
            "dashboard.lrs_unreachable",
            count=status.waiting,
            time=clock_time(status.unreachable_since),
        )
    if status.last_sent_at is None:
        if status.waiting:
            return t("dashboard.lrs_waiting_none_sent", count=status.waiting)
        return t("dashboard.lrs_nothing_yet")
    if status.waiting:
        return t(
            "dashboard.lrs_waiting", count=status.waiting, time=clock_time(status.last_sent_at)
        )
    return t("dashboard.lrs_all_sent", time=clock_time(status.last_sent_at))


def view_from_exports(files: Iterable[ExportFile], course: Course, language: str) -> ClassView:
    """The class view of the learners whose export files were read."""
    return build_view(
        course, language, (progress_from_export(file.document, course.id) for file in files)
    )


def sort_learners(
    rows: Sequence[LearnerRow], key: str, reverse: bool = False
) -> tuple[LearnerRow, ...]:
    """The rows sorted by one of SORT_KEYS (ties by name). Rows without a value for the
    key (no current lesson, no finished quiz) always come last."""
    if key not in SORT_KEYS:
        raise ValueError(f"unknown sort key {key!r}; expected one of {SORT_KEYS}")

    def by_name(row: LearnerRow) -> tuple[str, str]:
        return (row.name.casefold(), row.name)

    values: dict[str, Callable[[LearnerRow], Any]] = {
        "name": by_name,
        "lesson": lambda row: row.current_number,
        "done": lambda row: row.lessons_done,
        "score": lambda row: row.average,
        "time": lambda row: row.seconds,
    }
    value = values[key]
    by_names = sorted(rows, key=by_name)
    present = [row for row in by_names if value(row) is not None]
    missing = [row for row in by_names if value(row) is None]
    return (*sorted(present, key=value, reverse=reverse), *missing)


# -- showing it -------------------------------------------------------------------------------


def share_text(share: float | None) -> str:
    """A share of right answers for a person: "85 %" (to the nearest whole percent: it is
    no score and has no pass mark to contradict), or "–" when there is none."""
    return "–" if share is None else f"{round(100 * share)} %"


ONLINE_MARKS = {True: "●", False: "○"}
"""The presence column's cell: an app open now, or not."""


def _presence_columns(view: ClassView) -> int:
    """1 when the learner table has the presence column (after the name), else 0."""
    return 0 if view.online is None else 1


def learner_headers(view: ClassView, t: Translate) -> list[str]:
    """The learner table's column headers, in the view's language."""
    return [
        t("dashboard.learner"),
        *([t("dashboard.online")] if _presence_columns(view) else []),
        t("dashboard.current_lesson"),
        t("dashboard.done"),
        *(column.label for column in view.quizzes),
        t("dashboard.average"),
        *([t("analysis.live")] if view.has_live else []),
        t("dashboard.time"),
    ]


def learner_lesson_column(view: ClassView) -> int:
    """The index of the learner table's current lesson column (the widest texts)."""
    return 1 + _presence_columns(view)


def learner_right_columns(view: ClassView) -> tuple[int, ...]:
    """Indexes of the learner table's numeric columns, for right alignment."""
    done = learner_lesson_column(view) + 1
    rest = 2 + view.has_live  # the average, the live answers (if any), the time
    return (done, *range(done + 1, done + 1 + len(view.quizzes) + rest))


def learner_cells(view: ClassView, row: LearnerRow) -> list[str]:
    """One learner's cells, as shown."""
    return [
        row.name,
        *([ONLINE_MARKS[view.is_online(row)]] if _presence_columns(view) else []),
        row.current_lesson or "–",
        f"{row.lessons_done}/{row.lessons_total}",
        *(percent_text(row.scores.get(column.quiz_id)) for column in view.quizzes),
        percent_text(row.average),
        *([live_text(row.live)] if view.has_live else []),
        duration(row.seconds) if row.seconds >= 1 else "–",
    ]


def live_text(live: LiveCount) -> str:
    """Live answers in a cell: right of answered ("3/5"), or "–" when none was given."""
    return f"{live.right}/{live.answered}" if live else "–"


def question_headers(t: Translate, live: bool = False) -> list[str]:
    """The question table's column headers; with `live`, the live answers' column too."""
    return [
        t("dashboard.quiz"),
        t("dashboard.question_id"),
        t("dashboard.question"),
        t("dashboard.answers"),
        t("dashboard.right"),
        *([t("analysis.live")] if live else []),
    ]


QUESTION_RIGHT = (3, 4)
"""The question table's numeric columns (without the live column)."""


def question_right_columns(live: bool = False) -> tuple[int, ...]:
    """The question table's numeric columns; with `live`, the live column too."""
    return (*QUESTION_RIGHT, 5) if live else QUESTION_RIGHT


def shorten(text: str, width: int | None) -> str:
    """The text cut to `width` characters, with an ellipsis where it was cut: after the
    last whole word that fits, or inside a word only when a single word would leave most
    of the room empty."""
    if width is None or len(text) <= width:
        return text
    kept = text[: max(0, width - 1)]
    if not text[len(kept)].isspace():
        word_start = kept.rfind(" ")
        if word_start > len(kept) // 2:  # a long word is cut rather than leaving a gap
            kept = kept[:word_start]
    return kept.rstrip(" ,;:") + "…"


def question_cells(
    row: QuestionRow, prompt_width: int | None = PROMPT_WIDTH, live: bool = False
) -> list[str]:
    """One question's cells, as shown; with `live`, its live answers too."""
    return [
        row.quiz_label,
        row.question_id,
        shorten(row.prompt, prompt_width),
        str(row.answers),
        share_text(row.share),
        *([live_text(row.live)] if live else []),
    ]


def live_note(view: ClassView, t: Translate) -> list[str]:
    """What the live columns mean, as lines to print under the tables; none when the
    view has no live answers."""
    return [t("analysis.live_note")] if view.has_live else []


def quiz_legend(view: ClassView) -> str:
    """What the short quiz headers stand for: "Q1 = Water and temperature, Q2 = …"."""
    return ", ".join(f"{column.label} = {column.lesson_title}" for column in view.quizzes)


def _number(value: float | None) -> str:
    """A number for a spreadsheet: no useless ".0", empty when unknown."""
    if value is None:
        return ""
    return f"{round(value, 2):g}"


def to_csv(view: ClassView) -> str:
    """The tables as one CSV file, each after an empty line: the learners, the questions
    (hardest first), the item analysis and the options chosen (one line per option of a
    choice question). Headers are fixed English names and numbers are plain, for
    spreadsheets; the live columns are always there (0 when nothing was answered live)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(
        [
            "learner",
            "current_lesson",
            "lessons_done",
            "lessons_total",
            *(f"{column.quiz_id} %" for column in view.quizzes),
            "average %",
            "seconds",
            "live_answered",
            "live_right",
        ]
    )
    for row in view.learners:
        writer.writerow(
            [
                row.name,
                row.current_lesson or "",
                row.lessons_done,
                row.lessons_total,
                *(_number(row.scores.get(column.quiz_id)) for column in view.quizzes),
                _number(row.average),
                _number(row.seconds),
                row.live.answered,
                row.live.right,
            ]
        )
    writer.writerow([])
    writer.writerow(
        [
            "question_id",
            "quiz_id",
            "lesson",
            "prompt",
            "answers",
            "right",
            "share_right %",
            "live_answered",
            "live_right",
        ]
    )
    for question in view.questions:
        writer.writerow(
            [
                question.question_id,
                question.quiz_id,
                question.lesson_title,
                question.prompt,
                question.answers,
                _number(question.right),
                _number(None if question.share is None else 100 * question.share),
                question.live.answered,
                question.live.right,
            ]
        )
    writer.writerow([])
    writer.writerows(item_analysis.item_csv_rows(view.items))
    writer.writerow([])
    writer.writerows(item_analysis.option_csv_rows(view.items))
    return buffer.getvalue()


def _markdown_table(headers: Sequence[str], rows: Iterable[Sequence[str]], right: set[int]) -> str:
    def cell(text: str) -> str:
        return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")

    lines = [
        "| " + " | ".join(cell(header) for header in headers) + " |",
        "|" + "|".join("---:" if index in right else "---" for index in range(len(headers))) + "|",
    ]
    lines.extend("| " + " | ".join(cell(text) for text in row) + " |" for row in rows)
    return "\n".join(lines)


def to_markdown(view: ClassView, t: Translate) -> str:
    """The tables as a Markdown document, in the view's language: the learners, the
    questions and the item analysis."""
    parts = [
        f"# {t('dashboard.report_title', course=view.course_title)}",
        "",
        f"## {t('dashboard.learners_heading', count=len(view.learners))}",
        "",
        _markdown_table(
            learner_headers(view, t),
            (learner_cells(view, row) for row in view.learners),
            set(learner_right_columns(view)),
        ),
        "",
    ]
    if view.quizzes:
        parts += [quiz_legend(view), ""]
    live = view.has_live
    parts += [
        f"## {t('dashboard.questions_heading')}",
        "",
        _markdown_table(
            question_headers(t, live),
            (question_cells(row, live=live) for row in view.questions),
            set(question_right_columns(live)),
        ),
        "",
        t("dashboard.share_note"),
        "",
        *(line + "\n" for line in live_note(view, t)),
        f"## {t('analysis.heading')}",
        "",
        _markdown_table(
            item_analysis.item_headers(t),
            (item_cells(row, t) for row in view.items),
            set(item_analysis.ITEM_RIGHT),
        ),
        "",
        t("analysis.note"),
        "",
    ]
    return "\n".join(parts)


def item_cells(row: ItemRow, t: Translate, width: int | None = PROMPT_WIDTH) -> list[str]:
    """One question's cells of the item analysis, the wrong option's text cut to `width`."""
    cells = item_analysis.item_cells(row, t)
    flexible = item_analysis.ITEM_FLEXIBLE
    cells[flexible] = shorten(cells[flexible], width)
    return cells
