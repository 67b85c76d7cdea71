"""The interface's catalogues: every text in every language, with the same fields."""

from __future__ import annotations

import string

import pytest

from course.i18n import Catalogue, available_languages


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("language", [lang for lang in available_languages() if lang != "en"])
def test_every_language_has_every_text_with_the_same_fields(language: str) -> None:
    english, other = Catalogue("en"), Catalogue(language)
    assert sorted(english.keys() - other.keys()) == [], "missing texts"
    assert sorted(other.keys() - english.keys()) == [], "texts English lacks"
    differing = [
        key for key in sorted(english.keys()) if fields(english(key)) != fields(other(key))
    ]
    assert differing == []
