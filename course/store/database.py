"""The SQLite file itself: making it private, opening it safely, and short transactions.

Everything here is about surviving the real world: a folder that cannot be written, a file
damaged by a disk or by another program, a file from a newer version of the app, and many
processes (a classroom on one machine) writing at the same moment.
"""

from __future__ import annotations

import errno
import functools
import os
import random
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path
from typing import NamedTuple, TypeVar

from course.store.records import StoreError
from course.store.schema import APPLICATION_ID, SCHEMA_VERSION, migrate, schema_version

try:  # POSIX only; elsewhere two processes repairing one file at once is not guarded
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

T = TypeVar("T")

BUSY_TIMEOUT = 5.0
"""Seconds SQLite itself waits for a lock inside one statement."""
RETRY_FOR = 30.0
"""Seconds a transaction keeps retrying on SQLITE_BUSY before it gives up."""
SIDE_FILES = ("-wal", "-shm", "-journal")
"""The files SQLite keeps next to a database; they belong to it and move with it."""

_SQLITE_BUSY = 5
_SQLITE_LOCKED = 6
_SQLITE_CORRUPT = 11
_SQLITE_NOTADB = 26
_SQLITE_READONLY_ROLLBACK = 776
"""A read-only connection met a hot journal that only a writer can roll back."""
_POSIX = os.name == "posix"


def is_busy(error: sqlite3.Error) -> bool:
    """Whether an error only means that another connection holds a lock (try again)."""
    code = getattr(error, "sqlite_errorcode", None)
    if isinstance(code, int):
        return code & 0xFF in (_SQLITE_BUSY, _SQLITE_LOCKED)
    return "locked" in str(error) or "busy" in str(error)


def is_damage(error: sqlite3.Error) -> bool:
    """Whether an error says the file is not a (healthy) SQLite database."""
    code = getattr(error, "sqlite_errorcode", None)
    if isinstance(code, int):
        return code & 0xFF in (_SQLITE_CORRUPT, _SQLITE_NOTADB)
    text = str(error)
    return "malformed" in text or "not a database" in text


def transaction(
    connection: sqlite3.Connection,
    work: Callable[[sqlite3.Connection], T],
    *,
    write: bool = True,
    retry_for: float | None = None,
) -> T:
    """Run `work` in one transaction and commit; on SQLITE_BUSY roll back and run it again.

    Writes begin IMMEDIATE, so the write lock is taken up front: a deferred transaction
    that reads first and writes later can fail with "database is locked" whatever the
    busy timeout. `work` must be short and must not commit. The connection must be in
    autocommit mode (isolation_level=None). Waits with jittered exponential backoff, so
    30 processes that start together spread out.
    """
    delay = 0.002
    give_up = time.monotonic() + (RETRY_FOR if retry_for is None else retry_for)
    while True:
        try:
            connection.execute("BEGIN IMMEDIATE" if write else "BEGIN")
            try:
                result = work(connection)
                connection.execute("COMMIT")
            except BaseException:
                rollback(connection)
                raise
            return result
        except sqlite3.OperationalError as error:
            if not is_busy(error) or time.monotonic() + delay > give_up:
                raise
        time.sleep(random.uniform(delay / 2, delay))
        delay = min(delay * 2, 0.2)


def rollback(connection: sqlite3.Connection) -> None:
    """End an open transaction without keeping its changes (quietly if there is none)."""
    if connection.in_transaction:
        with suppress(sqlite3.Error):
            connection.execute("ROLLBACK")


class LogSync:
    """Makes committed writes durable: syncs the database's write-ahead log to the disk.

    With `synchronous = FULL`, SQLite syncs the log inside every commit, while it holds the
    database's write lock: every other writer waits for that disk flush too, one after the
    other. A class of 60 learners on one laptop, answering a live question within a second
    or two, queued behind each other's flushes: under that load a flush took up to 80 ms,
    and one learner's answer waited almost a second for its turn (benchmarks/class_serve.py).

    So the store commits with `synchronous = NORMAL` and calls this right after, once the
    lock is free: the flushes of many processes then overlap instead of queueing one behind
    the other (60 learners: the slowest check took 0.2 s instead of 1). A write still
    returns only once it is on the disk, so what the app reports as saved survives a power
    cut as before; others can see a commit a moment before it is on the disk.

    The log is a file SQLite makes, removes (when the last connection closes, after
    copying it into the database, which it then syncs) and makes again; the descriptor
    kept here follows it by its inode. A newly made log's name is synced too (its folder).
    Opening and closing a descriptor of the log takes no lock from SQLite: SQLite keeps its
    POSIX locks on the database and the -shm file, never on the -wal.
    """

    def __init__(self, database: Path) -> None:
        self.path = database.with_name(database.name + "-wal")
        """The write-ahead log."""
        self._descriptor: int | None = None
        self._inode: tuple[int, int] | None = None

    def __call__(self) -> None:
        """Sync what has been committed; OSError when the disk fails to."""
        if not _POSIX:
            return  # SQLite synced it in the commit (`configure`)
        try:
            status = os.stat(self.path)
        except FileNotFoundError:
            # Copied into the database and removed: SQLite synced the database then.
            self.close()
            return
        if self._descriptor is None or self._inode != (status.st_dev, status.st_ino):
            self.close()
            descriptor = os.open(self.path, os.O_RDONLY)
            opened = os.fstat(descriptor)
            self._descriptor, self._inode = descriptor, (opened.st_dev, opened.st_ino)
            _sync_folder(self.path.parent)  # a log made since the last look
        _sync_data(self._descriptor)

    def close(self) -> None:
        """Let go of the log's descriptor."""
        if self._descriptor is not None:
            with suppress(OSError):
                os.close(self._descriptor)
            self._descriptor = self._inode = None


def _sync_data(descriptor: int) -> None:
    """Flush a file's data (and the size, not the times) to the disk."""
    getattr(os, "fdatasync", os.fsync)(descriptor)


def _sync_folder(folder: Path) -> None:
    """Flush a folder's entries to the disk, so that a new file's name survives a crash."""
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


WAL_SIZE_LIMIT = 512 * 1024
"""Bytes of WAL file kept after a checkpoint."""


def connect(path: Path) -> sqlite3.Connection:
    """A connection in autocommit mode; the caller issues BEGIN/COMMIT itself.

    It may be used from any thread (the store serialises use with its own lock), so that
    the app can write from a worker thread.
    """
    connection = sqlite3.connect(
        path, timeout=BUSY_TIMEOUT, isolation_level=None, check_same_thread=False
    )
    connection.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT * 1000)}")
    return connection


def configure(connection: sqlite3.Connection) -> None:
    """WAL (readers never block the writer), foreign keys on, and a WAL file cut back after
    a checkpoint rather than left at its largest (SQLite reuses it but never shrinks it: a
    workshop day left it at 4 MB).

    Every commit survives a power cut, but on POSIX the store makes it so after the write
    lock is let go (`LogSync`), not SQLite under it: `synchronous = NORMAL` here, which in
    WAL mode still syncs around every checkpoint. Elsewhere SQLite syncs every commit
    itself (`FULL`)."""
    connection.execute(f"PRAGMA synchronous = {'NORMAL' if _POSIX else 'FULL'}")
    for _ in range(int(RETRY_FOR / 0.1)):
        try:
            connection.execute("PRAGMA journal_mode = WAL").fetchone()
            break
        except sqlite3.OperationalError as error:
            if not is_busy(error):
                raise
            time.sleep(random.uniform(0.05, 0.1))
    connection.execute("PRAGMA foreign_keys = ON")
    connection.execute(f"PRAGMA journal_size_limit = {WAL_SIZE_LIMIT}")


def ensure_folder(folder: Path) -> None:
    """Create the data folder, private to its owner (0700); raise StoreError if we cannot."""
    if folder.is_dir():
        return
    try:
        folder.mkdir(mode=0o700, parents=True)
        if _POSIX:
            folder.chmod(0o700)
    except FileExistsError:
        if not folder.is_dir():
            raise StoreError(
                f"Cannot use {folder} as the data folder: it exists but is not a folder. "
                "Move that file, or choose another folder with --data-dir DIR or the "
                "COURSE_DATA_DIR environment variable."
            ) from None
    except OSError as error:
        raise StoreError(
            f"Cannot create the data folder {folder}: {error.strerror or error}. "
            "Choose a folder you can write to with --data-dir DIR or the COURSE_DATA_DIR "
            "environment variable, or fix the permissions of its parent folder."
        ) from error


def unwritable(folder: Path, error: OSError | sqlite3.Error) -> StoreError:
    """The error for a data folder (or database) that cannot be written."""
    reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
    return StoreError(
        f"Cannot write to the data folder {folder}: {reason}. Make it writable for your "
        "user, or choose another folder with --data-dir DIR or the COURSE_DATA_DIR "
        "environment variable."
    )


@contextmanager
def folder_lock(folder: Path, name: str) -> Iterator[None]:
    """Hold an exclusive lock on `folder/name.lock` while a database is opened, checked,
    repaired or migrated, so that two processes never move the same file aside twice.

    Creating the lock file also proves the folder can be written.
    """
    try:
        descriptor = os.open(folder / f"{name}.lock", os.O_RDWR | os.O_CREAT, 0o600)
    except OSError as error:
        raise unwritable(folder, error) from error
    try:
        if fcntl is not None:
            fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # releases the lock


def create_private(path: Path) -> None:
    """Create an empty database file readable only by its owner (0600), if it is missing.

    SQLite gives its -wal and -shm files the database's permissions.
    """
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    except OSError as error:
        raise unwritable(path.parent, error) from error
    os.close(descriptor)


def make_private(path: Path) -> None:
    """Take group and other permissions off a database and its side files."""
    if not _POSIX:
        return
    for candidate in (path, *(path.with_name(path.name + side) for side in SIDE_FILES)):
        with suppress(OSError):
            mode = candidate.stat().st_mode & 0o777
            if mode & 0o077:
                candidate.chmod(mode & 0o700)


class NewerFile(Exception):
    """The file was written by a newer version of the app; it must be left alone."""

    def __init__(self, version: int) -> None:
        super().__init__(version)
        self.version = version
        """The schema version found in the file."""


SQLITE_MAGIC = b"SQLite format 3\x00"
"""The first 16 bytes of every SQLite database file."""

Layout = dict[str, frozenset[str]]
"""Each table of a database with the names of its columns."""


@functools.cache
def expected_layout(version: int) -> Layout:
    """The tables and columns a database of schema `version` has (built in memory)."""
    memory = sqlite3.connect(":memory:", isolation_level=None)
    try:
        migrate(memory, target=version)
        return read_layout(memory)
    finally:
        memory.close()


def read_layout(c: sqlite3.Connection) -> Layout:
    """The tables and columns of an open database."""
    tables = [
        str(row[0])
        for row in c.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {
        table: frozenset(
            str(row[1]) for row in c.execute("SELECT * FROM pragma_table_info(?)", (table,))
        )
        for table in tables
    }


def layout_problem(version: int, found: Layout) -> str | None:
    """What is missing from a database of schema `version` (None when nothing is): a table
    or a column gone would make the first query of it fail, and half a migration worse."""
    expected = expected_layout(version)
    missing_tables = sorted(set(expected) - set(found))
    if missing_tables:
        return (
            f"its schema {version} lacks the table{'s' if len(missing_tables) > 1 else ''} "
            + ", ".join(repr(table) for table in missing_tables)
        )
    for table in sorted(expected):
        missing = sorted(expected[table] - found[table])
        if missing:
            return (
                f"its table {table!r} lacks the column{'s' if len(missing) > 1 else ''} "
                + ", ".join(repr(column) for column in missing)
            )
    return None


def unusable(path: Path, error: OSError) -> StoreError:
    """The error for a progress file that cannot even be opened: say what it really is (a
    folder, a link to nowhere, a file we may not read) rather than blame the folder."""
    where = (
        "Move it away, or choose another data folder with --data-dir DIR or the "
        "COURSE_DATA_DIR environment variable."
    )
    if path.is_dir():
        return StoreError(
            f"The progress file {path} is a folder, not a file; it was left untouched. {where}"
        )
    if path.is_symlink():
        try:
            target = os.readlink(path)
        except OSError:
            target = "?"
        if error.errno == errno.ELOOP:
            what = "a symbolic link that leads back to itself (a loop)"
        else:
            what = f"a symbolic link to {target}, which does not exist"
        return StoreError(
            f"The progress file {path} is {what}; it was left untouched. Remove the link "
            f"or restore what it points to. {where}"
        )
    if isinstance(error, PermissionError):
        return StoreError(
            f"The progress file {path} cannot be read: {error.strerror or error}. Make it "
            f"readable for your user. {where}"
        )
    return StoreError(
        f"The progress file {path} cannot be opened: {error.strerror or error}. {where}"
    )


def problem_with(path: Path) -> str | None:
    """Why the file at `path` cannot be used as a progress database (None if it can).

    It is looked at through a read-only connection, which never checkpoints or deletes a
    -wal file, so a file that is moved aside (or refused) is exactly as it was found; a
    file that does not even start like an SQLite database is not given to SQLite at all.
    A hot journal left by a writer that was killed is rolled back first, as any writer
    would (that keeps everything committed). Raises NewerFile for a file of a newer
    schema: that one is left alone, not moved aside; StoreError for a path that is no
    file at all (a folder, a link to nowhere).
    """
    try:
        with path.open("rb") as stream:
            head = stream.read(len(SQLITE_MAGIC))
    except OSError as error:
        raise unusable(path, error) from error
    if head and head != SQLITE_MAGIC:  # an empty file is a new, empty database
        return "it is not an SQLite database"

    def inspect(c: sqlite3.Connection) -> tuple[int, int, Layout, list[str]]:
        application_id = int(c.execute("PRAGMA application_id").fetchone()[0])
        version = int(c.execute("PRAGMA user_version").fetchone()[0])
        checks = [str(row[0]) for row in c.execute("PRAGMA quick_check(5)")]
        return application_id, version, read_layout(c), checks

    try:
        try:
            application_id, version, layout, checks = read_only(path, inspect)
        except sqlite3.OperationalError as error:
            if getattr(error, "sqlite_errorcode", None) != _SQLITE_READONLY_ROLLBACK:
                raise
            roll_back_journal(path)
            application_id, version, layout, checks = read_only(path, inspect)
    except sqlite3.DatabaseError as error:
        if is_damage(error):
            return f"it is not a readable SQLite database ({error})"
        raise
    if application_id != APPLICATION_ID and (application_id != 0 or layout):
        return "it is an SQLite database of another program, not course progress"
    if version > SCHEMA_VERSION:
        raise NewerFile(version)
    if checks != ["ok"]:
        return "it is damaged (" + "; ".join(" ".join(check.split()) for check in checks) + ")"
    if version == 0:
        return "it has tables but no schema version" if layout else None
    return layout_problem(version, layout)


def read_only(path: Path, work: Callable[[sqlite3.Connection], T]) -> T:
    """Run `work` in one read transaction on a read-only connection to `path`."""
    reader = sqlite3.connect(
        f"{path.absolute().as_uri()}?mode=ro",
        uri=True,
        timeout=BUSY_TIMEOUT,
        isolation_level=None,
        check_same_thread=False,
    )
    try:
        return transaction(reader, work, write=False)
    finally:
        reader.close()


def roll_back_journal(path: Path) -> None:
    """Let SQLite roll back the hot journal of a writer that was killed mid-transaction:
    only a connection that may write does that. Nothing committed is lost."""
    writer = connect(path)
    try:
        transaction(
            writer,
            lambda c: c.execute("SELECT count(*) FROM sqlite_master").fetchone(),
            write=False,
        )
    finally:
        writer.close()


def can_write(path: Path) -> str | None:
    """Why the existing file at `path` cannot be written (None if it can): read-only for
    this user, immutable (`chattr +i`, which stops even root), or on a read-only disk."""
    try:
        descriptor = os.open(path, os.O_RDWR)
    except OSError as error:
        if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return error.strerror or str(error)
        return None  # any other trouble is found, and explained, by problem_with
    os.close(descriptor)
    return None


def copy_to_memory(path: Path) -> sqlite3.Connection:
    """A private copy, in memory, of the database at `path`, which is only read: a session
    on a file that cannot be written works, and saves nothing."""
    memory = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    try:
        read_only(path, lambda c: c.backup(memory))
        memory.execute("PRAGMA foreign_keys = ON")
    except BaseException:
        memory.close()
        raise
    return memory


def move_aside(path: Path) -> Path:
    """Rename a database and its side files to `<name>.damaged-<UTC time>[-n]`; never delete.

    Returns the new path of the database file. The side files keep their suffix, so the
    moved copy still opens as one database for anyone who wants to rescue it.
    """
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.damaged-{stamp}")
    counter = 1
    while any(target.with_name(target.name + side).exists() for side in ("", *SIDE_FILES)):
        counter += 1
        target = path.with_name(f"{path.name}.damaged-{stamp}-{counter}")
    try:
        for side in ("", *SIDE_FILES):
            source = path.with_name(path.name + side)
            if source.exists():
                os.replace(source, target.with_name(target.name + side))
    except OSError as error:
        raise StoreError(
            f"The progress file {path} is damaged and could not be moved aside: "
            f"{error.strerror or error}. Move or rename it yourself, then start again."
        ) from error
    return target


class Opened(NamedTuple):
    """A progress database, opened by `open_database`."""

    connection: sqlite3.Connection
    """In autocommit mode, migrated to the current schema."""
    moved_to: Path | None = None
    """Where a damaged file found at the path was moved; None if none was."""
    damage: str | None = None
    """What was wrong with that file."""
    read_only: str | None = None
    """Why the file cannot be written, when it cannot: then `connection` is a copy of it in
    memory, and nothing done with it is saved."""


_OPEN_HERE: dict[Path, int] = {}
"""Progress files this process holds connections to, and how many."""
_OPENING = threading.Lock()
"""One open at a time in this process: the file lock below does not keep threads apart."""


def open_database(path: Path) -> Opened:
    """Open (creating, repairing and migrating as needed) the progress database at `path`.

    Raises StoreError for a folder that cannot be written, a newer file, a path that is no
    file (a folder, a link to nowhere) and a read-only file that needs an upgrade.

    A file this process has open already (`course serve`: the class store's thread and the
    LRS forwarder's) is connected to without being looked at again: the look opens and
    closes the file outside SQLite, and closing any descriptor of a file drops every POSIX
    lock this process holds on it. SQLite would then still count its connections' shared
    locks as held, another process closing the last connection it sees would delete the
    write-ahead log, and what this process writes next would be seen by nobody else.
    Call `closed` when the connection is closed.
    """
    with _OPENING:
        key = path.absolute()
        if _OPEN_HERE.get(key):
            try:
                connection = connect(path)
            except sqlite3.Error as error:
                raise unwritable(path.parent, error) from error
            try:
                configure(connection)
            except BaseException:
                connection.close()
                raise
            opened = Opened(connection)
        else:
            opened = _open_database(path)
            if opened.read_only is not None:
                return opened  # a copy in memory: no connection to the file
        _OPEN_HERE[key] = _OPEN_HERE.get(key, 0) + 1
        return opened


def closed(path: Path) -> None:
    """A connection of `open_database` to `path` was closed."""
    with _OPENING:
        key = path.absolute()
        left = _OPEN_HERE.get(key, 0) - 1
        if left > 0:
            _OPEN_HERE[key] = left
        else:
            _OPEN_HERE.pop(key, None)


def _open_database(path: Path) -> Opened:
    folder = path.parent
    ensure_folder(folder)
    moved_to: Path | None = None
    damage: str | None = None
    with folder_lock(folder, path.name):
        for _ in range(3):
            create_private(path)
            try:
                problem = problem_with(path)
            except NewerFile as newer:
                raise StoreError(
                    f"The progress file {path} was written by a newer version of this app "
                    f"(schema {newer.version}; this version reads up to {SCHEMA_VERSION}). "
                    "It was left untouched. Update the app, or use another data folder "
                    "with --data-dir DIR."
                ) from None
            except sqlite3.Error as error:
                raise unwritable(folder, error) from error
            if problem is None:
                break
            moved_to = move_aside(path)
            damage = problem
        else:  # pragma: no cover - a fresh file is never damaged
            raise StoreError(f"Cannot create a working progress file at {path}.")
        read_only_reason = can_write(path)
        if read_only_reason is not None:
            memory = open_read_only(path, read_only_reason)
            return Opened(memory, moved_to, damage, read_only_reason)
        try:
            connection = connect(path)
        except sqlite3.Error as error:
            raise unwritable(folder, error) from error
        try:
            configure(connection)
            migrate_with_retry(connection)
        except sqlite3.Error as error:
            connection.close()
            raise unwritable(folder, error) from error
        except BaseException:
            connection.close()
            raise
        make_private(path)
    return Opened(connection, moved_to, damage)


def open_read_only(path: Path, reason: str) -> sqlite3.Connection:
    """A copy in memory of the read-only file at `path`; StoreError when it is of an
    older schema (it cannot be upgraded where it is) or cannot be read."""
    try:
        version = read_only(path, schema_version)
        if version != SCHEMA_VERSION:
            raise StoreError(
                f"The progress file {path} cannot be written ({reason}) and is from an "
                "older version of this app, so it cannot be brought up to date. Make it "
                "writable for your user, or use another data folder with --data-dir DIR."
            )
        return copy_to_memory(path)
    except sqlite3.Error as error:
        raise StoreError(
            f"The progress file {path} cannot be written ({reason}) nor read: {error}. Make "
            "it writable for your user, or use another data folder with --data-dir DIR."
        ) from error


def migrate_with_retry(connection: sqlite3.Connection) -> None:
    """Migrate to the current schema, retrying while another process holds the write lock."""
    give_up = time.monotonic() + RETRY_FOR
    while True:
        try:
            migrate(connection)
            return
        except sqlite3.OperationalError as error:
            if not is_busy(error) or time.monotonic() > give_up:
                raise
        time.sleep(random.uniform(0.01, 0.05))
