"""What the kinds where a learner picks among options share: the answer (the chosen
options), reading a task list with `[x]`/`[ ]` boxes, feedback per option, and the live
tally per option."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
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
)
from course.core.kinds.items import read_task_list, right_count
from course.core.model import Option, Question


@dataclass(frozen=True)
class ChoiceAnswer:
    """The indexes of the chosen options."""

    chosen: frozenset[int]
    """Author-order indexes of the options the learner chose."""

    def to_json(self) -> dict[str, Any]:
        """The answer as plain JSON data."""
        return {"chosen": sorted(self.chosen)}


class ChoiceKind(QuestionKind):
    """A kind where the learner chooses among the options; subclasses say how many."""

    tallies_options = True
    answer_key = "chosen"

    def read_options(self, listing: ItemList, question_id: str, report: Report) -> list[Option]:
        options = read_task_list(listing, self.name, question_id, report)
        for item in listing.items:
            if not item.feedback:
                report(
                    item.line,
                    "option has no feedback: on the lines under it, say why it is right or wrong",
                )
        if right_count(listing) == 0:
            report(
                listing.line, f"question '{question_id}' has no right answer: mark one with '[x]'"
            )
        self.check_choices(listing, question_id, report)
        return options

    def check_choices(self, listing: ItemList, question_id: str, report: Report) -> None:
        """The kind's own checks of the number of options and of right ones."""

    def empty_answer(self, question: Question) -> Answer:
        return ChoiceAnswer(frozenset())

    def answer_from_json(self, data: Mapping[str, Any]) -> Answer:
        if "chosen" not in data:
            raise ValueError(f"not an answer to a choice: {dict(data)!r}")
        return ChoiceAnswer(frozenset(int(i) for i in data["chosen"]))

    def grade(self, question: Question, answer: Answer) -> Grade:
        chosen = answer.chosen if isinstance(answer, ChoiceAnswer) else frozenset()
        feedback = tuple(
            OptionFeedback(o, o.index in chosen, o.correct)
            for o in question.options
            if o.index in chosen or o.correct
        )
        return graded(question, self.fraction(question, chosen), feedback)

    def fraction(self, question: Question, chosen: frozenset[int]) -> float:
        """The share of the points that choosing `chosen` earns: all or nothing, unless a
        kind judges each option on its own."""
        right = {o.index for o in question.right_options}
        return 1.0 if chosen == right else 0.0

    def answer_text(self, question: Question, answer: Answer) -> str:
        from course.core.plaintext import plain_text

        chosen = answer.chosen if isinstance(answer, ChoiceAnswer) else frozenset()
        return "; ".join(plain_text(o.text) for o in question.options if o.index in chosen)

    def solution_text(self, question: Question) -> str:
        return ", ".join(o.text for o in question.right_options)

    def tally(self, question: Question, answers: Sequence[Answer]) -> tuple[int, ...]:
        counts = [0] * len(question.options)
        for answer in answers:
            if isinstance(answer, ChoiceAnswer):
                for index in answer.chosen:
                    if 0 <= index < len(counts):
                        counts[index] += 1
        return tuple(counts)
