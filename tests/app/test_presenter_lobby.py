"""The trainer's room in the presenter: the lobby (who is online, "2 of 3 answered", who is
missing), closing joining, the reveal discipline (nothing of right and wrong before `a`),
and a live question's time limit counting down to one moment on every screen."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta
from pathlib import Path

from rich.console import Console
from textual.pilot import Pilot
from textual.widgets import Input, Static

from course.core.grading import Outcome
from course.store.classroom import RoundState
from course.ui.app import CourseApp
from course.ui.screens.live_question import LiveQuestionScreen
from course.ui.screens.presenter import LiveLimitDialog, PresenterScreen
from course.ui.widgets.clocks import LiveCountdownLabel
from course.ui.widgets.markdown_text import MarkdownText
from course.ui.widgets.questions import QuestionInput

from .helpers import build_app, build_presenter, settle

PROJECTOR = (120, 35)
LEARNER = (100, 40)


def shown(screen: PresenterScreen | LiveQuestionScreen, selector: str) -> str:
    """The text a Static of the screen shows, as the terminal draws it."""
    console = Console(width=200, record=True, file=io.StringIO())
    console.print(screen.query_one(selector, Static).content)
    return console.export_text()


async def on_question(pilot: Pilot[None], question_id: str) -> PresenterScreen:
    screen = pilot.app.screen
    assert isinstance(screen, PresenterScreen)
    screen.index = next(
        i for i, s in enumerate(screen.slides) if s.question and s.question.id == question_id
    )
    await pilot.pause()
    return screen


def room_of(app: CourseApp):  # type: ignore[no-untyped-def]
    return app.store.classroom(app.course.id)


async def test_the_lobby_shows_two_of_three_answered_and_who_is_missing(
    data_dir: Path,
) -> None:
    trainer = build_presenter(data_dir)
    async with trainer.run_test(size=PROJECTOR) as pilot:
        await pilot.pause()
        screen = await on_question(pilot, "black-tea-water")
        await pilot.press("l", "w")
        assert screen.live is not None
        room = room_of(trainer)
        for name in ("ana", "ben", "cem"):  # three learner apps give their sign of life
            room.heartbeat(f"app-{name}", trainer.store.learner(name).id, "water")
        for name in ("ana", "ben"):
            learner = trainer.store.learner(name)
            room.answer_round(
                screen.live.id, learner.id, "1", {"chosen": [0]}, Outcome.RIGHT, 1.0, 1.0
            )
        await settle(trainer, pilot)
        lobby = shown(screen, "#lobby")
        assert "Online: 3" in lobby and "ana, ben, cem" in lobby
        assert "2 of 3 answered" in lobby
        missing = lobby.split("Not answered yet:", 1)[1]
        assert "cem" in missing and "ana" not in missing and "ben" not in missing
        assert "2 of 3 answered" in shown(screen, "#live-status")
        await pilot.press("w")
        assert not screen.query_one("#lobby-panel").display


async def test_a_learner_who_left_stays_in_the_lobby_as_gone(data_dir: Path) -> None:
    trainer = build_presenter(data_dir)
    async with trainer.run_test(size=PROJECTOR) as pilot:
        await pilot.pause()
        screen = trainer.screen
        assert isinstance(screen, PresenterScreen)
        await pilot.press("w")
        room = room_of(trainer)
        room.heartbeat("app-ana", trainer.store.learner("ana").id, None)
        room.heartbeat("app-ben", trainer.store.learner("ben").id, None)
        await settle(trainer, pilot)
        room.leave("app-ben")
        await settle(trainer, pilot)
        lobby = shown(screen, "#lobby")
        assert "Online: 1" in lobby and "Gone: 1" in lobby
        assert lobby.index("ben") > lobby.index("Gone")


async def test_j_closes_joining_in_the_store_and_the_presenter_says_so(data_dir: Path) -> None:
    trainer = build_presenter(data_dir)
    async with trainer.run_test(size=PROJECTOR) as pilot:
        await pilot.pause()
        screen = trainer.screen
        assert isinstance(screen, PresenterScreen)
        await pilot.press("j")
        await settle(trainer, pilot)
        assert room_of(trainer).state().joining_locked
        assert "Joining closed" in shown(screen, "#live-status")
        await pilot.press("j")
        await settle(trainer, pilot)
        assert not room_of(trainer).state().joining_locked
        assert "Joining closed" not in shown(screen, "#live-status")
        await pilot.press("j", "q")
    # Quitting opens joining again, as it releases the hold: it lasts while the trainer
    # presents.
    assert not room_of(trainer).state().joining_locked


async def test_before_the_reveal_the_screen_holds_no_right_or_wrong_counts(
    data_dir: Path,
) -> None:
    trainer = build_presenter(data_dir)
    async with trainer.run_test(size=PROJECTOR) as pilot:
        await pilot.pause()
        screen = await on_question(pilot, "tea-and-water")  # a matching: no options
        await pilot.press("l")
        assert screen.live is not None
        room = room_of(trainer)
        for name, outcome in (("ana", Outcome.RIGHT), ("ben", Outcome.WRONG)):
            learner = trainer.store.learner(name)
            room.answer_round(screen.live.id, learner.id, "1", {"pairs": {}}, outcome, 1.0, 1.0)
        await settle(trainer, pilot)
        await pilot.press("d")
        await pilot.pause()
        before = shown(screen, "#live-status") + shown(screen, "#slide-extra")
        assert "2 of 2 answered" in before and "2 answered. How many are right" in before
        for word in ("right", "Right", "not right", "Wrong"):
            assert word not in before.replace("How many are right", ""), word
        await pilot.press("a")
        await pilot.pause()
        after = shown(screen, "#live-status") + shown(screen, "#slide-extra")
        assert "1 right" in after and "1 not right" in after
        assert "Right" in after  # the bars of right, partly right and not right


async def test_a_time_limit_counts_down_everywhere_and_closes_the_round(
    data_dir: Path,
) -> None:
    trainer = build_presenter(data_dir)
    async with trainer.run_test(size=PROJECTOR) as pilot:
        await pilot.pause()
        screen = await on_question(pilot, "black-tea-water")
        await pilot.press("L")
        await pilot.pause()
        assert isinstance(trainer.screen, LiveLimitDialog)
        field = trainer.screen.query_one("#seconds", Input)
        field.value = "20"
        await pilot.press("enter")
        await pilot.pause()
        live = screen.live
        assert live is not None and live.closes_at is not None
        closes = datetime.fromisoformat(live.closes_at)
        assert 18 <= (closes - datetime.now(UTC)).total_seconds() <= 20
        screen.live_clock = lambda: closes - timedelta(seconds=15)
        screen.tick()
        assert "0:15 to answer" in shown(screen, "#live-countdown")

        learner = build_app(data_dir, profile="ana")
        async with learner.run_test(size=LEARNER) as learner_pilot:
            await settle(learner, learner_pilot)
            dialog = learner.screen
            assert isinstance(dialog, LiveQuestionScreen)
            dialog.clock = lambda: closes - timedelta(seconds=15)
            dialog.query_one(LiveCountdownLabel).show_time()
            assert "0:15 left to answer" in shown(dialog, "#live-countdown")
            assert not dialog.query_one(QuestionInput).disabled

            # The moment comes on both screens (no waiting: their clocks are moved on).
            dialog.clock = lambda: closes + timedelta(seconds=1)
            dialog.query_one(LiveCountdownLabel).show_time()
            await learner_pilot.pause()
            assert dialog.query_one(QuestionInput).disabled
            assert "Time is up: answers are closed." in shown(dialog, "#live-state")
            assert not dialog.check_action("check", ())

            screen.live_clock = lambda: closes + timedelta(seconds=1)
            screen.tick()
            await pilot.pause()
            await settle(trainer, pilot)
            state = room_of(trainer).state()
            assert state.live is not None and state.live.state is RoundState.CLOSED
            assert screen.live is not None and screen.live.state is RoundState.CLOSED
            assert "Closed" in shown(screen, "#live-status")


async def test_the_time_limit_is_offered_again_and_a_bad_one_is_refused(
    data_dir: Path,
) -> None:
    trainer = build_presenter(data_dir)
    async with trainer.run_test(size=PROJECTOR) as pilot:
        await pilot.pause()
        screen = await on_question(pilot, "black-tea-water")
        await pilot.press("L")
        await pilot.pause()
        dialog = trainer.screen
        assert isinstance(dialog, LiveLimitDialog)
        assert dialog.query_one("#seconds", Input).value == "30"
        dialog.query_one("#seconds", Input).value = "2"
        await pilot.press("enter")
        await pilot.pause()
        assert trainer.screen is dialog and screen.live is None  # too short: asked again
        await pilot.press("escape")
        await pilot.pause()
        assert screen.live is None


async def test_a_learner_sees_nothing_of_the_result_before_the_reveal(data_dir: Path) -> None:
    trainer = build_presenter(data_dir)
    async with trainer.run_test(size=PROJECTOR) as pilot:
        await pilot.pause()
        await on_question(pilot, "black-tea-water")
        await pilot.press("l")
        learner = build_app(data_dir, profile="ana")
        async with learner.run_test(size=LEARNER) as learner_pilot:
            await settle(learner, learner_pilot)
            dialog = learner.screen
            assert isinstance(dialog, LiveQuestionScreen)
            wrong = next(
                i for i, o in enumerate(dialog.query_one(QuestionInput).options) if not o.correct
            )
            await learner_pilot.press("abcdefgh"[wrong], "ctrl+s")
            await learner_pilot.pause()
            assert dialog.given is not None
            feedback = dialog.query_one("#live-feedback", MarkdownText)
            assert feedback.markdown == "" and not feedback.classes & {"outcome-wrong"}
            assert "saved" in shown(dialog, "#live-state")
            # Not even through spaced review: a wrong card would be due within a minute.
            ana = learner.study.learner  # type: ignore[union-attr]
            assert learner.store.reviews(ana.id, learner.course.id).logs() == []
            await pilot.press("a")
            await settle(learner, learner_pilot)
            assert feedback.has_class("outcome-wrong")
            (log,) = learner.store.reviews(ana.id, learner.course.id).logs()
            assert log.rating == 1


async def test_an_anonymous_question_shows_counts_in_the_lobby_and_names_nobody(
    data_dir: Path,
) -> None:
    trainer = build_presenter(data_dir)
    async with trainer.run_test(size=PROJECTOR) as pilot:
        await pilot.pause()
        screen = await on_question(pilot, "black-tea-water")
        await pilot.press("o", "w")  # anonymous, and the lobby
        assert screen.live is not None and screen.live.anonymous
        room = room_of(trainer)
        for name in ("ana", "ben", "cem"):
            room.heartbeat(f"app-{name}", trainer.store.learner(name).id, "water")
        ana = trainer.store.learner("ana")
        room.answer_round(screen.live.id, ana.id, "1", {"chosen": [0]}, Outcome.RIGHT, 1, 1)
        await settle(trainer, pilot)
        lobby = shown(screen, "#lobby")
        assert "1 of 3 answered" in lobby and "Not answered yet" not in lobby
        assert "1 of 3 answered" in shown(screen, "#live-status")
