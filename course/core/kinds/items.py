"""Reading the options lists of quiz files, as several kinds write them: task lists with
`[x]`/`[ ]` boxes, and plain items without boxes."""

from __future__ import annotations

from course.core.kinds import ItemList, Report
from course.core.model import Option


def read_task_list(listing: ItemList, kind: str, question_id: str, report: Report) -> list[Option]:
    """The options of a task list (`- [x] right`, `- [ ] wrong`): every item needs its box,
    and one at least must be ticked."""
    options = [
        Option(item.index, item.text, bool(item.mark), item.feedback, "", item.line)
        for item in listing.items
    ]
    if any(item.mark is None for item in listing.items):
        report(
            listing.line,
            f"{kind} question '{question_id}': start every option "
            "with '[x]' (right) or '[ ]' (wrong)",
        )
    return options


def right_count(listing: ItemList) -> int:
    """How many items of a list are ticked."""
    return sum(1 for item in listing.items if item.mark)


def read_plain_items(
    listing: ItemList, kind: str, question_id: str, report: Report
) -> list[Option]:
    """Items without boxes, at least two of them."""
    if any(item.mark is not None for item in listing.items):
        report(listing.line, f"{kind} question '{question_id}': items take no '[x]' or '[ ]' boxes")
    if len(listing.items) < 2:
        report(listing.line, f"{kind} question '{question_id}' needs at least two items")
    return [
        Option(item.index, item.text, False, item.feedback, "", item.line) for item in listing.items
    ]
