"""`course progress`: a table of the lessons, with status, best quiz score and time spent."""

from __future__ import annotations

import argparse

from course.cli import common
from course.core.model import Course
from course.core.plaintext import plain_text
from course.core.scoring import LiveCount, format_points, is_live, live_count
from course.i18n import Catalogue, duration
from course.store import Attempt, Learner, LessonProgress, ProgressStore, QuizScore

NAME = "progress"
SUMMARY = "show a learner's progress: lessons, status, quiz scores, time spent"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """--profile NAME."""
    common.add_profile_option(parser, "whose progress to show (default: 'default')")
    parser.add_argument(
        "--objectives",
        action="store_true",
        help="show each learning objective as secure, shaky or not yet tested, with the "
        "questions behind it",
    )


def run(args: argparse.Namespace) -> int:
    """Print the progress table of one profile in the current course."""
    course = common.open_course(args)
    name = common.profile_name(args)
    with common.open_store(args) as store:
        learner = store.find_learner(name)
        if learner is None and name != "default":
            common.fail(f"there is no profile named {name!r}; `course profiles` lists them.")
        language = common.course_language(args, course)
        if getattr(args, "objectives", False):
            print(objectives_report(store, course, learner, name, language))
        else:
            print(report(store, course, learner.id if learner else None, name, language))
    return 0


STATUS_KEYS = {
    "completed": "progress.completed",
    "opened": "progress.opened",
    "not started": "progress.not_started",
}
"""The catalogue key of each lesson status the store reports."""


def report(
    store: ProgressStore,
    course: Course,
    learner_id: int | None,
    name: str,
    language: str | None = None,
) -> str:
    """The progress of one learner in `course` as plain text, headings and lesson titles in
    one language: `language` if the course has it, else the course's first."""
    text = course.text(course.best_language(language))
    t = Catalogue(text.language)
    lessons: dict[str, LessonProgress] = {}
    scores: dict[str, QuizScore] = {}
    tried: set[str] = set()
    attempts: list[Attempt] = []
    if learner_id is not None:
        lessons = store.lessons(learner_id, course.id)
        scores = store.best_scores(learner_id, course.id)
        attempts = store.attempts(learner_id, course.id)
        tried = {attempt.quiz_id for attempt in attempts if not is_live(attempt.mode)}
    rows = []
    completed = passed = quizzes = 0
    seconds = 0.0
    for index, lesson in enumerate(text.lessons, start=1):
        progress = lessons.get(lesson.id)
        status = progress.status if progress else "not started"
        completed += status == "completed"
        spent = progress.seconds if progress else 0.0
        seconds += spent
        score = t("progress.no_quiz")
        if lesson.quiz is not None:
            quizzes += 1
            best = scores.get(lesson.quiz.id)
            if best is not None:
                verdict = t(
                    "progress.passed" if best.passed(course.pass_mark) else "progress.not_passed"
                )
                passed += best.passed(course.pass_mark)
                score = (
                    f"{format_points(best.points, t('decimal_mark'))}/"
                    f"{format_points(best.max_points, t('decimal_mark'))} "
                    f"({best.shown_percent} %) {verdict}"
                )
            else:
                score = t("progress.unfinished") if lesson.quiz.id in tried else "-"
        rows.append([str(index), lesson.title, t(STATUS_KEYS[status]), score, duration(spent)])
    title = course.title.get(text.language) or next(iter(course.title.values()), course.id)
    headers = [
        "#",
        t("progress.lesson_column"),
        t("progress.status_column"),
        t("progress.score_column"),
        t("progress.time_column"),
    ]
    lines = [
        t(
            "progress.heading",
            title=title,
            id=course.id,
            version=course.version,
            profile=repr(name),
        ),
        "",
        common.table(headers, rows, right=(0, 4)),
        "",
        t(
            "progress.summary",
            completed=completed,
            lessons=len(text.lessons),
            passed=passed,
            quizzes=quizzes,
            mark=course.pass_mark,
            time=duration(seconds),
        ),
    ]
    lines += live_lines(attempts, t)
    gone = sorted(set(lessons) - {lesson.id for lesson in text.lessons})
    if gone:
        lines.append(t("progress.gone", lessons=", ".join(gone)))
    return "\n".join(lines)


def live_lines(attempts: list[Attempt], t: Catalogue) -> list[str]:
    """The learner's answers in live rounds, apart from the quiz scores: a total line and
    one per question, in the order first answered; none when nothing was answered live."""
    by_question: dict[str, LiveCount] = {}
    for attempt in sorted(attempts, key=lambda one: one.started_at):
        if is_live(attempt.mode):
            for answer in attempt.answers:
                known = by_question.get(answer.question_id, LiveCount())
                by_question[answer.question_id] = known + live_count((answer.outcome,))
    if not by_question:
        return []
    total = sum(by_question.values(), LiveCount())
    return [
        t("analysis.progress_live", answered=total.answered, right=total.right),
        *(
            t(
                "analysis.progress_live_question",
                question=question,
                answered=count.answered,
                right=count.right,
            )
            for question, count in by_question.items()
        ),
    ]


def objectives_report(
    store: ProgressStore,
    course: Course,
    learner: Learner | None,
    name: str,
    language: str | None = None,
) -> str:
    """Each learning objective of `course` with how well the learner holds it (secure,
    shaky, not yet tested) and the questions behind it, as plain text."""
    from course.study import StudySession  # spaced review's scheduler only when asked for

    text = course.text(course.best_language(language))
    t = Catalogue(text.language)
    title = course.title.get(text.language) or next(iter(course.title.values()), course.id)
    # No profile yet: nothing answered, and asking creates none (id 0 is no row's).
    found = StudySession(course, store, learner or Learner(0, name, "")).mastery(text)
    questions = {
        q.id: q for lesson in text.lessons if lesson.quiz is not None for q in lesson.quiz.questions
    }
    counts = {
        "secure": sum(o.mastery.value == "secure" for o in found),
        "shaky": sum(o.mastery.value == "shaky" for o in found),
        "untested": sum(o.mastery.value == "not_tested" for o in found),
    }
    lines = [t("mastery.heading", title=title, profile=repr(name)), ""]
    for held in found:
        objective = next(o for o in course.objectives if o.id == held.objective_id)
        described = objective.text.get(text.language) or next(iter(objective.text.values()), "")
        lines.append(f"{held.objective_id}  {t('mastery.' + held.mastery.value)}  {described}")
        for question_id, outcome in held.questions:
            question = questions.get(question_id)
            prompt = _prompt_line(question.prompt) if question else question_id
            shown = t(f"quiz.{outcome.value}") if outcome is not None else t("mastery.not_answered")
            lines.append(f"    {question_id}: {shown} - {prompt}")
    lines += ["", t("mastery.summary", **counts)]
    return "\n".join(lines)


PROMPT_WIDTH = 60
"""Characters of a question's prompt in `course progress --objectives`."""


def _prompt_line(prompt: str) -> str:
    """The start of a prompt on one line, as the app's lists show it: without Markdown
    markers, cut at a word with "…" when longer than `PROMPT_WIDTH`."""
    words = plain_text(" ".join(prompt.split()))
    if len(words) <= PROMPT_WIDTH:
        return words
    return words[: PROMPT_WIDTH - 1].rsplit(" ", 1)[0] + "…"
