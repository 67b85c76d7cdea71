"""Sending statements to a real LRS (Ralph): once, resumed, never twice, and refusals."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from typing import Any

import pytest

from course.interchange.lrs import (
    LrsEndpoint,
    LrsRefused,
    LrsUnavailable,
    post_statements,
    send,
)

from .conftest import Ralph

pytestmark = pytest.mark.slow


def statement(number: int) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"test/{number}")),
        "actor": {
            "objectType": "Agent",
            "account": {"homePage": "https://example.org", "name": "anna"},
        },
        "verb": {"id": "http://adlnet.gov/expapi/verbs/answered", "display": {"en-US": "answered"}},
        "object": {"objectType": "Activity", "id": f"https://example.org/q/{number}"},
        "timestamp": "2026-12-04T12:00:00+00:00",
    }


def test_statements_are_stored_once_however_often_they_are_sent(ralph: Ralph) -> None:
    batch = [statement(n) for n in range(120)]
    stored: list[str] = []
    report = send(ralph.endpoint, batch, stored.extend, batch_size=50)
    assert (report.sent, report.batches) == (120, 3)
    assert stored == [s["id"] for s in batch]
    send(ralph.endpoint, batch[:60], lambda ids: None)  # sent again: the LRS keeps one copy
    held = ralph.statements()
    assert sorted(s["id"] for s in held) == sorted(s["id"] for s in batch)


def test_bad_credentials_are_refused_with_the_lrs_reason(ralph: Ralph) -> None:
    wrong = LrsEndpoint(ralph.endpoint.url, ralph.endpoint.username, "wrong")
    with pytest.raises(LrsRefused) as refused:
        post_statements(wrong, [statement(1)])
    assert refused.value.status == 401
    assert "credentials" in str(refused.value).lower()


def test_a_statement_the_lrs_rejects_stops_the_sync_with_its_reason(ralph: Ralph) -> None:
    broken = {key: value for key, value in statement(2).items() if key != "actor"}
    with pytest.raises(LrsRefused) as refused:
        send(ralph.endpoint, [statement(1), broken], lambda ids: None)
    assert refused.value.status in (400, 422)
    assert "actor" in refused.value.reason


def test_an_lrs_that_is_down_is_tried_again_and_the_sync_completes(ralph: Ralph) -> None:
    batch = [statement(n) for n in range(30)]
    stored: list[str] = []
    calls = 0

    def flaky_post(endpoint: LrsEndpoint, statements: Sequence[Mapping[str, Any]]) -> None:
        nonlocal calls
        calls += 1
        if calls == 2:  # the LRS goes down after the first batch
            ralph.stop()
        post_statements(endpoint, statements)

    def wait(seconds: float) -> None:
        if ralph.process.poll() is not None:
            ralph.start()  # back up before the next try

    report = send(ralph.endpoint, batch, stored.extend, batch_size=10, sleep=wait, post=flaky_post)
    assert report.retries >= 1 and report.sent == 30
    assert sorted(s["id"] for s in ralph.statements()) == sorted(s["id"] for s in batch)


def test_an_lrs_that_stays_down_ends_the_sync_with_what_was_stored_kept(ralph: Ralph) -> None:
    batch = [statement(n) for n in range(20)]
    stored: list[str] = []

    def down_after_first(endpoint: LrsEndpoint, statements: Sequence[Mapping[str, Any]]) -> None:
        if stored:
            raise LrsUnavailable("cannot reach the LRS")
        post_statements(endpoint, statements)

    with pytest.raises(LrsUnavailable):
        send(
            ralph.endpoint,
            batch,
            stored.extend,
            batch_size=10,
            sleep=lambda s: None,
            post=down_after_first,
        )
    assert stored == [s["id"] for s in batch[:10]]
