"""What My plan showed as saved survives kill -9: the edited commitment and its follow-up
day are in the store when the app is opened again, and the progress file is intact."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from course.store import ProgressStore
from course.study import PlanKind

from .test_my_plan import stored_plan

REPO = Path(__file__).resolve().parents[2]
WORKER = Path(__file__).with_name("plan_worker.py")

pytestmark = pytest.mark.slow


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="POSIX signals")
def test_a_commitment_and_its_follow_up_saved_before_a_kill_9_are_kept(
    data_dir: Path,
) -> None:
    child = subprocess.Popen(
        [sys.executable, str(WORKER), str(data_dir)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO), "COURSE_NOW": "2026-12-04T09:00Z"},
        cwd=REPO,
    )
    assert child.stdout is not None
    assert child.stdout.readline() == "saved\n", child.stderr.read() if child.stderr else ""
    os.kill(child.pid, signal.SIGKILL)
    child.communicate(timeout=20)
    assert child.returncode == -signal.SIGKILL

    with ProgressStore.open(data_dir) as store:
        assert store.integrity_check() == ["ok"]
        assert store.recovered_from is None
    commitment = next(e for e in stored_plan(data_dir) if e[0] is PlanKind.COMMITMENT)
    assert commitment[1] == "Buy a scale. Weigh the leaves."
    assert commitment[2] == ((date(2026, 12, 11), None),)
