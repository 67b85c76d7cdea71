"""Who owns the room: one presenter at a time; a second one is refused and changes nothing,
and a presenter that vanished leaves a room the next one takes over."""

from __future__ import annotations

from pathlib import Path

from course.store import ProgressStore
from course.ui.screens.lesson import LessonScreen
from course.ui.screens.live_question import LiveQuestionScreen

from .helpers import build_app, build_presenter, settle

PROJECTOR = (120, 35)


async def test_a_second_presenter_is_refused_and_leaves_the_first_ones_room(
    data_dir: Path,
) -> None:
    first = build_presenter(data_dir)
    async with first.run_test(size=PROJECTOR) as pilot:
        await pilot.pause()
        await pilot.press("k")
        second = build_presenter(data_dir)
        async with second.run_test(size=PROJECTOR) as second_pilot:
            await second_pilot.pause()
        assert second.return_code == 1
        await settle(first, pilot)
        state = first.store.classroom(first.course.id).state()
        assert state.presented_lesson == "water" and state.locked


async def test_a_presenter_that_vanished_is_replaced_and_its_hold_released(
    data_dir: Path,
) -> None:
    with ProgressStore.open(data_dir) as store:
        room = store.classroom("example")
        room.claim_presenter("crashed")
        room.set_locked(True)
        room.open_round("water", "water-quiz", "black-tea-water", seed=1)
        store.write(  # its last sign of life, a minute ago
            "age the presenter",
            lambda c: c.execute("UPDATE presenter_sessions SET seen_at = '2000-01-01T00:00Z'"),
        )
    trainer = build_presenter(data_dir)
    async with trainer.run_test(size=PROJECTOR) as pilot:
        await pilot.pause()
        state = trainer.store.classroom(trainer.course.id).state()
        assert trainer.is_running and not state.locked and state.live is None


async def test_learners_go_back_to_their_own_pace_when_the_presenter_vanished(
    data_dir: Path,
) -> None:
    with ProgressStore.open(data_dir) as store:
        room = store.classroom("example")
        room.claim_presenter("killed")
        room.present("steeping")
        room.set_locked(True)
        room.open_round("water", "water-quiz", "black-tea-water", seed=1)
        assert room.state().locked and room.state().live is not None
        store.write(  # killed with -9: its last sign of life, a minute ago
            "age the presenter",
            lambda c: c.execute("UPDATE presenter_sessions SET seen_at = '2000-01-01T00:00Z'"),
        )
    learner = build_app(data_dir, profile="ana")
    async with learner.run_test(size=(100, 40)) as pilot:
        await settle(learner, pilot)
        assert learner.held_lesson() is None
        assert not any(isinstance(s, LiveQuestionScreen) for s in learner.screen_stack)
        learner.open_lesson("water")
        await pilot.pause()
        assert isinstance(learner.screen, LessonScreen) and learner.screen.lesson_id == "water"
