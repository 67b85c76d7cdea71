"""Multiple choice, `## id (multiple)`: any number of right options; each counts."""

from __future__ import annotations

from course.core.kinds import ItemList, Report, register
from course.core.kinds.choice import ChoiceKind
from course.core.model import Question


class MultipleChoice(ChoiceKind):
    """Each option is judged on its own: all right is right, some right is partial."""

    name = "multiple"
    order = 20
    item_checks = frozenset({"option_length", "catch_all", "keys_given_away"})
    catalogue_keys = ("quiz.choose_many",)
    xapi_interaction = "choice"
    gift_form = "multichoice-multi"

    def check_choices(self, listing: ItemList, question_id: str, report: Report) -> None:
        if len(listing.items) < 2:
            report(listing.line, f"question '{question_id}' needs at least two options")

    def fraction(self, question: Question, chosen: frozenset[int]) -> float:
        # Each option is judged on its own: a wrong tick costs as much as a missed one.
        judged_right = sum(1 for o in question.options if (o.index in chosen) == o.correct)
        fraction = judged_right / len(question.options) if question.options else 0.0
        if fraction < 1 and not chosen & {o.index for o in question.right_options}:
            fraction = 0.0
        return fraction


register(MultipleChoice())
