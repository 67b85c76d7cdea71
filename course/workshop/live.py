"""Counting a room's answers to a live question; no UI import.

Choices are counted per option; open answers (short answers, reflections) are grouped by
what they say, so that "Trust!", " trust " and "TRUST" are one line with the count 3.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from course.core.kinds import Answer, kind_of
from course.core.model import Question
from course.core.scoring import Outcome
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
class AnswerGroup:
    """Open answers that say the same (`group_key`), and how many learners gave them."""

    key: str
    """What they have in common: the text as `group_key` makes it."""
    text: str
    """The text to show: the most common way it was written (on a tie, the first one)."""
    count: int
    """Learners who gave it."""


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
    groups: tuple[AnswerGroup, ...] = ()
    """The open answers grouped, largest first, for kinds that list them
    (`QuestionKind.groups_answers`); empty for the others."""


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
    groups: tuple[AnswerGroup, ...] = ()
    if kind.groups_answers:
        groups = group_answers([_typed(given) for given in answers])
    outcomes = [given.outcome for given in answers]
    return Tally(
        answered=len(answers),
        right=outcomes.count(Outcome.RIGHT),
        partial=outcomes.count(Outcome.PARTIAL),
        wrong=outcomes.count(Outcome.WRONG),
        options=options,
        groups=groups,
    )


def _typed(given: LiveAnswer) -> str:
    """The text of an open answer as given ("" when it holds none)."""
    text = given.answer.get("text")
    return text if isinstance(text, str) else ""


_SPACES = re.compile(r"\s+")


def group_key(text: str) -> str:
    """What an open answer says, for grouping: without case (Unicode case folding, NFKC
    forms alike), with every punctuation mark read as a space, and spaces collapsed and
    trimmed. "Trust!", " trust " and "TRUST" all say "trust"; "e-mail" says "e mail"."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    spaced = "".join(" " if unicodedata.category(c).startswith("P") else c for c in folded)
    return _SPACES.sub(" ", spaced).strip()


def group_answers(texts: Sequence[str]) -> tuple[AnswerGroup, ...]:
    """Open answers grouped by `group_key`, largest group first (on a tie, the one first
    given first); answers that say nothing (blank, punctuation only) are left out."""
    spellings: dict[str, Counter[str]] = {}
    for text in texts:
        key = group_key(text)
        if key:
            shown = _SPACES.sub(" ", text).strip()
            spellings.setdefault(key, Counter())[shown] += 1
    # Dicts and Counters keep the order of first sight, and the sorts below are stable.
    groups = [
        AnswerGroup(key, written.most_common(1)[0][0], written.total())
        for key, written in spellings.items()
    ]
    return tuple(sorted(groups, key=lambda group: -group.count))


def shown_groups(groups: Sequence[AnswerGroup], hidden: Collection[str]) -> list[AnswerGroup]:
    """The groups the room may see: all but those whose key the trainer hid."""
    return [group for group in groups if group.key not in hidden]
