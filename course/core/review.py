"""Spaced review of a course's own questions, scheduled with FSRS.

Every graded answer is a review of one card per learner and question: wrong is "Again",
partly right "Hard", right "Good", and right with "I was sure" "Easy". The `fsrs` package
(the scheduler Anki uses) decides when the card is due again; this module only maps our
outcomes onto its ratings, picks the cards of a review session and judges how well each
learning objective is held. No storage here: cards and logs go to the store as JSON.

Two choices differ from fsrs's defaults, both because these are course questions, not
flashcards. There are no learning steps: a flashcard app asks a new card again after a
minute and ten minutes within one sitting, while a course asks what was missed on
another day (the shortest interval is then one day). And intervals are not fuzzed: a
learner who missed two questions in one quiz should meet them again on the same day,
and a test should be able to say which day.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple

from course.core.digest import blake2b
from course.core.scoring import Outcome

if TYPE_CHECKING:
    from fsrs import Card, Rating, ReviewLog, Scheduler

DEFAULT_RETENTION = 0.9
"""The share of cards a learner should still know when they come due (fsrs's default)."""
MIN_RETENTION = 0.7
"""Lower than this, reviews come so rarely that most is forgotten in between."""
MAX_RETENTION = 0.97
"""Higher than this, reviews come so often that they cost more than they bring."""
SESSION_SIZE = 15
"""Cards in one review session at most: a sitting of a few minutes."""
SECURE_RETRIEVABILITY = 0.8
"""An objective is held securely while every card behind it is this likely recalled."""

__all__ = [
    "DEFAULT_RETENTION",
    "MAX_RETENTION",
    "MIN_RETENTION",
    "SESSION_SIZE",
    "Card",
    "Mastery",
    "Rating",
    "ReviewLog",
    "check_retention",
    "due_cards",
    "mastery",
    "new_card",
    "parse_retention",
    "rating_for",
    "review",
    "scheduler",
    "session",
]

FSRS_NAMES = ("Card", "Rating", "ReviewLog")
"""fsrs's own types, named here for the rest of the app."""


def __getattr__(name: str) -> object:
    # fsrs is imported at the first use of one of its types, not with this module: the
    # outline (due counts, an SQL count) needs none of it, and it is a twentieth of what
    # the app imports before its first paint.
    if name in FSRS_NAMES:
        import fsrs

        return getattr(fsrs, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def rating_for(outcome: Outcome, sure: bool = False) -> Rating | None:
    """The FSRS rating of an answer; None for an ungraded one (a reflection is no review)."""
    from fsrs import Rating

    if outcome is Outcome.RIGHT:
        return Rating.Easy if sure else Rating.Good
    if outcome is Outcome.PARTIAL:
        return Rating.Hard
    if outcome is Outcome.WRONG:
        return Rating.Again
    return None


def check_retention(value: float) -> float:
    """`value` if it is a desired retention a learner may choose; ValueError otherwise."""
    if not MIN_RETENTION <= value <= MAX_RETENTION:
        raise ValueError(
            f"the desired retention is a share from {MIN_RETENTION} to {MAX_RETENTION}, not {value}"
        )
    return value


def parse_retention(given: str) -> float:
    """A desired retention as a learner types it: "0.9", "0,9" (German), "90" or "90 %";
    ValueError when it is no number or outside 0.7–0.97."""
    text = given.strip().replace(",", ".").replace(" ", "")
    percent = text.endswith("%")
    text = text.rstrip("%")
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"{given!r} is not a number") from None
    if percent or value > 1:
        value /= 100
    return check_retention(round(value, 4))


def scheduler(desired_retention: float = DEFAULT_RETENTION) -> Scheduler:
    """The FSRS scheduler for course questions (no learning steps, no fuzzing)."""
    from fsrs import Scheduler

    return Scheduler(
        desired_retention=check_retention(desired_retention),
        learning_steps=(),
        relearning_steps=(),
        enable_fuzzing=False,
    )


def card_id(course_id: str, question_id: str) -> int:
    """The card's id: the same for a question on every machine, so that review logs from
    an export merge with the logs of the same card elsewhere (fsrs would otherwise use
    the clock, which differs between machines)."""
    digest = blake2b(f"{course_id}\0{question_id}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") >> 11  # 53 bits: exact in JSON numbers too


def new_card(course_id: str, question_id: str, now: datetime) -> Card:
    """The card of a question never reviewed, due at once."""
    from fsrs import Card

    return Card(card_id=card_id(course_id, question_id), due=now)


def review(
    card: Card, rating: Rating, at: datetime, desired_retention: float = DEFAULT_RETENTION
) -> tuple[Card, ReviewLog]:
    """The card after a review at `at`, and the log of that review."""
    return scheduler(desired_retention).review_card(card, rating, review_datetime=at)


class DueCard(NamedTuple):
    """A card that is due, with what orders a session."""

    question_id: str
    """The question to ask again."""
    card: Card
    """Its schedule."""
    retrievability: float
    """How likely the learner recalls it now (0 to 1)."""


def due_cards(
    cards: Mapping[str, Card], now: datetime, desired_retention: float = DEFAULT_RETENTION
) -> list[DueCard]:
    """The cards due at `now`, the least likely recalled first (then the longest overdue)."""
    rules = scheduler(desired_retention)
    due = [
        DueCard(question_id, card, rules.get_card_retrievability(card, now))
        for question_id, card in cards.items()
        if card.due <= now
    ]
    due.sort(key=lambda d: (d.retrievability, d.card.due, d.question_id))
    return due


def session(
    cards: Mapping[str, Card],
    now: datetime,
    desired_retention: float = DEFAULT_RETENTION,
    size: int = SESSION_SIZE,
) -> list[str]:
    """The question ids of one review session: at most `size` due cards, from all lessons,
    those most likely forgotten first."""
    return [due.question_id for due in due_cards(cards, now, desired_retention)[:size]]


class Mastery(StrEnum):
    """How well a learning objective is held."""

    SECURE = "secure"
    """Every question behind it was last answered right, and is still likely recalled."""
    SHAKY = "shaky"
    """Some question behind it was last answered wrong or partly, or is fading."""
    NOT_TESTED = "not_tested"
    """No question behind it has been answered yet."""


def mastery(
    questions: Sequence[str],
    newest: Mapping[str, Outcome],
    cards: Mapping[str, Card],
    now: datetime,
    desired_retention: float = DEFAULT_RETENTION,
) -> Mastery:
    """How well an objective tested by `questions` is held, from the newest outcome of
    each answered question and its card's retrievability now."""
    answered = [q for q in questions if q in newest and newest[q] is not Outcome.UNGRADED]
    if not answered:
        return Mastery.NOT_TESTED
    rules = scheduler(desired_retention)
    for question in answered:
        if newest[question] is not Outcome.RIGHT:
            return Mastery.SHAKY
        card = cards.get(question)
        if card is not None and rules.get_card_retrievability(card, now) < SECURE_RETRIEVABILITY:
            return Mastery.SHAKY
    return Mastery.SECURE


def objectives_touched(
    objective_questions: Mapping[str, Iterable[str]], asked: set[str]
) -> list[str]:
    """The objectives that any of the `asked` questions tests, in the given order."""
    return [objective for objective, qs in objective_questions.items() if asked & set(qs)]
