"""Spaced review: answers become FSRS ratings, and missed questions come back on time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from course.core.grading import Outcome
from course.core.review import (
    Card,
    Mastery,
    Rating,
    card_id,
    check_retention,
    due_cards,
    mastery,
    new_card,
    rating_for,
    review,
    session,
)

NOW = datetime(2026, 12, 4, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("outcome", "sure", "rating"),
    [
        (Outcome.WRONG, False, Rating.Again),
        (Outcome.PARTIAL, False, Rating.Hard),
        (Outcome.RIGHT, False, Rating.Good),
        (Outcome.RIGHT, True, Rating.Easy),
        (Outcome.WRONG, True, Rating.Again),  # "I was sure" of a wrong answer changes nothing
        (Outcome.UNGRADED, False, None),
    ],
)
def test_an_answer_maps_to_a_rating(outcome: Outcome, sure: bool, rating: Rating | None) -> None:
    assert rating_for(outcome, sure) is rating


def answered(outcomes: dict[str, Outcome], at: datetime = NOW) -> dict[str, Card]:
    cards: dict[str, Card] = {}
    for question, outcome in outcomes.items():
        rating = rating_for(outcome)
        assert rating is not None
        cards[question], _ = review(new_card("course", question, at), rating, at)
    return cards


def test_two_missed_questions_are_due_the_next_day_and_the_right_ones_are_not() -> None:
    cards = answered(
        {"q1": Outcome.RIGHT, "q2": Outcome.WRONG, "q3": Outcome.RIGHT, "q4": Outcome.WRONG}
    )
    assert session(cards, NOW + timedelta(hours=12)) == []
    assert sorted(session(cards, NOW + timedelta(days=1))) == ["q2", "q4"]
    assert sorted(session(cards, NOW + timedelta(days=2))) == ["q1", "q2", "q3", "q4"]


def test_a_session_holds_at_most_fifteen_cards_the_most_forgotten_first() -> None:
    early = answered({f"old{i}": Outcome.WRONG for i in range(10)}, NOW - timedelta(days=20))
    late = answered({f"new{i}": Outcome.WRONG for i in range(10)}, NOW - timedelta(days=1))
    chosen = session({**early, **late}, NOW)
    assert len(chosen) == 15
    assert set(chosen[:10]) == {f"old{i}" for i in range(10)}


def test_a_card_answered_right_again_comes_back_later_each_time() -> None:
    card = new_card("course", "q", NOW)
    at, gaps = NOW, []
    for _ in range(4):
        card, _log = review(card, Rating.Good, at)
        gaps.append(card.due - at)
        at = card.due
    assert gaps == sorted(gaps) and gaps[0] < gaps[-1]


def test_a_higher_desired_retention_brings_cards_back_sooner() -> None:
    loose, _ = review(new_card("c", "q", NOW), Rating.Good, NOW, desired_retention=0.7)
    strict, _ = review(new_card("c", "q", NOW), Rating.Good, NOW, desired_retention=0.97)
    assert strict.due < loose.due


@pytest.mark.parametrize("value", [0.5, 0.69, 0.98, 1.0])
def test_a_desired_retention_outside_the_range_is_refused(value: float) -> None:
    with pytest.raises(ValueError, match=r"from 0\.7 to 0\.97"):
        check_retention(value)


def test_a_card_has_the_same_id_on_every_machine() -> None:
    assert card_id("market", "party-tray") == card_id("market", "party-tray")
    assert card_id("market", "party-tray") != card_id("market", "party-join")
    assert 0 < card_id("market", "party-tray") < 2**53


def test_an_objective_is_secure_shaky_or_not_yet_tested() -> None:
    cards = answered({"q1": Outcome.RIGHT, "q2": Outcome.PARTIAL})
    newest = {"q1": Outcome.RIGHT, "q2": Outcome.PARTIAL}
    assert mastery(["q1"], newest, cards, NOW) is Mastery.SECURE
    assert mastery(["q1", "q2"], newest, cards, NOW) is Mastery.SHAKY
    assert mastery(["q3"], newest, cards, NOW) is Mastery.NOT_TESTED
    # A right answer fades: half a year later it is no longer held securely.
    assert mastery(["q1"], newest, cards, NOW + timedelta(days=180)) is Mastery.SHAKY


def test_due_cards_report_how_likely_they_are_recalled() -> None:
    cards = answered({"q": Outcome.WRONG})
    (due,) = due_cards(cards, NOW + timedelta(days=3))
    assert 0 < due.retrievability < 0.9
