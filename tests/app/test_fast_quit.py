"""Whatever is in a text field when the app quits is saved, however fast it was typed."""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual.app import App
from textual.widgets import Input, TextArea

from course.ui.screens.lesson import LessonScreen
from course.ui.screens.quiz import QuizScreen

from .helpers import build_app, go_to_question

BURST = "Tea brewed at ninety degrees tastes softer; boiling water makes it bitter!"


def keys(text: str) -> list[str]:
    return ["space" if c == " " else c for c in text]


def burst(app: App[None], pressed: list[str]) -> None:
    """Hand every key to the app at once, as a terminal does with a fast burst: the keys
    queue up before any is processed (`pilot.press` waits for each key to be handled)."""
    driver = app._driver
    assert driver is not None
    for key in pressed:
        char = " " if key == "space" else (key if len(key) == 1 else None)
        event = events.Key(key, char)
        event.set_sender(app)
        driver.send_message(event)


async def test_a_reflection_typed_in_a_burst_before_ctrl_q_is_kept(data_dir: Path) -> None:
    app = build_app(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_lesson("water")
        await pilot.pause()
        assert isinstance(app.screen, LessonScreen)
        app.screen.query_one("#reflection", TextArea).focus()
        await pilot.pause()
        burst(app, [*keys(BURST), "ctrl+q"])
        await pilot.pause()
    app.close_store()

    again = build_app(data_dir)
    async with again.run_test(size=(80, 24)) as pilot:
        again.open_lesson("water")
        await pilot.pause()
        assert again.screen.query_one("#reflection", TextArea).text == BURST
    again.close_store()


async def test_an_answer_typed_in_a_burst_before_ctrl_q_is_kept(data_dir: Path) -> None:
    typed = "a long answer typed very fast"
    app = build_app(data_dir)
    async with app.run_test(size=(100, 40)) as pilot:
        app.open_quiz("water")
        await pilot.pause()
        shown = await go_to_question(pilot, "short")
        shown.query_one(Input).focus()
        await pilot.pause()
        burst(app, [*keys(typed), "ctrl+q"])
        await pilot.pause()
    app.close_store()

    again = build_app(data_dir)
    async with again.run_test(size=(100, 40)) as pilot:
        again.open_quiz("water")
        await pilot.pause()
        screen = again.screen
        assert isinstance(screen, QuizScreen) and screen.question is not None
        assert screen.question.kind == "short"
        assert screen.query_one(Input).value == typed
    again.close_store()
