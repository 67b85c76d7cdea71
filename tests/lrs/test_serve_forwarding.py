"""`course serve --lrs` against a real LRS (Ralph): a class's work reaches the LRS while the
class goes on, an LRS that was down gets everything once it is back, never twice, and
refused credentials stop the forwarding with a clear message on the projector.

The class's work is written to the class store as the learner apps write it (the store is
the only way their work reaches the server); no browser is needed for that."""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest

from course.core.grading import Outcome
from course.interchange.forwarding import Forwarder
from course.interchange.lrs import LrsEndpoint, LrsUnavailable, post_statements
from course.interchange.xapi import XapiSettings, statements
from course.store import ProgressStore

from .conftest import PASSWORD, USER, Ralph
from .history import REFLECTION, anna_history, example_course

# The `course serve` process helpers of the serve tests (tests/ is on the import path).
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from serve.conftest import Served, serve, wait_for

pytestmark = pytest.mark.slow


def expected(data_dir: Path) -> dict[str, dict[str, Any]]:
    """Anna's statements as `course export --format xapi` makes them (no private texts)."""
    with ProgressStore.open(data_dir) as store:
        document = store.export_document("anna", "example")
    return {str(s["id"]): s for s in statements(document, example_course())}


def held_ids(ralph: Ralph) -> list[str]:
    return [str(statement["id"]) for statement in ralph.statements()]


def serve_forwarding(
    tmp_path: Path, ralph: Ralph, monkeypatch: pytest.MonkeyPatch, password: str = PASSWORD
) -> Any:
    monkeypatch.setenv("COURSE_LRS_USER", USER)
    monkeypatch.setenv("COURSE_LRS_PASSWORD", password)
    return serve(tmp_path, "--lrs", ralph.endpoint.url)


def status_shown(served: Served) -> str:
    """The newest state of the status line under the banner."""
    return served.text().split("\r")[-1]


def test_a_class_s_work_reaches_the_lrs_as_it_is_done(
    tmp_path: Path, ralph: Ralph, monkeypatch: pytest.MonkeyPatch
) -> None:
    with serve_forwarding(tmp_path, ralph, monkeypatch) as served:
        with ProgressStore.open(served.data_dir) as store:
            anna_history(store)
        wanted = expected(served.data_dir)
        wait_for(lambda: len(held_ids(ralph)) == len(wanted), 30, "the LRS to hold it all")
        held = {str(s["id"]): s for s in ralph.statements()}
        assert held.keys() == wanted.keys()
        for statement_id, statement in wanted.items():
            for key in ("actor", "verb", "object", "result"):
                assert held[statement_id].get(key) == statement.get(key), (statement_id, key)
        assert REFLECTION not in json.dumps(list(held.values()))

        with ProgressStore.open(served.data_dir) as store:  # more work: it follows
            anna = store.learner("anna")
            again = store.start_attempt(
                anna.id, "example", "1.0.0", "water-quiz", "water", ("reboiled-water",), 7
            )
            store.record_answer(again.id, "reboiled-water", {"chosen": [1]}, Outcome.RIGHT, 1, 1)
        wait_for(lambda: len(held_ids(ralph)) == len(wanted) + 2, 30, "the new answer")
        wait_for(lambda: "LRS: all sent" in status_shown(served), 10, "the status line")
        with ProgressStore.open(served.data_dir) as store:
            status = store.lrs_queue("example").status()
        assert status is not None and status.waiting == 0 and status.last_sent_at
    ids = held_ids(ralph)
    assert len(ids) == len(set(ids))
    assert "Traceback" not in served.text()


def test_an_lrs_that_was_down_gets_everything_once_it_is_back(
    tmp_path: Path, ralph: Ralph, monkeypatch: pytest.MonkeyPatch
) -> None:
    with ProgressStore.open(tmp_path / "class-data" / "classes" / "test") as store:
        anna = store.learner("anna")  # work from before the class was forwarded
        store.lesson_opened(anna.id, "example", "water")
    ralph.stop()
    with serve_forwarding(tmp_path, ralph, monkeypatch) as served:
        wait_for(lambda: "LRS down" in status_shown(served), 30, "the LRS to be missed")
        with ProgressStore.open(served.data_dir) as store:
            anna_history(store)  # the class goes on while the LRS is down
            # 15 statements, the lesson opened before forwarding not among them: the
            # forwarder's first round sends it, not the queue
            wait_for(
                lambda: store.lrs_queue("example").waiting() == 14, 10, "the work to be queued"
            )
            status = store.lrs_queue("example").status()
            assert status is not None and status.unreachable_since is not None
        wait_for(lambda: "waiting" in status_shown(served), 30, "the waiting count")
        ralph.start()
        wanted = expected(served.data_dir)
        wait_for(lambda: len(held_ids(ralph)) >= len(wanted), 90, "the LRS to catch up")
        wait_for(lambda: "LRS: all sent" in status_shown(served), 10, "the status line")
    ids = held_ids(ralph)
    assert sorted(ids) == sorted(wanted)  # nothing lost, nothing twice
    assert "Traceback" not in served.text()


def test_a_server_that_died_loses_nothing_the_next_one_sends_it(
    tmp_path: Path, ralph: Ralph, monkeypatch: pytest.MonkeyPatch
) -> None:
    ralph.stop()
    with serve_forwarding(tmp_path, ralph, monkeypatch) as served:
        with ProgressStore.open(served.data_dir) as store:
            anna_history(store)
        # the count follows the class between two tries
        wait_for(lambda: "LRS down: 15 waiting" in status_shown(served), 60, "the queue")
        served.process.kill()  # no goodbye: the queue is all that is left
        served.process.wait(10)
    ralph.start()
    with serve_forwarding(tmp_path, ralph, monkeypatch) as served:
        wanted = expected(served.data_dir)
        wait_for(lambda: "LRS: all sent" in status_shown(served), 30, "the catching up")
    assert sorted(held_ids(ralph)) == sorted(wanted)


def test_refused_credentials_stop_forwarding_with_a_clear_message(
    tmp_path: Path, ralph: Ralph, monkeypatch: pytest.MonkeyPatch
) -> None:
    with serve_forwarding(tmp_path, ralph, monkeypatch, password="not-the-password") as served:
        with ProgressStore.open(served.data_dir) as store:
            anna_history(store)
        wait_for(lambda: "Forwarding to the LRS stopped" in served.text(), 30, "the message")
        shown = " ".join(served.text().split())
        assert "401" in shown and "COURSE_LRS_PASSWORD" in shown
        assert "LRS: stopped" in status_shown(served)
        assert served.process.poll() is None  # the class goes on
        with ProgressStore.open(served.data_dir) as store:
            status = store.lrs_queue("example").status()
        assert status is not None and status.stopped and status.waiting >= 15
        log = (served.data_dir / "serve.log").read_text(encoding="utf-8")
        assert "401" in log
    assert "Traceback" not in served.text() and "not-the-password" not in served.text()
    assert ralph.statements() == []


def test_a_batch_sent_again_is_stored_once(tmp_path: Path, ralph: Ralph) -> None:
    """The LRS stored a batch but its answer was lost: the batch goes again, and the LRS
    keeps each statement once (the ids are the same UUIDv5)."""
    data = tmp_path / "class"
    with ProgressStore.open(data) as store:
        anna_history(store)
    lost = []

    def answer_lost_once(endpoint: LrsEndpoint, batch: Sequence[Mapping[str, Any]]) -> None:
        post_statements(endpoint, batch)
        if not lost:
            lost.append(len(batch))
            raise LrsUnavailable("the connection broke before the LRS's answer")

    sender = Forwarder(
        data,
        example_course(),
        ralph.endpoint,
        XapiSettings(),
        poll_seconds=0.1,
        first_backoff=0.1,
        batch_size=5,
        post=answer_lost_once,
    )
    sender.start()
    try:
        wanted = expected(data)
        wait_for(lambda: sender.state.sent == len(wanted), 30, "everything sent")
    finally:
        sender.stop()
    assert lost == [5]
    assert sorted(held_ids(ralph)) == sorted(wanted)
