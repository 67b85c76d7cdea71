"""Counting a room's answers to a live question; no UI import."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from course.core.grading import ChoiceAnswer, Outcome, answer_from_json
from course.core.model import Question
from course.store import LiveAnswer


@dataclass(frozen=True)
class OptionCount:
    """How many learners chose one option."""

    text: str
    """The option as written."""
    count: int
    """Learners who chose it."""
    correct: bool
    """Whether it is a right option."""


@dataclass(frozen=True)
class Tally:
    """How the room answered a live question."""

    answered: int
    """Learners who answered."""
    right: int
    """Fully right answers."""
    partial: int
    """Partly right answers."""
    wrong: int
    """Wrong answers."""
    options: tuple[OptionCount, ...]
    """Choice questions: learners per option, in the author's order; empty for other types."""


def tally(question: Question, answers: Sequence[LiveAnswer]) -> Tally:
    """Count the answers; speed plays no part, every answer counts the same."""
    counts = [0] * len(question.options)
    if question.type.is_choice:
        for given in answers:
            answer = answer_from_json(given.answer)
            if isinstance(answer, ChoiceAnswer):
                for index in answer.chosen:
                    if 0 <= index < len(counts):
                        counts[index] += 1
    options = (
        tuple(
            OptionCount(option.text, counts[option.index], option.correct)
            for option in question.options
        )
        if question.type.is_choice
        else ()
    )
    outcomes = [given.outcome for given in answers]
    return Tally(
        answered=len(answers),
        right=outcomes.count(Outcome.RIGHT),
        partial=outcomes.count(Outcome.PARTIAL),
        wrong=outcomes.count(Outcome.WRONG),
        options=options,
    )
