"""Ordering, `## id (ordering)`: put the items in the right order; written as a numbered
list in that order."""

from __future__ import annotations

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


@dataclass(frozen=True)
class OrderAnswer:
    """The options in the order the learner put them."""

    order: tuple[int, ...]
    """Author-order indexes, first to last as the learner arranged them."""

    def to_json(self) -> dict[str, Any]:
        """The answer as plain JSON data."""
        return {"order": list(self.order)}


class Ordering(QuestionKind):
    """Each item in its place earns its share of the points."""

    name = "ordering"
    order = 40
    answer_key = "order"
    catalogue_keys = (
        "quiz.order",
        "quiz.move_up",
        "quiz.move_down",
        "quiz.in_place",
        "quiz.out_of_place",
        "presenter.right_answer",
    )
    xapi_interaction = "sequencing"
    gift_form = None  # GIFT has no ordering question

    def read_options(self, listing: ItemList, question_id: str, report: Report) -> list[Option]:
        if not listing.numbered:
            report(
                listing.line,
                f"ordering question '{question_id}': write the items as "
                "a numbered list (1., 2., …) in the right order",
            )
        return read_plain_items(listing, self.name, question_id, report)

    def empty_answer(self, question: Question) -> Answer:
        return OrderAnswer(())

    def answer_from_json(self, data: Mapping[str, Any]) -> Answer:
        if "order" not in data:
            raise ValueError(f"not an answer to an ordering: {dict(data)!r}")
        return OrderAnswer(tuple(int(i) for i in data["order"]))

    def grade(self, question: Question, answer: Answer) -> Grade:
        order = answer.order if isinstance(answer, OrderAnswer) else ()
        in_place = [i < len(order) and order[i] == o.index for i, o in enumerate(question.options)]
        feedback = tuple(
            OptionFeedback(o, ok, ok) for o, ok in zip(question.options, in_place, strict=True)
        )
        return graded(question, sum(in_place) / max(len(question.options), 1), feedback)

    def answer_text(self, question: Question, answer: Answer) -> str:
        from course.core.plaintext import plain_text

        order = answer.order if isinstance(answer, OrderAnswer) else ()
        by_index = {o.index: o for o in question.options}
        return " → ".join(plain_text(by_index[i].text) for i in order if i in by_index)

    def solution_text(self, question: Question) -> str:
        return " → ".join(o.text for o in question.options)


register(Ordering())
