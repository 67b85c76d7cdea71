"""Grading an answer: a pure function of the question and what the learner gave.

No UI and no storage here. Answers are small immutable values that also turn into plain
JSON (`to_json`/`answer_from_json`), which is how the store keeps them.
"""

from __future__ import annotations

import random
import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from course.core.model import Option, Question, QuestionType


class Outcome(StrEnum):
    """How an answer was judged."""

    RIGHT = "right"
    WRONG = "wrong"
    PARTIAL = "partial"
    UNGRADED = "ungraded"


@dataclass(frozen=True)
class ChoiceAnswer:
    """Single, multiple and true/false: the indexes of the chosen options."""

    chosen: frozenset[int]
    """Author-order indexes of the options the learner chose."""

    def to_json(self) -> dict[str, Any]:
        """The answer as plain JSON data."""
        return {"chosen": sorted(self.chosen)}


@dataclass(frozen=True)
class OrderAnswer:
    """Ordering: the options in the order the learner put them."""

    order: tuple[int, ...]
    """Author-order indexes, first to last as the learner arranged them."""

    def to_json(self) -> dict[str, Any]:
        """The answer as plain JSON data."""
        return {"order": list(self.order)}


@dataclass(frozen=True)
class MatchAnswer:
    """Matching: for each left side, the option whose right side the learner paired it with."""

    pairs: Mapping[int, int]
    """Left option index to the index of the option whose right side was chosen."""

    def to_json(self) -> dict[str, Any]:
        """The answer as plain JSON data."""
        return {"pairs": {str(k): v for k, v in sorted(self.pairs.items())}}


@dataclass(frozen=True)
class TextAnswer:
    """Short answer and reflection: the text the learner typed."""

    text: str
    """As typed."""

    def to_json(self) -> dict[str, Any]:
        """The answer as plain JSON data."""
        return {"text": self.text}


Answer = ChoiceAnswer | OrderAnswer | MatchAnswer | TextAnswer


def answer_from_json(data: Mapping[str, Any]) -> Answer:
    """The answer that `to_json` turned into `data`; ValueError if it is not one."""
    if "chosen" in data:
        return ChoiceAnswer(frozenset(int(i) for i in data["chosen"]))
    if "order" in data:
        return OrderAnswer(tuple(int(i) for i in data["order"]))
    if "pairs" in data:
        return MatchAnswer({int(k): int(v) for k, v in dict(data["pairs"]).items()})
    if "text" in data:
        return TextAnswer(str(data["text"]))
    raise ValueError(f"not an answer: {dict(data)!r}")


@dataclass(frozen=True)
class OptionFeedback:
    """Feedback on one option after grading."""

    option: Option
    """The option."""
    chosen: bool
    """Whether the learner chose it (for ordering/matching: placed or paired it rightly)."""
    right: bool
    """Whether choosing it was right (for ordering/matching: whether it is in place)."""


@dataclass(frozen=True)
class Grade:
    """The judgement of one answer."""

    outcome: Outcome
    """Right, wrong, partial, or ungraded (reflection)."""
    points: float
    """Points earned, from 0 to `max_points`."""
    max_points: int
    """Points a fully right answer earns."""
    feedback: tuple[OptionFeedback, ...]
    """Per option: the ones to show the learner (chosen ones and the right ones)."""
    explanation: str
    """The question's explanation."""
    matched_option: Option | None = None
    """Short answers: the accepted or expected-wrong option the text matched, if any."""


def normalise(text: str) -> str:
    """Text compared without case and extra spaces, as short answers are."""
    return re.sub(r"\s+", " ", text).strip().casefold()


def _outcome(fraction: float) -> Outcome:
    if fraction >= 1:
        return Outcome.RIGHT
    return Outcome.PARTIAL if fraction > 0 else Outcome.WRONG


def grade(question: Question, answer: Answer) -> Grade:
    """Judge `answer` to `question`: outcome, points and the feedback to show."""
    kind = question.type
    if kind is QuestionType.REFLECTION:
        return Grade(Outcome.UNGRADED, 0, 0, (), question.explanation)
    if kind in (QuestionType.SINGLE, QuestionType.TRUE_FALSE, QuestionType.MULTIPLE):
        chosen = answer.chosen if isinstance(answer, ChoiceAnswer) else frozenset()
        feedback = tuple(
            OptionFeedback(o, o.index in chosen, o.correct)
            for o in question.options
            if o.index in chosen or o.correct
        )
        if kind is QuestionType.MULTIPLE:
            # Each option is judged on its own: a wrong tick costs as much as a missed one.
            judged_right = sum(1 for o in question.options if (o.index in chosen) == o.correct)
            fraction = judged_right / len(question.options) if question.options else 0.0
            if fraction < 1 and not chosen & {o.index for o in question.right_options}:
                fraction = 0.0
        else:
            right = {o.index for o in question.right_options}
            fraction = 1.0 if chosen == right else 0.0
        return _graded(question, fraction, feedback)
    if kind is QuestionType.ORDERING:
        order = answer.order if isinstance(answer, OrderAnswer) else ()
        in_place = [i < len(order) and order[i] == o.index for i, o in enumerate(question.options)]
        feedback = tuple(
            OptionFeedback(o, ok, ok) for o, ok in zip(question.options, in_place, strict=True)
        )
        return _graded(question, sum(in_place) / max(len(question.options), 1), feedback)
    if kind is QuestionType.MATCHING:
        pairs = answer.pairs if isinstance(answer, MatchAnswer) else {}
        matched = [pairs.get(o.index) == o.index for o in question.options]
        feedback = tuple(
            OptionFeedback(o, ok, ok) for o, ok in zip(question.options, matched, strict=True)
        )
        return _graded(question, sum(matched) / max(len(question.options), 1), feedback)
    text = normalise(answer.text) if isinstance(answer, TextAnswer) else ""
    hit = next((o for o in question.options if normalise(o.text) == text), None)
    accepted = hit is not None and hit.correct
    feedback = tuple(
        OptionFeedback(o, o is hit, o.correct)
        for o in question.options
        if o is hit or (o.correct and o is question.right_options[0])
    )
    return _graded(question, 1.0 if accepted else 0.0, feedback, hit)


def _graded(
    question: Question,
    fraction: float,
    feedback: tuple[OptionFeedback, ...],
    hit: Option | None = None,
) -> Grade:
    points = round(question.points * fraction, 2)
    return Grade(_outcome(fraction), points, question.points, feedback, question.explanation, hit)


def shuffled_options(question: Question, seed: int) -> tuple[Option, ...]:
    """The options in the order one attempt shows them.

    The same seed always gives the same order, so a learner who comes back to an attempt
    sees it as they left it. Pinned questions keep the author's order.
    """
    if not question.shuffle:
        return question.options
    rng = random.Random(f"{seed}:{question.id}")
    options = list(question.options)
    for _ in range(3):  # a shuffle that happens to keep the given order teaches nothing
        rng.shuffle(options)
        if len(options) < 2 or options != list(question.options):
            break
    return tuple(options)


def shuffled_matches(question: Question, seed: int) -> tuple[Option, ...]:
    """Matching: the right sides in the order one attempt lists them."""
    rng = random.Random(f"{seed}:{question.id}:right")
    options = list(question.options)
    rng.shuffle(options)
    return tuple(options)


def empty_answer(question: Question) -> Answer:
    """The answer of a learner who gives none; it grades as wrong."""
    if question.type.is_choice:
        return ChoiceAnswer(frozenset())
    if question.type is QuestionType.ORDERING:
        return OrderAnswer(())
    if question.type is QuestionType.MATCHING:
        return MatchAnswer({})
    return TextAnswer("")


__all__ = [
    "Answer",
    "ChoiceAnswer",
    "Grade",
    "MatchAnswer",
    "OptionFeedback",
    "OrderAnswer",
    "Outcome",
    "TextAnswer",
    "answer_from_json",
    "empty_answer",
    "grade",
    "normalise",
    "shuffled_matches",
    "shuffled_options",
]
