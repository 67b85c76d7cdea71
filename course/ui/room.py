"""The room (live question, hold, presenter), watched in a thread that posts messages;
and the presenter's position, followed by the speaker notes in another terminal.

A presenter and the learners' apps share one room through the progress store. Instead of
each screen asking the store on a timer (on the event loop, where a busy file froze the
interface), one `RoomWatcher` thread per app looks at SQLite's `PRAGMA data_version` every
second, reads the room only when another connection committed something, and posts a
`RoomChanged` message to its app; the app decides what changes on screen. The same
thread gives the app's sign of life (a learner's heartbeat, the presenter's claim).
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from textual.message import Message
from textual.message_pump import MessagePump

from course.store import ProgressStore, StoreError
from course.store.classroom import Classroom, LiveAnswer, WorkshopState

if TYPE_CHECKING:
    # The speaker notes' code (slides, the Markdown parser behind them) only where a
    # `PositionWatcher` looks: a learner's app, which watches the room after its first
    # paint, never needs it.
    from course.workshop.speaker import PresenterPosition


@dataclass
class RoomChanged(Message):
    """The room as it is now, after something in it changed."""

    state: WorkshopState
    """The presented lesson, the hold and the live question."""
    answers: tuple[LiveAnswer, ...]
    """The answers to the live question so far (read for the presenter only, else empty)."""
    online: tuple[str, ...] = ()
    """The learners with an app open now, first come first (read for the presenter only,
    else empty): the lobby."""


@dataclass
class RoomLost(Message):
    """The room could not be read or written (the error is said once, until it works)."""

    error: StoreError
    """What went wrong."""


@dataclass
class RoomTaken(Message):
    """This app may not go on in the room: another presenter took it over (to a
    presenter), or the trainer removed the learner from the class (to a learner app)."""


class RoomWatcher:
    """Follows one course's room for one app, in a thread of its own."""

    def __init__(
        self,
        store: ProgressStore,
        course_id: str,
        target: MessagePump,
        *,
        interval: float = 1.0,
        beat: Callable[[Classroom], bool] | None = None,
        beat_every: float = 5.0,
        with_answers: bool = False,
        reread_every: float | None = None,
        bell: int | None = None,
    ) -> None:
        """Post to `target` every `interval` seconds what changed; call `beat` (this app's
        sign of life; False: the room was taken) every `beat_every` seconds. With
        `with_answers`, the live question's answers and who is online come too; with
        `reread_every`, the room is read at least that often even when nothing was
        committed (a learner whose app vanished stops being online without a write).
        `bell`: a pipe to read from; whatever comes down it makes the watcher look at once
        (`course serve` rings it when the room changed)."""
        self.course_id = course_id
        self.store = store
        self.target = target
        self.interval = interval
        self.beat = beat
        self.beat_every = beat_every
        self.with_answers = with_answers
        self.reread_every = reread_every
        self._read_at: float | None = None
        self._seen_version: int | None = None
        self._beaten_at: float | None = None
        self._failed = False
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._poked = False
        self._thread: threading.Thread | None = None
        self._bell = bell

    @property
    def classroom(self) -> Classroom:
        """The room (made in the watcher's thread, as every call to it)."""
        return self.store.classroom(self.course_id)

    def start(self) -> None:
        """Begin watching (the first look happens at once)."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._watch, name="course-room", daemon=True)
            self._thread.start()
            if self._bell is not None:
                threading.Thread(target=self._listen, name="course-bell", daemon=True).start()

    def stop(self, timeout: float | None = 5.0) -> None:
        """Stop watching and wait for a look under way to end."""
        self._stop.set()
        self._wake.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout)
        self._thread = None

    def poke(self) -> None:
        """Look again now and post the room even if nobody else changed it (this app
        changed it itself, which `data_version` does not count, or it needs the room
        again). Call it after the change is committed."""
        self._poked = True
        self._wake.set()

    def _listen(self) -> None:
        """Wake the watcher whenever the bell rings; end when its writer closed it."""
        assert self._bell is not None
        while not self._stop.is_set():
            try:
                rung = os.read(self._bell, 512)
            except OSError:
                return
            if not rung:
                return
            self._wake.set()

    def _watch(self) -> None:
        while not self._stop.is_set():
            poked, self._poked = self._poked, False
            self.check(force=poked)
            self._wake.wait(self.interval)
            self._wake.clear()

    def check(self, force: bool = False) -> None:
        """Look once (in the calling thread): the sign of life when it is due, then the
        room if anything was committed since the last look (or if `force`)."""
        with self._lock:
            try:
                classroom = self.classroom
                now = time.monotonic()
                if self.beat is not None and (
                    self._beaten_at is None or now - self._beaten_at >= self.beat_every
                ):
                    self._beaten_at = now
                    if not self.beat(classroom):
                        self._stop.set()
                        self.target.post_message(RoomTaken())
                        return
                version = self.store.data_version()
                due = self.reread_every is not None and (
                    self._read_at is None or now - self._read_at >= self.reread_every
                )
                if version == self._seen_version and not (force or due):
                    return
                state = classroom.state()
                answers: tuple[LiveAnswer, ...] = ()
                online: tuple[str, ...] = ()
                if self.with_answers:
                    if state.live is not None:
                        answers = tuple(classroom.answers(state.live.id))
                    online = tuple(classroom.active_learners())
                self._seen_version = version
                self._read_at = now
                self._failed = False
            except StoreError as error:
                self._seen_version = None  # look again next time
                if not self._failed:
                    self._failed = True
                    self.target.post_message(RoomLost(error))
                return
        self.target.post_message(RoomChanged(state, answers, online))


@dataclass
class PresenterMoved(Message):
    """The presenter published a new position, or stopped presenting."""

    position: PresenterPosition | None
    """Where the presenter is now; None when no presenter runs."""


class PositionWatcher:
    """Follows the position a presenter in another process publishes
    (`course.workshop.speaker`), in a thread of its own: reading the file never waits on
    the event loop. Posts `PresenterMoved` to `target` at once and on every change."""

    def __init__(
        self, data_dir: Path, course_id: str, target: MessagePump, *, interval: float = 0.2
    ) -> None:
        self.data_dir = data_dir
        self.course_id = course_id
        self.target = target
        self.interval = interval
        self._seen: PresenterPosition | None = None
        self._posted = False
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Begin following (the first look happens at once)."""
        if self._thread is None:
            self._thread = threading.Thread(
                target=self._watch, name="course-presenter", daemon=True
            )
            self._thread.start()

    def stop(self, timeout: float | None = 5.0) -> None:
        """Stop following."""
        self._stop.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout)
        self._thread = None

    def _watch(self) -> None:
        while not self._stop.is_set():
            self.check()
            self._stop.wait(self.interval)

    def check(self) -> None:
        """Look once (in the calling thread); post what changed."""
        from course.workshop.speaker import read_position

        position = read_position(self.data_dir, self.course_id)
        if self._posted and position == self._seen:
            return
        self._seen = position
        self._posted = True
        self.target.post_message(PresenterMoved(position))
