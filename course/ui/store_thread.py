"""The one thread through which an app talks to its progress store.

SQLite waits for the disk on every commit and, while another process writes, for its lock
(up to `course.store.database.RETRY_FOR` seconds). Done on the event loop, either froze
the interface. So every store call of the three apps runs here, one after the other in
the order it was given: a read given after a write sees that write, and two writes are
committed in the order they were made. Writes whose result the interface does not need
(a draft, a reflection, a heartbeat) are given with `submit` and not waited for; on quit
the app waits for them with `drain`, so nothing typed is lost.

Nothing that runs here may wait for the event loop (`App.call_from_thread`): the loop may
be waiting for this thread. Results go back as messages (`App.post_message`) or through a
`Future`.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, ParamSpec, TypeVar

P = ParamSpec("P")
T = TypeVar("T")


class StoreThread:
    """A single worker thread with a queue of store calls (started on the first call)."""

    def __init__(
        self, name: str = "course-store", on_failure: Callable[[BaseException], None] = print
    ) -> None:
        """`on_failure` is told (in this thread) of an error of a call nobody waited for."""
        self.name = name
        self.on_failure = on_failure
        self._jobs: queue.SimpleQueue[tuple[Future[Any], Callable[[], Any]] | None] = (
            queue.SimpleQueue()
        )
        self._thread: threading.Thread | None = None
        self._start_lock = threading.Lock()
        self._pending = 0
        self._idle = threading.Condition()
        self.failed: list[BaseException] = []
        """The errors of writes nobody waited for, oldest first."""

    @property
    def ident(self) -> int | None:
        """The thread's identifier, once it runs."""
        return self._thread.ident if self._thread is not None else None

    def _ensure_running(self) -> None:
        with self._start_lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._serve, name=self.name, daemon=True)
                self._thread.start()

    def _serve(self) -> None:
        while True:
            job = self._jobs.get()
            if job is None:
                return
            future, call = job
            if future.set_running_or_notify_cancel():
                try:
                    future.set_result(call())
                except BaseException as error:  # handed to whoever waits, or reported
                    future.set_exception(error)
            with self._idle:
                self._pending -= 1
                self._idle.notify_all()

    def submit(self, call: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> Future[T]:
        """Queue `call(*args, **kwargs)` and return at once; its result in the Future.

        An error nobody asks the Future for is passed to `on_failure`.
        """
        future: Future[T] = Future()
        self._queue(future, lambda: call(*args, **kwargs))
        return future

    def write(self, call: Callable[P, object], *args: P.args, **kwargs: P.kwargs) -> None:
        """Queue a write nobody waits for; an error goes to `on_failure`."""
        future: Future[object] = Future()
        future.add_done_callback(self._report)
        self._queue(future, lambda: call(*args, **kwargs))

    def _report(self, future: Future[object]) -> None:
        error = future.exception()
        if error is not None:
            self.failed.append(error)
            self.on_failure(error)

    def _queue(self, future: Future[T], call: Callable[[], T]) -> None:
        if threading.get_ident() == self.ident:
            # Called from a call running here: waiting for the queue would wait for itself.
            try:
                future.set_result(call())
            except BaseException as error:
                future.set_exception(error)
            return
        self._ensure_running()
        with self._idle:
            self._pending += 1
        self._jobs.put((future, call))

    def run(self, call: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """Run `call` here after everything queued before it, and wait for its result
        (its error is raised in the caller)."""
        return self.submit(call, *args, **kwargs).result()

    def drain(self, timeout: float | None = None) -> bool:
        """Wait until every call queued so far has run; False if `timeout` passed first."""
        with self._idle:
            return self._idle.wait_for(lambda: self._pending == 0, timeout)

    def stop(self, timeout: float | None = None) -> None:
        """Run what is queued, then end the thread."""
        if self._thread is None:
            return
        self.drain(timeout)
        self._jobs.put(None)
        self._thread.join(timeout)
        self._thread = None
