"""A class session in a real browser with a live open question: the trainer's presenter
puts a short-answer question live, a learner in headless Chromium (through `course
serve`) and one in a terminal type their answers, and the projector lists them grouped,
with a group the trainer hid left out.

The presenter and the terminal learner run in this test's event loop (Pilot), the browser
through Playwright's asyncio API in the same loop. Needs what the other browser tests
need (see test_browser.py), and is skipped the same way without it.
"""

from __future__ import annotations

import asyncio
import io
from collections.abc import Callable
from pathlib import Path

import pytest
from rich.console import Console
from textual.widgets import Static

from course.store import ProgressStore
from course.store.classroom import LiveAnswer
from course.ui.screens.live_question import LiveQuestionScreen
from course.ui.screens.moderation import ModerationScreen
from course.ui.screens.presenter import PresenterScreen
from tests.app.helpers import build_app, build_presenter, settle, type_text

from .conftest import JOIN_CODE, serve
from .test_browser import CHROMIUM, CHROMIUM_ARGS, STEP, needs_browser

QUESTION = "green-tea-taste"
"""The example course's short-answer question (lesson "water")."""


async def wait_until(check: Callable[[], object], what: str, timeout: float = STEP) -> object:
    """Poll `check` without blocking the event loop (the presenter runs in it)."""
    deadline = asyncio.get_running_loop().time() + timeout
    while asyncio.get_running_loop().time() < deadline:
        found = check()
        if found:
            return found
        await asyncio.sleep(0.2)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


def answers_in_store(data_dir: Path, course_id: str) -> list[LiveAnswer]:
    """The answers to the room's live question, read as another process would."""
    with ProgressStore.open(data_dir) as store:
        room = store.classroom(course_id)
        live = room.state().live
        return room.answers(live.id) if live is not None else []


def projected(screen: PresenterScreen) -> str:
    """What the projector draws under the question slide."""
    console = Console(width=100, record=True, file=io.StringIO())
    console.print(screen.query_one("#slide-extra", Static).content)
    return console.export_text()


@pytest.mark.slow
@needs_browser
async def test_a_class_answers_a_live_open_question_from_a_browser_and_a_terminal(
    tmp_path: Path,
) -> None:
    from playwright.async_api import async_playwright

    with serve(tmp_path) as served:
        trainer = build_presenter(served.data_dir)
        course_id = trainer.course.id
        async with trainer.run_test(size=(120, 35)) as pilot, async_playwright() as playwright:
            await pilot.pause()
            screen = trainer.screen
            assert isinstance(screen, PresenterScreen)
            screen.index = next(
                i for i, s in enumerate(screen.slides) if s.question and s.question.id == QUESTION
            )
            await pilot.pause()
            await pilot.press("l")  # the question goes live for the room
            await settle(trainer, pilot)

            browser = await playwright.chromium.launch(
                executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
            )
            try:
                page = await browser.new_page(viewport={"width": 1000, "height": 700})
                page.set_default_timeout(STEP * 1000)
                elsewhere: list[str] = []
                page.context.on(
                    "request",
                    lambda request: (
                        None
                        if request.url.startswith(("http://127.0.0.1", "ws://127.0.0.1"))
                        else elsewhere.append(request.url)
                    ),
                )
                await page.goto(served.url)
                await page.fill("#code", JOIN_CODE)
                await page.fill("#name", "Ana")
                await page.fill("#pin", "2468")
                await page.press("#pin", "Enter")
                await page.wait_for_selector("body.-first-byte")
                await page.focus(".xterm-helper-textarea")
                # The learner's app finds the live question on its first look at the room
                # and opens it with the text field focused: Ana types and presses Enter.
                await wait_until(
                    lambda: "Ana" in _active(served.data_dir, course_id), "Ana's app to open"
                )
                # Its first heartbeat and its first look at the room are one step of its
                # watcher: the question is on screen a moment after (the terminal is drawn
                # on a canvas, so the page has no text to wait for).
                await page.wait_for_timeout(1500)
                await page.keyboard.type("Bitter!")
                await page.keyboard.press("Enter")
                await wait_until(
                    lambda: answers_in_store(served.data_dir, course_id), "Ana's answer"
                )
                await page.screenshot(path=str(tmp_path / "browser-learner.png"))
                assert elsewhere == []  # nothing of the class comes from a third party
            finally:
                await browser.close()

            # A learner in a terminal on the same class folder answers alike, but shouting.
            learner = build_app(served.data_dir, profile="ben")
            async with learner.run_test(size=(100, 40)) as learner_pilot:
                await settle(learner, learner_pilot)
                dialog = learner.screen
                assert isinstance(dialog, LiveQuestionScreen)
                await type_text(learner_pilot, "BITTER")
                await learner_pilot.press("enter")
                await settle(learner, learner_pilot)
            with ProgressStore.open(served.data_dir) as store:  # and a third, unkind one
                room = store.classroom(course_id)
                live = room.state().live
                assert live is not None
                cem = store.learner("cem")
                room.answer_round(live.id, cem.id, "1", {"text": "awful"}, "wrong", 0, 1)

            answers = answers_in_store(served.data_dir, course_id)
            assert sorted((a.learner, a.answer["text"]) for a in answers) == [
                ("Ana", "Bitter!"),
                ("ben", "BITTER"),
                ("cem", "awful"),
            ]
            await settle(trainer, pilot)
            await pilot.press("m")  # the trainer looks first and hides "awful"
            await pilot.pause()
            assert isinstance(trainer.screen, ModerationScreen)
            await pilot.press("down", "space", "escape", "d")
            await pilot.pause()
            shown = projected(screen)
            assert shown.split() == ["2", "Bitter!"]
            assert "awful" not in trainer.export_screenshot()


def _active(data_dir: Path, course_id: str) -> dict[str, str | None]:
    with ProgressStore.open(data_dir) as store:
        return store.classroom(course_id).active_learners()
