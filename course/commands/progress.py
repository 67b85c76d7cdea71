"""`course progress`: a table of the lessons, with status, best quiz score and time spent."""

from __future__ import annotations

import argparse

from ..model import Course
from ..store import LessonProgress, ProgressStore, QuizScore
from . import common

NAME = "progress"
SUMMARY = "show a learner's progress: lessons, status, quiz scores, time spent"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """--profile NAME."""
    common.add_profile_option(parser, "whose progress to show (default: 'default')")


def run(args: argparse.Namespace) -> int:
    """Print the progress table of one profile in the current course."""
    course = common.open_course(args)
    name = common.profile_name(args)
    with common.open_store(args) as store:
        learner = store.find_learner(name)
        if learner is None and name != "default":
            common.fail(f"there is no profile named {name!r}; `course profiles` lists them.")
        print(
            report(
                store, course, learner.id if learner else None, name, getattr(args, "lang", None)
            )
        )
    return 0


def report(
    store: ProgressStore,
    course: Course,
    learner_id: int | None,
    name: str,
    language: str | None = None,
) -> str:
    """The progress of one learner in `course` as plain text."""
    text = course.text(course.best_language(language))
    lessons: dict[str, LessonProgress] = {}
    scores: dict[str, QuizScore] = {}
    tried: set[str] = set()
    if learner_id is not None:
        lessons = store.lessons(learner_id, course.id)
        scores = store.best_scores(learner_id, course.id)
        tried = {attempt.quiz_id for attempt in store.attempts(learner_id, course.id)}
    rows = []
    completed = passed = quizzes = 0
    seconds = 0.0
    for index, lesson in enumerate(text.lessons, start=1):
        progress = lessons.get(lesson.id)
        status = progress.status if progress else "not started"
        completed += status == "completed"
        spent = progress.seconds if progress else 0.0
        seconds += spent
        score = "no quiz"
        if lesson.quiz is not None:
            quizzes += 1
            best = scores.get(lesson.quiz.id)
            if best is not None:
                verdict = "passed" if best.passed(course.pass_mark) else "not passed"
                passed += best.passed(course.pass_mark)
                score = (
                    f"{common.number(best.points)}/{common.number(best.max_points)} "
                    f"({best.percent:.0f}%) {verdict}"
                )
            else:
                score = "unfinished" if lesson.quiz.id in tried else "-"
        rows.append([str(index), lesson.title, status, score, common.duration(spent)])
    title = course.title.get(text.language) or next(iter(course.title.values()), course.id)
    lines = [
        f"{title} ({course.id} {course.version}), profile {name!r}",
        "",
        common.table(["#", "Lesson", "Status", "Best quiz score", "Time"], rows, right=(0, 4)),
        "",
        f"Lessons completed: {completed} of {len(text.lessons)}. "
        f"Quizzes passed: {passed} of {quizzes} (pass mark {course.pass_mark}%). "
        f"Time spent: {common.duration(seconds)}.",
    ]
    gone = sorted(set(lessons) - {lesson.id for lesson in text.lessons})
    if gone:
        lines.append(
            "Progress is also kept for lessons no longer in this course: " + ", ".join(gone) + "."
        )
    return "\n".join(lines)
