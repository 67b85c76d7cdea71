"""A learner's history in the example course, made through the real progress store."""

from __future__ import annotations

from pathlib import Path

from course.content import load_course
from course.core.grading import Outcome
from course.core.model import Course
from course.core.scoring import AttemptMode
from course.store import ProgressStore

REPO = Path(__file__).resolve().parents[2]
EXAMPLE_COURSE = REPO / "docs" / "example-course"
REFLECTION = "I steep too long when I answer e-mails meanwhile."


def example_course() -> Course:
    result = load_course(EXAMPLE_COURSE)
    assert result.course is not None
    return result.course


def anna_history(store: ProgressStore) -> None:
    """Anna read both lessons, passed the water quiz, took the steeping quiz (a multiple
    choice partly right, the ordering right, a single choice wrong, a reflection), and
    wrote a lesson reflection."""
    anna = store.learner("anna")
    for lesson in ("water", "steeping"):
        store.lesson_opened(anna.id, "example", lesson)
        store.add_time(anna.id, "example", lesson, 300)
        store.lesson_completed(anna.id, "example", lesson)
    water = store.start_attempt(
        anna.id, "example", "1.0.0", "water-quiz", "water",
        ("black-tea-water", "reboiled-water", "green-tea-taste", "tea-and-water"), 1,
    )  # fmt: skip
    store.record_answer(water.id, "black-tea-water", {"chosen": [1]}, Outcome.RIGHT, 2, 2)
    store.record_answer(water.id, "reboiled-water", {"chosen": [1]}, Outcome.RIGHT, 1, 1)
    store.record_answer(water.id, "green-tea-taste", {"text": "Bitter"}, Outcome.RIGHT, 1, 1)
    store.record_answer(
        water.id, "tea-and-water", {"pairs": {"0": 0, "1": 1, "2": 2}}, Outcome.RIGHT, 1, 1
    )
    store.finish_attempt(water.id)
    steeping = store.start_attempt(
        anna.id, "example", "1.0.0", "steeping-quiz", "steeping",
        ("bitter-tea", "tea-steps", "black-tea-time", "next-cup"), 2, AttemptMode.SELF,
    )  # fmt: skip
    store.record_answer(steeping.id, "bitter-tea", {"chosen": [0]}, Outcome.PARTIAL, 0.67, 1)
    store.record_answer(steeping.id, "tea-steps", {"order": [0, 1, 2, 3]}, Outcome.RIGHT, 1, 1)
    store.record_answer(steeping.id, "black-tea-time", {"chosen": [0]}, Outcome.WRONG, 0, 1)
    store.record_answer(steeping.id, "next-cup", {"text": REFLECTION}, Outcome.UNGRADED, 0, 0)
    store.finish_attempt(steeping.id)
    store.save_reflection(anna.id, "example", "water", "Cold water, freshly boiled.", "s1")
