"""Counting a room's answers to a live question; no UI import."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from course.core.grading import Outcome
from course.core.kinds import Answer, kind_of
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
    """Learners per option, in the author's order, for kinds that count choices
    (`QuestionKind.tallies_options`); empty for the others."""


def tally(question: Question, answers: Sequence[LiveAnswer]) -> Tally:
    """Count the answers; speed plays no part, every answer counts the same."""
    kind = kind_of(question)
    options: tuple[OptionCount, ...] = ()
    if kind.tallies_options:
        read: list[Answer] = []
        for answer in answers:
            try:
                read.append(kind.answer_from_json(answer.answer))
            except (ValueError, TypeError, KeyError):
                continue  # not an answer of this kind: it counts as given, not as a choice
        counts = kind.tally(question, read)
        options = tuple(
            OptionCount(option.text, counts[option.index], option.correct)
            for option in question.options
        )
    outcomes = [given.outcome for given in answers]
    return Tally(
        answered=len(answers),
        right=outcomes.count(Outcome.RIGHT),
        partial=outcomes.count(Outcome.PARTIAL),
        wrong=outcomes.count(Outcome.WRONG),
        options=options,
    )
