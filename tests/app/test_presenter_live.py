"""A live question from opening to its end, with the trainer's presenter and learners' apps
on one store: how a round ends, what stays revealed, and what the learners keep on screen."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from textual.color import Color
from textual.pilot import Pilot
from textual.widgets import OptionList, Static

from course.ui.app import CourseApp
from course.ui.screens.live_question import LiveQuestionScreen
from course.ui.screens.presenter import PresenterScreen
from course.ui.widgets.key_bar import KeyBar
from course.ui.widgets.markdown_text import MarkdownText
from course.ui.widgets.questions import QuestionInput

from .helpers import build_app, build_presenter, move_highlight, settle

PROJECTOR = (120, 35)
LEARNER = (100, 40)


def presenter(app: CourseApp) -> PresenterScreen:
    screen = app.screen
    assert isinstance(screen, PresenterScreen)
    return screen


async def go_to_question(pilot: Pilot[None], question_id: str) -> PresenterScreen:
    """Show the slide of a question."""
    screen = presenter(pilot.app)  # type: ignore[arg-type]
    screen.index = next(
        i for i, s in enumerate(screen.slides) if s.question and s.question.id == question_id
    )
    await pilot.pause()
    return screen


async def follow(learner: CourseApp, pilot: Pilot[None]) -> None:
    """The learner app's next look at the room, as its watcher would take it, once what
    the presenter wrote is on disk."""
    await settle(learner, pilot)


def live_dialog(app: CourseApp) -> LiveQuestionScreen | None:
    return next((s for s in app.screen_stack if isinstance(s, LiveQuestionScreen)), None)


@dataclass
class Room:
    """The trainer's presenter on a question's slide and learner ana's app, on one store."""

    trainer: CourseApp
    pilot: Pilot[None]
    screen: PresenterScreen
    learner: CourseApp
    learner_pilot: Pilot[None]


@asynccontextmanager
async def live_room(
    data_dir: Path, question_id: str, keys: tuple[str, ...] = ("l",)
) -> AsyncIterator[Room]:
    """The presenter on the slide of `question_id` after the trainer pressed `keys` (by
    default `l`: the question goes live), and ana's app after it followed the room."""
    trainer = build_presenter(data_dir)
    async with trainer.run_test(size=PROJECTOR) as pilot:
        await pilot.pause()
        screen = await go_to_question(pilot, question_id)
        await pilot.press(*keys)
        learner = build_app(data_dir, profile="ana")
        async with learner.run_test(size=LEARNER) as learner_pilot:
            await follow(learner, learner_pilot)
            yield Room(trainer, pilot, screen, learner, learner_pilot)


async def test_moving_to_the_next_slide_ends_the_live_question_for_the_room(
    data_dir: Path,
) -> None:
    async with live_room(data_dir, "black-tea-water") as room:
        assert live_dialog(room.learner) is not None
        await room.pilot.press("right")
        await follow(room.learner, room.learner_pilot)
        assert live_dialog(room.learner) is None
        classroom = room.trainer.store.classroom(room.trainer.course.id)
        assert classroom.state().live is None
        assert presenter(room.trainer).live is None


async def test_e_ends_the_live_question_and_the_trainer_stays_on_the_slide(
    data_dir: Path,
) -> None:
    trainer = build_presenter(data_dir)
    async with trainer.run_test(size=PROJECTOR) as pilot:
        await pilot.pause()
        screen = await go_to_question(pilot, "black-tea-water")
        index = screen.index
        await pilot.press("l", "a")
        learner = build_app(data_dir, profile="ana")
        async with learner.run_test(size=LEARNER) as learner_pilot:
            await follow(learner, learner_pilot)
            assert live_dialog(learner) is not None
            await pilot.press("e")
            await follow(learner, learner_pilot)
            assert live_dialog(learner) is None
        assert trainer.store.classroom(trainer.course.id).state().live is None
        assert screen.index == index and screen.live is None


async def test_the_footer_offers_end_only_while_a_question_is_live(data_dir: Path) -> None:
    trainer = build_presenter(data_dir)
    async with trainer.run_test(size=PROJECTOR) as pilot:
        await pilot.pause()
        screen = await go_to_question(pilot, "black-tea-water")
        assert not screen.check_action("end_live", ())
        await pilot.press("l")
        assert screen.check_action("end_live", ())


async def test_holding_the_room_works_once_the_live_question_ended(data_dir: Path) -> None:
    async with live_room(data_dir, "black-tea-water") as room:
        await room.pilot.press("e", "k")
        await follow(room.learner, room.learner_pilot)
        assert live_dialog(room.learner) is None
        assert getattr(room.learner.screen, "lesson_id", None) == "water"


async def test_a_closed_live_question_stays_closed_while_the_room_changes(
    data_dir: Path,
) -> None:
    trainer = build_presenter(data_dir)
    async with trainer.run_test(size=PROJECTOR) as pilot:
        await pilot.pause()
        await go_to_question(pilot, "black-tea-water")
        await pilot.press("l", "l")  # opened, then answers closed
        learner = build_app(data_dir, profile="ana")
        async with learner.run_test(size=LEARNER) as learner_pilot:
            await follow(learner, learner_pilot)
            assert live_dialog(learner) is not None
            await learner_pilot.press("escape")
            await learner_pilot.pause()
            assert live_dialog(learner) is None
            # Anything else written to the store (here another learner's heartbeat) must not
            # bring the question back.
            other = trainer.store.learner("ben")
            trainer.store.classroom(trainer.course.id).heartbeat("other", other.id, None)
            await follow(learner, learner_pilot)
            assert live_dialog(learner) is None
            await pilot.press("a")  # the reveal is news: it comes back for that
            await follow(learner, learner_pilot)
            assert live_dialog(learner) is not None


async def test_l_after_the_reveal_keeps_the_question_revealed(data_dir: Path) -> None:
    trainer = build_presenter(data_dir)
    async with trainer.run_test(size=PROJECTOR) as pilot:
        await pilot.pause()
        screen = await go_to_question(pilot, "black-tea-water")
        await pilot.press("l", "a", "l")
        await settle(trainer, pilot)
        live = trainer.store.classroom(trainer.course.id).state().live
        assert live is not None and live.state == "revealed"
        assert screen.revealed
        status = str(screen.query_one("#live-status").render())
        assert "Revealed" in status


async def test_a_held_learner_keeps_help_open_and_is_moved_once_it_closes(
    data_dir: Path,
) -> None:
    trainer = build_presenter(data_dir)
    async with trainer.run_test(size=PROJECTOR) as pilot:
        await pilot.pause()
        trainer.open_lesson("steeping")
        await pilot.press("k")
        learner = build_app(data_dir, profile="ana")
        async with learner.run_test(size=LEARNER) as learner_pilot:
            await follow(learner, learner_pilot)
            assert getattr(learner.screen, "lesson_id", None) == "steeping"
            await learner_pilot.press("f1")
            help_screen = learner.screen
            await pilot.press("home")  # the trainer goes to lesson 1 while Help is open
            for _ in range(3):
                await follow(learner, learner_pilot)
            assert learner.screen is help_screen
            await learner_pilot.press("escape")
            await learner_pilot.pause()  # no new look at the room is needed: it was seen
            assert getattr(learner.screen, "lesson_id", None) == "water"


async def test_the_presenters_help_lists_the_presenters_keys(data_dir: Path) -> None:
    trainer = build_presenter(data_dir)
    async with trainer.run_test(size=PROJECTOR) as pilot:
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        shown = trainer.screen.query_one("#presenter-help", MarkdownText).markdown
        assert "end the live question" in shown and "blank the screen" in shown
        assert "start the quiz" not in shown  # a learner's key, not the trainer's


async def test_the_options_keep_their_order_when_the_question_goes_live(data_dir: Path) -> None:
    trainer = build_presenter(data_dir)
    async with trainer.run_test(size=PROJECTOR) as pilot:
        await pilot.pause()
        screen = await go_to_question(pilot, "black-tea-water")
        before = screen.query_one("#slide-body", MarkdownText).markdown
        await pilot.press("l")
        assert screen.query_one("#slide-body", MarkdownText).markdown == before
        learner = build_app(data_dir, profile="ana")
        async with learner.run_test(size=LEARNER) as learner_pilot:
            await follow(learner, learner_pilot)
            dialog = live_dialog(learner)
            assert dialog is not None
            shown = [o.text for o in dialog.query_one(QuestionInput).options]
        listed = [
            line.split("** ", 1)[1] for line in before.splitlines() if line.startswith("- **")
        ]
        assert shown == listed


def slide_text(screen: PresenterScreen) -> str:
    """What the projector shows of a slide: its text and what is drawn under it."""
    body = screen.query_one("#slide-body", MarkdownText).markdown
    console = Console(width=100, record=True, file=io.StringIO())
    console.print(screen.query_one("#slide-extra", Static).content)
    return body + "\n" + console.export_text()


async def test_a_short_answer_slide_keeps_the_accepted_answers_for_the_reveal(
    data_dir: Path,
) -> None:
    trainer = build_presenter(data_dir)
    async with trainer.run_test(size=PROJECTOR) as pilot:
        await pilot.pause()
        screen = await go_to_question(pilot, "green-tea-taste")
        question = screen.slide.question
        assert question is not None
        accepted = [o.text for o in question.right_options]
        assert not any(text in slide_text(screen) for text in accepted)
        await pilot.press("a")
        assert all(text in slide_text(screen) for text in accepted)


async def test_a_matching_slide_shows_both_columns_before_the_reveal(data_dir: Path) -> None:
    trainer = build_presenter(data_dir)
    async with trainer.run_test(size=PROJECTOR) as pilot:
        await pilot.pause()
        screen = await go_to_question(pilot, "tea-and-water")
        question = screen.slide.question
        assert question is not None
        shown = slide_text(screen)
        assert all(o.text in shown and o.match in shown for o in question.options)
        assert "→" not in shown  # the pairs themselves wait for the reveal


async def test_ctrl_s_checks_a_live_answer_and_the_footer_names_the_keys(data_dir: Path) -> None:
    async with live_room(data_dir, "black-tea-water") as room:
        dialog = live_dialog(room.learner)
        assert dialog is not None
        bar = dialog.query_one(KeyBar)
        assert dialog.check_action("check", ()) and bar.display
        assert "^s Check" in bar.render().plain
        dialog.query_one(OptionList).focus()
        await room.learner_pilot.press("enter", "ctrl+s")
        await room.learner_pilot.pause()
        assert dialog.given is not None
        assert not dialog.check_action("check", ()) and dialog.check_action("close", ())


async def test_blank_hides_the_status_lines_keys_and_notes_too(data_dir: Path) -> None:
    trainer = build_presenter(data_dir)
    async with trainer.run_test(size=PROJECTOR) as pilot:
        await pilot.pause()
        screen = await go_to_question(pilot, "black-tea-water")
        await pilot.press("l", "n", "b")
        for part in ("#slide-scroll", "#live-status", "#notes-panel", "Footer"):
            assert not screen.query_one(part).display, part
        await pilot.press("b")
        for part in ("#slide-scroll", "#live-status", "#notes-panel", "Footer"):
            assert screen.query_one(part).display, part


async def right_answer_given(learner: CourseApp, pilot: Pilot[None]) -> LiveQuestionScreen:
    """The learner answers the live question right and checks it."""
    dialog = live_dialog(learner)
    assert dialog is not None
    shown = dialog.query_one(QuestionInput)
    target = next(i for i, o in enumerate(shown.options) if o.correct)
    await move_highlight(pilot, shown.query_one(OptionList), target)
    await pilot.press("enter", "ctrl+s")
    await pilot.pause()
    assert dialog.given is not None
    return dialog


async def test_a_learner_who_comes_back_sees_their_live_answer_marked(data_dir: Path) -> None:
    trainer = build_presenter(data_dir)
    async with trainer.run_test(size=PROJECTOR) as pilot:
        await pilot.pause()
        await go_to_question(pilot, "black-tea-water")
        await pilot.press("l")
        learner = build_app(data_dir, profile="ana")
        async with learner.run_test(size=LEARNER) as learner_pilot:
            await follow(learner, learner_pilot)
            chosen = (await right_answer_given(learner, learner_pilot)).given
        assert chosen is not None
        again = build_app(data_dir, profile="ana")
        async with again.run_test(size=LEARNER) as again_pilot:
            await follow(again, again_pilot)
            dialog = live_dialog(again)
            assert dialog is not None
            assert dialog.query_one(QuestionInput).answer() == chosen[0]


async def test_a_right_live_answer_is_framed_as_right_at_the_reveal(data_dir: Path) -> None:
    async with live_room(data_dir, "black-tea-water") as room:
        dialog = await right_answer_given(room.learner, room.learner_pilot)
        await room.pilot.press("a")
        await follow(room.learner, room.learner_pilot)
        feedback = dialog.query_one("#live-feedback")
        assert feedback.has_class("outcome-right")
        success = Color.parse(room.learner.get_css_variables()["success"])
        assert feedback.styles.border_top[1] == success


async def test_a_live_true_false_question_names_its_two_answers(data_dir: Path) -> None:
    async with live_room(data_dir, "reboiled-water") as room:
        dialog = live_dialog(room.learner)
        assert dialog is not None
        shown = str(dialog.query_one(".instructions", Static).render())
        assert shown == "Choose “True” or “False”."
