"""The speaker notes in a second terminal (`course present --notes`) follow the presenter,
another process: the slide shown, its notes, the next slide, the blank projector and the
exercise timer; and say so when nobody presents."""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from course.locations import presenter_position_file
from course.store import ProgressStore
from course.ui.notes_app import SpeakerNotesApp, make_speaker_notes_app
from course.ui.screens.presenter import PresenterScreen
from course.ui.screens.speaker_notes import SpeakerNotesScreen
from course.ui.widgets.markdown_text import MarkdownText
from course.workshop import speaker
from course.workshop.countdown import Countdown
from course.workshop.slides import SlideKind, build_slides

from .helpers import EXAMPLE_COURSE, REPO, build_presenter, load, settle

SIZE = (100, 30)


def position(slide: int, *, language: str = "en", **changes: object) -> speaker.PresenterPosition:
    """The position of a presenter of the example course on slide number `slide` (from 0)."""
    course = load()
    slides = build_slides(course.text(language))
    found = speaker.position_of(
        slides,
        slide,
        course_id=course.id,
        language=language,
        blanked=False,
        countdown=Countdown(),
    )
    return replace(found, **changes)  # type: ignore[arg-type]


# The published position ------------------------------------------------------------------


def test_a_published_position_reads_back_the_same(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    shown = position(4)
    speaker.publish(data_dir, shown)
    read = speaker.read_position(data_dir, "example")
    assert read is not None and shown.same_place(read) and read.published_at > 0
    assert speaker.read_position(data_dir, "another-course") is None


def test_no_file_a_broken_file_or_a_gone_presenter_is_nobody_presenting(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    assert speaker.read_position(data_dir, "example") is None
    presenter_position_file(data_dir, "example").write_text("{not json", encoding="utf-8")
    assert speaker.read_position(data_dir, "example") is None
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    speaker.publish(data_dir, position(2, pid=gone.pid))
    assert speaker.read_position(data_dir, "example") is None
    speaker.publish(data_dir, position(2))
    speaker.withdraw(data_dir, "example")
    assert speaker.read_position(data_dir, "example") is None


def test_a_followed_timer_goes_on_from_what_was_published() -> None:
    running = speaker.TimerState(total=300, remaining=120, running=True)
    assert running.countdown(1000.0, clock=lambda: 1030.0).shown() == "1:30"
    paused = speaker.TimerState(total=300, remaining=120, running=False)
    followed = paused.countdown(1000.0, clock=lambda: 1030.0)
    assert followed.shown() == "2:00" and not followed.running and followed.is_set


def test_a_slide_is_found_by_what_it_shows_even_where_the_number_differs() -> None:
    slides = build_slides(load().text("en"))
    question = next(i for i, s in enumerate(slides) if s.kind is SlideKind.QUESTION)
    moved = position(question, index=0)
    assert speaker.find_slide(slides, moved) == question


# The notes app, in this process, on a position published by hand -------------------------


def screen_of(app: SpeakerNotesApp) -> SpeakerNotesScreen:
    screen = app.screen
    assert isinstance(screen, SpeakerNotesScreen)
    return screen


def text(screen: SpeakerNotesScreen, selector: str) -> str:
    """What a part of the notes shows; "" while the language switch rebuilds them."""
    found = screen.query(selector).results(Static)
    return next((str(part.render()) for part in found), "")


async def wait_until(pilot: object, check: Callable[[], bool], seconds: float = 5.0) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, "timed out"
        await pilot.pause(0.05)  # type: ignore[attr-defined]


async def test_the_notes_show_the_slide_its_notes_and_the_next_and_wait_without_presenter(
    data_dir: Path,
) -> None:
    app = make_speaker_notes_app(load(), data_dir, language="en")
    async with app.run_test(size=SIZE) as pilot:
        screen = screen_of(app)
        await wait_until(pilot, lambda: "Waiting for the presenter" in text(screen, "#speaker-now"))
        slides = build_slides(app.course.text("en"))
        speaker.publish(data_dir, position(0))
        await wait_until(pilot, lambda: "Lesson 1" in text(screen, "#speaker-now"))
        assert slides[0].lesson.title in text(screen, "#speaker-now")
        assert "Slide 1 of" in text(screen, "#speaker-place")
        next_title = speaker.slide_title(slides[1], app.t)
        assert text(screen, "#speaker-next") == f"Next: {next_title}"
        notes = screen.query_one("#speaker-notes", MarkdownText)
        assert (slides[0].lesson.facilitator or "").split("\n")[0] in notes.markdown
        speaker.withdraw(data_dir, "example")
        await wait_until(pilot, lambda: "Waiting for the presenter" in text(screen, "#speaker-now"))


async def test_the_notes_of_a_question_mark_its_right_answer(data_dir: Path) -> None:
    app = make_speaker_notes_app(load(), data_dir, language="en")
    slides = build_slides(app.course.text("en"))
    index = next(i for i, s in enumerate(slides) if s.question and s.question.kind == "single")
    question = slides[index].question
    assert question is not None
    right = next(o for o in question.options if o.correct)
    async with app.run_test(size=SIZE) as pilot:
        screen = screen_of(app)
        speaker.publish(data_dir, position(index))
        await wait_until(pilot, lambda: f"Slide {index + 1} of" in text(screen, "#speaker-place"))
        notes = screen.query_one("#speaker-notes", MarkdownText).markdown
        assert f"{right.text} ✓" in notes


async def test_the_notes_follow_the_presenters_language(data_dir: Path) -> None:
    app = make_speaker_notes_app(load(), data_dir, language="en")
    async with app.run_test(size=SIZE) as pilot:
        screen = screen_of(app)
        speaker.publish(data_dir, position(1, language="de"))
        await wait_until(pilot, lambda: "Folie 2 von" in text(screen, "#speaker-place"))
        assert "Jetzt:" in text(screen, "#speaker-now")


@pytest.mark.parametrize("language", ["en", "de"])
def test_the_notes_of_a_question_with_the_timer_look_right_at_80_columns(
    data_dir: Path, language: str, snap_compare: Callable[..., bool]
) -> None:
    slides = build_slides(load().text(language))
    index = next(i for i, s in enumerate(slides) if s.kind is SlideKind.QUESTION)
    data_dir.mkdir(parents=True)
    timer = speaker.TimerState(total=300, remaining=222, running=False)
    speaker.publish(data_dir, position(index, language=language, timer=timer, blanked=True))
    app = SpeakerNotesApp(
        load(),
        ProgressStore.open(data_dir),
        language,
        data_dir=data_dir,
        clock=lambda: 5000.0,
        now=lambda: datetime(2026, 5, 4, 9, 30),
    )

    async def followed(pilot: Pilot[None]) -> None:
        screen = screen_of(app)
        await wait_until(pilot, lambda: screen.position is not None)
        await pilot.pause()

    try:
        assert snap_compare(app, terminal_size=(80, 24), run_before=followed)
    finally:
        app.store.close()


# Two processes: the presenter here, the notes as `course present --notes` in a terminal ---

needs_tmux = pytest.mark.skipif(
    shutil.which("tmux") is None, reason="no tmux to give the notes a terminal"
)


class Terminal:
    """A program in a tmux session of its own: a real terminal, read as text."""

    def __init__(self, name: str, command: list[str], environment: dict[str, str]) -> None:
        self.name = name
        self.socket = f"course-test-{os.getpid()}-{name}"
        shell = " ".join(subprocess.list2cmdline([part]) for part in command)
        subprocess.run(
            ["tmux", "-L", self.socket, "new-session", "-d", "-s", name, "-x", "100", "-y",
             "30", f"{shell}; sleep 60"],
            check=True, env=environment,
        )  # fmt: skip

    def screen(self) -> str:
        return subprocess.run(
            ["tmux", "-L", self.socket, "capture-pane", "-p", "-t", self.name],
            capture_output=True, text=True, check=False,
        ).stdout  # fmt: skip

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], check=False)


@pytest.fixture
def notes_terminal(data_dir: Path) -> Iterator[Terminal]:
    """`course present --notes` running in a terminal on the test's data folder."""
    environment = dict(os.environ)
    environment["PYTHONPATH"] = os.pathsep.join(
        filter(None, [str(REPO), environment.get("PYTHONPATH")])
    )
    terminal = Terminal(
        "notes",
        [sys.executable, "-m", "course", "--course", str(EXAMPLE_COURSE), "--data-dir",
         str(data_dir), "present", "--notes", "--lang", "en"],
        environment,
    )  # fmt: skip
    try:
        yield terminal
    finally:
        terminal.close()


async def shown_in(
    terminal: Terminal, pilot: object | None, wanted: str, seconds: float = 30.0
) -> str:
    """Wait until the terminal shows `wanted` (the presenter's app, when there is `pilot`,
    keeps running meanwhile)."""
    deadline = time.monotonic() + seconds
    while True:
        screen = terminal.screen()
        if wanted in screen:
            return screen
        assert time.monotonic() < deadline, f"{wanted!r} not shown; the screen:\n{screen}"
        if pilot is None:
            await asyncio.sleep(0.2)
        else:
            await pilot.pause(0.2)  # type: ignore[attr-defined]


@pytest.mark.slow
@needs_tmux
async def test_the_notes_in_another_process_follow_every_slide_of_the_presenter(
    data_dir: Path, notes_terminal: Terminal
) -> None:
    app = build_presenter(data_dir)
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, PresenterScreen)
        slides = screen.slides
        await shown_in(notes_terminal, pilot, f"Now: {speaker.slide_title(slides[0], app.t)}")
        for step in range(1, 5):
            await pilot.press("right")
            await settle(app, pilot)
            shown = await shown_in(
                notes_terminal, pilot, f"Now: {speaker.slide_title(slides[step], app.t)}"[:90]
            )
            assert f"Slide {step + 1} of {len(slides)}" in shown
            assert f"Next: {speaker.slide_title(slides[step + 1], app.t)}"[:90] in shown
        await pilot.press("b")
        await settle(app, pilot)
        await shown_in(notes_terminal, pilot, "The projector is blank")
        await pilot.press("b", "t")
        await pilot.pause()
        await pilot.press("5", "enter")
        await settle(app, pilot)
        shown = await shown_in(notes_terminal, pilot, "⏱ 4:5")
        assert "The projector is blank" not in shown
        await pilot.press("q")
        await pilot.pause()
    # The presenter quit: the notes say that nobody presents.
    await shown_in(notes_terminal, None, "Waiting for the presenter")
