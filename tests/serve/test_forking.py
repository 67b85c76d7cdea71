"""Learner apps forked from one warm process, the room bell, and what keeps them cheap."""

from __future__ import annotations

import asyncio
import os
import socket
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any, cast

import pytest
from rich.console import Console
from rich.text import Text
from textual.message_pump import MessagePump

from course.store import ProgressStore
from course.ui.room import RoomChanged, RoomWatcher
from course.ui.screens.live_question import LiveQuestionScreen
from course.ui.widgets.markdown_text import MarkdownText
from course.ui.widgets.questions import QuestionInput, marked
from course.workshop.forking import (
    RING_STEP_SECONDS,
    RUNG_AT_ONCE,
    ForkedApp,
    ForkServer,
    RoomBell,
    receive_message,
    send_message,
)
from tests.app.helpers import build_app, settle

from .conftest import Tab, parent, serve, wait_for

COURSE_ID = "example"


def test_the_bell_rings_when_the_live_question_opens_not_for_a_heartbeat(
    tmp_path: Path,
) -> None:
    bell = RoomBell(COURSE_ID)
    with ProgressStore.open(tmp_path) as store, ProgressStore.open(tmp_path) as trainer:
        bell.look(store)  # the room as the server found it
        learner = trainer.learner("ana")
        trainer.classroom(COURSE_ID).heartbeat("browser-1", learner.id, "water")
        assert not bell.look(store)
        trainer.classroom(COURSE_ID).open_round("water", "water-quiz", "black-tea-water", seed=1)
        assert bell.look(store)
        assert not bell.look(store)  # nothing new since


def test_control_messages_carry_their_file_descriptors() -> None:
    ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    read_end, write_end = os.pipe()
    try:
        send_message(ours, {"environment": {"COURSE_SEAT": "t"}}, [write_end])
        message, fds = receive_message(theirs, 4)
        assert message == {"environment": {"COURSE_SEAT": "t"}}
        assert len(fds) == 1
        os.write(fds[0], b"!")  # the same pipe, passed over the socket
        os.close(fds[0])
        assert os.read(read_end, 1) == b"!"
        ours.close()
        with pytest.raises(EOFError):
            receive_message(theirs)
    finally:
        theirs.close()
        os.close(read_end)
        os.close(write_end)


class Collector(MessagePump):
    """Keeps what a room watcher posts, as an app would get it."""

    def __init__(self) -> None:
        super().__init__()
        self.posted: list[object] = []
        self.arrived = threading.Event()

    def post_message(self, message: object) -> bool:  # type: ignore[override]
        self.posted.append(message)
        self.arrived.set()
        return True


def test_a_rung_bell_makes_the_watcher_look_at_once(tmp_path: Path) -> None:
    read_end, write_end = os.pipe()
    with ProgressStore.open(tmp_path) as store, ProgressStore.open(tmp_path) as trainer:
        target = Collector()
        # Without the bell this watcher would look again only after a minute.
        watcher = RoomWatcher(store, COURSE_ID, target, interval=60.0, bell=read_end)
        watcher.start()
        try:
            assert target.arrived.wait(5)  # the first look
            target.arrived.clear()
            trainer.classroom(COURSE_ID).open_round("water", "water-quiz", "black-tea-water", 1)
            os.write(write_end, b"!")
            assert target.arrived.wait(5)
            changed = [m for m in target.posted if isinstance(m, RoomChanged)]
            assert changed[-1].state.live is not None
        finally:
            os.close(write_end)  # ends the bell's thread
            watcher.stop()
            os.close(read_end)


def test_opening_an_up_to_date_store_does_not_wait_for_a_writer(tmp_path: Path) -> None:
    ProgressStore.open(tmp_path).close()
    writer = sqlite3.connect(tmp_path / ProgressStore.DB_NAME, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # a learner's answer being written, held
    try:
        started = time.monotonic()
        ProgressStore.open(tmp_path).close()
        assert time.monotonic() - started < 2
    finally:
        writer.execute("ROLLBACK")
        writer.close()


def test_an_option_wraps_under_its_text_not_under_its_marker() -> None:
    console = Console(width=24)
    option = marked("○ A.", Text("Just off the boil, about 95 °C."))
    lines = console.render_lines(option, console.options, pad=False)
    drawn = ["".join(segment.text for segment in line).rstrip() for line in lines]
    assert drawn[0].startswith("○ A. Just")
    assert len(drawn) > 1
    assert all(line.startswith("     ") and line[5] != " " for line in drawn[1:])


@pytest.mark.slow
async def test_a_learner_app_is_forked_from_the_warm_fork_server(tmp_path: Path) -> None:
    with serve(tmp_path) as served:
        async with Tab(served):
            learners = await asyncio.to_thread(
                wait_for, served.learner_processes, 20, "a learner app process"
            )
            assert isinstance(learners, list) and len(learners) == 1
            fork_server = parent(learners[0])
            assert fork_server != served.process.pid
            assert parent(fork_server) == served.process.pid
            command = Path(f"/proc/{fork_server}/cmdline").read_bytes()
            assert b"--fork-server" in command


async def test_a_served_learner_answers_live_questions_in_dialogs_made_ahead(
    tmp_path: Path,
) -> None:
    learner = build_app(tmp_path, profile="ana")
    read_end, write_end = os.pipe()
    learner.room_bell = read_end  # as `course serve` gives a forked app
    trainer = ProgressStore.open(tmp_path)
    try:
        async with learner.run_test(size=(100, 30)) as pilot:
            await settle(learner, pilot)
            await pilot.pause(0.2)
            ahead = learner._live_ahead
            assert ahead is not None and ahead[0].is_mounted  # made while nothing happened
            room = trainer.classroom(COURSE_ID)
            for question_id in ("black-tea-water", "reboiled-water"):
                live = room.open_round("water", "water-quiz", question_id, seed=1)
                os.write(write_end, b"!")
                await settle(learner, pilot)
                await pilot.pause(0.2)
                dialog = learner.screen
                assert isinstance(dialog, LiveQuestionScreen) and dialog.live.id == live.id
                assert dialog is ahead[0]
                question = dialog.question
                assert question.id == question_id
                prompt = dialog.query_one("#live-prompt", MarkdownText).markdown
                assert prompt == question.prompt
                # The keys go to the question from the moment it is shown.
                focused = dialog.focused
                assert focused is not None and focused.parent is dialog.query_one(QuestionInput)
                await pilot.press("enter", "ctrl+s")
                await settle(learner, pilot)
                assert [a.learner for a in room.answers(live.id)] == ["ana"]
                room.end_round()
                os.write(write_end, b"!")
                await settle(learner, pilot)
                await pilot.pause(0.2)
                assert not isinstance(learner.screen, LiveQuestionScreen)
                ahead = learner._live_ahead  # the next round's, made once this one closed
                assert ahead is not None and ahead[0] is not dialog
    finally:
        trainer.close()
        os.close(write_end)


def rung(ends: list[int]) -> list[bool]:
    """Which of the bells' read ends have a byte waiting (reading it)."""
    found = []
    for end in ends:
        try:
            found.append(bool(os.read(end, 16)))
        except BlockingIOError:
            found.append(False)
    return found


async def test_the_bells_ring_a_few_apps_at_a_time_and_the_next_as_one_has_drawn() -> None:
    forks = ForkServer(["course"], 2)
    pipes = [os.pipe() for _ in range(RUNG_AT_ONCE + 3)]
    for read_end, write_end in pipes:
        os.set_blocking(read_end, False)
        forks._bells[write_end] = None  # as `spawn` adds a forked app's bell
    apps = [ForkedApp(0, cast(Any, None), cast(Any, None), write) for _, write in pipes]
    reads = [read for read, _ in pipes]
    try:
        ringing = asyncio.create_task(forks.ring())
        await asyncio.sleep(0)
        assert rung(reads) == [True] * RUNG_AT_ONCE + [False] * 3
        forks.drew(apps[0])  # the first app has drawn: the next one's turn
        await asyncio.sleep(0.005)
        assert rung(reads)[RUNG_AT_ONCE:] == [True, False, False]
        # Nobody draws: the others are rung all the same, one per step.
        await asyncio.wait_for(ringing, 10 * RING_STEP_SECONDS)
        assert rung(reads)[RUNG_AT_ONCE + 1 :] == [True, True]
    finally:
        for read_end, write_end in pipes:
            os.close(read_end)
            os.close(write_end)


async def test_a_round_ended_before_its_dialog_was_shown_shows_nothing_and_makes_the_next(
    tmp_path: Path,
) -> None:
    from course.store.classroom import WorkshopState

    learner = build_app(tmp_path, profile="ana")
    read_end, write_end = os.pipe()
    learner.room_bell = read_end
    trainer = ProgressStore.open(tmp_path)
    try:
        async with learner.run_test(size=(100, 30)) as pilot:
            await settle(learner, pilot)
            await pilot.pause(0.2)
            made = learner._live_ahead
            assert made is not None
            live = trainer.classroom(COURSE_ID).open_round(
                "water", "water-quiz", "black-tea-water", seed=1
            )
            # The round opens and ends before the dialog made ahead has its question.
            learner.room = WorkshopState(None, False, live, None)
            learner.follow_room()
            learner.room = WorkshopState(None, False, None, None)
            learner.follow_room()
            await pilot.pause(0.3)
            assert not any(isinstance(s, LiveQuestionScreen) for s in learner.screen_stack)
            again = learner._live_ahead
            assert again is not None and again[0] is not made[0]  # ready for the next round
    finally:
        trainer.close()
        os.close(write_end)


async def test_the_fork_server_parses_every_question_ahead_and_apps_only_render_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from textual.app import App, ComposeResult

    from course.ui import forkserver
    from course.ui.widgets import markdown_text
    from tests.app.helpers import load

    monkeypatch.setattr(markdown_text, "PARSED", {})
    monkeypatch.setattr(markdown_text, "RENDERED", markdown_text._RenderedTexts(8))
    course = load()
    forkserver.parse_questions_ahead(course)
    prompts = {
        question.prompt
        for language in course.languages
        for lesson in course.text(language).lessons
        if lesson.quiz is not None
        for question in lesson.quiz.questions
    }
    assert set(markdown_text.PARSED) == prompts

    def no_parsing(*args: object, **kwargs: object) -> None:
        raise AssertionError("a text parsed ahead was parsed again")

    monkeypatch.setattr(markdown_text, "Markdown", no_parsing)
    prompt = max(prompts, key=len)

    class Shows(App[None]):
        def compose(self) -> ComposeResult:
            yield MarkdownText(prompt)

    app = Shows()
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        drawn = app.query_one(MarkdownText).lines(60)
    assert "".join(segment.text for segment in drawn[0]).strip()
