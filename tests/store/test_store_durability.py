"""A write is on the disk when the store says it is saved, and other writers do not wait
for that disk flush (`course.store.database.LogSync`)."""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path

import pytest

from course.store import ProgressStore, StoreError
from course.store import database as database_module

pytestmark = pytest.mark.skipif(os.name != "posix", reason="the store syncs itself on POSIX")


def _log_of(store: ProgressStore) -> Path:
    return store.path.with_name(store.path.name + "-wal")


def _spy_on_syncs(monkeypatch: pytest.MonkeyPatch, seen: list[int]) -> None:
    """Record the inode of every file the store flushes."""
    flush = database_module._sync_data

    def recording(descriptor: int) -> None:
        seen.append(os.fstat(descriptor).st_ino)
        flush(descriptor)

    monkeypatch.setattr(database_module, "_sync_data", recording)


def test_sqlite_does_not_flush_inside_the_commit(store: ProgressStore) -> None:
    level = store.read("read the sync level", lambda c: c.execute("PRAGMA synchronous"))
    assert level.fetchone()[0] == 1  # NORMAL: the store flushes after the commit itself


def test_a_write_flushes_the_log_before_it_returns(
    store: ProgressStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[int] = []
    _spy_on_syncs(monkeypatch, seen)

    store.learner("ada")

    assert seen, "the write returned without flushing anything"
    assert seen[-1] == os.stat(_log_of(store)).st_ino


def test_the_flush_runs_after_the_write_lock_is_free(
    store: ProgressStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    free_during_flush: list[bool] = []
    flush = database_module._sync_data

    def other_writer_tries(descriptor: int) -> None:
        other = sqlite3.connect(store.path, timeout=0, isolation_level=None)
        try:
            other.execute("BEGIN IMMEDIATE")
            other.execute("ROLLBACK")
            free_during_flush.append(True)
        except sqlite3.OperationalError:
            free_during_flush.append(False)
        finally:
            other.close()
        flush(descriptor)

    monkeypatch.setattr(database_module, "_sync_data", other_writer_tries)

    store.learner("ada")

    assert free_during_flush and all(free_during_flush)


def test_a_new_log_after_the_old_was_removed_is_flushed(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[int] = []
    _spy_on_syncs(monkeypatch, seen)
    with ProgressStore.open(data_dir) as first:
        first.learner("ada")
        log = _log_of(first)
    # The last connection closed: SQLite copied the log into the database and removed it.
    assert not log.exists()
    with ProgressStore.open(data_dir) as second:
        second.learner("grace")
        assert seen[-1] == os.stat(log).st_ino


def test_a_log_replaced_under_an_open_store_is_followed(
    store: ProgressStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.learner("ada")
    durable = store._durable
    assert durable is not None
    kept = durable._inode
    # Another process's last close removes the log and a later writer makes a new one: the
    # same name, another file.
    log = _log_of(store)
    log.rename(log.with_name("old-log"))
    log.write_bytes(log.with_name("old-log").read_bytes())
    seen: list[int] = []
    _spy_on_syncs(monkeypatch, seen)

    durable()

    assert durable._inode != kept
    assert seen == [os.stat(log).st_ino]


def test_a_disk_that_fails_to_flush_is_reported_not_hidden(
    store: ProgressStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    def failing(descriptor: int) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(database_module, "_sync_data", failing)

    with pytest.raises(StoreError, match=r"^Could not create the profile") as raised:
        store.learner("ada")
    assert "disk did not confirm" in str(raised.value)
    assert "Input/output error" in str(raised.value)


def test_a_copy_in_memory_flushes_nothing(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with ProgressStore.open(data_dir) as store:
        store.learner("ada")
    # As for a file this user may not write (root ignores modes, so it is told here).
    monkeypatch.setattr(database_module, "can_write", lambda path: "read-only file system")
    seen: list[int] = []
    _spy_on_syncs(monkeypatch, seen)

    with ProgressStore.open(data_dir) as read_only:
        read_only.learner("grace")

    assert read_only.read_only is not None
    assert seen == []
