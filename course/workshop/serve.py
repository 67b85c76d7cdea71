"""Serving the learner app to browsers (`course serve`): the learner's command line, the
clean environment of the learner processes, the join code, the trainer's banner, and the
server that lets a learner app start only for a learner who joined.

textual-serve starts one app process per browser websocket and has no authentication of
its own. So a browser first gets our join page (`course.workshop.gate`): a right join
code, name and PIN give a signed session cookie, and only a websocket with it, from this
server's origin, gets a learner app, in that learner's one seat. The app learns who it is
for from a one-time seat token in its environment (never its command line), and gets an
allow-listed environment otherwise (`learner_environment`). Its errors go to a log in the
class folder, never to the terminal on the projector. Neither Textual nor textual-serve is
imported until `serve` runs.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import ipaddress
import json
import logging
import math
import os
import re
import secrets
import shlex
import signal
import socket
import subprocess
import sys
import threading
import unicodedata
from collections.abc import Awaitable, Callable, Mapping, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TypeVar
from urllib.parse import quote

from course.store import ProgressStore

if TYPE_CHECKING:
    from rich.console import RenderableType

    from course.interchange.forwarding import Forwarder

DEFAULT_HOST = "127.0.0.1"
"""Only this machine can connect unless the trainer names another address."""
DEFAULT_PORT = 8000
"""The port `course serve` listens on by default."""
DEFAULT_MAX_LEARNERS = 40
"""How many learners may be in the class at once by default."""
CODE_ALPHABET = "ACEFGHJKMNPQRTUVWXY34679"
"""Join code characters that neither handwriting nor the big banner font confuse (no
0/O/D, 1/I/L, 2/Z, 5/S, B/8)."""
CODE_LENGTH = 6
"""Characters in a random join code: 24**6, about 191 million codes."""
CODE_MIN_LENGTH = 4
"""The shortest join code a trainer may choose."""
CODE_MAX_LENGTH = 32
"""The longest join code (the join screen's field takes no more)."""

ALLOWED_VARIABLES = frozenset(
    {
        "PATH",
        "LANG",
        "LANGUAGE",
        "TZ",
        "TMPDIR",
        # A checkout run with PYTHONPATH=. needs it to import the same `course` package.
        "PYTHONPATH",
        # Windows cannot start Python or a shell without these.
        "SYSTEMROOT",
        "WINDIR",
        "COMSPEC",
        "PATHEXT",
    }
)
"""Variables of the trainer's environment that the learner processes get unchanged."""
ALLOWED_PREFIXES = ("LC_",)
"""Variable name prefixes passed on unchanged (the locale)."""
LEARNER_TERM = "xterm-256color"
"""The terminal type of a learner process: the browser runs xterm.js."""


def new_join_code(length: int = CODE_LENGTH) -> str:
    """A random join code from `CODE_ALPHABET` (cryptographically random)."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


def clean_join_code(code: str) -> str:
    """A join code chosen by the trainer, upper-cased and stripped; ValueError with a
    message when it is too short, too long or holds spaces or control characters."""
    cleaned = code.strip().upper()
    if len(cleaned) < CODE_MIN_LENGTH:
        raise ValueError(f"a join code needs at least {CODE_MIN_LENGTH} characters")
    if len(cleaned) > CODE_MAX_LENGTH:
        raise ValueError(f"a join code can have at most {CODE_MAX_LENGTH} characters")
    if any(c.isspace() or unicodedata.category(c).startswith("C") for c in cleaned):
        raise ValueError("a join code cannot contain spaces or control characters")
    return cleaned


def learner_argv(
    course_dir: Path, data_dir: Path, language: str | None = None, python: str | None = None
) -> list[str]:
    """The command of one learner's app process: the course for the learner whose seat
    token is in its environment (`SEAT_VARIABLE`), on the class store. Paths are
    absolute: the process may start in another folder."""
    argv = [
        python or sys.executable,
        "-m",
        "course",
        "--seat",
        "--course",
        str(Path(course_dir).resolve()),
        "--data-dir",
        str(Path(data_dir).resolve()),
    ]
    if language:
        argv += ["--lang", language]
    return argv


def shell_command(argv: Sequence[str]) -> str:
    """`argv` as one shell command line (textual-serve starts the app through a shell)."""
    if os.name == "nt":
        return subprocess.list2cmdline(list(argv))
    return shlex.join(argv)


def learner_environment(environ: Mapping[str, str], home: Path) -> dict[str, str]:
    """The environment of the learner processes: only the allow-listed variables of
    `environ` (path, locale, time zone), HOME set to `home` and a fixed TERM. Tokens,
    keys, sockets, proxies and everything else of the trainer's stay behind."""
    kept = {
        name: value
        for name, value in environ.items()
        if name in ALLOWED_VARIABLES or name.startswith(ALLOWED_PREFIXES)
    }
    kept["HOME"] = str(home)
    kept["TERM"] = LEARNER_TERM
    return kept


def replace_environment(new: Mapping[str, str]) -> None:
    """Make `new` the whole environment of this process (and so of every process that
    textual-serve starts from it)."""
    os.environ.clear()
    os.environ.update(new)


def is_loopback(host: str) -> bool:
    """Whether `host` names this machine only (127.0.0.0/8, ::1 or "localhost")."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _outward_address(family: socket.AddressFamily, probe: str) -> str | None:
    """The address this machine would use towards `probe` (a UDP connect sends nothing)."""
    try:
        with socket.socket(family, socket.SOCK_DGRAM) as probe_socket:
            probe_socket.connect((probe, 9))
            address = probe_socket.getsockname()[0]
    except OSError:
        return None
    return None if is_loopback(address) else str(address)


def share_host(host: str) -> str:
    """The host name or address learners type: `host` itself, or for a wildcard address
    ("0.0.0.0", "::", "") this machine's address on the network, else its host name."""
    if host not in ("", "0.0.0.0", "::"):
        return host
    found = None
    if host == "::":
        found = _outward_address(socket.AF_INET6, "fd00::1")
    found = found or _outward_address(socket.AF_INET, "10.255.255.255")
    return found or socket.gethostname()


def address(host: str, port: int) -> str:
    """`host:port` as a browser takes it (IPv6 addresses in brackets)."""
    try:
        if ipaddress.ip_address(host).version == 6:
            host = f"[{host}]"
    except ValueError:
        pass
    return f"{host}:{port}"


def url(host: str, port: int) -> str:
    """The address to open in a browser."""
    return f"http://{address(host, port)}"


JOIN_PATH = "/j/"
"""The path of the short join link: `/j/CODE` opens the join page with the code filled."""


def join_link(base: str, code: str) -> str:
    """The short link a learner opens (or scans) to join: the join page of the server at
    `base` with `code` already filled in, so that only a name and a PIN are left to type."""
    return f"{base.rstrip('/')}{JOIN_PATH}{quote(code, safe='')}"


QR_BORDER = 2
"""Light modules around the QR code (the standard asks for 4; phones read 2 well, and the
banner has no lines to spare)."""


def qr_lines(text: str, border: int = QR_BORDER) -> list[str]:
    """`text` as a QR code (segno, the smallest version that holds it) in half blocks: each
    character is one module wide and two high, so modules come out square in a terminal.
    A block is a dark module: print it dark on light (`QR_STYLE`)."""
    import segno

    rows = [list(row) for row in segno.make(text, micro=False).matrix_iter(border=border)]
    if len(rows) % 2:
        rows.append([0] * len(rows[0]))  # a light row under the last (the border's)
    glyphs = {(1, 1): "█", (1, 0): "▀", (0, 1): "▄", (0, 0): " "}
    return [
        "".join(
            glyphs[(int(bool(top)), int(bool(bottom)))]
            for top, bottom in zip(upper, lower, strict=True)
        )
        for upper, lower in zip(rows[::2], rows[1::2], strict=True)
    ]


QR_STYLE = "black on white"
"""Dark modules on a light ground whatever the terminal's colours: phones read that way."""


# The banner ---------------------------------------------------------------------------

_FONT: dict[str, tuple[str, ...]] = {
    "0": ("███", "█ █", "█ █", "█ █", "███"),
    "1": (" █ ", "██ ", " █ ", " █ ", "███"),
    "2": ("███", "  █", "███", "█  ", "███"),
    "3": ("███", "  █", " ██", "  █", "███"),
    "4": ("█ █", "█ █", "███", "  █", "  █"),
    "5": ("███", "█  ", "██ ", "  █", "██ "),
    "6": ("███", "█  ", "███", "█ █", "███"),
    "7": ("███", "  █", " █ ", " █ ", " █ "),
    "8": ("███", "█ █", "███", "█ █", "███"),
    "9": ("███", "█ █", "███", "  █", "███"),
    "A": (" █ ", "█ █", "███", "█ █", "█ █"),
    "B": ("██ ", "█ █", "██ ", "█ █", "██ "),
    "C": ("███", "█  ", "█  ", "█  ", "███"),
    "D": ("██ ", "█ █", "█ █", "█ █", "██ "),
    "E": ("███", "█  ", "██ ", "█  ", "███"),
    "F": ("███", "█  ", "██ ", "█  ", "█  "),
    "G": ("████", "█   ", "█ ██", "█  █", "████"),
    "H": ("█ █", "█ █", "███", "█ █", "█ █"),
    "I": ("███", " █ ", " █ ", " █ ", "███"),
    "J": ("  █", "  █", "  █", "█ █", "███"),
    "K": ("█ █", "█ █", "██ ", "█ █", "█ █"),
    "L": ("█  ", "█  ", "█  ", "█  ", "███"),
    "M": ("█   █", "██ ██", "█ █ █", "█   █", "█   █"),
    "N": ("█  █", "██ █", "█ ██", "█  █", "█  █"),
    "O": (" █ ", "█ █", "█ █", "█ █", " █ "),
    "P": ("███", "█ █", "███", "█  ", "█  "),
    "Q": ("███", "█ █", "█ █", "███", "  █"),
    "R": ("███", "█ █", "██ ", "█ █", "█ █"),
    "S": (" ██", "█  ", " █ ", "  █", "██ "),
    "T": ("███", " █ ", " █ ", " █ ", " █ "),
    "U": ("█ █", "█ █", "█ █", "█ █", "███"),
    "V": ("█ █", "█ █", "█ █", "█ █", " █ "),
    "W": ("█   █", "█   █", "█ █ █", "██ ██", "█   █"),
    "X": ("█ █", "█ █", " █ ", "█ █", "█ █"),
    "Y": ("█ █", "█ █", " █ ", " █ ", " █ "),
    "Z": ("███", "  █", " █ ", "█  ", "███"),
    ".": (" ", " ", " ", " ", "█"),
    ":": (" ", "█", " ", "█", " "),
    "-": ("   ", "   ", "███", "   ", "   "),
    "/": ("  █", "  █", " █ ", "█  ", "█  "),
}
"""A five-line block font for the banner: big enough to read from the back of a room."""


def big_text(text: str, width: int | None = None, scale: int = 1) -> list[str] | None:
    """`text` as five lines of block letters (each `scale` columns wide per dot), or None
    when a character has no glyph or the lines would be wider than `width`."""
    glyphs = [_FONT.get(char.upper()) for char in text]
    if not text or any(glyph is None for glyph in glyphs):
        return None
    gap = " " * scale
    lines = [
        gap.join("".join(dot * scale for dot in glyph[row]) for glyph in glyphs if glyph)
        for row in range(5)
    ]
    if width is not None and len(lines[0]) > width:
        return None
    return lines


BANNER_WIDTH = 80
"""The banner fits a terminal this wide."""


def banner(
    link: str,
    shown_address: str,
    code: str,
    max_learners: int,
    warning: bool,
    class_dir: str | None = None,
    width: int = BANNER_WIDTH,
) -> RenderableType:
    """What the trainer puts on the projector: the short join link (`join_link`) written
    out and as a QR code, the address and the join code in big letters for those who type
    them, the limit, and (when the server is reachable from the network) the warning."""
    from rich.console import Group
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    inner = max(20, width - 4)  # the panel's border and padding

    def big(text: str, style: str, room: int) -> Text:
        lines = big_text(text, room, scale=2) or big_text(text, room)
        return Text("\n".join(lines) if lines else text, style=style)

    code_lines = qr_lines(link)
    qr = Text("\n".join(code_lines), style=QR_STYLE, no_wrap=True, overflow="crop")
    beside = max(20, inner - len(code_lines[0]) - 2)  # what the QR code and the gap leave
    code_part = Group(
        Text.assemble(("Join code: ", "bold"), (code, "bold yellow")),
        Text(""),
        big(code, "bold yellow", beside),
        Text(""),
        Text(
            f"Scan the code, or open the link. Each learner then types a name and a PIN "
            f"of their own; up to {max_learners} learners at once. The same name and PIN "
            "continue the same progress. In the presenter, j closes joining to newcomers "
            "(and opens it again); the line below says when it is closed."
        ),
    )
    joining = Table.grid(padding=(0, 2))
    joining.add_column(no_wrap=True)
    joining.add_column()
    joining.add_row(qr, code_part)
    parts: list[Any] = [
        Text.assemble(("Open in a browser: ", "bold"), (link, "bold cyan underline")),
        Text(""),
        big(shown_address, "bold cyan", inner),
        Text(""),
        joining,
    ]
    if warning:
        parts += [
            Text(""),
            Text(
                "Warning: this class is open to the network. Anyone who can reach this "
                "address and knows the code can join.",
                style="bold red",
            ),
        ]
    else:
        parts += [
            Text(""),
            Text(
                "Only this machine can connect (--host 0.0.0.0 opens it to the network).",
                style="dim",
            ),
        ]
    if class_dir:
        parts += [Text(f"Class data: {class_dir}", style="dim")]
    parts += [Text("Press Ctrl+C to stop the class.", style="dim")]
    return Panel(
        Group(*parts),
        title="course serve",
        border_style="cyan",
        padding=(0, 1),
        width=min(width, BANNER_WIDTH),
    )


# Serving ------------------------------------------------------------------------------


def make_private_folder(folder: Path) -> None:
    """Create `folder` and any missing parents private to their owner (0700): a class
    folder holds learners' progress, reflections and PIN hashes."""
    missing = []
    for parent in (folder, *folder.parents):
        if parent.exists():
            break
        missing.append(parent)
    for parent in reversed(missing):
        with contextlib.suppress(FileExistsError):
            parent.mkdir(mode=0o700)
        if os.name == "posix":
            parent.chmod(0o700)


def class_folder(data_folder: Path, name: str) -> Path:
    """The folder of the class `name` under the user data folder: each class its own
    store, apart from the trainer's own progress."""
    return data_folder / "classes" / name


def clean_class_name(name: str) -> str:
    """A class name given with --class; ValueError with a message when it could not name
    a folder everywhere (letters, digits, ".", "-" and "_", 1 to 64 characters)."""
    cleaned = name.strip()
    if not re.fullmatch(r"[A-Za-z0-9_][A-Za-z0-9._-]{0,63}", cleaned):
        raise ValueError(
            "a class name has 1 to 64 letters, digits, '.', '-' or '_' and starts with a "
            "letter, a digit or '_'"
        )
    return cleaned


def claim_class(folder: Path, course_id: str) -> IO[bytes] | None:
    """Hold the class of `course_id` in data folder `folder` for this process: an open
    file with an exclusive lock, released when the process ends however it ends. None
    when another `course serve` holds it (two servers would overwrite each other's join
    code and limit, as both classes share the store). Where file locks are missing
    (Windows), nothing is held and None is never returned."""
    try:
        import fcntl
    except ImportError:
        return open(os.devnull, "rb")
    make_private_folder(folder)
    descriptor = os.open(folder / f"serve-{course_id}.lock", os.O_WRONLY | os.O_CREAT, 0o600)
    lock = open(descriptor, "ab")  # noqa: SIM115  # held open on purpose
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        lock.close()
        return None
    return lock


def listen(host: str, port: int) -> list[socket.socket]:
    """Listening sockets for `host:port`, one per address the host name stands for, bound
    as asyncio binds them (address reuse; IPv6 sockets IPv6 only). Raises OSError when the
    address cannot be used.

    `course serve` binds before it writes the join code or prints the banner, so that a
    second server started on a taken port changes nothing of the class already running.
    """
    found = socket.getaddrinfo(host or None, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    sockets: list[socket.socket] = []
    try:
        for family, kind, protocol, _, where in dict.fromkeys(found):
            listener = socket.socket(family, kind, protocol)
            sockets.append(listener)
            if os.name == "posix":  # Windows lets a second server share the port with it
                listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            if family == socket.AF_INET6 and hasattr(socket, "IPPROTO_IPV6"):
                listener.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
            listener.bind(where)
            listener.listen(128)
    except OSError:
        for listener in sockets:
            listener.close()
        raise
    return sockets


SEAT_VARIABLE = "COURSE_SEAT"
"""The environment variable that hands a learner app process its one-time seat token."""
PARENT_VARIABLE = "COURSE_SERVE_PID"
"""The environment variable with the server's process id: the app ends when it is gone."""
LEARNER_LOG = "learners.log"
"""Where the learner apps' errors go, in the class folder (never the projector)."""
SERVER_LOG = "serve.log"
"""Where the server's own warnings and errors go, in the class folder."""
FAILED_JOIN_DELAY = 1.0
"""Seconds before a wrong code or PIN is answered."""
ROOM_LOOK_SECONDS = 2.0
"""How often the server looks whether the trainer closed or opened joining."""
JOIN_THREADS = 2
"""Joins checked at once (a PIN hash takes a core for about 50 ms)."""
FORK_WAIT = 30.0
"""Seconds the server waits for the fork server to be ready (it imports the learner app
and reads the course) before it opens the door; else every app is started on its own."""


def open_private_log(path: Path) -> int:
    """A file descriptor appending to `path`, created private to its owner (0600)."""
    descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    with contextlib.suppress(OSError, NotImplementedError):
        os.fchmod(descriptor, 0o600)
    return descriptor


def die_with_parent(parent: int) -> None:
    """End this process when `parent` (the server) ends, however it ends: on Linux the
    kernel kills it (PR_SET_PDEATHSIG, kept across exec); where the parent is gone
    already, it ends now. A learner app must not outlive `course serve`: it would keep a
    browser tab on a class that is over."""
    if sys.platform.startswith("linux"):
        import ctypes

        pr_set_pdeathsig = 1
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(pr_set_pdeathsig, int(signal.SIGKILL), 0, 0, 0)
    if os.getppid() != parent:
        os._exit(1)


def allowed_hosts(host: str, shared: str, port: int) -> frozenset[str] | None:
    """The Host headers this server answers: its own names (a page of another site that
    a DNS name points at this machine is refused); None on a wildcard address, where the
    machine's every address is its own."""
    if host in ("", "0.0.0.0", "::"):
        return None
    names = {address(host, port), address(shared, port)}
    if is_loopback(host):
        names |= {f"localhost:{port}", f"127.0.0.1:{port}", f"[::1]:{port}"}
    return frozenset(name.lower() for name in names)


T = TypeVar("T")


class ClassStore:
    """The class store for the server, in threads of its own: the event loop that
    serves every learner never waits for SQLite or for hashing a PIN.

    One connection for the server's own work (the room bell's looks included). SQLite
    work runs in one thread; joins, which mostly hash a PIN (scrypt lets go of the GIL), run in
    threads of their own on the same store, so that 40 learners who join together do
    not queue every seat and every look at the room behind 40 PIN hashes.
    """

    def __init__(self, folder: Path) -> None:
        from concurrent.futures import ThreadPoolExecutor

        self._folder = folder
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="class-store")
        self._hashing = ThreadPoolExecutor(
            max_workers=JOIN_THREADS, thread_name_prefix="class-join"
        )
        self._opening = threading.Lock()
        self._store: ProgressStore | None = None

    def _open(self) -> ProgressStore:
        with self._opening:
            if self._store is None:
                self._store = ProgressStore.open(self._folder)
            return self._store

    async def run(self, work: Callable[[ProgressStore], T]) -> T:
        """`work(store)` in the store's thread."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._pool, lambda: work(self._open()))

    async def run_hashing(self, work: Callable[[ProgressStore], T]) -> T:
        """`work(store)` in a thread for work that is mostly hashing (the store's own
        lock keeps its SQLite calls one at a time)."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._hashing, lambda: work(self._open()))

    def close(self) -> None:
        """Close the store and end its threads."""
        self._hashing.shutdown(wait=True)

        def close() -> None:
            if self._store is not None:
                self._store.close()

        self._pool.submit(close)
        self._pool.shutdown(wait=True)


def serve(
    *,
    course_dir: Path,
    data_dir: Path,
    course_id: str,
    title: str,
    code: str,
    max_learners: int,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    language: str | None = None,
    page_language: str = "en",
    sockets: Sequence[socket.socket] | None = None,
    forwarder: Forwarder | None = None,
) -> None:
    """Serve the class in `data_dir` (its own folder) until the trainer stops it (Ctrl+C
    or SIGTERM).

    A browser first gets the join page; a right join code, name and PIN give it a signed
    session cookie; only a websocket with that cookie, from this server's own origin,
    starts a learner app, with the learner's one-time seat token in its environment. One
    seat per learner: a second tab replaces the first. `sockets` are the listening
    sockets of `listen(host, port)`; without them they are opened here, raising OSError
    when the address cannot be used. `forwarder` (`course serve --lrs`) runs from the
    start to the end of the class, in its own thread; how it goes shows in the status line.
    """
    from aiohttp import WSMsgType, web
    from textual_serve.app_service import AppService
    from textual_serve.server import Server

    from course.i18n import Catalogue
    from course.store import StoreError
    from course.store import seats as seating
    from course.store.progress import NAME_LIMIT
    from course.workshop.forking import (
        BELL_LOOK_SECONDS,
        ForkedApp,
        ForkServer,
        RoomBell,
        can_fork,
    )
    from course.workshop.gate import (
        SESSION_COOKIE,
        SessionSigner,
        Throttle,
        join_page,
        same_origin,
    )

    listening = list(sockets) if sockets is not None else listen(host, port)
    class_dir = Path(data_dir).resolve()
    shared = share_host(host)
    link = url(shared, port)
    warning = not is_loopback(host)
    hosts = allowed_hosts(host, shared, port)
    catalogue = Catalogue(page_language)
    argv = learner_argv(course_dir, class_dir, language)
    log = logging.getLogger("course.serve")

    class LearnerService(AppService):
        """textual-serve's app service for one learner: the app started without a shell,
        with the learner's seat token in its environment, its errors in the class log
        (never on the serve terminal), and the browser told when it ends."""

        def __init__(
            self, token: str, log_file: int, forks: ForkServer | None, **kwargs: Any
        ) -> None:
            super().__init__(shell_command(argv), **kwargs)
            self._token = token
            self._log_file = log_file
            self._forks = forks
            self._forked: ForkedApp | None = None

        async def _open_app_process(self, width: int = 80, height: int = 24) -> Any:
            environment = self._build_environment(width=width, height=height)
            environment[SEAT_VARIABLE] = self._token
            forks = self._forks
            if forks is not None and forks.ready:
                try:
                    self._forked = await forks.spawn(environment)
                    # `run` reads `stdout` of it, as of a process
                    self._process = self._forked  # type: ignore[assignment]
                except OSError:
                    log.exception("the fork server failed; this app starts on its own")
                else:
                    self._stdin = self._forked.stdin
                    return self._forked
            environment[PARENT_VARIABLE] = str(os.getpid())
            self._process = process = await asyncio.create_subprocess_exec(
                *argv,
                stdin=asyncio.subprocess.PIPE,
                stdout=asyncio.subprocess.PIPE,
                stderr=self._log_file,
                env=environment,
            )
            assert process.stdin is not None
            self._stdin = process.stdin
            return process

        async def run(self) -> None:
            """textual-serve's `AppService.run` (1.1), without the app's stderr (it goes
            to the class log), and closing the browser's websocket when the app ends, so
            that the learner sees the session ended and can join again."""
            assert self._process is not None
            stdout = self._process.stdout
            assert stdout is not None
            try:
                for _ in range(10):  # the prelude that says it is a Textual app
                    line = await stdout.readline()
                    if not line or line == b"__GANGLION__\n":
                        break
                while True:
                    kind = await stdout.readexactly(1)
                    size = int.from_bytes(await stdout.readexactly(4), "big")
                    payload = await stdout.readexactly(size)
                    if kind == b"D":
                        if self._forked is not None and self._forks is not None:
                            self._forks.drew(self._forked)
                        await self.on_data(payload)
                    elif kind == b"M":
                        await self.on_meta(payload)
                    elif kind == b"P":
                        await self.on_packed(payload)
            except (asyncio.IncompleteReadError, ConnectionResetError, asyncio.CancelledError):
                pass
            if self._forks is not None and self._forked is not None:
                self._forks.release(self._forked)
            with contextlib.suppress(Exception):
                await self.remote_close()

    class ClassroomServer(Server):
        """textual-serve behind the join page: sessions, seats, the throttle, our
        banner, and a quick stop (open tabs are closed at once)."""

        def __init__(self) -> None:
            super().__init__(
                shell_command(argv), host=host, port=port, title=title, public_url=link
            )
            self.seats: dict[int, asyncio.Task[Any]] = {}
            """Learner id to the task serving their tab: one seat per learner."""
            self.throttle = Throttle()
            self.signer = SessionSigner(secrets.token_bytes(32))
            self.store = ClassStore(class_dir)
            self.learner_log = open_private_log(class_dir / LEARNER_LOG)
            self.app_page = app_page_template(catalogue)
            self.joining_closed = False
            """Whether the trainer closed joining, as last read (for the status line)."""
            self.room_task: asyncio.Task[None] | None = None
            self.lrs_refusal_shown = False
            self.forks: ForkServer | None = None
            """Forks the learner apps, where it can (`course.workshop.forking`)."""
            self.bell = RoomBell(course_id)
            """Whether the room changed: then the forked apps' bells are rung."""
            self.bell_task: asyncio.Task[None] | None = None

        def start_forks(self) -> None:
            """Start the fork server and the room bell, with this process's environment
            (which every learner app gets) and what Textual reads of it on import."""
            if not can_fork():
                return
            self.forks = ForkServer(argv, self.learner_log)
            self.forks.start(app_environment())

        async def ring_bells(self, forks: ForkServer) -> None:
            """Ring the forked apps' bells whenever the room changed."""
            while True:
                await asyncio.sleep(BELL_LOOK_SECONDS)
                try:
                    changed = await self.store.run(self.bell.look)
                except StoreError:
                    log.exception("the room could not be read")
                    await asyncio.sleep(1)
                    continue
                if changed:
                    await forks.ring()

        def initialize_logging(self) -> None:
            """Everything logged goes to the class folder's log, nothing to the terminal:
            it shows the banner on the projector."""
            os.close(open_private_log(class_dir / SERVER_LOG))
            handler = logging.FileHandler(class_dir / SERVER_LOG, encoding="utf-8")
            handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(message)s"))
            logging.basicConfig(
                level=logging.DEBUG if self.debug else logging.WARNING,
                handlers=[handler],
                force=True,
            )

        def serve(self, debug: bool = False) -> None:
            """textual-serve's `Server.serve` (1.1), on the sockets bound already instead of
            a host and port: the address is known to work before anything is announced."""
            self.debug = debug
            self.initialize_logging()
            if self.forks is not None and not self.forks.wait_ready(FORK_WAIT):
                self.forks.close()  # learner apps start on their own
                self.forks = None
            loop = asyncio.new_event_loop()
            with contextlib.suppress(NotImplementedError):  # Windows has no such signals
                loop.add_signal_handler(signal.SIGINT, self.request_exit)
                loop.add_signal_handler(signal.SIGTERM, self.request_exit)
            try:
                web.run_app(
                    self._make_app(),
                    sock=listening,
                    handle_signals=False,
                    loop=loop,
                    print=lambda *args: None,
                    access_log=None,
                )
            finally:
                if forwarder is not None:
                    forwarder.stop()
                if self.forks is not None:
                    self.forks.close()
                self.store.close()
                os.close(self.learner_log)

        async def _make_app(self) -> web.Application:
            app = web.Application(middlewares=[self.check_host], client_max_size=16 * 1024)
            app.add_routes(
                [
                    web.get("/", self.handle_index, name="index"),
                    web.get(JOIN_PATH + "{code}", self.handle_join_link, name="join_link"),
                    web.post("/join", self.handle_join, name="join"),
                    web.get("/ws", self.handle_websocket, name="websocket"),
                    web.get("/download/{key}", self.handle_download, name="download"),
                    web.static("/static", self.statics_path, name="static"),
                ]
            )
            app.on_startup.append(self.on_startup)
            app.on_shutdown.append(self.on_shutdown)
            return app

        @web.middleware
        async def check_host(
            self, request: web.Request, handler: Callable[[web.Request], Awaitable[Any]]
        ) -> web.StreamResponse:
            """Refuse a Host that is not this server (DNS rebinding); keep pages out of
            frames and their addresses out of referrers."""
            if hosts is not None and request.host.lower() not in hosts:
                return web.Response(status=403, text="Unknown host.")
            response: web.StreamResponse = await handler(request)
            response.headers.setdefault("X-Frame-Options", "DENY")
            # "same-origin", not "no-referrer": with that, Chromium posts the join form
            # with "Origin: null", which the origin check must refuse.
            response.headers.setdefault("Referrer-Policy", "same-origin")
            return response

        async def on_startup(self, app: web.Application) -> None:
            self.console.print(
                banner(
                    join_link(link, code),
                    address(shared, port),
                    code,
                    max_learners,
                    warning,
                    str(class_dir),
                )
            )
            self.show_status()
            self.room_task = asyncio.create_task(self.follow_joining())
            if forwarder is not None:
                loop = asyncio.get_running_loop()

                def changed() -> None:  # in the forwarder's thread
                    with contextlib.suppress(RuntimeError):  # the loop ended first
                        loop.call_soon_threadsafe(self.lrs_changed)

                forwarder.on_change = changed
                forwarder.start()
            if self.forks is not None:
                self.bell_task = asyncio.create_task(self.ring_bells(self.forks))

        async def follow_joining(self) -> None:
            """Keep the status line's "joining closed" true to what the presenter set."""
            while True:
                with contextlib.suppress(StoreError):
                    closed = await self.store.run(
                        lambda store: store.classroom(course_id).state().joining_locked
                    )
                    if closed != self.joining_closed:
                        self.joining_closed = closed
                        self.show_status()
                await asyncio.sleep(ROOM_LOOK_SECONDS)

        def lrs_changed(self) -> None:
            """The forwarder's news on the status line; once, a refusal in words of its
            own above it (and in the log), never a traceback."""
            assert forwarder is not None
            stopped = forwarder.state.stopped
            if stopped and not self.lrs_refusal_shown:
                self.lrs_refusal_shown = True
                self.console.file.write("\r" + " " * (BANNER_WIDTH - 1) + "\r")
                self.console.print(
                    lrs_stopped_message(stopped, forwarder.state.credentials_refused),
                    style="bold red",
                    markup=False,  # the LRS's reason is its own text
                    highlight=False,
                )
            self.show_status()

        async def on_shutdown(self, app: web.Application) -> None:
            if self.room_task is not None:
                self.room_task.cancel()
            if self.bell_task is not None:
                self.bell_task.cancel()
            # Each tab's handler closes its websocket and quits its app when cancelled.
            for task in list(self.seats.values()):
                task.cancel()
            self.console.file.write("\n")  # what follows starts below the status line

        def show_status(self) -> None:
            """The line under the banner: who is in, and how many join attempts failed
            (a search for the code shows there). Redrawn in place."""
            line = (
                f"Learners in the class: {len(self.seats)} of {max_learners}    "
                f"Failed join attempts: {self.throttle.failed}"
            )
            if self.joining_closed:
                line += "    Joining closed"
            if forwarder is not None:
                lrs = lrs_status_text(forwarder)
                gap = "    " if len(line) + 4 + len(lrs) < BANNER_WIDTH else "  "
                line = (line + gap + lrs)[: BANNER_WIDTH - 1]
            self.console.file.write("\r" + line.ljust(BANNER_WIDTH - 1))
            self.console.file.flush()

        async def session(self, request: web.Request) -> int | None:
            """The learner id of the request's valid session cookie, if any: signed by
            this server, not expired, and bound to the learner's PIN as the store has it
            now, so that a PIN reset or a removal from the class (`course class`) ends
            it, even for a new learner who got the removed one's id."""
            found = self.signer.check(request.cookies.get(SESSION_COOKIE))
            if found is None:
                return None
            try:
                key = await self.store.run(
                    lambda store: seating.session_key(store, found.learner_id)
                )
            except StoreError:
                log.exception("a session could not be checked")
                return None
            if key is None or not hmac.compare_digest(key, found.key):
                return None
            return found.learner_id

        def page(
            self, status: int, message: str | None = None, name: str = "", given_code: str = ""
        ) -> web.Response:
            text = join_page(
                catalogue,
                title,
                message=message,
                name=name,
                code=given_code,
                name_limit=NAME_LIMIT,
            )
            return web.Response(
                status=status,
                text=text,
                content_type="text/html",
                headers={"Cache-Control": "no-store"},
            )

        async def handle_index(self, request: web.Request) -> web.Response:
            if await self.session(request) is None:
                return self.page(200)
            # Addresses from the request: a learner who typed "localhost" stays there, or
            # the websocket would be another origin without the cookie.
            text = self.app_page.render(
                font_size=16,
                app_websocket_url=f"ws://{request.host}/ws",
                config={"static": {"url": "/static/"}},
                application={"name": title},
                ping_url="",
            )
            return web.Response(
                text=text, content_type="text/html", headers={"Cache-Control": "no-store"}
            )

        async def handle_join_link(self, request: web.Request) -> web.StreamResponse:
            """The short link of the banner and its QR code: the join page with the code
            in the link filled in (a learner who has joined goes on to the class)."""
            if await self.session(request) is not None:
                return web.HTTPSeeOther("/")
            return self.page(200, given_code=request.match_info["code"][:CODE_MAX_LENGTH])

        async def refuse(
            self, where: str, message: str, status: int, given_code: str = ""
        ) -> web.Response:
            self.throttle.fail(where)
            self.show_status()
            await asyncio.sleep(FAILED_JOIN_DELAY)
            # The code as typed stays (it says nothing of whether it was right): a learner
            # who came by the short link need not type it after a mistyped PIN.
            return self.page(status, message, given_code=given_code[:CODE_MAX_LENGTH])

        async def handle_join(self, request: web.Request) -> web.StreamResponse:
            """Check the join code, the name and the PIN; a session cookie when right."""
            if not same_origin(request.headers.get("Origin"), request.host, hosts):
                return web.Response(status=403, text="Join from the class page.")
            where = request.remote or "unknown"
            wait = self.throttle.wait(where)
            if wait > 0:
                self.throttle.fail(where)
                self.show_status()
                seconds = math.ceil(wait)
                response = self.page(429, catalogue("serve_page.slow_down", seconds=seconds))
                response.headers["Retry-After"] = str(seconds)
                return response
            form = await request.post()
            given = {key: str(form.get(key, "")) for key in ("code", "name", "pin")}
            wrong = catalogue("serve_page.wrong_code_or_pin")
            if not hmac.compare_digest(given["code"].strip().upper().encode(), code.encode()):
                return await self.refuse(where, wrong, 403, given["code"])
            try:
                outcome = await self.store.run_hashing(lambda store: self.join(store, given))
            except StoreError:
                log.exception("joining failed")
                return self.page(503, catalogue("serve_page.failed"), given["name"])
            if outcome is seating.JoinRefusal.WRONG_PIN:
                return await self.refuse(where, wrong, 403, given["code"])
            if outcome is seating.JoinRefusal.JOINING_CLOSED:
                self.show_status()
                return self.page(
                    403, catalogue(outcome.value), given["name"], given["code"][:CODE_MAX_LENGTH]
                )
            if isinstance(outcome, seating.JoinRefusal):
                message = catalogue(outcome.value, limit=NAME_LIMIT)
                return self.page(400, message, given["name"], given["code"][:CODE_MAX_LENGTH])
            learner_id = outcome.learner.id
            if learner_id not in self.seats and len(self.seats) >= max_learners:
                return self.page(503, catalogue("serve_page.full", count=max_learners))
            response = web.HTTPSeeOther("/")
            response.set_cookie(
                SESSION_COOKIE,
                self.signer.sign(learner_id, outcome.key),
                max_age=self.signer.seconds,
                httponly=True,
                samesite="Strict",
                path="/",
            )
            return response

        def join(
            self, store: ProgressStore, given: Mapping[str, str]
        ) -> seating.Joined | seating.JoinRefusal:
            """Name and PIN checked (in the store's thread); newcomers only while the
            trainer has not closed joining."""
            closed = store.classroom(course_id).state().joining_locked
            self.joining_closed = closed
            return seating.join(store, given["name"], given["pin"], newcomers=not closed)

        async def handle_download(self, request: web.Request) -> web.StreamResponse:
            if await self.session(request) is None:
                return web.Response(status=403, text="Join first.")
            return await super().handle_download(request)

        async def handle_websocket(  # type: ignore[override]  # refusals are plain answers
            self, request: web.Request
        ) -> web.StreamResponse:
            """A learner app for a joined learner's tab, in their seat."""
            if request.headers.get("Upgrade", "").lower() != "websocket":
                return web.Response(status=400, text="This address is for the class page.")
            if not same_origin(request.headers.get("Origin"), request.host, hosts):
                return web.Response(status=403, text="Join from the class page.")
            learner_id = await self.session(request)
            if learner_id is None:
                return web.Response(status=403, text="Join first.")
            task = asyncio.current_task()
            assert task is not None
            # One event loop: from here to the seat taken nothing awaits, so two tabs
            # cannot both take the last seat.
            earlier = self.seats.get(learner_id)
            if earlier is None and len(self.seats) >= max_learners:
                return web.Response(status=503, text="The class is full.")
            self.seats[learner_id] = task
            if earlier is not None:
                earlier.cancel()  # the learner's newer tab replaces the older one
            self.show_status()
            websocket = web.WebSocketResponse(heartbeat=15)
            service: LearnerService | None = None
            try:
                token = await self.store.run(
                    lambda store: seating.issue_seat(store, learner_id, course_id)
                )
                await websocket.prepare(request)
                service = LearnerService(
                    token,
                    self.learner_log,
                    self.forks,
                    write_bytes=websocket.send_bytes,
                    write_str=websocket.send_str,
                    close=websocket.close,
                    download_manager=self.download_manager,
                    debug=self.debug,
                )
                width = _number(request.query.get("width"), 80)
                height = _number(request.query.get("height"), 24)
                await service.start(width, height)
                await self.relay(websocket, service)
            except asyncio.CancelledError:
                await websocket.close()
            except StoreError:
                log.exception("a seat could not be given")  # say, the learner was removed
                if not websocket.prepared:
                    return web.Response(status=403, text="Join again.")
            except Exception:
                log.exception("a learner's tab failed")
            finally:
                if service is not None:
                    with contextlib.suppress(Exception):
                        await service.stop()
                if self.seats.get(learner_id) is task:
                    del self.seats[learner_id]
                self.show_status()
            return websocket

        async def relay(self, websocket: web.WebSocketResponse, service: AppService) -> None:
            """The browser's keys, resizes and focus to the app (textual-serve's
            `_process_messages`, without trusting the messages' shape)."""
            async for message in websocket:
                if message.type != WSMsgType.TEXT:
                    continue
                try:
                    envelope = json.loads(message.data)
                    kind = envelope[0]
                    data: Any = envelope[1] if len(envelope) > 1 else {}
                    if kind == "stdin":
                        await service.send_bytes(str(data).encode("utf-8"))
                    elif kind == "resize":
                        width = _number(data.get("width"), 80)
                        height = _number(data.get("height"), 24)
                        await service.set_terminal_size(width, height)
                    elif kind == "ping":
                        await websocket.send_json(["pong", data])
                    elif kind == "blur":
                        await service.blur()
                    elif kind == "focus":
                        await service.focus()
                except (ValueError, TypeError, AttributeError, IndexError, KeyError):
                    continue  # a malformed message from a browser changes nothing

    server = ClassroomServer()
    # From here on, every learner process gets this environment and nothing else.
    replace_environment(learner_environment(os.environ, class_dir))
    server.start_forks()
    server.serve()


def lrs_status_text(forwarder: Forwarder) -> str:
    """The LRS part of the status line, short: how many statements wait, or what is wrong."""
    state = forwarder.state
    if state.stopped:
        return "LRS: stopped"
    if state.unreachable_since:
        return f"LRS down: {state.waiting} waiting"
    if state.waiting:
        return f"LRS: {state.waiting} waiting"
    return "LRS: all sent" if state.sent else "LRS: nothing to send"


def lrs_stopped_message(reason: str, credentials_refused: bool) -> str:
    """What the projector says when forwarding stopped: why, and what to do."""
    check = (
        "Check COURSE_LRS_USER and COURSE_LRS_PASSWORD (or --lrs-config) and start "
        if credentials_refused
        else "Start "
    )
    return (
        f"Forwarding to the LRS stopped: {reason}. {check}`course serve --lrs` again: the "
        "class goes on, and its statements wait in the class's store."
    )


def app_environment() -> dict[str, str]:
    """This process's environment with what textual-serve adds for an app (its driver,
    colours, frame rate), as `AppService` builds it for a terminal of 80x24."""
    from types import SimpleNamespace

    from textual_serve.app_service import AppService

    build: Callable[..., dict[str, str]] = AppService._build_environment
    return build(SimpleNamespace(debug=False), width=80, height=24)


def _number(value: object, default: int) -> int:
    """A terminal size from the browser: a whole number from 1 to 1000, else `default`."""
    try:
        number = int(str(value))
    except ValueError:
        return default
    return number if 1 <= number <= 1000 else default


LOCAL_FONT = """<style>
@font-face { font-family: "Roboto Mono"; font-style: normal; font-weight: 100 700;
  src: url("{{ config.static.url }}fonts/RobotoMono-VariableFont_wght.ttf") format("truetype"); }
@font-face { font-family: "Roboto Mono"; font-style: italic; font-weight: 100 700;
  src: url("{{ config.static.url }}fonts/RobotoMono-Italic-VariableFont_wght.ttf")
  format("truetype"); }
</style>"""
"""The terminal's font from this server: textual-serve ships Roboto Mono in its static
folder, but its page asks Google for it. Where the file is missing, the browser takes the
next font the terminal names (a monospace font of its own)."""


def app_page_template(catalogue: Any) -> Any:
    """textual-serve's page of the terminal (its template), with its font from this server
    instead of Google's (a class may be offline, and a learner's address is no third
    party's business: nothing of the page may come from elsewhere) and with the "session
    ended" words in the learner's language."""
    import jinja2
    import textual_serve

    source = (Path(textual_serve.__file__).parent / "templates" / "app_index.html").read_text(
        encoding="utf-8"
    )
    source = re.sub(r"<link[^>]*fonts\.googleapis\.com[^>]*>", LOCAL_FONT, source, flags=re.DOTALL)
    source = source.replace("Session ended.", catalogue("serve_page.ended"))
    source = source.replace(">Restart<", f">{catalogue('serve_page.again')}<")
    return jinja2.Environment(autoescape=True).from_string(source)
