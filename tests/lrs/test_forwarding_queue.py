"""The queue of `course serve --lrs` and its forwarder, with a stand-in for the LRS: what is
queued with each piece of work, and how the forwarder sends, waits, catches up and stops.
Against the real LRS: test_serve_forwarding.py."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest

from course.core.grading import Outcome
from course.interchange.forwarding import Forwarder
from course.interchange.lrs import LrsEndpoint, LrsRefused, LrsUnavailable
from course.interchange.xapi import XapiSettings, statements
from course.store import ProgressStore

from .history import REFLECTION, anna_history, example_course

ENDPOINT = LrsEndpoint("http://127.0.0.1:9/xAPI/", "trainer", "secret")


class FakeLrs:
    """Keeps what it is sent by id; fails as told."""

    def __init__(self) -> None:
        self.held: dict[str, Mapping[str, Any]] = {}
        self.requests = 0
        self.down = False
        self.refuse: int | None = None
        self.lock = threading.Lock()

    def post(self, endpoint: LrsEndpoint, batch: Sequence[Mapping[str, Any]]) -> None:
        with self.lock:
            self.requests += 1
            if self.down:
                raise LrsUnavailable("cannot reach the LRS: connection refused")
            if self.refuse is not None:
                raise LrsRefused(self.refuse, "Invalid authentication credentials")
            for statement in batch:
                self.held.setdefault(str(statement["id"]), statement)


def wait_until(check: Callable[[], object], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def forwarder(data_dir: Path, lrs: FakeLrs, **settings: Any) -> Forwarder:
    return Forwarder(
        data_dir,
        example_course(),
        ENDPOINT,
        XapiSettings(**settings),
        poll_seconds=0.05,
        first_backoff=0.05,
        max_backoff=0.2,
        post=lrs.post,
    )


def expected_ids(store: ProgressStore, include_private: bool = False) -> set[str]:
    document = store.export_document("anna", "example", include_private)
    settings = XapiSettings(include_private=include_private)
    return {str(s["id"]) for s in statements(document, example_course(), settings)}


def test_nothing_is_queued_for_a_course_that_is_not_forwarded(data_dir: Path) -> None:
    with ProgressStore.open(data_dir) as store:
        anna_history(store)
        assert store.lrs_queue("example").waiting() == 0
        assert store.lrs_queue("example").status() is None


def test_each_piece_of_work_queues_one_statement_in_its_own_transaction(
    data_dir: Path,
) -> None:
    with ProgressStore.open(data_dir) as store:
        store.lrs_queue("example").forward_to(ENDPOINT.url)
        anna_history(store)
        queue = store.lrs_queue("example")
        assert queue.waiting() == len(expected_ids(store)) == 15
        anna = store.learner("anna")
        store.lesson_opened(anna.id, "example", "water")  # opened before: no new statement
        store.add_time(anna.id, "example", "water", 20)
        assert queue.waiting() == 15
        assert store.lrs_queue("other-course").waiting() == 0


def test_private_work_is_queued_only_when_the_trainer_forwards_private_texts(
    data_dir: Path,
) -> None:
    with ProgressStore.open(data_dir) as store:
        store.lrs_queue("example").forward_to(ENDPOINT.url, include_private=True)
        anna_history(store)  # a reflection question in a quiz, a lesson reflection
        assert store.lrs_queue("example").waiting() == 17
        assert len(expected_ids(store, include_private=True)) == 17


def test_the_forwarder_sends_everything_once_and_empties_the_queue(data_dir: Path) -> None:
    lrs = FakeLrs()
    with ProgressStore.open(data_dir) as store:
        anna_history(store)  # before forwarding began: sent all the same
        sender = forwarder(data_dir, lrs)
        sender.start()
        try:
            wait_until(lambda: sender.state.sent == len(expected_ids(store)))
            anna = store.learner("anna")
            again = store.start_attempt(
                anna.id, "example", "1.0.0", "water-quiz", "water", ("reboiled-water",), 5
            )
            store.record_answer(again.id, "reboiled-water", {"chosen": [0]}, Outcome.WRONG, 0, 1)
            wait_until(lambda: set(lrs.held) == expected_ids(store))
            wait_until(lambda: store.lrs_queue("example").waiting() == 0)
        finally:
            sender.stop()
        assert sender.state.waiting == 0 and sender.state.last_sent_at is not None
    assert REFLECTION not in repr(lrs.held)  # reflection texts only when the trainer asks


def test_reflection_texts_go_only_when_the_trainer_asks(data_dir: Path) -> None:
    lrs = FakeLrs()
    with ProgressStore.open(data_dir) as store:
        anna_history(store)
        sender = forwarder(data_dir, lrs, include_private=True)
        sender.start()
        try:
            wait_until(lambda: set(lrs.held) == expected_ids(store, include_private=True))
        finally:
            sender.stop()
    assert REFLECTION in repr(lrs.held)


def test_an_lrs_that_is_down_is_tried_again_and_caught_up_with(data_dir: Path) -> None:
    lrs = FakeLrs()
    lrs.down = True
    with ProgressStore.open(data_dir) as store:
        sender = forwarder(data_dir, lrs)
        sender.start()
        try:
            wait_until(lambda: store.lrs_queue("example").status() is not None)
            anna_history(store)  # while the class goes on, the LRS is down
            wait_until(lambda: sender.state.unreachable_since is not None)
            wait_until(lambda: lrs.requests >= 3)  # tried again, with backoff
            status = store.lrs_queue("example").status()
            assert status is not None and status.unreachable_since is not None
            assert status.waiting == len(expected_ids(store))
            assert not lrs.held
            lrs.down = False
            wait_until(lambda: set(lrs.held) == expected_ids(store))
            wait_until(lambda: sender.state.unreachable_since is None)
            wait_until(lambda: store.lrs_queue("example").waiting() == 0)
            status = store.lrs_queue("example").status()
            assert status is not None and status.unreachable_since is None
        finally:
            sender.stop()


def test_refused_credentials_stop_the_forwarder_and_keep_the_queue(data_dir: Path) -> None:
    lrs = FakeLrs()
    lrs.refuse = 401
    with ProgressStore.open(data_dir) as store:
        anna_history(store)
        sender = forwarder(data_dir, lrs)
        sender.start()
        wait_until(lambda: not sender.running)
        assert sender.state.stopped is not None and "401" in sender.state.stopped
        assert sender.state.credentials_refused
        status = store.lrs_queue("example").status()
        assert status is not None and status.stopped and "401" in (status.problem or "")
        store.record_answer(  # the class goes on, and its statements wait
            store.start_attempt(
                store.learner("anna").id, "example", "1.0.0", "water-quiz", "water",
                ("reboiled-water",), 5,
            ).id,
            "reboiled-water", {"chosen": [1]}, Outcome.RIGHT, 1, 1,
        )  # fmt: skip
        assert store.lrs_queue("example").waiting() == 2  # attempted, answered


@pytest.mark.parametrize("status", [400, 409])
def test_a_statement_the_lrs_will_not_take_holds_up_no_other(data_dir: Path, status: int) -> None:
    lrs = FakeLrs()
    with ProgressStore.open(data_dir) as store:
        anna_history(store)
        bad = sorted(expected_ids(store))[0]
        original = lrs.post

        def picky(endpoint: LrsEndpoint, batch: Sequence[Mapping[str, Any]]) -> None:
            if any(statement["id"] == bad for statement in batch):
                raise LrsRefused(status, "statement rejected")
            original(endpoint, batch)

        lrs.post = picky  # type: ignore[method-assign]
        sender = forwarder(data_dir, lrs)
        sender.start()
        try:
            wait_until(lambda: set(lrs.held) == expected_ids(store) - {bad})
            wait_until(lambda: store.lrs_queue("example").waiting() == 0)
            assert sender.running and sender.state.stopped is None
        finally:
            sender.stop()


def test_the_forwarder_keeps_the_trainers_proxy_after_the_environment_is_emptied(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import urllib.request

    from course.interchange.lrs import opener_of_this_environment

    for name in ("http_proxy", "HTTP_PROXY", "no_proxy", "NO_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("http_proxy", "http://proxy.example.org:3128")
    monkeypatch.setenv("no_proxy", "127.0.0.1")
    opener = opener_of_this_environment()
    monkeypatch.delenv("http_proxy")  # as `course serve` empties it for the learners
    monkeypatch.delenv("no_proxy")
    handler = next(h for h in opener.handlers if isinstance(h, urllib.request.ProxyHandler))
    far = urllib.request.Request("http://lrs.example.org/xAPI/statements")
    handler.http_open(far)  # type: ignore[attr-defined]
    assert far.host == "proxy.example.org:3128"
    near = urllib.request.Request("http://127.0.0.1:9/xAPI/statements")
    handler.http_open(near)  # type: ignore[attr-defined]
    assert near.host == "127.0.0.1:9"


def test_an_unexpected_fault_is_logged_and_forwarding_goes_on(
    data_dir: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    lrs = FakeLrs()
    faults = []
    original = lrs.post

    def faulty(endpoint: LrsEndpoint, batch: Sequence[Mapping[str, Any]]) -> None:
        if not faults:
            faults.append(1)
            raise ValueError("something of ours went wrong")
        original(endpoint, batch)

    lrs.post = faulty  # type: ignore[method-assign]
    # A library that configured logging earlier in this test process (dictConfig) may
    # have disabled the loggers that existed then; the server's own is used here.
    monkeypatch.setattr(logging.getLogger("course.serve.lrs"), "disabled", False)
    caplog.set_level(logging.ERROR, logger="course.serve.lrs")
    with ProgressStore.open(data_dir) as store:
        anna_history(store)
        sender = forwarder(data_dir, lrs)
        sender.start()
        try:
            wait_until(lambda: set(lrs.held) == expected_ids(store))
        finally:
            sender.stop()
    assert faults and "LRS forwarding failed" in caplog.text
