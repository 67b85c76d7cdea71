"""A small class, fed through the real progress store: three learners in the example course.

- **ana** completed "water" and its quiz (all right), is now in "steeping" and has
  answered one of its questions wrongly in an unfinished attempt.
- **ben** completed "water"; his quiz went half wrong (50 %), then he retried the wrong
  questions and got the tea temperature right (80 %), the green tea wrong.
- **cleo** has only opened "water".
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from course.content import load_course
from course.core.model import Course
from course.store import Place, ProgressStore

REPO = Path(__file__).resolve().parents[2]
EXAMPLE_COURSE = REPO / "docs" / "example-course"
COURSE_ID = "example"
VERSION = "1.0.0"
WATER_QUESTIONS = ("black-tea-water", "reboiled-water", "green-tea-taste", "tea-and-water")
STEEPING_QUESTIONS = ("bitter-tea", "tea-steps", "black-tea-time", "next-cup")
MAX_POINTS = {"black-tea-water": 2.0}


def example_course(folder: Path = EXAMPLE_COURSE) -> Course:
    """The example course of docs/ (or a copy of it), which must load cleanly."""
    result = load_course(folder)
    assert result.course is not None, [problem.format() for problem in result.errors]
    return result.course


MARKDOWN_PROMPTS = {
    "Which of these make tea bitter?": "Which of these make tea **bitter**?",
    "Match each tea with the water it wants.": (
        "Match *each* tea with the `water` it wants: black, green, white and oolong tea."
    ),
}
"""English prompts of the example course and the same with Markdown emphasis and code."""


def course_with_markdown_prompts(folder: Path) -> Path:
    """A copy of the example course in `folder` whose English prompts hold inline Markdown
    (MARKDOWN_PROMPTS); the same id, so the class's progress counts in it."""
    copy = folder / "markdown-course"
    shutil.copytree(EXAMPLE_COURSE, copy)
    for quiz_file in (copy / "quizzes" / "en").glob("*.md"):
        text = quiz_file.read_text(encoding="utf-8")
        for plain, marked in MARKDOWN_PROMPTS.items():
            text = text.replace(f"\n{plain}\n", f"\n{marked}\n")
        quiz_file.write_text(text, encoding="utf-8")
    return copy


def answer(
    store: ProgressStore, attempt_id: int, question_id: str, outcome: str, points: float = -1
) -> None:
    """Record an answer with plausible points for its outcome."""
    most = MAX_POINTS.get(question_id, 1.0)
    if points < 0:
        points = {"right": most, "partial": most / 2}.get(outcome, 0.0)
    given: dict[str, Any] = {"chosen": [0]}
    store.record_answer(attempt_id, question_id, given, outcome, points, most)


def quiz(
    store: ProgressStore,
    learner_id: int,
    lesson_id: str,
    outcomes: dict[str, str],
    *,
    finish: bool = True,
    mode: str = "self",
) -> int:
    """One attempt at a lesson's quiz with the given outcomes; returns its id."""
    questions = WATER_QUESTIONS if lesson_id == "water" else STEEPING_QUESTIONS
    attempt = store.start_attempt(
        learner_id, COURSE_ID, VERSION, f"{lesson_id}-quiz", lesson_id, questions, 1, mode
    )
    for question_id, outcome in outcomes.items():
        answer(store, attempt.id, question_id, outcome)
    if finish:
        store.finish_attempt(attempt.id)
    return attempt.id


def add_ana(store: ProgressStore) -> None:
    """ana: water done with a perfect quiz; now in steeping, one wrong answer so far."""
    ana = store.learner("ana")
    store.lesson_opened(ana.id, COURSE_ID, "water")
    store.add_time(ana.id, COURSE_ID, "water", 600)
    store.lesson_completed(ana.id, COURSE_ID, "water")
    quiz(store, ana.id, "water", dict.fromkeys(WATER_QUESTIONS, "right"))
    store.lesson_opened(ana.id, COURSE_ID, "steeping")
    store.add_time(ana.id, COURSE_ID, "steeping", 120)
    attempt = quiz(store, ana.id, "steeping", {"bitter-tea": "wrong"}, finish=False)
    store.save_place(ana.id, COURSE_ID, Place("steeping", "bitter-tea", attempt))


def add_ben(store: ProgressStore) -> None:
    """ben: water done, quiz 50 %, then a retry of the wrong ones: 80 %."""
    ben = store.learner("ben")
    store.lesson_opened(ben.id, COURSE_ID, "water")
    store.add_time(ben.id, COURSE_ID, "water", 900)
    store.lesson_completed(ben.id, COURSE_ID, "water")
    quiz(
        store,
        ben.id,
        "water",
        {
            "black-tea-water": "wrong",
            "reboiled-water": "right",
            "green-tea-taste": "partial",
            "tea-and-water": "right",
        },
    )
    quiz(  # as the app retries: the right answers are carried over
        store,
        ben.id,
        "water",
        {
            "reboiled-water": "right",
            "tea-and-water": "right",
            "black-tea-water": "right",
            "green-tea-taste": "wrong",
        },
        mode="retry-wrong",
    )
    store.save_place(ben.id, COURSE_ID, Place("water"))


def add_cleo(store: ProgressStore) -> None:
    """cleo: has only opened water."""
    cleo = store.learner("cleo")
    store.lesson_opened(cleo.id, COURSE_ID, "water")
    store.add_time(cleo.id, COURSE_ID, "water", 300)
    store.save_place(cleo.id, COURSE_ID, Place("water"))


def fill_class(data_dir: Path) -> None:
    """Write the three learners into the store in `data_dir`."""
    with ProgressStore.open(data_dir) as store:
        add_ana(store)
        add_ben(store)
        add_cleo(store)


if __name__ == "__main__":  # fill a folder by hand: python -m tests.classroom.classdata DIR
    import sys

    fill_class(Path(sys.argv[1]))
