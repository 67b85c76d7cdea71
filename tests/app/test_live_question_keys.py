"""Keys typed the moment the live question appears are the question's: none is lost."""

from __future__ import annotations

from pathlib import Path

from textual import events

from .helpers import build_app, build_presenter, settle
from .test_presenter_live import LEARNER, PROJECTOR, go_to_question, live_dialog


async def test_enter_and_ctrl_s_typed_at_once_choose_and_check_the_live_answer(
    data_dir: Path,
) -> None:
    trainer = build_presenter(data_dir)
    async with trainer.run_test(size=PROJECTOR) as pilot:
        await pilot.pause()
        await go_to_question(pilot, "black-tea-water")
        await pilot.press("l")
        learner = build_app(data_dir, profile="ana")
        async with learner.run_test(size=LEARNER) as learner_pilot:
            await settle(learner, learner_pilot)  # the question is on the screen
            # As a browser's keys arrive under load: both in the queue before either is
            # handled. The choice must be made before the check looks for it.
            learner.post_message(events.Key("enter", "\r"))
            learner.post_message(events.Key("ctrl+s", "\x13"))
            await settle(learner, learner_pilot)
            dialog = live_dialog(learner)
            assert dialog is not None
            assert dialog.given is not None, "the Enter or the Ctrl+S was lost"
