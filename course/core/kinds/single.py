"""Single choice, `## id (single)`: one right option among several."""

from __future__ import annotations

from course.core.kinds import ItemList, Report, register
from course.core.kinds.choice import ChoiceKind
from course.core.kinds.items import right_count


class SingleChoice(ChoiceKind):
    """One option is right; choosing it earns all the points, anything else none."""

    name = "single"
    order = 10
    one_option_only = True
    item_checks = frozenset({"longest_key", "option_length", "catch_all", "keys_given_away"})
    catalogue_keys = ("quiz.choose_one",)
    xapi_interaction = "choice"
    gift_form = "multichoice"

    def check_choices(self, listing: ItemList, question_id: str, report: Report) -> None:
        count = right_count(listing)
        if count > 1:
            report(
                listing.line,
                f"single-choice question '{question_id}' has {count} right "
                "answers: mark only one, or make it 'multiple'",
            )
        if len(listing.items) < 2:
            report(listing.line, f"question '{question_id}' needs at least two options")


register(SingleChoice())
