"""Driving the real app in tests: build it, and answer questions with the keyboard."""

from __future__ import annotations

import asyncio
import weakref
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input, OptionList

from course.content import load_course
from course.core.model import Course, Question
from course.ui.app import CourseApp, make_app
from course.ui.base import CourseAppBase
from course.ui.inputs.matching import MatchingInput
from course.ui.inputs.ordering import OrderingInput
from course.ui.presenter_app import PresenterApp, make_presenter_app
from course.ui.screens.quiz import QuizScreen
from course.ui.widgets.questions import QuestionInput

REPO = Path(__file__).resolve().parents[2]
EXAMPLE_COURSE = REPO / "docs" / "example-course"


def load(root: Path = EXAMPLE_COURSE) -> Course:
    """A course that must load cleanly."""
    result = load_course(root)
    assert result.course is not None, [e.format() for e in result.errors]
    return result.course


BUILT: weakref.WeakSet[CourseAppBase] = weakref.WeakSet()
"""The apps built by a test, whose queued store calls `settle` waits for."""


def build_app(
    data_dir: Path,
    language: str = "en",
    root: Path = EXAMPLE_COURSE,
    profile: str = "default",
) -> CourseApp:
    """The learner app as `course` builds it, on a test's own data folder, with fixed
    shuffling."""
    app = make_app(load(root), data_dir, language=language, profile=profile, shuffle_seed=7)
    BUILT.add(app)
    return app


def build_presenter(
    data_dir: Path, language: str = "en", root: Path = EXAMPLE_COURSE
) -> PresenterApp:
    """The presenter as `course present` builds it (it claims the room), on a test's own
    data folder."""
    app = make_presenter_app(load(root), data_dir, language=language)
    BUILT.add(app)
    return app


async def settle(app: CourseAppBase, pilot: Pilot[None]) -> None:
    """Wait until every store call that any app of the test queued is done (a presenter's
    write to the room, say), `app`'s room watcher has looked at the room again, and what
    they posted is shown."""
    await pilot.pause()
    # A learner app starts watching the room a moment after its first paint.
    for _ in range(200):
        if getattr(app, "study", None) is None or getattr(app, "room_watcher", 1) is not None:
            break
        await pilot.pause(0.01)
    for built in list(BUILT):
        await asyncio.to_thread(built.storage.drain)
    watcher = getattr(app, "room_watcher", None)
    if watcher is not None:
        await asyncio.to_thread(watcher.check, True)
    await pilot.pause()


async def move_highlight(pilot: Pilot[None], widget: OptionList, target: int) -> None:
    """Move an option list's highlight to `target` with the arrow keys."""
    widget.focus()
    await pilot.pause()
    current = widget.highlighted or 0
    key = "down" if target > current else "up"
    for _ in range(abs(target - current)):
        await pilot.press(key)


async def type_text(pilot: Pilot[None], text: str) -> None:
    """Type text key by key, as a learner would."""
    await pilot.press(*("space" if c == " " else c for c in text))


async def answer_with_keys(pilot: Pilot[None], right: bool) -> Question:
    """Answer the quiz or review screen's current question right or wrong using only the keyboard,
    then check it. Returns the question."""
    from course.ui.screens.review import ReviewScreen

    screen = pilot.app.screen
    assert isinstance(screen, (QuizScreen, ReviewScreen))
    question = screen.question
    assert question is not None
    shown = screen.query_one(QuestionInput)
    options = list(shown.options)
    kind = question.kind
    if kind in ("single", "truefalse"):
        target = next(i for i, o in enumerate(options) if o.correct == right)
        await move_highlight(pilot, shown.query_one(OptionList), target)
        await pilot.press("enter")
    elif kind == "multiple":
        listing = shown.query_one(OptionList)
        for i, option in enumerate(options):
            if option.correct == right:
                await move_highlight(pilot, listing, i)
                await pilot.press("space")
    elif kind == "ordering":
        assert isinstance(shown, OrderingInput)
        listing = shown.query_one(OptionList)
        wanted = list(question.options) if right else list(reversed(question.options))
        for place, option in enumerate(wanted):
            at = next(i for i, o in enumerate(shown.order) if o.index == option.index)
            await move_highlight(pilot, listing, at)
            for _ in range(at - place):
                await pilot.press("u")
    elif kind == "matching":
        assert isinstance(shown, MatchingInput)
        lefts = shown.query_one("#lefts", OptionList)
        rights = shown.query_one("#rights", OptionList)
        count = len(options)
        for i, option in enumerate(options):
            partner = option.index if right else options[(i + 1) % count].index
            await move_highlight(pilot, lefts, i)
            await pilot.press("enter")
            target = next(n for n, o in enumerate(shown.rights) if o.index == partner)
            await move_highlight(pilot, rights, target)
            await pilot.press("enter")
    elif kind == "short":
        shown.query_one(Input).focus()
        text = question.right_options[0].text if right else "something else entirely"
        await type_text(pilot, f"  {text.upper()}  ")
    elif kind == "numeric":
        from course.core.kinds.numeric import read_range

        shown.query_one(Input).focus()
        span = read_range(question.right_options[0].text)
        assert span is not None
        number = span.value if right else span.high + 1000
        await type_text(pilot, f"{number:g}".replace(".", ","))  # as a German learner types
    elif kind == "network-map":
        await write_in_workbench(pilot, "my own thoughts")
    else:
        shown.focus_input()
        await type_text(pilot, "my own thoughts")
    await pilot.pause()
    await pilot.press("ctrl+s")
    await pilot.pause()
    return question


async def write_in_workbench(pilot: Pilot[None], text: str) -> None:
    """From a network-map activity: open its workbench (`w`), switch to the learner's own
    map, type `text` into the first closing question, and come back (Escape twice)."""
    await pilot.press("w")
    await pilot.pause()
    if getattr(pilot.app.screen, "practicing", False):
        await pilot.press("m")
        await pilot.pause()
    await pilot.press("3")
    await pilot.pause()
    await type_text(pilot, text)
    await pilot.press("escape", "escape")
    await pilot.pause()


async def go_to_question(pilot: Pilot[None], kind: str) -> QuestionInput:
    """Answer the quiz's questions rightly until it shows one of `kind`; its input."""
    while True:
        screen = pilot.app.screen
        assert isinstance(screen, QuizScreen) and screen.question is not None
        if screen.question.kind == kind:
            return screen.query_one(QuestionInput)
        await answer_with_keys(pilot, True)
        await pilot.press("n")
        await pilot.pause()
