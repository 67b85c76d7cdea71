"""Item analysis of a class: which question, and which wrong option, fooled the room.

The classical figures of test theory, computed from each learner's first attempt at each
question (a retry after feedback says little about the question):

- **facility**: the mean share of the question's points the class earned, from 0 (nobody
  right) to 1 (everybody right); for a right/wrong question it is the share who got it
  right. Questions near 1 teach nothing new to test; near 0, they may be unclear.
- **discrimination**: the facility among the upper 27 % of the class (by total score over
  the questions they answered) less the facility among the lower 27 %. A good question is
  answered better by those who did well overall (0.3 and more is usually good); a
  negative figure means the strong learners were misled, often by a flawed key.
- **option counts**: per option of a choice question, how many chose it; a wrong option
  that many chose is a misconception worth discussing.

Pure functions over plain records: the class view and `course report` feed it.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

GROUP_SHARE = 0.27
"""The share of the class in the upper and in the lower group (Kelley's 27 %)."""


@dataclass(frozen=True)
class FirstAnswer:
    """A learner's first answer to a question."""

    learner: str
    """Who answered (a profile name; never shown with the figures)."""
    question_id: str
    """Which question."""
    fraction: float
    """Share of the question's points earned, 0 to 1."""
    chosen: frozenset[int] = frozenset()
    """Choice questions: the author-order indexes of the options chosen."""


@dataclass(frozen=True)
class OptionCount:
    """How many learners chose one option."""

    index: int
    """The option's author-order index."""
    chosen_by: int
    """How many learners chose it."""
    correct: bool
    """Whether it is a right option."""


@dataclass(frozen=True)
class ItemFigures:
    """The figures of one question."""

    question_id: str
    """Which question."""
    answered: int
    """How many learners answered it."""
    right: int
    """How many got it fully right on their first attempt."""
    facility: float | None
    """Mean share of points earned, 0 to 1; None when nobody answered."""
    discrimination: float | None
    """Upper-group facility less lower-group facility, -1 to 1; None when the groups are
    too small (fewer than two learners in each) to say anything."""
    options: tuple[OptionCount, ...] = ()
    """Choice questions: each option with how many chose it, in author order."""

    @property
    def fooling_option(self) -> OptionCount | None:
        """The wrong option chosen most often, if anybody chose a wrong one."""
        wrong = [option for option in self.options if not option.correct and option.chosen_by]
        return max(wrong, key=lambda option: (option.chosen_by, -option.index), default=None)


def item_analysis(
    answers: Iterable[FirstAnswer],
    questions: Sequence[str],
    right_options: Mapping[str, Sequence[bool]] | None = None,
) -> list[ItemFigures]:
    """The figures of each question in `questions` (in that order), from first answers.

    `right_options` gives, for each choice question, whether each option (in author
    order) is right; questions not in it get no option counts."""
    by_question: dict[str, list[FirstAnswer]] = {question: [] for question in questions}
    totals: dict[str, float] = defaultdict(float)
    for answer in answers:
        if answer.question_id in by_question:
            by_question[answer.question_id].append(answer)
            totals[answer.learner] += answer.fraction
    ranked = sorted(totals, key=lambda learner: (-totals[learner], learner))
    size = math.floor(len(ranked) * GROUP_SHARE + 0.5)  # Kelley's 27 %, rounded
    upper, lower = set(ranked[:size]), set(ranked[len(ranked) - size :]) if size else set()
    figures = []
    for question in questions:
        given = by_question[question]
        facility = _mean(answer.fraction for answer in given)
        discrimination = None
        if size >= 2:
            top = _mean(a.fraction for a in given if a.learner in upper)
            bottom = _mean(a.fraction for a in given if a.learner in lower)
            if top is not None and bottom is not None:
                discrimination = round(top - bottom, 4)
        options: tuple[OptionCount, ...] = ()
        if right_options and question in right_options:
            counts = Counter(index for answer in given for index in answer.chosen)
            options = tuple(
                OptionCount(index, counts[index], correct)
                for index, correct in enumerate(right_options[question])
            )
        figures.append(
            ItemFigures(
                question,
                len(given),
                sum(1 for answer in given if answer.fraction >= 1),
                None if facility is None else round(facility, 4),
                discrimination,
                options,
            )
        )
    return figures


def _mean(values: Iterable[float]) -> float | None:
    kept = list(values)
    return sum(kept) / len(kept) if kept else None
