"""Numeric, `## id (numeric)`: the learner types a number; a task list holds the accepted
numbers or ranges (`[x]`) and expected wrong ones with their feedback (`[ ]`).

An option is a number (`1999`), a number with a tolerance (`3.14 ± 0.01`, also `+-` or
`+/-`) or a range (`95 .. 100`). A typed number is read with a decimal point or a decimal
comma ("3,14" is 3.14), so that a German learner types as they write; it is right when it
lies in an accepted range, and an expected wrong range gives its own feedback. This is
the kind Moodle's GIFT format writes as `{#…}`.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from course.core.kinds import (
    Answer,
    Grade,
    ItemList,
    OptionFeedback,
    Report,
    graded,
    register,
)
from course.core.kinds.items import read_task_list, right_count
from course.core.kinds.text import TextAnswer, TextKind
from course.core.model import Option, Question
from course.core.plaintext import plain_text

_NUMBER = r"[-+−]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][-+]?\d+)?"
_RANGE = re.compile(rf"^(?P<low>{_NUMBER})\s*(?:\.\.|…)\s*(?P<high>{_NUMBER})$")
_TOLERANCE = re.compile(rf"^(?P<value>{_NUMBER})\s*(?:(?:±|\+-|\+/-)\s*(?P<tolerance>{_NUMBER}))?$")
_TYPED = re.compile(rf"^{_NUMBER}$")


@dataclass(frozen=True)
class NumberRange:
    """The numbers an option stands for."""

    low: float
    """The smallest."""
    high: float
    """The largest."""

    def __contains__(self, number: float) -> bool:
        # A hair of slack: 0.1 + 0.2 typed as 0.3 is 0.3 to a learner.
        slack = 1e-9 * max(1.0, abs(self.low), abs(self.high))
        return self.low - slack <= number <= self.high + slack

    @property
    def value(self) -> float:
        """The middle: the number an author means."""
        return (self.low + self.high) / 2

    @property
    def tolerance(self) -> float:
        """How far from `value` a number may be."""
        return (self.high - self.low) / 2


def read_number(text: str) -> float | None:
    """A number as a learner types it (point or comma, a leading sign); None if it is not
    one. Thousands separators are not read: "1.000" would be ambiguous."""
    cleaned = plain_text(text).strip().replace("−", "-").replace(" ", "")
    if not _TYPED.match(cleaned):
        return None
    try:
        number = float(cleaned.replace(",", "."))
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def read_range(text: str) -> NumberRange | None:
    """The numbers an option's text stands for; None if it is not a number, a number with
    a tolerance or a range."""
    cleaned = " ".join(plain_text(text).split())
    found = _RANGE.match(cleaned)
    if found:
        low, high = read_number(found.group("low")), read_number(found.group("high"))
        if low is None or high is None:
            return None
        return NumberRange(min(low, high), max(low, high))
    found = _TOLERANCE.match(cleaned)
    if found:
        value = read_number(found.group("value"))
        tolerance = read_number(found.group("tolerance") or "0")
        if value is None or tolerance is None:
            return None
        return NumberRange(value - abs(tolerance), value + abs(tolerance))
    return None


def format_number(value: float) -> str:
    """A number as an option writes it: no needless digits ("3.14", "1999")."""
    return f"{value:.10g}"


def range_text(span: NumberRange) -> str:
    """A range as an option writes it: "3.14", "3.14 ± 0.01"."""
    if span.tolerance == 0:
        return format_number(span.value)
    return f"{format_number(span.value)} ± {format_number(span.tolerance)}"


class Numeric(TextKind):
    """Right when the typed number lies in an accepted range (see the module)."""

    name = "numeric"
    order = 65
    shuffles = False  # the options are ranges to match, never shown as choices
    catalogue_keys = (
        "quiz.numeric",
        "quiz.number_placeholder",
        "quiz.not_a_number",
        "quiz.your_answer",
        "quiz.right_answer",
        "presenter.right_answer",
    )
    xapi_interaction = "numeric"
    gift_form = "numerical"

    def read_options(self, listing: ItemList, question_id: str, report: Report) -> list[Option]:
        options = read_task_list(listing, self.name, question_id, report)
        for option in options:
            if option.text and read_range(option.text) is None:
                report(
                    option.line,
                    f"{option.text!r} is not a number: write '3.14', '3.14 ± 0.01' or '3.1 .. 3.2'",
                )
        if right_count(listing) == 0:
            report(
                listing.line,
                f"question '{question_id}' has no accepted number: mark one with '[x]'",
            )
        return options

    def grade(self, question: Question, answer: Answer) -> Grade:
        typed = read_number(answer.text) if isinstance(answer, TextAnswer) else None
        hit: Option | None = None
        if typed is not None:
            # An accepted range wins over an expected wrong one that overlaps it.
            for wanted in (True, False):
                hit = next(
                    (
                        option
                        for option in question.options
                        if option.correct is wanted
                        and (span := read_range(option.text)) is not None
                        and typed in span
                    ),
                    None,
                )
                if hit is not None:
                    break
        right = question.right_options
        feedback = tuple(
            OptionFeedback(option, option is hit, option.correct)
            for option in question.options
            if option is hit or (right and option is right[0])
        )
        return graded(question, 1.0 if hit is not None and hit.correct else 0.0, feedback, hit)

    def gift_value(self, option: Option) -> str:
        span = read_range(option.text)
        if span is None:
            return option.text
        if _RANGE.match(" ".join(plain_text(option.text).split())):
            return f"{format_number(span.low)}..{format_number(span.high)}"
        if span.tolerance == 0:
            return format_number(span.value)
        return f"{format_number(span.value)}:{format_number(span.tolerance)}"

    def xapi_correct_responses(self, question: Question) -> list[str]:
        spans = [read_range(option.text) for option in question.right_options]
        return [
            f"{format_number(span.low)}[:]{format_number(span.high)}"
            for span in spans
            if span is not None
        ]

    def solution_text(self, question: Question) -> str:
        return " · ".join(option.text for option in question.right_options)


register(Numeric())
