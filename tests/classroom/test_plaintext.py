"""Inline Markdown as plain words, for tables, CSV files and reports."""

from __future__ import annotations

import pytest

from course.core.plaintext import plain_text


@pytest.mark.parametrize(
    ("markdown", "plain"),
    [
        ("Which of these make tea **bitter**?", "Which of these make tea bitter?"),
        ("Steep it *three* minutes, not __ten__.", "Steep it three minutes, not ten."),
        ("What does `print()` print?", "What does print() print?"),
        ("See [the tea guide](https://example.org/tea) first.", "See the tea guide first."),
        ("A **bold** and *slanted* _word_ in one line", "A bold and slanted word in one line"),
        ("No Markdown at all.", "No Markdown at all."),
    ],
)
def test_markers_are_dropped_and_the_words_kept(markdown: str, plain: str) -> None:
    assert plain_text(markdown) == plain


@pytest.mark.parametrize(
    "text",
    [
        "Green tea made with water that is too hot tastes ___.",
        "Is 5 * 3 more than 14?",
        "Which setting is called max_steep_time?",
        "A * B and C * D",
    ],
)
def test_stars_and_underscores_that_mark_no_emphasis_stay(text: str) -> None:
    assert plain_text(text) == text


def test_code_keeps_its_text_exactly() -> None:
    assert plain_text("What does `__init__` or `*args` do?") == "What does __init__ or *args do?"
