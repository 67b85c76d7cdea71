"""When to come back to a commitment: a follow-up date as a learner types it.

Keyboard-friendly and the same in both languages: a date ("2026-12-20", or "20.12.2026"
as German writes it), or a distance from today ("+7d", "+2w", "in 2 weeks", "in 3 Tagen",
"tomorrow", "morgen"). Headless; the screen turns a `FollowUpError` into a message.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from enum import StrEnum

MAX_DAYS_AHEAD = 5 * 366
"""A follow-up further away than about five years is surely a typing mistake."""

_DISTANCE = re.compile(
    r"^(?:in\s+)?\+?\s*(?P<count>\d{1,4}|a|an|one|einer?|einem)\s*"
    r"(?P<unit>d|days?|tagen?|t|w|weeks?|wochen?|m|months?|monaten?|monate)?$"
)
_GERMAN_DATE = re.compile(r"^(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4})$")
_WORDS = {"today": 0, "heute": 0, "tomorrow": 1, "morgen": 1}
_UNIT_DAYS = {"d": 1, "t": 1, "w": 7, "m": 30}


class FollowUpProblem(StrEnum):
    """Why a typed follow-up date was not taken; each has a message in the catalogue
    (`plan.follow_up_<value>`)."""

    FORMAT = "format"
    """Not a date or a distance this module reads."""
    PAST = "past"
    """A day before today."""
    FAR = "far"
    """More than `MAX_DAYS_AHEAD` days ahead."""


class FollowUpError(ValueError):
    """A typed follow-up date that cannot be taken, and why."""

    def __init__(self, problem: FollowUpProblem, given: str) -> None:
        super().__init__(f"{given!r}: {problem.value}")
        self.problem = problem
        """What is wrong with it."""
        self.given = given
        """What the learner typed."""


def parse_follow_up(given: str, today: date) -> date | None:
    """The day `given` names, counted from `today`; None when it is blank (no follow-up).

    A FollowUpError says why a text cannot be taken: unreadable, in the past, or too far.
    """
    text = " ".join(given.strip().lower().split())
    if not text:
        return None
    day = _read(text, today)
    if day is None:
        raise FollowUpError(FollowUpProblem.FORMAT, given)
    if day < today:
        raise FollowUpError(FollowUpProblem.PAST, given)
    if (day - today).days > MAX_DAYS_AHEAD:
        raise FollowUpError(FollowUpProblem.FAR, given)
    return day


def _read(text: str, today: date) -> date | None:
    if text in _WORDS:
        return today + timedelta(days=_WORDS[text])
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    german = _GERMAN_DATE.match(text)
    if german:
        try:
            return date(int(german["year"]), int(german["month"]), int(german["day"]))
        except ValueError:
            return None
    distance = _DISTANCE.match(text)
    if distance is None or (distance["unit"] is None and not text.startswith("+")):
        return None  # a bare number is no date: "20" could be a day of the month
    count = distance["count"]
    number = int(count) if count.isdigit() else 1
    unit = (distance["unit"] or "d")[0]
    return today + timedelta(days=number * _UNIT_DAYS[unit])


__all__ = ["MAX_DAYS_AHEAD", "FollowUpError", "FollowUpProblem", "parse_follow_up"]
