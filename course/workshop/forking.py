"""Learner apps forked from one warm process, and a bell that rings them when the room
changes: what makes a class of 40 start and follow a live question within seconds.

Started cold, every learner app paid for its own Python, imports of Textual and the
course, and the course read from disk: about half a CPU second each, so 40 learners who
join together waited half a minute on two cores. `course serve` therefore starts one
*fork server* when it starts (before anyone joined, but it starts no learner app by
itself): a process that has imported the learner app and read the course, and then
forks a learner app for each joined learner's tab, in milliseconds, sharing its memory
copy-on-write. The server hands it the tab's pipes and log over a Unix socket (the file
descriptors themselves, `SCM_RIGHTS`) with the app's environment (its one-time seat
token); the fork server answers the new app's process id.

The room bell: instead of 40 apps each asking SQLite every second whether the room
changed (and re-reading it after every learner's heartbeat), the server alone watches the
room and writes one byte down each app's bell pipe when it changed; the app's room
watcher looks at once (`course.ui.room`).

POSIX only (fork, fd passing); elsewhere `course serve` starts each app as its own process.
Nothing here imports Textual: the fork server's side is `course.ui.forkserver`.
"""

from __future__ import annotations

import array
import asyncio
import contextlib
import json
import logging
import os
import socket
import subprocess
import threading
from collections import deque
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from course.store import ProgressStore

log = logging.getLogger("course.serve")

FORK_SERVER_OPTION = "--fork-server"
"""The hidden option that makes `python -m course` the fork server; its control socket
is its standard input."""
MESSAGE_LIMIT = 64 * 1024
"""The largest control message (an app's environment)."""
FDS_PER_APP = 4
"""What a forked app gets: its stdin, its stdout, its stderr (the class log), its bell."""
BELL_VARIABLE = "COURSE_ROOM_BELL"
"""The environment variable with the file descriptor a forked app's bell rings on."""
BELL_LOOK_SECONDS = 0.05
"""How often the server looks whether the room changed (one cheap SQLite read)."""
RUNG_AT_ONCE = 2 * (os.cpu_count() or 1)
"""How many apps are rung at first; two per core keep every core busy while an app waits
for the disk, the server or one of its threads."""
RING_STEP_SECONDS = 0.02
"""After the first ones, the next app is rung when one has drawn, and at the latest this
long after the last was rung: so 40 apps are all rung within a second even when none
draws (an app whose screen shows nothing of the change draws nothing) or the cores are
busy with other work (then the apps share them, as when all were rung at once)."""


def can_fork() -> bool:
    """Whether learner apps can be forked here (POSIX with fd passing)."""
    return hasattr(os, "fork") and hasattr(socket, "send_fds") and hasattr(socket, "AF_UNIX")


def send_message(sock: socket.socket, message: Mapping[str, Any], fds: Sequence[int] = ()) -> None:
    """One control message: JSON, with file descriptors attached."""
    data = json.dumps(message).encode("utf-8")
    if fds:
        socket.send_fds(sock, [data], list(fds))
    else:
        sock.sendall(data)


def receive_message(sock: socket.socket, max_fds: int = 0) -> tuple[dict[str, Any], list[int]]:
    """One control message and its file descriptors; EOFError when the other side closed."""
    fds = array.array("i")
    data, ancillary, _, _ = sock.recvmsg(MESSAGE_LIMIT, socket.CMSG_SPACE(max_fds * fds.itemsize))
    for level, kind, payload in ancillary:
        if level == socket.SOL_SOCKET and kind == socket.SCM_RIGHTS:
            fds.frombytes(payload[: len(payload) - (len(payload) % fds.itemsize)])
    if not data:
        for fd in fds:
            os.close(fd)
        raise EOFError("the control socket was closed")
    return json.loads(data), list(fds)


@dataclass
class ForkedApp:
    """A learner app forked for one tab, as `textual-serve` talks to a process."""

    pid: int
    """Its process id (a child of the fork server, which reaps it)."""
    stdin: asyncio.StreamWriter
    """The app's standard input: the browser's keys, in textual-serve's packets."""
    stdout: asyncio.StreamReader
    """The app's standard output: its screen, in textual-serve's packets."""
    bell: int
    """The write end of the app's bell pipe."""


class ForkServer:
    """The server's side of the fork server: start it, ask it for apps, ring their bells."""

    def __init__(self, argv: Sequence[str], log_file: int) -> None:
        """`argv`: a learner app's command; `log_file`: where the fork server's errors go."""
        self._argv = [*argv, FORK_SERVER_OPTION]
        self._log_file = log_file
        self._socket: socket.socket | None = None
        self._process: subprocess.Popen[bytes] | None = None
        self._lock = threading.Lock()
        # Its own thread: a busy default executor must not hold up a learner's start.
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="fork-server")
        self._ready = threading.Event()
        self._started = threading.Event()
        self._bells: dict[int, None] = {}
        """The apps' bells, in the order the apps started (a dict keeps it)."""
        self._bells_lock = threading.Lock()
        self._rung: set[int] = set()
        """The bells rung that have not drawn yet."""
        self._drawn = asyncio.Event()
        self._drew_since = 0
        """How many rung apps drew since the last app was rung."""
        self._first_rung = 0

    def start(self, environment: Mapping[str, str]) -> None:
        """Start the fork server with `environment` (Textual reads parts of it on import);
        it gets ready in the background (`wait_ready`)."""
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        try:
            self._process = subprocess.Popen(
                self._argv,
                stdin=theirs.fileno(),
                stdout=subprocess.DEVNULL,
                stderr=self._log_file,
                env=dict(environment),
                close_fds=True,
            )
        finally:
            theirs.close()
        self._socket = ours
        threading.Thread(target=self._await_ready, name="fork-server-ready", daemon=True).start()

    def _await_ready(self) -> None:
        assert self._socket is not None
        try:
            with contextlib.suppress(OSError, EOFError, ValueError):
                message, _ = receive_message(self._socket)
                if message.get("ready"):
                    self._ready.set()
                    return
            log.error("the fork server did not start; learner apps start on their own")
        finally:
            self._started.set()

    def wait_ready(self, timeout: float) -> bool:
        """Whether the fork server is ready to fork (waiting at most `timeout` seconds
        for it to be ready or to have failed)."""
        self._started.wait(timeout)
        return self._ready.is_set()

    @property
    def ready(self) -> bool:
        """Whether the fork server is ready to fork."""
        return self._ready.is_set()

    def _fork(self, environment: Mapping[str, str], fds: Sequence[int]) -> int:
        assert self._socket is not None
        with self._lock:
            try:
                send_message(self._socket, {"environment": dict(environment)}, fds)
                answer, _ = receive_message(self._socket)
            except (OSError, EOFError, ValueError) as error:
                self._ready.clear()  # gone: later tabs start their apps on their own
                raise OSError(f"the fork server is gone: {error}") from error
        pid = answer.get("pid")
        if not isinstance(pid, int):
            raise OSError(f"the fork server could not start an app: {answer.get('error')}")
        return pid

    async def spawn(self, environment: Mapping[str, str]) -> ForkedApp:
        """A new learner app with `environment` (it holds the seat token). OSError when
        the fork server is gone or could not fork."""
        if not self._ready.is_set():
            raise OSError("the fork server is not ready")
        loop = asyncio.get_running_loop()
        stdin_read, stdin_write = os.pipe()
        stdout_read, stdout_write = os.pipe()
        bell_read, bell_write = os.pipe()
        theirs = (stdin_read, stdout_write, self._log_file, bell_read)
        try:
            pid = await loop.run_in_executor(self._pool, self._fork, environment, theirs)
        except BaseException:
            for fd in (stdin_write, stdout_read, bell_write):
                os.close(fd)
            raise
        finally:
            for fd in (stdin_read, stdout_write, bell_read):
                os.close(fd)
        os.set_blocking(bell_write, False)
        reader = asyncio.StreamReader(limit=2**20, loop=loop)
        await loop.connect_read_pipe(
            lambda: asyncio.StreamReaderProtocol(reader, loop=loop),
            open(stdout_read, "rb", 0),  # noqa: SIM115  # the transport owns it
        )
        transport, protocol = await loop.connect_write_pipe(
            lambda: asyncio.StreamReaderProtocol(asyncio.StreamReader(loop=loop), loop=loop),
            open(stdin_write, "wb", 0),  # noqa: SIM115  # the transport owns it
        )
        writer = asyncio.StreamWriter(transport, protocol, None, loop)
        with self._bells_lock:
            self._bells[bell_write] = None
        return ForkedApp(pid, writer, reader, bell_write)

    def release(self, app: ForkedApp) -> None:
        """Forget an app that ended: close its bell and its input."""
        with self._bells_lock:
            if app.bell in self._bells:
                del self._bells[app.bell]
                os.close(app.bell)
        self.drew(app)
        with contextlib.suppress(Exception):
            app.stdin.close()

    async def ring(self) -> None:
        """Tell every app that the room changed, a few at a time (an app whose pipe is
        full will look anyway: it has a byte waiting).

        Rung all at once, 40 apps shared two cores until the last of them had drawn the
        live question, all about as late as the last; and a learner's check, typed as
        soon as the question was there, waited behind the others' drawing. Rung a few at a
        time (`RUNG_AT_ONCE` first, then one more for each that has drawn, see `drew`, and
        one more at the latest every `RING_STEP_SECONDS`), the apps draw one after the
        other in about the same total time, and an app that has drawn finds the cores
        nearly free for its learner's keys: in four runs of benchmarks/class_serve.py with
        40 learners taking turns, check to commit p99 0.29 and 0.27 s against 0.59 and
        1.14 s rung all at once (the question on every screen, max, 1.30 and 1.33 s
        against 1.17 and 1.45 s). Each change starts with other apps than the last, so
        that nobody is always last.
        """
        with self._bells_lock:
            bells = list(self._bells)
        if not bells:
            return
        start = self._first_rung % len(bells)
        self._first_rung = start + RUNG_AT_ONCE
        waiting = deque(bells[start:] + bells[:start])
        self._rung.clear()
        turns = RUNG_AT_ONCE
        while waiting:
            for _ in range(min(turns, len(waiting))):
                bell = waiting.popleft()
                with self._bells_lock, contextlib.suppress(OSError):
                    if bell in self._bells:
                        os.write(bell, b"!")
                        self._rung.add(bell)
            self._drawn.clear()
            self._drew_since = 0
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._drawn.wait(), RING_STEP_SECONDS)
            turns = max(1, self._drew_since)
        self._rung.clear()

    def drew(self, app: ForkedApp) -> None:
        """An app wrote to its screen: if it was rung, the next app's turn."""
        if app.bell in self._rung:
            self._rung.discard(app.bell)
            self._drew_since += 1
            self._drawn.set()

    def close(self) -> None:
        """End the fork server (its apps end with it: each dies with its parent)."""
        self._pool.shutdown(wait=False, cancel_futures=True)
        if self._socket is not None:
            with contextlib.suppress(OSError):
                self._socket.close()
        if self._process is not None:
            try:
                self._process.wait(5)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()


class RoomBell:
    """Whether the class's room changed: the live question, the hold or the presented
    lesson (a learner's heartbeat changes none of them). The server looks every
    `BELL_LOOK_SECONDS` and rings the forked apps' bells when it did.

    It looks through the server's one store connection (`look` runs in the store's
    thread), twenty times a second: a read of `PRAGMA data_version`, and of the room only
    when something was committed.
    """

    def __init__(self, course_id: str) -> None:
        self._course_id = course_id
        self._version: int | None = None
        self._room: object = None

    def look(self, store: ProgressStore) -> bool:
        """Whether the room changed since the last look (in the store's thread)."""
        version = store.data_version()
        if version == self._version:
            return False
        self._version = version
        room = store.classroom(self._course_id).state()
        changed = room != self._room
        self._room = room
        return changed
