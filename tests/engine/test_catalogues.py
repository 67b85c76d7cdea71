"""The interface's catalogues: every text in every language, with the same fields."""

from __future__ import annotations

import shutil
import string
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from course import i18n
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


@pytest.fixture
def catalogue_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A copy of the catalogues, parsed into a folder of the test's own."""
    folder = tmp_path / "i18n"
    shutil.copytree(i18n.CATALOGUE_DIR, folder, ignore=shutil.ignore_patterns("*.py*"))
    monkeypatch.setattr(i18n, "CATALOGUE_DIR", folder)
    monkeypatch.setattr(i18n, "parsed_dir", lambda: tmp_path / "parsed")
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    i18n._load.cache_clear()
    yield folder
    i18n._load.cache_clear()


def load_again(language: str) -> dict[str, str]:
    """The catalogue as a new process would load it."""
    i18n._load.cache_clear()
    return i18n._load(language)


def test_a_parsed_catalogue_is_kept_and_gives_the_same_texts(catalogue_files: Path) -> None:
    parsed = load_again("de")
    assert list((catalogue_files.parent / "parsed").glob("catalogue-de.*")) != []
    kept = load_again("de")
    assert kept == parsed
    assert kept["outline.continue"] == Catalogue("de")("outline.continue")


def test_a_changed_catalogue_file_is_parsed_again(catalogue_files: Path) -> None:
    load_again("en")
    part = catalogue_files / "en" / "network.toml"
    part.write_text(
        part.read_text(encoding="utf-8") + '\n[changed]\ntext = "new"\n', encoding="utf-8"
    )
    assert load_again("en")["changed.text"] == "new"


def test_a_damaged_parsed_catalogue_is_parsed_again(catalogue_files: Path) -> None:
    texts = load_again("en")
    for kept in (catalogue_files.parent / "parsed").glob("catalogue-en.*"):
        kept.write_bytes(b"not marshal data")
    assert load_again("en") == texts
