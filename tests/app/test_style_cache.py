"""Parsed styles are kept between starts: the next start shows the same screens without
parsing CSS again, and nothing stale or broken is ever read back."""

from __future__ import annotations

import pickle
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import textual.css.stylesheet
from textual.css.stylesheet import StylesheetParseError

from course.ui import style_cache
from course.ui.app import make_app
from course.ui.base import LIGHT_THEME
from course.ui.style_cache import KeptStylesheet, styles_file

from .helpers import load

STATIC_CSS = "Static { color: red; padding: 1 2; }"
LOCATION = ("test.tcss", "")


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The CSS texts that Textual's parser was given, in order."""
    given: list[str] = []
    real = textual.css.stylesheet.parse  # type: ignore[attr-defined]

    def counting(scope: str, css: str, *args: Any, **kwargs: Any) -> Any:
        given.append(css)
        return real(scope, css, *args, **kwargs)

    monkeypatch.setattr(textual.css.stylesheet, "parse", counting)
    yield given


async def outline_screenshot(data_dir: Path, theme: str | None = None) -> str:
    """Start the app, take the outline's picture, quit (which keeps the parsed styles)."""
    app = make_app(load(), data_dir, language="en", theme=theme, shuffle_seed=7)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        picture = app.export_screenshot()
        await pilot.press("q")
    app.close_store()
    return picture


async def test_the_next_start_parses_no_css_and_looks_the_same(
    data_dir: Path, parses: list[str]
) -> None:
    first = await outline_screenshot(data_dir)
    assert parses, "the first start parses its styles"
    assert styles_file().is_file()
    parses.clear()

    second = await outline_screenshot(data_dir)
    assert parses == []
    assert second == first


async def test_another_theme_has_styles_of_its_own(data_dir: Path, parses: list[str]) -> None:
    dark = await outline_screenshot(data_dir)
    light = await outline_screenshot(data_dir, theme=LIGHT_THEME)
    assert light != dark
    parses.clear()

    assert await outline_screenshot(data_dir, theme=LIGHT_THEME) == light
    assert await outline_screenshot(data_dir) == dark
    assert parses == []


async def test_a_damaged_styles_file_means_parsing_again(data_dir: Path, parses: list[str]) -> None:
    first = await outline_screenshot(data_dir)
    styles_file().write_bytes(b"not a pickle at all")
    parses.clear()

    assert await outline_screenshot(data_dir) == first
    assert parses, "the styles were parsed again"


def kept(path: Path, css: str) -> KeptStylesheet:
    """A stylesheet on the styles file `path`, holding `css`, parsed and saved."""
    sheet = KeptStylesheet(variables={}, path=path)
    sheet.add_source(css, read_from=LOCATION)
    sheet.parse()
    sheet.save()
    return sheet


def test_edited_css_is_parsed_afresh(tmp_path: Path, parses: list[str]) -> None:
    path = tmp_path / "styles.pickle"
    kept(path, STATIC_CSS)
    parses.clear()

    sheet = kept(path, STATIC_CSS.replace("red", "blue"))
    assert parses == [STATIC_CSS.replace("red", "blue")]
    assert "#0000FF" in sheet.css


def test_kept_rules_are_the_parsed_ones(tmp_path: Path, parses: list[str]) -> None:
    path = tmp_path / "styles.pickle"
    parsed = kept(path, STATIC_CSS).css
    parses.clear()

    assert kept(path, STATIC_CSS).css == parsed
    assert parses == []


def test_css_with_errors_is_never_kept(tmp_path: Path) -> None:
    path = tmp_path / "styles.pickle"
    for _ in range(2):  # the second time too: the error comes from a fresh parse
        sheet = KeptStylesheet(variables={}, path=path)
        sheet.add_source("Static { colour: red; }", read_from=LOCATION)
        with pytest.raises(StylesheetParseError):
            sheet.parse()
        sheet.save()
        assert not path.exists()


def test_a_styles_file_that_cannot_be_written_is_no_error(tmp_path: Path) -> None:
    blocked = tmp_path / "a file, not a folder"
    blocked.write_text("")
    kept(blocked / "styles.pickle", STATIC_CSS)  # saving fails quietly
    assert blocked.is_file()


def test_entries_no_run_uses_are_dropped_once_the_file_grows_too_big(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "styles.pickle"
    for colour in ("red", "green", "blue"):
        kept(path, STATIC_CSS.replace("red", colour))
    assert len(pickle.loads(path.read_bytes())) == 3
    monkeypatch.setattr(style_cache, "MAX_BYTES", 1)

    kept(path, STATIC_CSS.replace("red", "yellow"))
    assert len(pickle.loads(path.read_bytes())) == 1
