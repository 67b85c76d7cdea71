"""The letter shown before an option chooses it: `a` the first, `b` the second, … in single,
multiple and true/false questions and in the live question's dialog. Checking is its own
key (Ctrl+S), so that no letter means two things."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from string import ascii_lowercase

from course.core.kinds.choice import ChoiceAnswer
from course.ui.app import CourseApp
from course.ui.inputs.choice import ChoiceListInput
from course.ui.screens.live_question import LiveQuestionScreen
from course.ui.screens.quiz import QuizScreen

from .helpers import build_app, go_to_question
from .test_presenter_live import live_dialog, live_room

SIZE = (100, 40)


def chosen_places(shown: ChoiceListInput) -> list[int]:
    """The places on screen (0 for A) of the chosen options."""
    return [place for place, o in enumerate(shown.options) if o.index in shown.chosen]


async def test_a_letter_chooses_its_option_in_a_single_choice(data_dir: Path) -> None:
    app = build_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        app.open_quiz("water")
        await pilot.pause()
        shown = await go_to_question(pilot, "single")
        assert isinstance(shown, ChoiceListInput) and len(shown.options) == 3
        await pilot.press("b")
        assert chosen_places(shown) == [1]
        await pilot.press("c")  # chooses C: it does not check
        await pilot.pause()
        assert chosen_places(shown) == [2]
        screen = app.screen
        assert isinstance(screen, QuizScreen) and screen.checked is None
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen.checked is not None
        assert screen.checked[0] == ChoiceAnswer(frozenset({shown.options[2].index}))


async def test_letters_tick_and_untick_options_in_a_multiple_choice(data_dir: Path) -> None:
    app = build_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        app.open_quiz("steeping")
        await pilot.pause()
        shown = await go_to_question(pilot, "multiple")
        assert isinstance(shown, ChoiceListInput)
        await pilot.press("a", "c")
        assert chosen_places(shown) == [0, 2]
        await pilot.press("a")
        assert chosen_places(shown) == [2]


async def test_a_letter_chooses_true_or_false(data_dir: Path) -> None:
    app = build_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        app.open_quiz("water")
        await pilot.pause()
        shown = await go_to_question(pilot, "truefalse")
        assert isinstance(shown, ChoiceListInput)
        await pilot.press("b")
        assert chosen_places(shown) == [1]
        await pilot.press("a")
        assert chosen_places(shown) == [0]


async def test_a_letter_past_the_last_option_chooses_nothing(data_dir: Path) -> None:
    app = build_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        app.open_quiz("water")
        await pilot.pause()
        shown = await go_to_question(pilot, "truefalse")
        assert isinstance(shown, ChoiceListInput)
        await pilot.press("e")
        assert shown.chosen == set()


async def test_a_checked_answer_takes_no_more_letters(data_dir: Path) -> None:
    app = build_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        app.open_quiz("water")
        await pilot.pause()
        shown = await go_to_question(pilot, "single")
        assert isinstance(shown, ChoiceListInput)
        await pilot.press("a", "ctrl+s")
        await pilot.pause()
        await pilot.press("b")
        assert chosen_places(shown) == [0]


async def test_no_option_letter_takes_a_key_the_screen_or_the_app_binds(data_dir: Path) -> None:
    app = build_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        app.open_quiz("water")
        await pilot.pause()
        shown = await go_to_question(pilot, "single")
        assert isinstance(shown, ChoiceListInput)
        # Twenty-six options: every letter would be an option's.
        shown.options = tuple(replace(shown.options[0], index=i) for i in range(26))
        letters = shown.letter_keys()
        bound = {
            key
            for node in (app, app.screen)
            for key in node._bindings.key_to_bindings
            if len(key) == 1
        }
        assert bound & set(ascii_lowercase) >= {"q", "n"}
        assert set(letters) == set(ascii_lowercase) - bound
        assert letters["a"] == 0 and letters["c"] == 2


def test_check_is_no_letter_on_the_screens_with_options() -> None:
    for screen in (QuizScreen, LiveQuestionScreen):
        checks = [b for b in screen.BINDINGS if getattr(b, "action", None) == "check"]
        keys = {key for b in checks for key in b.key.split(",")}  # type: ignore[union-attr]
        assert keys and not keys & set(ascii_lowercase), screen.__name__
    assert not {b.key for b in CourseApp.BINDINGS if hasattr(b, "key")} & {"a", "b", "c", "d"}


async def test_a_letter_chooses_an_option_of_the_live_question(data_dir: Path) -> None:
    async with live_room(data_dir, "black-tea-water") as room:
        dialog = live_dialog(room.learner)
        assert dialog is not None
        shown = dialog.query_one(ChoiceListInput)
        await room.learner_pilot.press("c")
        await room.learner_pilot.pause()
        assert chosen_places(shown) == [2]
        assert dialog.given is None  # chosen, not sent
        await room.learner_pilot.press("ctrl+s")
        await room.learner_pilot.pause()
        assert dialog.given is not None
        assert dialog.given[0] == ChoiceAnswer(frozenset({shown.options[2].index}))
