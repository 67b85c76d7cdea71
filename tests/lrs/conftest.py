"""A real Learning Record Store for the xAPI tests: Ralph with its filesystem backend.

Ralph lives in a virtual environment of its own (`.venv-ralph` at the repository's top,
or `$RALPH_VENV`), which `.ci/run` prepares. Without it these tests are skipped on a
developer's machine and fail in CI, where they must run.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from course.interchange.lrs import LrsEndpoint

REPO = Path(__file__).resolve().parents[2]
SERVER = Path(__file__).with_name("ralph_server.py")
USER, PASSWORD = "trainer", "a-long-test-secret"


def ralph_venv() -> Path:
    return Path(os.environ.get("RALPH_VENV") or REPO / ".venv-ralph")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Ralph:
    """A running Ralph and how to reach it."""

    endpoint: LrsEndpoint
    """Where the app sends statements, with valid credentials."""
    data: Path
    """Ralph's statement files."""
    process: subprocess.Popen[bytes]
    """The server process."""
    environment: dict[str, str]
    """What the server was started with (to start it again)."""
    port: int
    """Its loopback port."""

    def statements(self) -> list[dict[str, object]]:
        """Every statement the LRS holds, read through its own API."""
        found: list[dict[str, object]] = []
        url = self.endpoint.statements_url + "?limit=500"
        while url:
            request = urllib.request.Request(url, headers=self.endpoint.headers())
            with urllib.request.urlopen(request, timeout=10) as response:
                page = json.loads(response.read())
            found += page["statements"]
            more = page.get("more")
            url = f"http://127.0.0.1:{self.port}{more}" if more else ""
        return found

    def stop(self) -> None:
        """Stop the server (as an outage would)."""
        self.process.terminate()
        self.process.wait(timeout=10)

    def start(self) -> None:
        """Start the server again on the same port and data."""
        self.process = _start(self.environment, self.port)


def _start(environment: dict[str, str], port: int) -> subprocess.Popen[bytes]:
    python = ralph_venv() / "bin" / "python"
    process = subprocess.Popen(
        [str(python), str(SERVER), str(port)],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/__heartbeat__", timeout=1):
                return process
        except OSError:
            if process.poll() is not None:
                raise RuntimeError("Ralph stopped while starting") from None
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("Ralph did not answer within 30 s")


@pytest.fixture
def ralph(tmp_path: Path) -> Iterator[Ralph]:
    """A fresh Ralph on a free loopback port, with one user who may read and write."""
    venv = ralph_venv()
    if not (venv / "bin" / "ralph").exists():
        if os.environ.get("CI"):
            pytest.fail(f"Ralph is not installed in {venv}: .ci/run must prepare it")
        pytest.skip(f"Ralph is not installed in {venv} (see .ci/run)")
    app_dir, data = tmp_path / "ralph-app", tmp_path / "ralph-data"
    app_dir.mkdir()
    data.mkdir()
    environment = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path),
        "RALPH_APP_DIR": str(app_dir),
        "RALPH_RUNSERVER_BACKEND": "fs",
        "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(data),
    }
    subprocess.run(
        [str(venv / "bin" / "ralph"), "auth", "-u", USER, "-p", PASSWORD, "-s", "all", "-w",
         "-M", "mailto:trainer@example.org"],
        env=environment,
        check=True,
        capture_output=True,
    )  # fmt: skip
    port = free_port()
    server = Ralph(
        LrsEndpoint(f"http://127.0.0.1:{port}/xAPI/", USER, PASSWORD),
        data,
        _start(environment, port),
        environment,
        port,
    )
    try:
        yield server
    finally:
        if server.process.poll() is None:
            server.stop()
