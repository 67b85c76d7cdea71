"""One learner working through one course: the rules of progress, without any UI.

The screens ask this object what to show (a lesson's status, where to continue) and tell
it what the learner did (opened a lesson, answered a question). It grades with
`course.core.grading` and saves everything through the progress store at once, so that a
closed laptop or a killed process loses nothing already given.
"""

from __future__ import annotations

import os
import random
from collections.abc import Callable
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple

from course.core.model import Course, CourseText, Lesson, Question, Quiz
from course.core.review import Mastery, mastery, rating_for, session
from course.core.scoring import AttemptMode, Outcome, Score
from course.store import Attempt, Learner, Place, ProgressStore, QuizScore
from course.store.reviews import Reviews, ReviewSource

if TYPE_CHECKING:
    # Grading, and with it the registry of question kinds, is imported where an answer is
    # graded or a question's options are shuffled, and the plans by the store when asked
    # for: the outline that a start shows needs none of them, and defining the kinds cost
    # the start about 8 M instructions.
    from course.core.grading import Answer, Grade
    from course.store.plans import FollowUp, Plans

MAX_STRETCH_SECONDS = 30 * 60
"""Time counted for one visit to a lesson or its quiz at most: a lesson left open
overnight should not count as a night of study."""


NOW_VARIABLE = "COURSE_NOW"
"""An environment variable that sets the app's clock (an ISO 8601 time, "2026-12-05T09:00Z"
or a date), to try spaced review without waiting a day; unset, the clock is the real one."""

SEED_TRIES = 50
"""Seeds tried to show a reviewed question's options in an order it was not shown in last."""


def course_now() -> datetime:
    """The time the course goes by: `COURSE_NOW` when set, else now (UTC).

    A ValueError names the variable and the value when it is not a time."""
    given = os.environ.get(NOW_VARIABLE, "").strip()
    if not given:
        return datetime.now(UTC)
    try:
        moment = datetime.fromisoformat(given)
    except ValueError:
        raise ValueError(
            f"{NOW_VARIABLE}={given!r} is not a time; give one as 2026-12-05T09:00 (UTC) "
            f"or unset {NOW_VARIABLE}"
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


_SOURCES = {AttemptMode.REVIEW: ReviewSource.REVIEW, AttemptMode.LIVE: ReviewSource.LIVE}


class ReviewItem(NamedTuple):
    """A question of a review session, with where it comes from."""

    lesson_id: str
    """The lesson whose quiz holds it."""
    question: Question
    """The question (in the language of the text it was found in)."""


class ObjectiveMastery(NamedTuple):
    """How well one learning objective is held, and the questions that say so."""

    objective_id: str
    """As in the course manifest ("K1")."""
    mastery: Mastery
    """Secure, shaky or not yet tested (`course.core.review.mastery`)."""
    questions: tuple[tuple[str, Outcome | None], ...]
    """The questions that test it, in course order, with the newest outcome of each (None:
    not answered yet)."""


class PlanKind(StrEnum):
    """What a part of "My plan" is."""

    REFLECTION = "reflection"
    """A lesson's reflection."""
    COMMITMENT = "commitment"
    """An answer to a quiz's reflection question, such as a next step; it can carry
    follow-ups."""
    NETWORK_MAP = "network_map"
    """An answer to a closing question of the network-map activity."""


class PlanEntry(NamedTuple):
    """One thing the learner wrote about their own practice, for "My plan"."""

    lesson_id: str
    """The lesson it belongs to."""
    kind: PlanKind
    """A reflection, a commitment or a closing answer on the network map."""
    prompt: str
    """What the learner was asked (Markdown)."""
    text: str
    """What they wrote."""
    question_id: str = ""
    """The question it answers: the quiz's for a commitment, the closing question's for
    the network map; "" for a reflection."""
    follow_ups: tuple[FollowUp, ...] = ()
    """A commitment's follow-ups, oldest date first (answered ones with what happened)."""

    @property
    def open_follow_up(self) -> FollowUp | None:
        """The follow-up not answered yet, if one is set."""
        return next((f for f in self.follow_ups if f.answer is None), None)


class LessonStatus(StrEnum):
    """Where a learner stands with a lesson."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"


class QuizResult(NamedTuple):
    """A finished attempt, judged against the course's pass mark."""

    attempt: Attempt
    """The attempt with its answers."""
    points: float
    """Points earned."""
    max_points: float
    """Points possible in the questions of this attempt."""
    percent: int
    """Points as the whole percent shown (rounded down, see `course.core.scoring`)."""
    passed: bool
    """Whether the exact score reaches the pass mark."""


class StudySession:
    """A learner, a course and the store that keeps the learner's progress in it."""

    def __init__(
        self,
        course: Course,
        store: ProgressStore,
        learner: Learner,
        shuffler: random.Random | None = None,
        clock: Callable[[], datetime] = course_now,
    ) -> None:
        self.course = course
        self.store = store
        self.learner = learner
        self.shuffler = shuffler or random.Random()
        """Draws each attempt's shuffle seed; tests pass a seeded one for stable screens."""
        self.clock = clock
        """What time it is, for the review schedule; tests pass their own."""

    @property
    def reviews(self) -> Reviews:
        """The learner's review cards in this course."""
        return self.store.reviews(self.learner.id, self.course.id)

    # What to show -------------------------------------------------------------------

    def lesson_status(self, lesson_id: str) -> LessonStatus:
        """Not started, in progress or done."""
        progress = self.store.lessons(self.learner.id, self.course.id).get(lesson_id)
        if progress is None or progress.opened_at is None:
            return LessonStatus.NOT_STARTED
        return LessonStatus.DONE if progress.completed_at else LessonStatus.IN_PROGRESS

    def statuses(self) -> dict[str, LessonStatus]:
        """Every lesson's status, in one read of the store."""
        rows = self.store.lessons(self.learner.id, self.course.id)
        found: dict[str, LessonStatus] = {}
        for lesson_id in self.course.lesson_ids:
            row = rows.get(lesson_id)
            if row is None or row.opened_at is None:
                found[lesson_id] = LessonStatus.NOT_STARTED
            else:
                found[lesson_id] = (
                    LessonStatus.DONE if row.completed_at else LessonStatus.IN_PROGRESS
                )
        return found

    def quiz_scores(self) -> dict[str, QuizScore]:
        """The best finished attempt of each quiz, by quiz id."""
        return self.store.best_scores(self.learner.id, self.course.id)

    def overall(self) -> tuple[int, int]:
        """Lessons done and lessons in all."""
        statuses = self.statuses()
        done = sum(1 for status in statuses.values() if status is LessonStatus.DONE)
        return done, len(self.course.lesson_ids)

    def course_done(self) -> bool:
        """Whether every lesson of the course is done."""
        done, total = self.overall()
        return done == total

    def continue_place(self) -> Place | None:
        """Where the learner left off, if they have been here before and it still exists."""
        place = self.store.place(self.learner.id, self.course.id)
        if place is None or place.lesson_id not in self.course.lesson_ids:
            return None
        if place.attempt_id is not None:
            attempt = self._attempt(place.attempt_id)
            lesson = self.course.text(self.course.languages[0]).lesson(place.lesson_id)
            if attempt is None or attempt.finished or lesson is None or lesson.quiz is None:
                return Place(place.lesson_id)
            # The place was saved with the question just answered: continue at the next one.
            waiting = self.next_question(attempt, lesson.quiz)
            return Place(place.lesson_id, waiting.id if waiting else None, attempt.id)
        return place

    def passed(self, points: float, max_points: float) -> bool:
        """Whether a score reaches the course's pass mark (see `course.core.scoring`)."""
        return Score(points, max_points).passed(self.course.pass_mark)

    # What the learner did ---------------------------------------------------------

    def open_lesson(self, lesson_id: str) -> None:
        """The learner opened a lesson: it is in progress and the place to continue."""
        self.store.lesson_opened(self.learner.id, self.course.id, lesson_id)
        self.store.save_place(self.learner.id, self.course.id, Place(lesson_id))

    def leave_lesson(self, lesson_id: str, position: float, seconds: float) -> None:
        """The learner left a lesson at `position` (0–1) after reading for `seconds`."""
        self.store.save_position(self.learner.id, self.course.id, lesson_id, position)
        self.spend_time(lesson_id, seconds)

    def spend_time(self, lesson_id: str, seconds: float) -> None:
        """Count `seconds` of one stretch of work in a lesson or its quiz (capped, as a
        screen left open overnight is no night of study)."""
        if seconds > 0:
            self.store.add_time(
                self.learner.id, self.course.id, lesson_id, min(seconds, MAX_STRETCH_SECONDS)
            )

    def complete_lesson(self, lesson_id: str) -> None:
        """Mark a lesson done (one without a quiz, once read to its end)."""
        self.store.lesson_completed(self.learner.id, self.course.id, lesson_id)

    def position(self, lesson_id: str) -> float:
        """Where the learner last was in a lesson (0–1)."""
        row = self.store.lessons(self.learner.id, self.course.id).get(lesson_id)
        return row.position if row else 0.0

    def reflection(self, lesson_id: str) -> str:
        """The learner's latest reflection on a lesson."""
        return self.store.reflection(self.learner.id, self.course.id, lesson_id)

    def save_reflection(self, lesson_id: str, text: str, session: str) -> None:
        """Save the learner's reflection; `session` groups the saves of one visit."""
        self.store.save_reflection(self.learner.id, self.course.id, lesson_id, text, session)

    # Quizzes ------------------------------------------------------------------------

    def attempt(self, quiz: Quiz) -> Attempt:
        """The attempt to work on: the unfinished one if there is one, else a new one.

        Working on a quiz is working in its lesson: the lesson is in progress from here on,
        also when the quiz was opened without the lesson (from the command palette)."""
        self.store.lesson_opened(self.learner.id, self.course.id, quiz.lesson_id)
        open_attempt = self.store.unfinished_attempt(self.learner.id, self.course.id, quiz.id)
        return open_attempt if open_attempt is not None else self._start(quiz, AttemptMode.SELF)

    def passed_result(self, quiz: Quiz) -> QuizResult | None:
        """The best finished attempt at `quiz` if it passed and no attempt is open; else None.

        Opening such a quiz would start a new attempt, which the learner should be told of.
        """
        if self.store.unfinished_attempt(self.learner.id, self.course.id, quiz.id) is not None:
            return None
        best = self.quiz_scores().get(quiz.id)
        if best is None or not self.passed(best.points, best.max_points):
            return None
        attempt = self._attempt(best.attempt_id)
        return self.result(attempt) if attempt is not None else None

    def retry(self, quiz: Quiz, previous: Attempt, wrong_only: bool) -> Attempt:
        """A new attempt at a quiz. Retrying the wrong questions only carries the right
        answers over, so the new attempt's score is a score of the whole quiz."""
        attempt = self._start(quiz, AttemptMode.RETRY_WRONG if wrong_only else AttemptMode.SELF)
        if wrong_only:
            for kept in previous.answers:
                kept_over = kept.outcome in (Outcome.RIGHT, Outcome.UNGRADED)
                if kept_over and quiz.question(kept.question_id):
                    self.store.record_answer(
                        attempt.id,
                        kept.question_id,
                        kept.answer,
                        kept.outcome,
                        kept.points,
                        kept.max_points,
                    )
        return self.refreshed(attempt)

    def _start(self, quiz: Quiz, mode: AttemptMode) -> Attempt:
        return self.store.start_attempt(
            self.learner.id,
            self.course.id,
            self.course.version,
            quiz.id,
            quiz.lesson_id,
            tuple(question.id for question in quiz.questions),
            seed=self.shuffler.randrange(1, 2**31),
            mode=mode,
        )

    def _attempt(self, attempt_id: int) -> Attempt | None:
        return next(
            (a for a in self.store.attempts(self.learner.id, self.course.id) if a.id == attempt_id),
            None,
        )

    def refreshed(self, attempt: Attempt) -> Attempt:
        """The attempt as the store has it now (with every answer given so far)."""
        return self._attempt(attempt.id) or attempt

    @staticmethod
    def questions_of(attempt: Attempt, quiz: Quiz) -> list[Question]:
        """The attempt's questions that the course still has, in the attempt's order.

        A question removed from a newer course version stays in the history but is no
        longer asked.
        """
        return [q for qid in attempt.question_order if (q := quiz.question(qid)) is not None]

    def next_question(self, attempt: Attempt, quiz: Quiz) -> Question | None:
        """The first question of the attempt not answered yet."""
        answered = {answer.question_id for answer in attempt.answers}
        return next((q for q in self.questions_of(attempt, quiz) if q.id not in answered), None)

    def answer(self, attempt: Attempt, question: Question, given: Answer) -> Grade:
        """Grade an answer and save it at once, with its review of the question's card and
        the place to continue (a review session's place is the outline's)."""
        from course.core.grading import grade  # see the imports at the top

        judged = grade(question, given)
        rating = rating_for(judged.outcome)
        source = _SOURCES.get(AttemptMode(attempt.mode), ReviewSource.QUIZ)
        now = self.clock()
        self.store.record_answer(
            attempt.id,
            question.id,
            given.to_json(),
            judged.outcome,
            judged.points,
            judged.max_points,
            review=None if rating is None else (rating, now, source),
            at=now,
        )
        if source is not ReviewSource.REVIEW:
            self.store.save_place(
                self.learner.id, self.course.id, Place(attempt.lesson_id, question.id, attempt.id)
            )
        return judged

    def answer_live(self, round_id: int, given: Answer, judged: Grade) -> bool:
        """Send an answer to the room's live question, timed by this session's clock as
        every other answer and review; False when the round is no longer open or was
        answered already."""
        return self.store.classroom(self.course.id).answer_round(
            round_id,
            self.learner.id,
            self.course.version,
            given.to_json(),
            judged.outcome,
            judged.points,
            judged.max_points,
            at=self.clock(),
        )

    def was_sure(self, question: Question) -> bool:
        """ "I was sure" of the right answer just given: its review becomes Easy. False when
        there was no right answer to upgrade."""
        return self.reviews.mark_sure(question.id) is not None

    # Spaced review --------------------------------------------------------------------

    def due_count(self) -> int:
        """How many questions are due for review now."""
        return self.reviews.due_count(self.clock())

    def review_session(self, text: CourseText) -> list[ReviewItem]:
        """The questions of a review session now: at most 15 due, from all lessons, those
        most likely forgotten first; questions the course no longer has are left out."""
        reviews = self.reviews
        now = self.clock()
        where = {
            question.id: ReviewItem(lesson.id, question)
            for lesson in text.lessons
            if lesson.quiz is not None
            for question in lesson.quiz.questions
        }
        due = {q: card for q, card in reviews.cards(due_by=now).items() if q in where}
        return [where[q] for q in session(due, now, reviews.retention())]

    def newest_outcomes(self) -> dict[str, Outcome]:
        """Question id to the outcome of its newest answer, in any attempt of any mode;
        a live answer only once the trainer revealed the result (or the round is over)."""
        newest: dict[str, tuple[str, Outcome]] = {}
        attempts = self.store.attempts(self.learner.id, self.course.id)
        unrevealed: frozenset[int] = frozenset()
        if any(attempt.mode == AttemptMode.LIVE for attempt in attempts):
            unrevealed = self.store.classroom(self.course.id).unrevealed_attempts(self.learner.id)
        for attempt in attempts:
            if attempt.id in unrevealed:
                continue
            for given in attempt.answers:
                known = newest.get(given.question_id)
                if known is None or given.answered_at > known[0]:
                    newest[given.question_id] = (given.answered_at, given.outcome)
        return {question: outcome for question, (_, outcome) in newest.items()}

    def mastery(self, text: CourseText) -> list[ObjectiveMastery]:
        """Every tested objective of the course, in the manifest's order, with how well it is
        held now: from the newest answers and the cards' retrievability."""
        reviews = self.reviews
        newest = self.newest_outcomes()
        cards = reviews.cards()
        retention = reviews.retention()
        now = self.clock()
        testing: dict[str, list[str]] = {}
        for lesson in text.lessons:
            if lesson.quiz is None:
                continue
            for question in lesson.quiz.questions:
                if question.max_points:
                    for objective_id in question.objectives:
                        testing.setdefault(objective_id, []).append(question.id)
        found = []
        for objective in self.course.objectives:
            questions = testing.get(objective.id, [])
            if not objective.tested and not questions:
                continue
            held = mastery(questions, newest, cards, now, retention)
            found.append(
                ObjectiveMastery(objective.id, held, tuple((q, newest.get(q)) for q in questions))
            )
        return found

    @property
    def plans(self) -> Plans:
        """The learner's edited commitments and follow-ups in this course."""
        return self.store.plans(self.learner.id, self.course.id)

    def plan(self, text: CourseText) -> list[PlanEntry]:
        """Every reflection, every answer to a reflection question (a commitment, as last
        answered or edited, with its follow-ups) and every closing answer on the network
        map, in course order; what the learner has not written is left out."""
        newest: dict[str, tuple[str, str]] = {}
        for attempt in self.store.attempts(self.learner.id, self.course.id):
            for given in attempt.answers:
                written = given.answer.get("text")
                if given.outcome is Outcome.UNGRADED and isinstance(written, str):
                    known = newest.get(given.question_id)
                    if known is None or given.answered_at > known[0]:
                        newest[given.question_id] = (given.answered_at, written)
        plans = self.plans
        for edited in plans.commitments().values():
            known = newest.get(edited.question_id)
            if known is None or edited.saved_at >= known[0]:
                newest[edited.question_id] = (edited.saved_at, edited.text)
        follow_ups: dict[str, list[FollowUp]] = {}
        for follow_up in plans.follow_ups():
            follow_ups.setdefault(follow_up.question_id, []).append(follow_up)
        closing_answers: dict[str, str] | None = None
        entries: list[PlanEntry] = []
        for lesson in text.lessons:
            reflection = self.store.reflection(self.learner.id, self.course.id, lesson.id)
            if reflection.strip():
                entries.append(
                    PlanEntry(lesson.id, PlanKind.REFLECTION, lesson.reflection, reflection)
                )
            if lesson.quiz is None:
                continue
            for question in lesson.quiz.questions:
                if question.kind == "network-map":
                    if closing_answers is None:  # one map per course: read it once
                        closing_answers = self.network_answers()
                    # The network map's code (its analysis, its file format) is not part
                    # of every start: only a plan with a map's answers needs it.
                    from course.core.kinds.network_map import closing_questions

                    entries += [
                        PlanEntry(
                            lesson.id,
                            PlanKind.NETWORK_MAP,
                            closing.text,
                            closing_answers[closing.id],
                            closing.id,
                        )
                        for closing in closing_questions(question)
                        if closing_answers.get(closing.id, "").strip()
                    ]
                    continue
                found = newest.get(question.id)
                held = tuple(follow_ups.get(question.id, ()))
                if found is not None and (found[1].strip() or held):
                    entries.append(
                        PlanEntry(
                            lesson.id,
                            PlanKind.COMMITMENT,
                            question.prompt,
                            found[1],
                            question.id,
                            held,
                        )
                    )
        return entries

    def network_answers(self) -> dict[str, str]:
        """The learner's answers to the network map's closing questions, by their id."""
        return self.store.network_maps(self.learner.id, self.course.id).answers()

    def save_commitment(self, question_id: str, text: str) -> None:
        """Keep a commitment as the learner edited it in the plan."""
        self.plans.save_commitment(question_id, text, self.clock())

    def today(self) -> date:
        """The learner's day now, by the course clock (`COURSE_NOW`) in the local zone."""
        return self.clock().astimezone().date()

    def set_follow_up(self, question_id: str, due: date | None) -> None:
        """Come back to a commitment on `due`; None: not at all."""
        self.plans.set_follow_up(question_id, due, self.clock())

    def due_check_ins(self, text: CourseText) -> list[tuple[FollowUp, PlanEntry]]:
        """The follow-ups whose day has come and that are not answered, each with its
        commitment; those whose question the course no longer has are left out."""
        due = self.plans.due_follow_ups(self.today())
        if not due:  # the common case at a start: one short read
            return []
        commitments = {
            entry.question_id: entry
            for entry in self.plan(text)
            if entry.kind is PlanKind.COMMITMENT
        }
        return [(f, commitments[f.question_id]) for f in due if f.question_id in commitments]

    def answer_check_in(self, follow_up_id: int, answer: str) -> None:
        """Keep what the learner said happened with a commitment at its follow-up."""
        self.plans.answer_follow_up(follow_up_id, answer, self.clock())

    def start_review(self, item: ReviewItem, quiz: Quiz) -> Attempt:
        """An attempt of mode review holding one question, its options in an order the
        learner was not shown last time (when the question has another)."""
        last = next(
            (
                a
                for a in self.store.attempts(self.learner.id, self.course.id, quiz.id)
                if item.question.id in a.question_order
            ),
            None,
        )
        seed = self.shuffler.randrange(1, 2**31)
        if last is not None:
            from course.core.grading import shuffled_options  # see the imports at the top

            shown = [o.index for o in shuffled_options(item.question, last.seed)]
            for _ in range(SEED_TRIES):
                if [o.index for o in shuffled_options(item.question, seed)] != shown:
                    break
                seed = self.shuffler.randrange(1, 2**31)
        return self.store.start_attempt(
            self.learner.id,
            self.course.id,
            self.course.version,
            quiz.id,
            item.lesson_id,
            (item.question.id,),
            seed=seed,
            mode=AttemptMode.REVIEW,
        )

    def finish_review(self, attempt: Attempt) -> Attempt:
        """Close one question's review attempt; no lesson is completed by it."""
        return self.store.finish_attempt(attempt.id)

    def save_draft(self, attempt: Attempt, question: Question, given: Answer | None) -> None:
        """Keep what the learner entered in `question` but has not checked; None (nothing
        entered) forgets it."""
        import json

        encoded = None if given is None else json.dumps(given.to_json(), ensure_ascii=False)
        self.store.save_draft(attempt.id, question.id, encoded)

    def draft(self, attempt: Attempt, question: Question) -> Answer | None:
        """The unchecked answer kept for `question` in this attempt, if any (and readable)."""
        encoded = self.store.draft(attempt.id, question.id)
        if encoded is None:
            return None
        import json

        from course.core.grading import answer_from_json  # see the imports at the top

        try:
            return answer_from_json(question, json.loads(encoded))
        except (ValueError, TypeError, KeyError):  # written by another version: start afresh
            return None

    def mark_question_place(self, attempt: Attempt, question: Question) -> None:
        """Remember that the learner is looking at `question`, to resume there."""
        self.store.save_place(
            self.learner.id, self.course.id, Place(attempt.lesson_id, question.id, attempt.id)
        )

    def finish(self, attempt: Attempt, text: CourseText) -> QuizResult:
        """Close an attempt; a pass completes the lesson and moves "Continue" on."""
        done = self.store.finish_attempt(attempt.id)
        result = self.result(done)
        if result.passed:
            self.store.lesson_completed(self.learner.id, self.course.id, attempt.lesson_id)
        following = self.following_lesson(text, attempt.lesson_id) if result.passed else None
        self.store.save_place(
            self.learner.id, self.course.id, Place(following.id if following else attempt.lesson_id)
        )
        return result

    def result(self, attempt: Attempt) -> QuizResult:
        """Score an attempt from its saved answers."""
        score = attempt.score
        return QuizResult(
            attempt,
            score.points,
            score.max_points,
            score.shown_percent,
            score.passed(self.course.pass_mark),
        )

    @staticmethod
    def following_lesson(text: CourseText, lesson_id: str) -> Lesson | None:
        """The lesson after `lesson_id` in course order, or None at the end."""
        index = text.lesson_index(lesson_id)
        return text.lessons[index + 1] if 0 <= index < len(text.lessons) - 1 else None


def plan_markdown(
    title: str, text: CourseText, entries: list[PlanEntry], t: Callable[..., str]
) -> str:
    """The plan as Markdown: the course's title, then per lesson what was asked (quoted)
    and what the learner wrote, with a commitment's follow-up date and check-ins."""
    lines = [f"# {t('plan.title')}: {title}", ""]
    if not entries:
        return "\n".join([*lines, t("plan.empty"), ""])
    by_lesson: dict[str, list[PlanEntry]] = {}
    for entry in entries:
        by_lesson.setdefault(entry.lesson_id, []).append(entry)
    for lesson in text.lessons:
        found = by_lesson.get(lesson.id)
        if not found:
            continue
        lines += [f"## {lesson.title}", ""]
        for number, entry in enumerate(found):
            # The network map's answers under one heading; every other entry under its own.
            following = number > 0 and found[number - 1].kind is PlanKind.NETWORK_MAP
            if entry.kind is not PlanKind.NETWORK_MAP or not following:
                lines += [f"### {t('plan.' + entry.kind.value)}", ""]
            prompt = " ".join(entry.prompt.split())
            if prompt:
                lines += [f"> {prompt}", ""]
            if entry.text.strip():
                lines += [entry.text.strip(), ""]
            for follow_up in entry.follow_ups:
                day = follow_up.due.isoformat()
                if follow_up.answer is None:
                    lines += [f"*{t('plan.follow_up_on', date=day)}*", ""]
                else:
                    lines += [
                        f"**{t('plan.check_in_on', date=day)}** {follow_up.answer.strip()}",
                        "",
                    ]
    return "\n".join(lines)
