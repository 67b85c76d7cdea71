"""F2 in the middle of a question: what the learner entered stays, and what they read
after checking comes in the new language."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input, OptionList, TextArea

from course.core.kinds.choice import ChoiceAnswer
from course.core.kinds.matching import MatchAnswer
from course.core.kinds.ordering import OrderAnswer
from course.core.kinds.text import TextAnswer
from course.ui.widgets.markdown_text import MarkdownText
from course.ui.widgets.questions import QuestionInput

from .helpers import answer_with_keys, build_app, go_to_question, move_highlight, type_text

SIZE = (100, 40)


async def switch_language(pilot: Pilot[None]) -> QuestionInput:
    await pilot.press("f2")
    await pilot.pause()
    return pilot.app.screen.query_one(QuestionInput)


async def test_a_chosen_but_unchecked_option_stays_chosen_across_f2(data_dir: Path) -> None:
    app = build_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        app.open_quiz("water")
        await pilot.pause()
        shown = await go_to_question(pilot, "single")
        await move_highlight(pilot, shown.query_one(OptionList), 2)
        await pilot.press("enter")
        chosen = shown.answer()
        assert isinstance(chosen, ChoiceAnswer)
        rebuilt = await switch_language(pilot)
        assert rebuilt is not shown
        assert rebuilt.answer() == chosen
        assert app.language == "de"


async def test_typed_short_answer_and_matched_pairs_stay_across_f2(data_dir: Path) -> None:
    app = build_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        app.open_quiz("water")
        await pilot.pause()
        shown = await go_to_question(pilot, "short")
        shown.query_one(Input).focus()
        await type_text(pilot, "sweet")
        rebuilt = await switch_language(pilot)
        assert rebuilt.answer() == TextAnswer("sweet")
        await pilot.press("f2")  # back to English, to check it as typed
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        shown = await go_to_question(pilot, "matching")
        lefts = shown.query_one("#lefts", OptionList)
        lefts.focus()
        await pilot.press("enter", "enter")  # first left with the highlighted right
        pairs = shown.answer()
        assert isinstance(pairs, MatchAnswer) and len(pairs.pairs) == 1
        rebuilt = await switch_language(pilot)
        assert rebuilt.answer() == pairs


async def test_a_moved_item_stays_in_place_across_f2(data_dir: Path) -> None:
    app = build_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        app.open_quiz("steeping")
        await pilot.pause()
        shown = await go_to_question(pilot, "ordering")
        shown.query_one(OptionList).focus()
        await pilot.press("ctrl+down")
        moved = shown.answer()
        assert isinstance(moved, OrderAnswer)
        assert moved.order != tuple(option.index for option in shown.options)
        rebuilt = await switch_language(pilot)
        assert rebuilt.answer() == moved


async def test_feedback_read_after_checking_follows_the_language_switch(data_dir: Path) -> None:
    app = build_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        app.open_quiz("water")
        await pilot.pause()
        await go_to_question(pilot, "single")
        question = await answer_with_keys(pilot, True)
        english = app.screen.query_one("#feedback", MarkdownText).markdown
        right = next(option for option in question.options if option.correct)
        assert right.text in english
        rebuilt = await switch_language(pilot)
        german_question = app.text.lesson("water").quiz.question(question.id)
        german_right = german_question.options[right.index]
        feedback = app.screen.query_one("#feedback", MarkdownText).markdown
        assert german_right.text in feedback
        assert right.text not in feedback
        assert german_right.feedback in feedback
        assert rebuilt.answer() == ChoiceAnswer(frozenset({right.index}))


async def test_typing_goes_on_in_the_same_field_after_f2(data_dir: Path) -> None:
    app = build_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        app.open_lesson("water")
        await pilot.pause()
        await pilot.press("r")
        await type_text(pilot, "soft")
        await pilot.press("f2")
        await pilot.pause()
        await type_text(pilot, " then next")  # "n" would open the next lesson outside it
        assert app.screen.query_one("#reflection", TextArea).text == "soft then next"
        app.open_quiz("water")
        await pilot.pause()
        shown = await go_to_question(pilot, "short")
        shown.query_one(Input).focus()
        await type_text(pilot, "swe")
        await pilot.press("f2")
        await pilot.pause()
        await type_text(pilot, "et")
        assert app.screen.query_one(QuestionInput).answer() == TextAnswer("sweet")


async def test_a_kept_reflection_answer_is_continued_at_its_end(data_dir: Path) -> None:
    app = build_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        app.open_quiz("steeping")
        await pilot.pause()
        shown = await go_to_question(pilot, "reflection")
        shown.query_one(TextArea).focus()
        await type_text(pilot, "first")
        await pilot.press("f2")
        await pilot.pause()
        await type_text(pilot, " second")
        assert app.screen.query_one(QuestionInput).answer() == TextAnswer("first second")
