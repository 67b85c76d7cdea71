"""Forwarding a class's xAPI statements to a Learning Record Store as they happen
(`course serve --lrs`).

The store queues one row per statement in the same transaction as the learner's work
(`course.store.lrs_queue`); the `Forwarder`, a thread of its own (never on an event loop),
looks at the queue every second, makes the waiting learners' statements from their stored
history by the rules of `course export --format xapi` (reflection texts only when the
trainer asked for them), sends what the LRS has not stored yet in batches, and then takes
the rows out of the queue. When the LRS cannot be reached or fails (5xx) it waits, twice
as long each time up to a minute, and catches up when the LRS is back; when the LRS
refuses the credentials (401, 403) it stops and says why. Statement ids are UUIDv5 of the
learner, the attempt and the question, so a batch sent again (the server died between the
LRS's answer and our note of it) is stored once.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from course.core.model import Course
from course.interchange.lrs import (
    BATCH_SIZE,
    LrsEndpoint,
    LrsRefused,
    LrsUnavailable,
    opener_of_this_environment,
    post_statements,
)
from course.interchange.xapi import XapiSettings, statements
from course.store import ProgressStore, StoreError
from course.store.lrs_queue import LrsQueue, PendingLearner
from course.store.records import utc_now

POLL_SECONDS = 1.0
"""How often the queue is looked at while all goes well."""
FIRST_BACKOFF = 1.0
"""Seconds before the first retry when the LRS cannot be reached."""
MAX_BACKOFF = 60.0
"""The longest wait between two tries: an LRS back after an outage is found within it."""
POST_TIMEOUT = 10.0
"""Seconds to wait for the LRS's answer to one batch."""
AUTH_REFUSALS = frozenset({401, 403})
"""Answers that mean the credentials are wrong: trying again cannot help."""

log = logging.getLogger("course.serve.lrs")


@dataclass(frozen=True)
class ForwarderState:
    """What the forwarder last knew, for the serve status line."""

    waiting: int = 0
    """Statements in the queue."""
    sent: int = 0
    """Statements the LRS stored since the forwarder started."""
    last_sent_at: str | None = None
    """When the LRS last stored statements (store time, UTC)."""
    unreachable_since: str | None = None
    """Since when the LRS cannot be reached or fails; None while it answers."""
    problem: str | None = None
    """The last failure, in the LRS's words."""
    stopped: str | None = None
    """Why forwarding stopped; None while it runs."""
    credentials_refused: bool = False
    """Whether it stopped because the LRS refused the credentials (401, 403)."""


class Forwarder:
    """Sends a class's queued statements to an LRS from a thread of its own."""

    def __init__(
        self,
        data_dir: Path,
        course: Course,
        endpoint: LrsEndpoint,
        settings: XapiSettings,
        *,
        poll_seconds: float = POLL_SECONDS,
        first_backoff: float = FIRST_BACKOFF,
        max_backoff: float = MAX_BACKOFF,
        batch_size: int = BATCH_SIZE,
        post: Callable[[LrsEndpoint, Sequence[Mapping[str, Any]]], None] | None = None,
    ) -> None:
        """Nothing runs until `start`; `post` replaces the HTTP request in tests."""
        self.data_dir = data_dir
        self.course = course
        self.endpoint = endpoint
        self.settings = settings
        self.poll_seconds = poll_seconds
        self.first_backoff = first_backoff
        self.max_backoff = max_backoff
        self.batch_size = batch_size
        opener = opener_of_this_environment()  # made now: `serve` empties the environment
        self._post = post or (
            lambda endpoint, batch: post_statements(endpoint, batch, POST_TIMEOUT, opener)
        )
        self.on_change: Callable[[], None] = lambda: None
        """Called (in the forwarder's thread) whenever `state` changed."""
        self._state = ForwarderState()
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._rejected: set[str] = set()  # statements the LRS refused one by one

    @property
    def state(self) -> ForwarderState:
        """What the forwarder last knew (safe to read from any thread)."""
        with self._lock:
            return self._state

    def _update(self, **changes: Any) -> None:
        with self._lock:
            before = self._state
            self._state = replace(before, **changes)
            changed = self._state != before
        if changed:
            try:
                self.on_change()
            except Exception:  # a display that failed must not end the forwarding
                log.exception("showing the LRS status failed")

    def start(self) -> None:
        """Start forwarding in a thread of its own (a daemon: it never holds up the end)."""
        self._thread = threading.Thread(target=self._run, name="lrs-forwarder", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 2.0) -> None:
        """Ask the forwarder to end and wait a little for it. What it was sending when
        stopped is sent again next time, and stored once."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)

    @property
    def running(self) -> bool:
        """Whether the forwarder's thread is alive."""
        return self._thread is not None and self._thread.is_alive()

    def _run(self) -> None:
        try:
            store = ProgressStore.open(self.data_dir)
        except StoreError as error:
            log.error("LRS forwarding cannot open the class store: %s", error)
            self._update(stopped=str(error))
            return
        with store:
            self._forward(store, store.lrs_queue(self.course.id))

    def _forward(self, store: ProgressStore, queue: LrsQueue) -> None:
        url = self.endpoint.url
        try:
            queue.forward_to(url, self.settings.include_private)
        except StoreError as error:
            log.error("LRS forwarding cannot start: %s", error)
            self._update(stopped=str(error))
            return
        everyone = True  # the first round sends whatever the LRS lacks, queued or not
        seen_version: int | None = None
        delay = self.first_backoff
        next_try = 0.0  # while the LRS is down: when to try again
        while not self._stop.is_set():
            if time.monotonic() < next_try:
                # Waiting to try again: the count of what waits still follows the class.
                with contextlib.suppress(StoreError):
                    self._update(waiting=queue.waiting())
                self._stop.wait(self.poll_seconds)
                continue
            try:
                version = store.data_version()
                if everyone or version != seen_version:
                    learners = queue.everyone() if everyone else queue.pending()
                    if learners:
                        self._send(store, queue, learners)
                    everyone = False
                    seen_version = version
                delay, next_try = self.first_backoff, 0.0
                self._update(waiting=queue.waiting(), unreachable_since=None)
            except LrsRefused as error:
                message = str(error)
                log.error("LRS forwarding stopped: %s", message)
                try:
                    queue.refused(message)
                    waiting = queue.waiting()
                except StoreError:
                    waiting = self.state.waiting
                self._update(
                    stopped=message, problem=message, waiting=waiting, credentials_refused=True
                )
                return
            except LrsUnavailable as error:
                since = self.state.unreachable_since or utc_now()
                if self.state.unreachable_since is None:
                    log.warning("the LRS is unreachable: %s", error)
                try:
                    queue.unreachable(since, str(error))
                    waiting = queue.waiting()
                except StoreError:
                    waiting = self.state.waiting
                self._update(unreachable_since=since, problem=str(error), waiting=waiting)
                next_try, delay = time.monotonic() + delay, min(delay * 2, self.max_backoff)
            except StoreError as error:
                log.warning("LRS forwarding could not use the class store: %s", error)
                self._update(problem=str(error))
                next_try, delay = time.monotonic() + delay, min(delay * 2, self.max_backoff)
            except Exception as error:  # a fault of ours: to the log, never the projector
                log.exception("LRS forwarding failed")
                self._update(problem=f"forwarding failed ({error}); see serve.log")
                next_try, delay = time.monotonic() + delay, min(delay * 2, self.max_backoff)
            self._stop.wait(self.poll_seconds)

    def _send(
        self, store: ProgressStore, queue: LrsQueue, learners: Sequence[PendingLearner]
    ) -> None:
        """Send what the LRS lacks of these learners' histories, then empty their queue."""
        url = self.endpoint.url
        waiting: list[tuple[int, dict[str, Any]]] = []
        for learner in learners:
            try:
                document = store.export_document(
                    learner.name, self.course.id, self.settings.include_private
                )
                done = store.sent_statements(learner.name, url)
            except StoreError as error:  # say, removed from the class meanwhile
                log.warning("no statements for %r: %s", learner.name, error)
                continue
            waiting += [
                (learner.learner_id, statement)
                for statement in statements(document, self.course, self.settings)
                if statement["id"] not in done and statement["id"] not in self._rejected
            ]
        for start in range(0, len(waiting), self.batch_size):
            batch = waiting[start : start + self.batch_size]
            stored = self._post_batch(batch)
            ids: dict[int, list[str]] = {}
            for learner_id, statement in stored:
                ids.setdefault(learner_id, []).append(str(statement["id"]))
            queue.sent(url, ids)
            self._update(
                sent=self.state.sent + len(stored),
                last_sent_at=utc_now(),
                unreachable_since=None,
                problem=None,
            )
        queue.done(learners)

    def _post_batch(
        self, batch: Sequence[tuple[int, dict[str, Any]]]
    ) -> list[tuple[int, dict[str, Any]]]:
        """Post one batch; what the LRS stored. A refusal of the credentials stops
        everything (LrsRefused); any other refusal (a statement the LRS will not take) is
        found by sending the batch one statement at a time, and only that one is left
        out, with a note in the log, so that one bad statement never holds up the class."""
        try:
            self._post(self.endpoint, [statement for _, statement in batch])
            return list(batch)
        except LrsRefused as error:
            if error.status in AUTH_REFUSALS:
                raise
            if len(batch) == 1:
                statement_id = str(batch[0][1]["id"])
                log.warning("the LRS refused statement %s: %s", statement_id, error)
                self._rejected.add(statement_id)
                self._update(problem=str(error))
                return []
        stored: list[tuple[int, dict[str, Any]]] = []
        for one in batch:
            stored += self._post_batch([one])
        return stored
