"""`course serve` as a real process: where it listens, what its learner processes get to
see, and that stopping it stops them. No browser: a websocket client stands in for a tab."""

from __future__ import annotations

import asyncio
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from course.store import ProgressStore
from course.store.seats import redeem_seat

from .conftest import (
    EXAMPLE_COURSE,
    JOIN_CODE,
    SECRET_VARIABLE,
    Served,
    Tab,
    descendants,
    free_port,
    serve,
    wait_for,
)

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("linux_proc")]


def listening_addresses(port: int) -> set[str]:
    """The local addresses of every listening TCP socket on `port` (from /proc/net)."""
    found: set[str] = set()
    for table, size in (("/proc/net/tcp", 4), ("/proc/net/tcp6", 16)):
        path = Path(table)
        if not path.exists():
            continue
        for line in path.read_text().splitlines()[1:]:
            fields = line.split()
            local, state = fields[1], fields[3]
            address, port_hex = local.split(":")
            if state != "0A" or int(port_hex, 16) != port:  # 0A: LISTEN
                continue
            raw = bytes.fromhex(address)
            # /proc/net prints each 32-bit word in host (little-endian) order
            words = [raw[i : i + 4][::-1] for i in range(0, size, 4)]
            family = socket.AF_INET if size == 4 else socket.AF_INET6
            found.add(socket.inet_ntop(family, b"".join(words)))
    return found


def other_addresses() -> set[str]:
    """Addresses of this machine other than 127.0.0.1 that a connection could try."""
    found = {"127.0.0.2", "127.1.2.3"}  # also this machine, but not the bound address
    try:
        for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET):
            found.add(str(info[4][0]))
    except OSError:
        pass
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("10.255.255.255", 9))
            found.add(probe.getsockname()[0])
        except OSError:
            pass
    return found - {"127.0.0.1", "0.0.0.0"}


def connects(host: str, port: int) -> bool:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family) as probe:
        probe.settimeout(2)
        return probe.connect_ex((host, port)) == 0


def test_without_host_it_listens_on_127_0_0_1_only(tmp_path: Path) -> None:
    with serve(tmp_path) as served:
        assert listening_addresses(served.port) == {"127.0.0.1"}
        assert connects("127.0.0.1", served.port)
        others = other_addresses()
        assert others  # at least 127.0.0.2, which a wildcard socket would accept
        for address in others:
            assert not connects(address, served.port), f"reachable on {address}"
        if socket.has_ipv6:
            assert not connects("::1", served.port)
        shown = served.text()
    assert "http://127.0.0.1:" in shown and JOIN_CODE in shown
    assert "Warning" not in shown


def test_with_host_it_listens_there_and_warns(tmp_path: Path) -> None:
    with serve(tmp_path, host="0.0.0.0") as served:
        assert listening_addresses(served.port) == {"0.0.0.0"}
        assert connects("127.0.0.2", served.port)
        shown = " ".join(served.text().split())
    assert "Warning: this class is open to the network" in shown
    assert "http://127.0.0.1:" not in shown  # the address to share is a real one


def seat_tokens(served: Served) -> int:
    """Seat tokens not redeemed yet in the class store."""
    with ProgressStore.open(served.data_dir) as store:
        return int(
            store.read(
                "count", lambda c: c.execute("SELECT count(*) FROM seat_tokens").fetchone()[0]
            )
        )


async def test_learner_processes_see_none_of_the_trainers_environment(tmp_path: Path) -> None:
    with serve(tmp_path) as served:
        async with Tab(served):
            learners = await asyncio.to_thread(
                wait_for, served.learner_processes, 20, "a learner app process"
            )
            assert isinstance(learners, list)
            for pid in learners:
                environ = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
                variables = dict(item.decode().split("=", 1) for item in environ if b"=" in item)
                command = Path(f"/proc/{pid}/cmdline").read_bytes().decode()
                assert SECRET_VARIABLE not in variables
                assert not any("s3cr3t" in value for value in variables.values())
                assert "COURSE_DATA_DIR" not in variables
                assert variables["HOME"] == str(served.data_dir.resolve())
                assert set(variables) <= {
                    "PATH",
                    "HOME",
                    "TERM",
                    "LANG",
                    "LANGUAGE",
                    "TZ",
                    "TMPDIR",
                    "PYTHONPATH",
                    "PWD",
                    "SHLVL",
                    "_",
                    "COLUMNS",
                    "ROWS",
                    "TERM_PROGRAM",
                    "TERM_PROGRAM_VERSION",
                    "COURSE_SEAT",
                    "COURSE_SERVE_PID",
                } | {name for name in variables if name.startswith(("LC_", "TEXTUAL_"))}
                assert JOIN_CODE not in command and JOIN_CODE.lower() not in command
                assert "--seat" in command
                # The seat token (readable by the trainer's user only) is spent once the
                # app opened its learner. A forked app got it after its start: it is not
                # even in the environment its process was started with.
                await asyncio.to_thread(
                    wait_for, lambda: not seat_tokens(served), 20, "the app to take its seat"
                )
                if "--fork-server" in command:
                    assert "COURSE_SEAT" not in variables
                    continue
                with ProgressStore.open(served.data_dir) as store:
                    assert redeem_seat(store, variables["COURSE_SEAT"], "example") is None


async def test_stopping_the_server_ends_every_learner_app(tmp_path: Path) -> None:
    with serve(tmp_path) as served:
        async with Tab(served):
            learners = await asyncio.to_thread(
                wait_for, served.learner_processes, 20, "a learner app process"
            )
            assert isinstance(learners, list)
            started = time.monotonic()
            served.process.terminate()
            await asyncio.to_thread(served.process.wait, 15)
            assert time.monotonic() - started < 5  # open tabs do not hold the stop
            await asyncio.to_thread(
                wait_for,
                lambda: not any(Path(f"/proc/{pid}").exists() for pid in learners),
                15,
                "the learner apps to end",
            )
        assert served.process.returncode == 0
        assert "The class has ended." in served.text()
        assert not descendants(served.process.pid)


def second_server(data_dir: Path, port: int) -> subprocess.CompletedProcess[str]:
    """`course serve` of the example course's class "test" in the trainer's data folder
    `data_dir`, with the join code ZZZZ, run to its end."""
    return subprocess.run(
        [sys.executable, "-m", "course", "--course", str(EXAMPLE_COURSE),
         "--data-dir", str(data_dir), "serve", "--port", str(port), "--join-code", "ZZZZ",
         "--class", "test"],
        capture_output=True, text=True, timeout=30, check=False,
    )  # fmt: skip


def test_a_second_server_of_the_class_on_another_port_is_refused_and_changes_nothing(
    tmp_path: Path,
) -> None:
    with serve(tmp_path / "first", "--max-learners", "2") as served:
        result = second_server(served.trainer_dir, free_port())
        with ProgressStore.open(served.data_dir) as store:
            room = store.classroom("example")
            assert room.check_join_code(JOIN_CODE) and not room.check_join_code("ZZZZ")
            assert room.state().max_learners == 2
    assert result.returncode == 1
    assert "another `course serve` is already running" in result.stderr
    assert "ZZZZ" not in result.stdout + result.stderr  # no banner for a class that never ran


def test_a_server_on_a_taken_port_says_so_and_writes_no_join_code(tmp_path: Path) -> None:
    with serve(tmp_path / "first") as served:
        result = second_server(tmp_path / "other-class", served.port)
    assert result.returncode == 1
    assert f"cannot serve on 127.0.0.1:{served.port}" in result.stderr
    assert "ZZZZ" not in result.stdout + result.stderr
    with ProgressStore.open(tmp_path / "other-class" / "classes" / "test") as store:
        assert not store.classroom("example").check_join_code("ZZZZ")


def test_page_requests_are_not_logged_over_the_banner(tmp_path: Path) -> None:
    with serve(tmp_path) as served:
        for _ in range(3):
            with urllib.request.urlopen(served.url, timeout=5) as page:
                assert page.status == 200
        time.sleep(0.5)
        printed = served.text()
    assert JOIN_CODE in printed
    assert "GET /" not in printed and "Mozilla" not in printed
