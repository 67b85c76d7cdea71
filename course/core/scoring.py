"""Scoring a quiz attempt: the one place that says what a score is and whether it passes.

Every view of a score uses these functions: the results screen and the outline of the
learner app, `course progress`, the export (JSON and CSV), `course class` and `course
report`. They cannot disagree because none of them computes a percent or a verdict itself.

The rules:

- **Percent** is the exact fraction of points earned, `100 * points / max_points`; an
  attempt with nothing to earn (only reflection questions) counts as 100 %.
- **Pass** is decided on that exact fraction: an attempt passes when
  `100 * points / max_points >= pass_mark`. `EPSILON` (a billionth of a percent) absorbs
  the float noise of summed points such as 0.1 + 0.2, and nothing more: 69.58 % does not
  pass a 70 % mark.
- **Shown percent** is the whole percent rounded *down* (with the same `EPSILON`), so the
  number a person reads never contradicts the verdict next to it: 69.58 % shows as "69 %"
  and fails, 70 % shows as "70 %" and passes. Rounding to the nearest whole percent would
  show "70 %" next to "not passed".
- **Best attempt** of a quiz: among the finished attempts whose mode scores the whole quiz
  (`SCORED_MODES`: alone, or retrying the wrong answers with the right ones carried over;
  a live attempt holds one question of a group quiz), the highest exact percent, then the
  most points, then the latest finished; of attempts equal in all three the last one given
  wins (callers give them oldest first).
- **Live answers** (attempts of mode `live`: one question the presenter put to the room)
  are counted apart, as `LiveCount` (answered, right): never in a quiz's score, its best
  attempt or its pass decision. "Right" there means fully right; a partly right answer is
  answered, not right.
- **Points** are shown as people write them: no useless ".0", at most two decimals, the
  language's decimal mark (`format_points`, "16,7" in German). Points are not rounded for
  any decision, only for showing.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple, TypeVar

from course.i18n import decimal


class Outcome(StrEnum):
    """How an answer was judged (by its kind, `course.core.kinds`)."""

    RIGHT = "right"
    WRONG = "wrong"
    PARTIAL = "partial"
    UNGRADED = "ungraded"


EPSILON = 1e-9
"""Percentage points of float noise ignored when a score is compared with the pass mark
or cut to a whole percent."""


class AttemptMode(StrEnum):
    """How a quiz attempt was taken; the values are what the store and the export keep."""

    SELF = "self"
    """Alone, every question of the quiz."""
    RETRY_WRONG = "retry-wrong"
    """The questions answered wrongly before asked again, the right answers carried over."""
    LIVE = "live"
    """One question of a group quiz, opened by the presenter for the whole room."""
    REVIEW = "review"
    """A question due for spaced review, asked again: it counts for mastery, never for
    the quiz's score."""


SCORED_MODES = frozenset({AttemptMode.SELF, AttemptMode.RETRY_WRONG})
"""Attempt modes whose score describes the whole quiz and so can be its best attempt."""


def percent(points: float, max_points: float) -> float:
    """Points as an exact percentage of `max_points`; 100 when there is nothing to earn."""
    return 100.0 if max_points <= 0 else 100.0 * points / max_points


def shown_percent(points: float, max_points: float) -> int:
    """The whole percent a person reads: rounded down, so that it never contradicts
    `passed` (69.58 % shows as 69)."""
    return math.floor(percent(points, max_points) + EPSILON)


def passed(points: float, max_points: float, pass_mark: float) -> bool:
    """Whether a score reaches `pass_mark` (in percent), decided on the exact fraction."""
    return percent(points, max_points) + EPSILON >= pass_mark


def percent_text(value: float | None) -> str:
    """An exact percentage as people read it: "69 %" (rounded down, see `shown_percent`),
    or "–" when there is none."""
    return "–" if value is None else f"{math.floor(value + EPSILON)} %"


def format_points(value: float, mark: str = ".") -> str:
    """A number of points as people write it: no useless ".0", two decimals at most, and
    `mark` before them (a language's `decimal_mark`: "0,25" in German). The same rule as
    every number people read (`course.i18n.decimal`)."""
    return decimal(value, mark)


class Score(NamedTuple):
    """Points earned of points possible, with the rules above."""

    points: float
    """Points earned."""
    max_points: float
    """Points possible; 0 when nothing was graded."""

    @property
    def percent(self) -> float:
        """The exact percentage (see `percent`)."""
        return percent(self.points, self.max_points)

    @property
    def shown_percent(self) -> int:
        """The whole percent shown (see `shown_percent`)."""
        return shown_percent(self.points, self.max_points)

    def passed(self, pass_mark: float) -> bool:
        """Whether the score reaches `pass_mark` (see `passed`)."""
        return passed(self.points, self.max_points, pass_mark)


def counts_for_best(
    mode: str, finished_at: str | None, modes: Collection[str] = SCORED_MODES
) -> bool:
    """Whether an attempt can be its quiz's best: finished, and of a mode that scores the
    whole quiz (`modes`, for a view that asks for others)."""
    return finished_at is not None and mode in modes


T = TypeVar("T")


def best_attempt(
    attempts: Iterable[T],
    score: Callable[[T], tuple[float, float, str | None, str]],
    modes: Collection[str] = SCORED_MODES,
) -> T | None:
    """The best of `attempts` (given oldest first) by the rule above; None if none counts.

    `score` tells of one attempt its points, max points, `finished_at` and mode; only
    attempts of `modes` count.
    """
    best: T | None = None
    best_rank: tuple[float, float, str] | None = None
    for attempt in attempts:
        points, max_points, finished_at, mode = score(attempt)
        if finished_at is None or not counts_for_best(mode, finished_at, modes):
            continue
        rank = (percent(points, max_points), points, finished_at)
        if best_rank is None or rank >= best_rank:
            best, best_rank = attempt, rank
    return best


@dataclass(frozen=True)
class LiveCount:
    """Answers given in live rounds, counted apart from every quiz score."""

    answered: int = 0
    """Live answers given (each round a learner answered is one)."""
    right: int = 0
    """Of them, the fully right ones."""

    def __add__(self, other: LiveCount) -> LiveCount:
        return LiveCount(self.answered + other.answered, self.right + other.right)

    def __bool__(self) -> bool:
        return self.answered > 0


def live_count(outcomes: Iterable[Outcome]) -> LiveCount:
    """The live figures of the outcomes of live answers (see the rules above)."""
    answered = right = 0
    for outcome in outcomes:
        answered += 1
        right += outcome is Outcome.RIGHT
    return LiveCount(answered, right)


def is_live(mode: str) -> bool:
    """Whether an attempt of `mode` is a live answer, counted apart from quiz scores."""
    return mode == AttemptMode.LIVE


__all__ = [
    "EPSILON",
    "SCORED_MODES",
    "AttemptMode",
    "LiveCount",
    "Outcome",
    "Score",
    "best_attempt",
    "counts_for_best",
    "format_points",
    "is_live",
    "live_count",
    "passed",
    "percent",
    "percent_text",
    "shown_percent",
]
