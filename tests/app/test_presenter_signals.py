"""A presenter stopped by its terminal closing (SIGHUP) or by a kill (SIGTERM) cleans up as
`q` does: the room goes back to the learners' own pace. Run as a real process on a
pseudo-terminal, since that is where the signals come from."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from course.store import ProgressStore

from .helpers import EXAMPLE_COURSE


def wait_for(check: Callable[[], bool], seconds: float = 15) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.1)
    return False


def drain(controller: int) -> None:
    """Read what the app draws, so that a full terminal buffer never blocks it."""
    try:
        while os.read(controller, 65536):
            pass
    except OSError:  # the app closed its side
        pass


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals and terminals")
@pytest.mark.parametrize("stop", [signal.SIGHUP, signal.SIGTERM], ids=["hangup", "terminate"])
def test_a_presenter_stopped_by_a_signal_releases_the_room(
    data_dir: Path, stop: signal.Signals
) -> None:
    controller, terminal = os.openpty()
    presenter = subprocess.Popen(
        [sys.executable, "-m", "course", "present", "--course", str(EXAMPLE_COURSE),
         "--data-dir", str(data_dir), "--lang", "en"],
        stdin=terminal, stdout=terminal, stderr=terminal, start_new_session=True,
        env={**os.environ, "TERM": "xterm-256color", "COLUMNS": "120", "LINES": "35"},
    )  # fmt: skip
    os.close(terminal)
    threading.Thread(target=drain, args=(controller,), daemon=True).start()
    try:
        with ProgressStore.open(data_dir) as store:
            room = store.classroom("example")
            assert wait_for(lambda: room.state().presented_lesson == "water")
            room.set_locked(True)  # as k would
            presenter.send_signal(stop)
            presenter.wait(timeout=15)
            state = room.state()
            assert (state.presented_lesson, state.locked, state.live) == (None, False, None)
    finally:
        if presenter.poll() is None:
            presenter.kill()
        os.close(controller)
