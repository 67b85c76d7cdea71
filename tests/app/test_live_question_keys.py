"""Keys typed the moment the live question appears are the question's: none is lost."""

from __future__ import annotations

from pathlib import Path

from textual import events

from .helpers import build_app
from .test_presenter_live import LEARNER, PROJECTOR, go_to_question, live_dialog


async def test_keys_typed_as_the_live_question_appears_choose_and_check_it(data_dir: Path) -> None:
    trainer = build_app(data_dir, presenter=True)
    async with trainer.run_test(size=PROJECTOR) as pilot:
        await pilot.pause()
        await go_to_question(pilot, "black-tea-water")
        await pilot.press("l")
        learner = build_app(data_dir, profile="ana")
        async with learner.run_test(size=LEARNER) as learner_pilot:
            await learner_pilot.pause()
            learner.poll_room()  # the question appears; the learner types at once, as the
            # browser's keys arrive: queued behind the dialog, before it took the focus
            learner.post_message(events.Key("enter", "\r"))
            learner.post_message(events.Key("ctrl+s", "\x13"))
            await learner_pilot.pause()
            await learner_pilot.pause()
            dialog = live_dialog(learner)
            assert dialog is not None
            assert dialog.given is not None, "the early Enter or Ctrl+S was lost"
