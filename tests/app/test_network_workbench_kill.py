"""The network map survives kill -9: every person and tie the workbench showed as added is
there when the app is opened again, and the progress file is intact."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from course.store import ProgressStore
from course.ui.widgets.lesson_table import LessonTable

from .workbench_helpers import REPO, bundled_app, open_workbench

WORKER = Path(__file__).with_name("workbench_worker.py")


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="POSIX signals")
async def test_people_and_ties_added_before_a_kill_9_are_all_there_after(data_dir: Path) -> None:
    child = subprocess.Popen(
        [sys.executable, str(WORKER), str(data_dir), "40"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        cwd=REPO,
    )
    assert child.stdout is not None
    assert child.stdout.readline() == "ready\n", child.stderr.read() if child.stderr else ""
    reported = [child.stdout.readline().split()[1] for _ in range(4)]
    os.kill(child.pid, signal.SIGKILL)
    child.communicate(timeout=20)
    assert child.returncode == -signal.SIGKILL

    with ProgressStore.open(data_dir) as store:
        assert store.integrity_check() == ["ok"]
        assert store.recovered_from is None
    app = bundled_app(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_workbench(pilot, own=False)
        assert not screen.practicing
        labels = [person.label for person in screen.shown.people]
        assert labels[: len(reported)] == reported == ["P1", "P2", "P3", "P4"]
        assert len(screen.shown.ties) >= len(reported) - 1
        assert screen.query_one("#people", LessonTable).row_count == len(labels)
