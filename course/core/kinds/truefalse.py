"""True or false, `## id (truefalse)`: two options, one of them right, never shuffled."""

from __future__ import annotations

from course.core.kinds import ItemList, Report, register
from course.core.kinds.choice import ChoiceKind
from course.core.kinds.items import right_count


class TrueFalse(ChoiceKind):
    """A statement to judge; the author names the two answers ("True"/"False" or others)."""

    name = "truefalse"
    order = 30
    shuffles = False  # "true" first, as everyone expects it
    one_option_only = True
    catalogue_keys = ("quiz.true_false",)
    xapi_interaction = "true-false"
    gift_form = "truefalse"

    def check_choices(self, listing: ItemList, question_id: str, report: Report) -> None:
        if len(listing.items) != 2 or right_count(listing) != 1:
            report(
                listing.line,
                f"true/false question '{question_id}' needs exactly two options, one of them right",
            )


register(TrueFalse())
