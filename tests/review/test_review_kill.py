"""A review session killed with kill -9 keeps every review it reported as done: each
answer and its card's review are one transaction."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from course.store import ProgressStore

REPO = Path(__file__).resolve().parents[2]
WORKER = Path(__file__).with_name("review_worker.py")

pytestmark = pytest.mark.slow


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="POSIX signals")
def test_kill_9_during_a_review_keeps_every_reviewed_card(data_dir: Path) -> None:
    child = subprocess.Popen(
        [sys.executable, str(WORKER), str(data_dir)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        cwd=REPO,
    )
    assert child.stdout is not None
    assert child.stdout.readline() == "ready\n", child.stderr.read() if child.stderr else ""
    reported: list[str] = []
    while len(reported) < 60:
        line = child.stdout.readline()
        assert line, child.stderr.read() if child.stderr else ""
        reported.append(line.split()[1])
    os.kill(child.pid, signal.SIGKILL)
    rest, _ = child.communicate(timeout=10)
    assert child.returncode == -signal.SIGKILL
    reported += [line.split()[1] for line in rest.splitlines()]

    with ProgressStore.open(data_dir) as store:
        assert store.integrity_check() == ["ok"]
        learner = store.learner()
        reviews = store.reviews(learner.id, "course")
        cards = reviews.cards()
        logged = {log.question_id for log in reviews.logs()}
        answered = {
            answer.question_id
            for attempt in store.attempts(learner.id, "course")
            for answer in attempt.answers
        }
        assert set(reported) <= set(cards)
        assert set(reported) <= logged
        # No answer without its review, and no review without its answer.
        assert answered == logged == set(cards)
