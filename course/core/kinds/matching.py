"""Matching, `## id (matching)`: pair each left side with its right side; written as a
list of pairs `- left → right`."""

from __future__ import annotations

import random
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from course.core.kinds import (
    Answer,
    Grade,
    ItemList,
    OptionFeedback,
    QuestionKind,
    Report,
    graded,
    register,
)
from course.core.kinds.items import read_plain_items
from course.core.model import Option, Question

ARROW = re.compile(r"\s*(?:→|->)\s*")
"""What separates the two sides of a pair."""


@dataclass(frozen=True)
class MatchAnswer:
    """For each left side, the option whose right side the learner paired it with."""

    pairs: Mapping[int, int]
    """Left option index to the index of the option whose right side was chosen."""

    def to_json(self) -> dict[str, Any]:
        """The answer as plain JSON data."""
        return {"pairs": {str(k): v for k, v in sorted(self.pairs.items())}}


def shuffled_matches(question: Question, seed: int) -> tuple[Option, ...]:
    """The right sides in the order one attempt lists them (the same seed, the same order)."""
    rng = random.Random(f"{seed}:{question.id}:right")
    options = list(question.options)
    rng.shuffle(options)
    return tuple(options)


class Matching(QuestionKind):
    """Each rightly paired left side earns its share of the points."""

    name = "matching"
    order = 50
    answer_key = "pairs"
    catalogue_keys = ("quiz.match", "quiz.unmatched", "quiz.matched_wrong")
    xapi_interaction = "matching"
    gift_form = "match"

    def read_options(self, listing: ItemList, question_id: str, report: Report) -> list[Option]:
        options = []
        for option in read_plain_items(listing, self.name, question_id, report):
            parts = ARROW.split(option.text)
            if len(parts) != 2 or not all(p.strip() for p in parts):
                report(
                    option.line,
                    "a matching pair must read 'left → right' (or 'left -> right'), with one arrow",
                )
                options.append(option)
            else:
                left, right = parts[0].strip(), parts[1].strip()
                options.append(
                    Option(option.index, left, False, option.feedback, right, option.line)
                )
        for side, values in (
            ("left", [o.text for o in options]),
            ("right", [o.match for o in options]),
        ):
            doubles = sorted({v for v in values if v and values.count(v) > 1})
            if doubles:
                report(
                    listing.line,
                    f"matching question '{question_id}' has "
                    f"{', '.join(map(repr, doubles))} twice on the {side} side",
                )
        return options

    def empty_answer(self, question: Question) -> Answer:
        return MatchAnswer({})

    def answer_from_json(self, data: Mapping[str, Any]) -> Answer:
        if "pairs" not in data:
            raise ValueError(f"not an answer to a matching: {dict(data)!r}")
        return MatchAnswer({int(k): int(v) for k, v in dict(data["pairs"]).items()})

    def grade(self, question: Question, answer: Answer) -> Grade:
        pairs = answer.pairs if isinstance(answer, MatchAnswer) else {}
        matched = [pairs.get(o.index) == o.index for o in question.options]
        feedback = tuple(
            OptionFeedback(o, ok, ok) for o, ok in zip(question.options, matched, strict=True)
        )
        return graded(question, sum(matched) / max(len(question.options), 1), feedback)

    def answer_text(self, question: Question, answer: Answer) -> str:
        from course.core.plaintext import plain_text

        pairs = answer.pairs if isinstance(answer, MatchAnswer) else {}
        by_index = {o.index: o for o in question.options}
        return "; ".join(
            f"{plain_text(by_index[left].text)} → {plain_text(by_index[right].match)}"
            for left, right in sorted(pairs.items())
            if left in by_index and right in by_index
        )

    def solution_text(self, question: Question) -> str:
        return "; ".join(f"{o.text} → {o.match}" for o in question.options)


register(Matching())
