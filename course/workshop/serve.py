"""Serving the learner app to browsers (`course serve`): the learner's command line, the
clean environment of the learner processes, the join code, and the trainer's banner.

textual-serve starts one app process per browser tab, with a copy of the server's whole
environment, and has no authentication of its own. So the server process first reads what
it needs, then replaces its environment with an allow-listed one (`learner_environment`);
the learner processes check the join code against a salted hash in the shared store, so
the code never travels on a command line or in an environment. Neither Textual nor
textual-serve is imported until `serve` runs.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import logging
import os
import secrets
import shlex
import signal
import socket
import subprocess
import sys
import unicodedata
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from rich.console import RenderableType

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
    """The command of one learner's app process: the course in classroom (join) mode on
    the trainer's store. Paths are absolute: the process may start in another folder."""
    argv = [
        python or sys.executable,
        "-m",
        "course",
        "--join",
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
    width: int = BANNER_WIDTH,
) -> RenderableType:
    """What the trainer puts on the projector: the address and the join code in big
    letters, the limit, and (when the server is reachable from the network) the warning."""
    from rich.console import Group
    from rich.panel import Panel
    from rich.text import Text

    inner = max(20, width - 4)  # the panel's border and padding

    def big(text: str, style: str) -> Text:
        lines = big_text(text, inner, scale=2) or big_text(text, inner)
        return Text("\n".join(lines) if lines else text, style=style)

    parts: list[Any] = [
        Text.assemble(("Open in a browser: ", "bold"), (link, "bold cyan underline")),
        Text(""),
        big(shown_address, "bold cyan"),
        Text(""),
        Text.assemble(("Join code: ", "bold"), (code, "bold yellow")),
        Text(""),
        big(code, "bold yellow"),
        Text(""),
        Text(
            f"Each learner types the code and their name; up to {max_learners} learners at "
            "once. The same name continues the same progress."
        ),
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
    parts += [Text("Press Ctrl+C to stop the class.", style="dim")]
    return Panel(
        Group(*parts),
        title="course serve",
        border_style="cyan",
        padding=(1, 1),
        width=min(width, BANNER_WIDTH),
    )


# Serving ------------------------------------------------------------------------------


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
    folder.mkdir(parents=True, exist_ok=True)
    lock = open(folder / f"serve-{course_id}.lock", "ab")  # noqa: SIM115  # held open on purpose
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


def session_limit(max_learners: int) -> int:
    """How many browser tabs (app processes) may be open at once: room for every learner,
    for reloads and for learners still on the join screen, but not unbounded."""
    return 2 * max_learners + 10


def serve(
    *,
    course_dir: Path,
    data_dir: Path,
    title: str,
    code: str,
    max_learners: int,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    language: str | None = None,
    sockets: Sequence[socket.socket] | None = None,
) -> None:
    """Serve the learner app until the trainer stops it (Ctrl+C or SIGTERM).

    The join code must already be in the store (`Classroom.set_join_code`). `sockets` are
    the listening sockets of `listen(host, port)`; without them they are opened here,
    raising OSError when the address cannot be used.
    """
    from aiohttp import web
    from textual_serve.server import Server

    listening = list(sockets) if sockets is not None else listen(host, port)

    shared = share_host(host)
    link = url(shared, port)
    warning = not is_loopback(host)
    limit = session_limit(max_learners)

    class ClassroomServer(Server):
        """textual-serve with our banner instead of its logo, a cap on app processes, and a
        quick stop: open tabs are closed at once instead of holding the shutdown."""

        tabs: ClassVar[set[asyncio.Task[Any]]] = set()

        def serve(self, debug: bool = False) -> None:
            """textual-serve's `Server.serve` (1.1), on the sockets bound already instead of
            a host and port: the address is known to work before anything is announced."""
            self.debug = debug
            self.initialize_logging()
            # The terminal shows the banner on the projector: a line per browser request
            # would scroll the join code away and show the learners' addresses to the room.
            # Warnings and errors still come through.
            logging.getLogger().setLevel(logging.DEBUG if debug else logging.WARNING)
            loop = asyncio.new_event_loop()
            with contextlib.suppress(NotImplementedError):  # Windows has no such signals
                loop.add_signal_handler(signal.SIGINT, self.request_exit)
                loop.add_signal_handler(signal.SIGTERM, self.request_exit)
            web.run_app(
                self._make_app(),
                sock=listening,
                handle_signals=False,
                loop=loop,
                print=lambda *args: None,
            )

        async def on_startup(self, app: web.Application) -> None:
            self.console.print(banner(link, address(shared, port), code, max_learners, warning))

        async def on_shutdown(self, app: web.Application) -> None:
            # Each tab's handler closes its websocket and quits its app when cancelled.
            for task in list(self.tabs):
                task.cancel()

        async def handle_websocket(  # type: ignore[override]  # a full server answers 503
            self, request: web.Request
        ) -> web.StreamResponse:
            if len(self.tabs) >= limit:
                return web.Response(status=503, text="The class is full.")
            task = asyncio.current_task()
            assert task is not None
            self.tabs.add(task)
            try:
                return await super().handle_websocket(request)
            finally:
                self.tabs.discard(task)

    command = shell_command(learner_argv(course_dir, data_dir, language))
    server = ClassroomServer(command, host=host, port=port, title=title, public_url=link)
    # From here on, every learner process gets this environment and nothing else.
    replace_environment(learner_environment(os.environ, Path(data_dir).resolve()))
    server.serve()
