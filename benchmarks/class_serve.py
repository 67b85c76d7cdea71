"""A class on one laptop: `course serve` on loopback with N websocket learners.

    python benchmarks/class_serve.py [--learners N] [--rounds R] [--timeout S]

Each learner does what a browser tab does: posts the join page (code, name, PIN), opens
the websocket, reads the terminal output until its first screen is drawn, and tells the
app that its terminal has the keyboard focus (a browser's terminal says so when it takes
the focus, which it needs before any key can be typed into it). Then the
benchmark opens a live question for the room in the class store, as the presenter's `l`
does, and every learner, once the question is on its screen, presses Enter (choose) and
Ctrl+S (check). It reports, with the targets of the class (issue 13):

- join time: from the join post to the first screen (all within 10 s at 40 learners);
- the live question on every screen, from the round opened (max 1.0 s at 40, 2.0 s at 60);
- check to commit: from Ctrl+S sent to the answer in SQLite (p99 300 ms at 40, 600 ms at 60);
- lost key presses: learners whose answer never arrived (0);
- mix-ups: learners whose screen shows another learner's profile (0);
- RSS per learner process (at most 45 MB), with the share of memory that is the app's
  own: PSS (shared pages split among the processes sharing them) and USS (private);
- CPU seconds of the server with its learner apps, and of the clients, apart.

Learner apps are forked from one warm process (`course.workshop.forking`); that fork
server is reported apart and not counted as a learner.

Bounded: at most 80 learners, every wait has a deadline. Exits 1 when a target is missed.
Run it from the repository root; it starts its own server on a free loopback port with a
temporary data folder.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from course.i18n import Catalogue  # noqa: E402
from course.store import ProgressStore  # noqa: E402

COURSE = REPO / "docs" / "example-course"
COURSE_ID = "example"
CODE = "BENCH7"
LESSON, QUIZ, QUESTION = "water", "water-quiz", "black-tea-water"
ANSI = re.compile(rb"\x1b(\[[0-9;?<>=$]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[()][0-9A-Za-z]|.)")
FIRST_SCREEN = "lessons done"
"""Words of the outline: the learner's first screen is drawn."""
LIVE_TITLE = Catalogue("en")("live.title")
"""The live question's dialog title: the question is on the screen."""
TARGETS = {40: (10.0, 1.0, 0.3), 60: (10.0, 2.0, 0.6)}
"""Learners: (all joined within s, live question max s, check→commit p99 s)."""
RSS_TARGET_MB = 45.0


@dataclass
class Learner:
    """One benchmark learner: a browser tab's doings and what it measured."""

    name: str
    session: aiohttp.ClientSession
    socket: aiohttp.ClientWebSocketResponse | None = None
    screen: bytearray = field(default_factory=bytearray)
    joined: float | None = None
    """Seconds from the join post to the first screen."""
    seen: dict[int, float] = field(default_factory=dict)
    """Round number to the moment (monotonic) the question was on the screen."""
    checked: dict[int, float] = field(default_factory=dict)
    """Round number to the moment Ctrl+S (check) was sent."""
    changed: asyncio.Event = field(default_factory=asyncio.Event)
    reader: asyncio.Task[None] | None = None
    mixed_up: bool = False
    """Whether the first screen showed another profile than the learner's own."""

    def text(self) -> str:
        return ANSI.sub(b"", bytes(self.screen)).decode("utf-8", "replace")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def descendants(pid: int) -> list[int]:
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            parents[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
    found, todo = [], [pid]
    while todo:
        parent = todo.pop()
        children = [c for c, p in parents.items() if p == parent]
        found += children
        todo += children
    return found


def cpu_seconds(pid: int) -> float:
    """User and system CPU seconds of a process and its ended, waited-for children."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    ticks = sum(int(fields[i]) for i in (11, 12, 13, 14))
    return ticks / os.sysconf("SC_CLK_TCK")


def server_cpu(pid: int) -> float:
    """CPU seconds of the server and every learner app below it."""
    return cpu_seconds(pid) + sum(cpu_seconds(child) for child in descendants(pid))


def memory_mb(pid: int) -> dict[str, float]:
    """RSS, PSS and USS (private) of a process in MB, from /proc/PID/smaps_rollup."""
    found: dict[str, float] = {}
    try:
        lines = Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()
    except OSError:
        return found
    for line in lines:
        name, _, rest = line.partition(":")
        if name in ("Rss", "Pss", "Private_Clean", "Private_Dirty"):
            found[name] = int(rest.split()[0]) / 1024
    found["Uss"] = found.pop("Private_Clean", 0.0) + found.pop("Private_Dirty", 0.0)
    return found


def parent_of(pid: int) -> int:
    return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])


def learner_apps(server: int) -> tuple[list[int], list[int]]:
    """The learner app processes below the server, and the fork server (if any)."""
    apps, forkers = [], []
    for pid in descendants(server):
        try:
            command = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
            parent = parent_of(pid)
        except OSError:
            continue
        if b"--seat" not in command:
            continue
        if b"--fork-server" in command and parent == server:
            forkers.append(pid)
        else:
            apps.append(pid)
    return apps, forkers


async def read(learner: Learner) -> None:
    assert learner.socket is not None
    async for message in learner.socket:
        if message.type == aiohttp.WSMsgType.BINARY:
            learner.screen += message.data
            learner.changed.set()


async def wait_screen(learner: Learner, words: str, deadline: float) -> float | None:
    """The moment `words` are on the learner's screen (looked for in what came since the
    last look), or None at the deadline."""
    while time.monotonic() < deadline:
        if words in learner.text():
            return time.monotonic()
        learner.changed.clear()
        try:
            await asyncio.wait_for(learner.changed.wait(), deadline - time.monotonic())
        except TimeoutError:
            return None
    return None


async def join(learner: Learner, base: str, deadline: float) -> None:
    started = time.monotonic()
    async with learner.session.post(
        f"{base}/join",
        data={"code": CODE, "name": learner.name, "pin": "2468"},
        headers={"Origin": base},
        allow_redirects=False,
    ) as answer:
        if answer.status != 303:
            return
    learner.socket = await learner.session.ws_connect(
        f"{base.replace('http', 'ws')}/ws?width=100&height=30", headers={"Origin": base}
    )
    learner.reader = asyncio.create_task(read(learner))
    seen = await wait_screen(learner, FIRST_SCREEN, deadline)
    if seen is not None:
        learner.joined = seen - started
        # As the page's terminal does when it takes the focus. Without it the app took
        # its window for unfocused until the first key, and restyled its whole screen
        # then: in the middle of the first live round, which no browser does.
        await learner.socket.send_json(["focus"])
        own = Catalogue("en")("app.profile", name=learner.name)
        learner.mixed_up = own not in learner.text()


async def answer(learner: Learner, round_number: int, deadline: float) -> None:
    learner.screen.clear()  # look for the dialog in what comes after the round opened
    seen = await wait_screen(learner, LIVE_TITLE, deadline)
    if seen is None or learner.socket is None:
        return
    learner.seen[round_number] = seen
    await asyncio.sleep(0.3)  # a person reads before choosing
    await learner.socket.send_json(["stdin", "\r"])
    await asyncio.sleep(0.2)
    learner.checked[round_number] = time.monotonic()
    await learner.socket.send_json(["stdin", "\x13"])  # Ctrl+S: check


def committed(store: ProgressStore, round_id: int) -> dict[str, float]:
    """Learner name to the moment (monotonic) their answer was first seen committed.
    One store, opened once: opening one takes the file's locks, which would make the
    learners' own writes wait on the measurement."""
    return {
        given.learner: time.monotonic() for given in store.classroom(COURSE_ID).answers(round_id)
    }


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))]


async def run(learners_count: int, rounds: int, timeout: float) -> int:
    data = Path(tempfile.mkdtemp(prefix="class-bench-"))
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    environment = dict(os.environ, PYTHONPATH=str(REPO), COLUMNS="80")
    server = subprocess.Popen(
        [sys.executable, "-m", "course", "--course", str(COURSE), "--data-dir", str(data),
         "serve", "--port", str(port), "--join-code", CODE, "--class", "bench",
         "--max-learners", str(learners_count), "--lang", "en"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=environment,
    )  # fmt: skip
    folder = data / "classes" / "bench"
    sessions: list[aiohttp.ClientSession] = []
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                async with aiohttp.ClientSession() as probe, probe.get(base) as page:
                    if page.status == 200:
                        break
            except aiohttp.ClientError:
                await asyncio.sleep(0.2)
        client_cpu = resource.getrusage(resource.RUSAGE_SELF)
        client_before = client_cpu.ru_utime + client_cpu.ru_stime
        server_before = server_cpu(server.pid)
        server_alone_before = cpu_seconds(server.pid)
        learners = []
        for number in range(learners_count):
            session = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))
            sessions.append(session)
            learners.append(Learner(f"learner{number:02d}", session))
        started = time.monotonic()
        await asyncio.gather(*(join(le, base, started + timeout) for le in learners))
        all_joined = time.monotonic() - started
        joined = [le.joined for le in learners if le.joined is not None]
        await asyncio.sleep(2)  # every app polls the room at least once
        apps, forkers = learner_apps(server.pid)
        memory = [found for found in map(memory_mb, apps) if found]
        sizes = [found["Rss"] for found in memory]
        proportional = [found["Pss"] for found in memory]
        private = [found["Uss"] for found in memory]
        forker_memory = [found for found in map(memory_mb, forkers) if found]

        shown: list[float] = []
        commits: list[float] = []
        lost = 0
        round_cpu: list[float] = []
        watching = ProgressStore.open(folder)
        for number in range(rounds):
            cpu_before = server_cpu(server.pid)
            with ProgressStore.open(folder) as store:
                opened_at = time.monotonic()
                live = store.classroom(COURSE_ID).open_round(LESSON, QUIZ, QUESTION, seed=number)
            end = time.monotonic() + timeout
            answering = asyncio.gather(*(answer(le, number, end) for le in learners))
            arrived: dict[str, float] = {}
            while time.monotonic() < end and len(arrived) < len(learners):
                found = await asyncio.to_thread(committed, watching, live.id)
                for name, moment in found.items():
                    arrived.setdefault(name, moment)
                await asyncio.sleep(0.02)
            await answering
            round_cpu.append((server_cpu(server.pid) - cpu_before) / learners_count)
            for le in learners:
                if number in le.seen:
                    shown.append(le.seen[number] - opened_at)
                if number in le.checked and le.name in arrived:
                    commits.append(max(0.0, arrived[le.name] - le.checked[number]))
                elif number in le.checked:
                    lost += 1
            with ProgressStore.open(folder) as store:
                store.classroom(COURSE_ID).end_round()
            await asyncio.sleep(1.5)  # the dialogs close
        watching.close()
        client_cpu = resource.getrusage(resource.RUSAGE_SELF)
        client_used = client_cpu.ru_utime + client_cpu.ru_stime - client_before
        server_used = server_cpu(server.pid) - server_before
        server_alone = cpu_seconds(server.pid) - server_alone_before
    finally:
        for session in sessions:
            await session.close()
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(15)
        except subprocess.TimeoutExpired:
            server.kill()
        shutil.rmtree(data, ignore_errors=True)

    def row(what: str, values: list[float], unit: str = "s") -> str:
        if not values:
            return f"{what:<34} none measured"
        return (
            f"{what:<34} med {statistics.median(values):6.2f} {unit}  "
            f"p99 {percentile(values, 0.99):6.2f} {unit}  max {max(values):6.2f} {unit}  "
            f"(n={len(values)})"
        )

    expected = learners_count * rounds
    print(f"class of {learners_count} learners, {rounds} live rounds, on {os.cpu_count()} cores")
    print(f"{'joined':<34} {len(joined)} of {learners_count}, all within {all_joined:.2f} s")
    print(row("join post → first screen", joined))
    print(row("live question on the screen", shown))
    print(f"{'questions shown':<34} {len(shown)} of {expected}")
    print(row("check → committed", commits))
    missing = expected - len(commits)
    print(f"{'lost key presses':<34} {lost} (answers missing of {expected}: {missing})")
    mixed = sum(le.mixed_up for le in learners)
    print(f"{'mix-ups (another profile shown)':<34} {mixed}")
    print(row("RSS per learner process", sizes, "MB"))
    print(row("PSS per learner process", proportional, "MB"))
    print(row("USS (private) per learner process", private, "MB"))
    for found in forker_memory:
        print(
            f"{'fork server (not a learner)':<34} "
            f"RSS {found['Rss']:.1f} MB, PSS {found['Pss']:.1f} MB"
        )
    print(f"{'load average (1, 5, 15 min)':<34} {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"{'CPU: server and learner apps':<34} {server_used:.1f} s")
    print(f"{'CPU: of that, the server process':<34} {server_alone:.1f} s")
    print(f"{'CPU: the benchmark clients':<34} {client_used:.1f} s")
    print(row("CPU per learner per live round", round_cpu))

    target = TARGETS.get(learners_count)
    missed = []
    if len(joined) < learners_count or expected - len(commits) > 0:
        missed.append("not every learner joined and answered")
    if mixed:
        missed.append(f"{mixed} learners saw another profile")
    if target is not None:
        if all_joined > target[0]:
            missed.append(f"joins took {all_joined:.1f} s > {target[0]} s")
        if shown and max(shown) > target[1]:
            missed.append(f"live question max {max(shown):.2f} s > {target[1]} s")
        if commits and percentile(commits, 0.99) > target[2]:
            missed.append(f"check→commit p99 {percentile(commits, 0.99):.3f} s > {target[2]} s")
    if sizes and max(sizes) > RSS_TARGET_MB:
        missed.append(f"RSS max {max(sizes):.0f} MB > {RSS_TARGET_MB:.0f} MB")
    for miss in missed:
        print(f"MISSED: {miss}")
    return 1 if missed else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--learners", type=int, default=10, help="learners (1 to 80)")
    parser.add_argument("--rounds", type=int, default=2, help="live questions (1 to 10)")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per step")
    args = parser.parse_args()
    if not 1 <= args.learners <= 80 or not 1 <= args.rounds <= 10:
        parser.error("--learners 1 to 80, --rounds 1 to 10")
    if not Path("/proc/self").exists():
        parser.error("needs Linux /proc to measure the processes")
    return asyncio.run(run(args.learners, args.rounds, min(args.timeout, 300.0)))


if __name__ == "__main__":
    sys.exit(main())
