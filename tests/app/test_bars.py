"""The title bar and the key bar: what they show, and what a click on them does."""

from __future__ import annotations

from pathlib import Path

from textual.command import CommandPalette

from course.ui.screens.lesson import LessonScreen
from course.ui.screens.outline import OutlineScreen
from course.ui.screens.quiz import QuizScreen
from course.ui.screens.result import ResultScreen
from course.ui.widgets.key_bar import KeyBar
from course.ui.widgets.markdown_text import MarkdownText
from course.ui.widgets.title_bar import TitleBar

from .helpers import answer_with_keys, build_app

SMALL = (80, 24)


def bar_text(app: object, kind: type[KeyBar] | type[TitleBar]) -> str:
    screen = app.screen  # type: ignore[attr-defined]
    return str(screen.query_one(kind).render())


async def test_the_key_bar_shows_the_screens_keys_and_the_palette_on_the_right(
    data_dir: Path,
) -> None:
    app = build_app(data_dir)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        shown = bar_text(app, KeyBar)
        assert shown.startswith(" c Continue  m Mastery  p My plan  f2 Deutsch  q Quit  f1 Help ")
        assert shown.endswith("▏^p Commands ")
        assert len(shown) == SMALL[0]


async def test_clicking_a_key_in_the_key_bar_presses_it(data_dir: Path) -> None:
    app = build_app(data_dir)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, OutlineScreen)
        await pilot.click(KeyBar, offset=(2, 0))  # " c Continue"
        await pilot.pause()
        assert isinstance(app.screen, LessonScreen)
        assert app.screen.lesson_id == "water"


async def test_the_key_bar_follows_the_keys_that_work_now(data_dir: Path) -> None:
    app = build_app(data_dir)
    async with app.run_test(size=(100, 40)) as pilot:
        app.open_quiz("water")
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen)
        assert " ^s Check " in bar_text(app, KeyBar)
        assert " n Next " not in bar_text(app, KeyBar)
        await answer_with_keys(pilot, True)
        assert " n Next " in bar_text(app, KeyBar)
        assert " ^s Check " not in bar_text(app, KeyBar)


async def test_the_title_bar_shows_the_course_title_in_the_current_language(
    data_dir: Path,
) -> None:
    app = build_app(data_dir)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        shown = bar_text(app, TitleBar)
        assert shown.startswith(" ⭘ ")
        assert shown.strip(" ⭘") == app.course.title["en"] + " — Profile: default"
        await pilot.press("f2")
        await pilot.pause()
        assert bar_text(app, TitleBar).strip(" ⭘") == app.course.title["de"] + " — Profil: default"


async def test_clicking_the_icon_of_the_title_bar_opens_the_command_palette(
    data_dir: Path,
) -> None:
    app = build_app(data_dir)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await pilot.click(TitleBar, offset=(1, 0))
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)


def cut_keys(app: object) -> list[str]:
    """The shown keys of the screen whose description the key bar shows only in part."""
    shown = bar_text(app, KeyBar)
    screen = app.screen  # type: ignore[attr-defined]
    cut = []
    for _node, binding, _enabled, _tooltip in screen.active_bindings.values():
        if not binding.show or not binding.description:
            continue
        key = app.get_key_display(binding)  # type: ignore[attr-defined]
        whole = f"{key} {binding.description}"
        if whole not in shown and f" {key} {binding.description[:2]}" in shown:
            cut.append(whole)
    return cut


async def test_at_80_columns_the_german_keys_are_shown_whole_and_help_always(
    data_dir: Path,
) -> None:
    app = build_app(data_dir, language="de")
    async with app.run_test(size=SMALL) as pilot:
        app.open_lesson("water")
        await pilot.pause()
        assert isinstance(app.screen, LessonScreen)
        assert "f1 Hilfe" in bar_text(app, KeyBar)
        assert "q Beenden" in bar_text(app, KeyBar)
        assert cut_keys(app) == []
        app.open_quiz("water")
        await pilot.pause()
        while isinstance(app.screen, QuizScreen):
            await answer_with_keys(pilot, False)
            await pilot.press("n")
            await pilot.pause()
        assert isinstance(app.screen, ResultScreen)
        shown = bar_text(app, KeyBar)
        assert "f1 Hilfe" in shown
        assert shown.endswith("▏^p Befehle ")
        assert len(shown) == SMALL[0]
        assert cut_keys(app) == []


async def test_a_key_left_out_for_lack_of_room_still_works(data_dir: Path) -> None:
    app = build_app(data_dir, language="de")
    async with app.run_test(size=(50, 24)) as pilot:
        app.open_lesson("water")
        await pilot.pause()
        shown = bar_text(app, KeyBar)
        assert "f1 Hilfe" in shown
        assert "q Beenden" not in shown
        assert cut_keys(app) == []
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_help_names_the_keys_as_a_german_keyboard_labels_them(data_dir: Path) -> None:
    app = build_app(data_dir, language="de")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        shown = app.screen.query_one("#help-text", MarkdownText).markdown
        assert "**Strg+P**" in shown and "Leertaste" in shown and "Pos1" in shown
        assert "Ctrl" not in shown and "Space" not in shown


async def test_the_key_bar_is_drawn_again_only_when_its_keys_change() -> None:
    """Every focus change signals new bindings; the bar draws again only when the keys it
    shows differ."""
    from textual.app import App, ComposeResult
    from textual.binding import Binding
    from textual.widgets import Button

    class Other(Button):
        BINDINGS = [Binding("x", "press", "Extra")]

    class Keys(App[None]):
        BINDINGS = [Binding("q", "quit", "Quit")]
        ENABLE_COMMAND_PALETTE = False

        def compose(self) -> ComposeResult:
            yield Button("one", id="one")
            yield Button("two", id="two")
            yield Other("three", id="three")
            yield KeyBar()

    drawn: list[str] = []
    render = KeyBar.render

    def counted(bar: KeyBar) -> object:
        text = render(bar)
        drawn.append(text.plain)
        return text

    app = Keys()
    async with app.run_test(size=SMALL) as pilot:
        KeyBar.render = counted  # type: ignore[method-assign,assignment]
        try:
            app.query_one("#one").focus()
            await pilot.pause()
            drawn.clear()
            app.query_one("#two").focus()  # the same keys
            await pilot.pause()
            assert drawn == []
            app.query_one("#three").focus()  # one more key
            await pilot.pause()
            assert drawn and "Extra" in drawn[-1]
        finally:
            KeyBar.render = render  # type: ignore[method-assign]
