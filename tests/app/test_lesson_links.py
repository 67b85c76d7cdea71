"""Links between lessons are shown by the lessons' titles, never by their file names."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList

from course.content.lessons import lesson_links_as_titles
from course.ui.screens.dialogs import LinksScreen
from course.ui.widgets.markdown_text import MarkdownText

from .helpers import build_app

TITLES = {"01-water.md": "Water and temperature", "02-steeping.md": "Steeping"}


def test_a_lesson_link_reads_as_its_label_and_the_lesson_title() -> None:
    text = "Once the water is right (see [the first lesson](01-water.md#hot)), time does the rest."
    assert lesson_links_as_titles(text, TITLES) == (
        "Once the water is right (see the first lesson (Water and temperature)), "
        "time does the rest."
    )


def test_a_label_that_names_the_lesson_already_is_not_repeated() -> None:
    assert lesson_links_as_titles("Go on with [Steeping](02-steeping.md).", TITLES) == (
        "Go on with Steeping."
    )


def test_web_links_and_unknown_files_are_left_as_written() -> None:
    text = "[the tea guide](https://example.org/tea.md) and [a draft](99-draft.md)"
    assert lesson_links_as_titles(text, TITLES) == text


async def test_the_lesson_text_and_its_link_list_show_no_file_names(data_dir: Path) -> None:
    app = build_app(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_lesson("steeping")
        await pilot.pause()
        body = app.screen.query_one("#lesson-body", MarkdownText)
        shown = " ".join(strip.text for strip in body.lines(76))
        assert "01-water.md" not in shown
        assert "the first lesson (Water and temperature)" in " ".join(shown.split())

        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, LinksScreen)
        entries = app.screen.query_one("#link-list", OptionList)
        first = str(entries.get_option_at_index(0).prompt)
        assert first == "the first lesson — Water and temperature"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.query_one("#lesson-title").render().plain == "Water and temperature"
