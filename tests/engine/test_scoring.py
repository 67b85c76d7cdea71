"""The one scoring rule: exact pass decision, whole percents rounded down, best attempt."""

from __future__ import annotations

import pytest

from course.core.scoring import (
    AttemptMode,
    Score,
    best_attempt,
    format_points,
    passed,
    percent_text,
    shown_percent,
)


def test_a_score_passes_from_the_pass_mark_up() -> None:
    assert shown_percent(3.5, 5) == 70
    assert passed(3.5, 5, 70)
    assert not passed(3.4, 5, 70)
    assert shown_percent(0, 0) == 100
    assert passed(0, 0, 100)


def test_69_58_percent_does_not_pass_70_and_shows_as_69() -> None:
    score = Score(16.7, 24)

    assert not score.passed(70)
    assert score.shown_percent == 69
    assert percent_text(score.percent) == "69 %"


@pytest.mark.parametrize(
    ("points", "max_points"),
    [(0.1 + 0.2, 0.3), (0.7 * 3, 3), (16.8, 24), (2.1, 3), (7, 10), (0.35 + 0.35, 1)],
)
def test_float_noise_at_the_mark_still_passes_and_shows_the_mark(
    points: float, max_points: float
) -> None:
    mark = round(100 * points / max_points)

    assert passed(points, max_points, mark)
    assert shown_percent(points, max_points) == mark


@pytest.mark.parametrize("points", [x / 100 for x in range(0, 2401, 7)])
def test_the_shown_percent_never_contradicts_the_verdict(points: float) -> None:
    for mark in (0, 50, 69, 70, 71, 100):
        assert passed(points, 24, mark) == (shown_percent(points, 24) >= mark)


def test_the_best_attempt_is_the_highest_percent_then_points_then_latest() -> None:
    attempts = [
        ("a", 3.0, 4.0, "2025-01-01T10:00:00.000Z", AttemptMode.SELF),
        ("b", 6.0, 8.0, "2025-01-01T11:00:00.000Z", AttemptMode.SELF),
        ("c", 6.0, 8.0, "2025-01-01T09:00:00.000Z", AttemptMode.RETRY_WRONG),
        ("d", 1.0, 1.0, "2025-01-01T12:00:00.000Z", AttemptMode.LIVE),
        ("e", 4.0, 4.0, None, AttemptMode.SELF),
    ]

    best = best_attempt(attempts, lambda a: (a[1], a[2], a[3], a[4]))

    assert best is not None and best[0] == "b"
    assert best_attempt(attempts[3:], lambda a: (a[1], a[2], a[3], a[4])) is None


def test_points_are_written_without_useless_decimals_in_the_language() -> None:
    assert format_points(16.7, ",") == "16,7"
    assert format_points(2.0) == "2"
    assert format_points(1 / 3) == "0.33"
