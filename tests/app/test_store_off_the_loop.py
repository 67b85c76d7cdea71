"""No SQLite call on the event loop: the learner app, the presenter and the class dashboard
talk to the progress store only from their store thread and their room watcher, so that a
slow disk or a file locked by another process never freezes a screen.

Every method of `ProgressStore` and `Classroom` is wrapped to note the thread it is called
in; the apps are then driven through a lesson and a quiz, a live question, and the
dashboard, and no call may have come from the thread that runs the event loop.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import OptionList

from course.store import ProgressStore
from course.store.classroom import Classroom
from course.ui.dashboard import ClassDashboardApp
from course.ui.screens.live_question import LiveQuestionScreen
from course.ui.screens.presenter import PresenterScreen
from course.ui.screens.quiz import QuizScreen
from course.ui.screens.result import ResultScreen
from course.ui.screens.review import ReviewScreen
from course.ui.widgets.questions import QuestionInput

from .helpers import (
    answer_with_keys,
    build_app,
    build_presenter,
    load,
    move_highlight,
    settle,
    type_text,
)


class LoopCalls:
    """The store methods called in the event loop's thread while recording."""

    def __init__(self) -> None:
        self.loop_thread = threading.get_ident()  # pytest-asyncio runs the loop here
        self.recording = False
        self.calls: list[str] = []
        self.elsewhere = 0
        """Store calls recorded in other threads: proof that the wrapping works."""

    def note(self, name: str) -> None:
        if not self.recording:
            return
        if threading.get_ident() == self.loop_thread:
            self.calls.append(name)
        else:
            self.elsewhere += 1

    @contextmanager
    def paused(self) -> Iterator[None]:
        """Not recorded: the test itself builds an app (before that app's loop runs)."""
        self.recording = False
        try:
            yield
        finally:
            self.recording = True


def _wrapped(method: Callable[..., Any], name: str, calls: LoopCalls) -> Callable[..., Any]:
    @wraps(method)
    def noted(*args: Any, **kwargs: Any) -> Any:
        calls.note(name)
        return method(*args, **kwargs)

    return noted


@pytest.fixture
def loop_calls(monkeypatch: pytest.MonkeyPatch) -> LoopCalls:
    """Every public method of the store and the room (and the store's two transaction
    methods, which every query goes through) notes the thread it runs in."""
    calls = LoopCalls()
    for cls in (ProgressStore, Classroom):
        for name, member in list(vars(cls).items()):
            if isinstance(member, (classmethod, staticmethod, property, type)):
                continue
            if callable(member) and (not name.startswith("_") or name in ("_read", "_write")):
                monkeypatch.setattr(cls, name, _wrapped(member, f"{cls.__name__}.{name}", calls))
    return calls


async def test_a_lesson_and_a_quiz_make_no_store_call_on_the_event_loop(
    data_dir: Path, loop_calls: LoopCalls
) -> None:
    app = build_app(data_dir)
    loop_calls.recording = True
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # the first lesson, from the outline
        await pilot.pause()
        await pilot.press("r")
        await type_text(pilot, "soft water")
        await pilot.pause(1.2)  # the reflection's save delay
        await pilot.press("escape", "n")  # the next lesson
        await pilot.pause()
        app.open_quiz("water")
        await pilot.pause()
        while isinstance(app.screen, QuizScreen):
            await answer_with_keys(pilot, True)
            await pilot.press("n")
            await pilot.pause()
        assert isinstance(app.screen, ResultScreen)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("f2")  # the outline again, in German
        await pilot.pause()
        await settle(app, pilot)
    loop_calls.recording = False
    assert loop_calls.elsewhere > 0
    assert loop_calls.calls == []


async def test_a_live_question_makes_no_store_call_on_the_event_loop(
    data_dir: Path, loop_calls: LoopCalls
) -> None:
    trainer = build_presenter(data_dir)
    loop_calls.recording = True
    async with trainer.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        screen = trainer.screen
        assert isinstance(screen, PresenterScreen)
        screen.index = next(i for i, s in enumerate(screen.slides) if s.question is not None)
        await pilot.pause()
        await pilot.press("l", "d", "k", "w", "j")  # the lobby and closing joining too
        with loop_calls.paused():
            learner = build_app(data_dir, profile="ana")
        async with learner.run_test(size=(100, 40)) as learner_pilot:
            await settle(learner, learner_pilot)
            live = learner.screen
            assert isinstance(live, LiveQuestionScreen)
            shown = live.query_one(QuestionInput)
            right = next(i for i, o in enumerate(shown.options) if o.correct)
            await move_highlight(learner_pilot, shown.query_one(OptionList), right)
            await learner_pilot.press("enter", "ctrl+s")
            await learner_pilot.pause()
            assert live.given is not None
            await settle(trainer, pilot)
            await pilot.press("a")
            await settle(learner, learner_pilot)
            await pilot.press("f2", "e", "k", "right")
            await settle(learner, learner_pilot)
        await pilot.press("q")
    loop_calls.recording = False
    assert loop_calls.elsewhere > 0
    assert loop_calls.calls == []


async def test_the_class_dashboard_makes_no_store_call_on_the_event_loop(
    data_dir: Path, loop_calls: LoopCalls
) -> None:
    with loop_calls.paused():
        store = ProgressStore.open(data_dir)
        ana = store.learner("ana")
        store.lesson_opened(ana.id, "example", "water")
        app = ClassDashboardApp(load(), store, "en", refresh_seconds=0.05)
    try:
        loop_calls.recording = True
        async with app.run_test(size=(120, 35)) as pilot:
            await pilot.pause(0.3)  # a few refreshes
            await pilot.press("s", "r", "f2")
            await pilot.pause()
        loop_calls.recording = False
        assert loop_calls.elsewhere > 0
        assert loop_calls.calls == []
    finally:
        store.close()


async def test_a_review_session_makes_no_store_call_on_the_event_loop(
    data_dir: Path, loop_calls: LoopCalls, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COURSE_NOW", "2026-12-04T09:00")
    with loop_calls.paused():
        app = build_app(data_dir)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        app.open_quiz("water")
        await pilot.pause()
        while isinstance(app.screen, QuizScreen):
            await answer_with_keys(pilot, False)
            await pilot.press("n")
            await pilot.pause()
        await settle(app, pilot)
    monkeypatch.setenv("COURSE_NOW", "2026-12-06T09:00")
    with loop_calls.paused():
        app = build_app(data_dir)
    loop_calls.recording = True
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("r")
        await settle(app, pilot)
        assert isinstance(app.screen, ReviewScreen)
        while app.screen.question is not None:
            await answer_with_keys(pilot, True)
            await pilot.press("y", "n")
            await settle(app, pilot)
        await pilot.press("escape")
        await settle(app, pilot)
    loop_calls.recording = False
    assert loop_calls.elsewhere > 0
    assert loop_calls.calls == []
