"""Starting `course serve` as a real process on a free port, and stopping it for sure."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
EXAMPLE_COURSE = REPO / "docs" / "example-course"
JOIN_CODE = "TEA42X"
STATUS_LINE = re.compile(
    r"[\r\n]*Learners in the class: \d+ of \d+ +Failed join attempts: \d+ *(Joining closed *)?"
)
"""The status line under the banner, as `course serve` redraws it."""
CLASS_NAME = "test"
"""The --class of every served test: its store is DATA/classes/test."""
SECRET_VARIABLE = "COURSE_TEST_TRAINER_SECRET"
"""Set in the trainer's environment of every served test: it must never reach a learner."""


def free_port() -> int:
    """A TCP port nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def descendants(pid: int) -> list[int]:
    """Every process below `pid` (Linux: read from /proc)."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        parents[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
    found: list[int] = []
    todo = [pid]
    while todo:
        parent = todo.pop()
        children = [child for child, of in parents.items() if of == parent]
        found += children
        todo += children
    return found


def parent(pid: int) -> int:
    """The parent process of `pid` (Linux: read from /proc)."""
    return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])


@dataclass
class Served:
    """A running `course serve`."""

    process: subprocess.Popen[str]
    """The server process."""
    port: int
    """The port it listens on."""
    data_dir: Path
    """The class folder (the store every learner writes to)."""
    output: Path
    """Where its stdout and stderr go."""
    trainer_dir: Path = Path()
    """The trainer's data folder, which holds the class folder (classes/test)."""
    learners: set[int] = field(default_factory=set)
    """Learner processes seen while it ran (stopped at the end, should they outlive it)."""

    @property
    def url(self) -> str:
        """The address a browser opens."""
        return f"http://127.0.0.1:{self.port}/"

    def learner_processes(self) -> list[int]:
        """The app processes the server started (the Python ones, not their shells), not
        the fork server, which starts with the server and forks an app per joined tab."""
        found = []
        for pid in descendants(self.process.pid):
            with suppress(OSError):
                command = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
                is_app = b"--seat" in command and not command[0].endswith(b"sh")
                is_fork_server = b"--fork-server" in command and parent(pid) == self.process.pid
                if is_app and not is_fork_server:
                    found.append(pid)
        self.learners.update(found)
        return found

    def text(self) -> str:
        """What the server printed so far."""
        return self.output.read_text(encoding="utf-8", errors="replace")

    def projected(self) -> str:
        """What the server printed but for its status line, redrawn in place with each
        learner who comes or goes: the banner and anything else that would show."""
        return STATUS_LINE.sub("", self.text())


def wait_for(check: Callable[[], object], timeout: float, what: str) -> object:
    """Poll `check` until it returns something true; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(0.1)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


@contextmanager
def serve(tmp_path: Path, *extra: str, host: str | None = None) -> Iterator[Served]:
    """`course serve` of the example course on a free port with a fixed join code; waits
    until it accepts connections, and stops it (and any learner app left) at the end."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    port = free_port()
    trainer_dir = tmp_path / "class-data"
    data_dir = trainer_dir / "classes" / CLASS_NAME
    output = tmp_path / "serve-output.txt"
    argv = [sys.executable, "-m", "course", "--course", str(EXAMPLE_COURSE)]
    argv += ["--data-dir", str(trainer_dir), "serve", "--port", str(port), "--join-code", JOIN_CODE]
    argv += ["--lang", "en", "--class", CLASS_NAME, *extra]
    if host is not None:
        argv += ["--host", host]
    environment = dict(os.environ)
    environment[SECRET_VARIABLE] = "trainer-only-s3cr3t"
    environment["COLUMNS"] = "80"
    # This checkout's `course`, not whichever one the environment has installed.
    environment["PYTHONPATH"] = os.pathsep.join(
        filter(None, [str(REPO), environment.get("PYTHONPATH")])
    )
    with output.open("w", encoding="utf-8") as sink:
        process = subprocess.Popen(
            argv, stdout=sink, stderr=subprocess.STDOUT, env=environment, text=True, cwd=tmp_path
        )
    served = Served(process, port, data_dir, output, trainer_dir)
    try:

        def answering() -> bool:
            # The port is bound before the server runs, so a connection alone is no sign
            # that it serves (and has printed its banner): wait for a page.
            if process.poll() is not None:
                raise AssertionError(f"course serve ended early:\n{served.text()}")
            try:
                with urllib.request.urlopen(served.url, timeout=0.5) as page:
                    return bool(page.status == 200)
            except OSError:
                return False

        wait_for(answering, 20, "course serve to answer")
        yield served
    finally:
        served.learner_processes()
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(5)
        for pid in served.learners:
            with suppress(OSError):  # only if it is still a learner app (pids are reused)
                if b"--seat" in Path(f"/proc/{pid}/cmdline").read_bytes():
                    os.kill(pid, signal.SIGKILL)


@pytest.fixture
def linux_proc() -> None:
    """Skip where /proc does not tell processes and sockets (not Linux)."""
    if not Path("/proc/self/environ").exists() or not Path("/proc/net/tcp").exists():
        pytest.skip("needs Linux /proc to inspect processes and sockets")


class Tab:
    """What a browser tab does: join on the page (code, name, PIN), connect the websocket
    that starts an app process, and read (so that a close from the server is answered at
    once, as a browser does). `origin` None: the served origin."""

    def __init__(
        self,
        served: Served,
        name: str = "ana",
        pin: str = "1234",
        *,
        origin: str | None = None,
        join: bool = True,
    ) -> None:
        self.served = served
        self.name = name
        self.pin = pin
        self.origin = origin or f"http://127.0.0.1:{served.port}"
        self.join = join
        self.closed: asyncio.Future[None] | None = None

    async def __aenter__(self) -> Tab:
        import aiohttp

        self.session = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))
        try:
            if self.join:
                status = await join(self.session, self.served, self.name, self.pin)
                assert status == 303, f"joining as {self.name} gave HTTP {status}"
            self.socket = await self.session.ws_connect(
                f"http://127.0.0.1:{self.served.port}/ws?width=80&height=24",
                headers={"Origin": self.origin},
            )
        except BaseException:
            await self.session.close()
            raise
        self.reader = asyncio.create_task(self._read())
        return self

    async def _read(self) -> None:
        async for _message in self.socket:
            pass

    async def __aexit__(self, *exc: object) -> None:
        await self.socket.close()
        await self.reader
        await self.session.close()


async def join(session: Any, served: Served, name: str, pin: str, code: str = JOIN_CODE) -> int:
    """Post the join page as a browser does (from the served origin); the HTTP status."""
    base = f"http://127.0.0.1:{served.port}"
    async with session.post(
        f"{base}/join",
        data={"code": code, "name": name, "pin": pin},
        headers={"Origin": base},
        allow_redirects=False,
    ) as answer:
        return int(answer.status)
