"""`course sync --lrs`: a learner's full history reaches a real LRS once, resumes after an
interruption, and never arrives twice."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from course.core.grading import Outcome
from course.store import ProgressStore

from .conftest import PASSWORD, USER, Ralph
from .history import EXAMPLE_COURSE, REFLECTION, anna_history

pytestmark = pytest.mark.slow
REPO = Path(__file__).resolve().parents[2]


def sync(
    data: Path, ralph: Ralph, *more: str, password: str = PASSWORD
) -> subprocess.CompletedProcess[str]:
    environment = {
        **os.environ,
        "COURSE_LRS_USER": USER,
        "COURSE_LRS_PASSWORD": password,
        "COURSE_DATA_DIR": str(data),
        "LANG": "en_US.UTF-8",
    }
    return subprocess.run(
        [sys.executable, "-m", "course", "sync", "--lrs", ralph.endpoint.url,
         "--course", str(EXAMPLE_COURSE), "--profile", "anna", *more],
        env=environment, cwd=REPO, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


def test_a_history_is_sent_once_and_read_back_the_same(tmp_path: Path, ralph: Ralph) -> None:
    data = tmp_path / "data"
    with ProgressStore.open(data) as store:
        anna_history(store)
    first = sync(data, ralph)
    assert first.returncode == 0, first.stderr
    exported = subprocess.run(
        [sys.executable, "-m", "course", "export", "--format", "xapi", "--course",
         str(EXAMPLE_COURSE), "--profile", "anna"],
        env={**os.environ, "COURSE_DATA_DIR": str(data)}, cwd=REPO, capture_output=True,
        text=True, timeout=60, check=True,
    )  # fmt: skip
    expected = {s["id"]: s for s in json.loads(exported.stdout)}
    held = {s["id"]: s for s in ralph.statements()}
    assert held.keys() == expected.keys()
    for statement_id, statement in expected.items():
        stored = held[statement_id]
        for key in ("actor", "verb", "object", "result"):
            assert stored.get(key) == statement.get(key), (statement_id, key)
    assert REFLECTION not in json.dumps(list(held.values()))

    again = sync(data, ralph)
    assert again.returncode == 0 and "Nothing new to send" in again.stdout
    assert len(ralph.statements()) == len(expected)


def test_new_work_after_a_sync_is_all_that_is_sent_next(tmp_path: Path, ralph: Ralph) -> None:
    data = tmp_path / "data"
    with ProgressStore.open(data) as store:
        anna_history(store)
    assert sync(data, ralph).returncode == 0
    before = len(ralph.statements())
    with ProgressStore.open(data) as store:
        anna = store.learner("anna")
        store.lesson_opened(anna.id, "example", "water")  # opened before: nothing new
        retry = store.start_attempt(
            anna.id, "example", "1.0.0", "steeping-quiz", "steeping", ("black-tea-time",), 3
        )
        store.record_answer(retry.id, "black-tea-time", {"chosen": [1]}, Outcome.RIGHT, 1, 1)
    result = sync(data, ralph)
    assert result.returncode == 0 and "Sent 2 statements" in result.stdout  # attempted, answered
    assert len(ralph.statements()) == before + 2


def test_an_lrs_that_is_down_loses_nothing_and_the_next_sync_catches_up(
    tmp_path: Path, ralph: Ralph
) -> None:
    data = tmp_path / "data"
    with ProgressStore.open(data) as store:
        anna_history(store)
    ralph.stop()
    down = sync(data, ralph)
    assert down.returncode == 1
    assert "cannot reach the LRS" in down.stderr and "Traceback" not in down.stderr
    ralph.start()
    assert sync(data, ralph).returncode == 0
    ids = [s["id"] for s in ralph.statements()]
    assert len(ids) == len(set(ids)) == 15


def test_bad_credentials_give_a_clear_message(tmp_path: Path, ralph: Ralph) -> None:
    data = tmp_path / "data"
    with ProgressStore.open(data) as store:
        anna_history(store)
    refused = sync(data, ralph, password="wrong")
    assert refused.returncode == 1
    assert "refused" in refused.stderr and "401" in refused.stderr
    assert "Check the LRS user and password" in refused.stderr  # what to do about it
    assert "Traceback" not in refused.stderr and "wrong" not in refused.stderr


def test_credentials_in_a_file_others_can_read_are_refused(tmp_path: Path, ralph: Ralph) -> None:
    data = tmp_path / "data"
    data.mkdir()
    config = tmp_path / "lrs.toml"
    config.write_text(f'user = "{USER}"\npassword = "{PASSWORD}"\n', encoding="utf-8")
    config.chmod(0o644)
    environment = {k: v for k, v in os.environ.items() if not k.startswith("COURSE_LRS_")}
    result = subprocess.run(
        [sys.executable, "-m", "course", "sync", "--lrs", ralph.endpoint.url,
         "--lrs-config", str(config), "--course", str(EXAMPLE_COURSE)],
        env={**environment, "COURSE_DATA_DIR": str(data)}, cwd=REPO, capture_output=True,
        text=True, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 1 and "chmod 600" in result.stderr
