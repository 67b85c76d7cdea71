"""Grading an answer: a pure function of the question and what the learner gave.

No UI and no storage here. The rules of each kind of question are in its module of
`course.core.kinds`; this module asks the question's kind. Answers are small immutable
values that also turn into plain JSON (`to_json`/`answer_from_json`), which is how the
store keeps them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from course.core.kinds import Answer, Grade, OptionFeedback, Outcome, all_kinds, kind_of
from course.core.model import Option, Question


def grade(question: Question, answer: Answer) -> Grade:
    """Judge `answer` to `question`: outcome, points and the feedback to show."""
    return kind_of(question).grade(question, answer)


def answer_from_json(question: Question, data: Mapping[str, Any]) -> Answer:
    """The answer to `question` that `to_json` turned into `data`; ValueError if it is not
    one of the question's kind."""
    return kind_of(question).answer_from_json(data)


def any_answer_from_json(data: Mapping[str, Any]) -> Answer:
    """The answer of whichever kind `to_json` turned into `data` (the first kind that reads
    it); ValueError if no kind does."""
    for kind in all_kinds():
        try:
            return kind.answer_from_json(data)
        except (ValueError, TypeError, KeyError):
            continue
    raise ValueError(f"not an answer: {dict(data)!r}")


def empty_answer(question: Question) -> Answer:
    """The answer of a learner who gives none; it grades as wrong."""
    return kind_of(question).empty_answer(question)


def shuffled_options(question: Question, seed: int) -> tuple[Option, ...]:
    """The options in the order one attempt shows them.

    The same seed always gives the same order, so a learner who comes back to an attempt
    sees it as they left it. Pinned questions keep the author's order.
    """
    return kind_of(question).shown_options(question, seed)


__all__ = [
    "Answer",
    "Grade",
    "OptionFeedback",
    "Outcome",
    "answer_from_json",
    "any_answer_from_json",
    "empty_answer",
    "grade",
    "shuffled_options",
]
