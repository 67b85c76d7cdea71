"""Inline Markdown as plain words: escaped marks are shown as the marks themselves."""

from __future__ import annotations

from course.core.plaintext import plain_text


def test_an_escaped_mark_is_shown_without_its_backslash_and_pairs_with_nothing() -> None:
    assert plain_text(r"2 \* 3 \* 4 is *twenty-four*") == "2 * 3 * 4 is twenty-four"
    assert plain_text(r"\[not a link\](here) and \<tea\>") == "[not a link](here) and <tea>"
    assert plain_text(r"\`not code\` and `co\*de`") == r"`not code` and co\*de"


def test_a_backslash_before_a_letter_or_digit_stays() -> None:
    assert plain_text(r"C:\tea \1") == r"C:\tea \1"
