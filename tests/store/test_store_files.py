"""The database file: private modes, damaged and foreign files, newer versions, folders that
cannot be written, and migrating an older schema with its data."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import pytest

from course.cli import main as cli
from course.locations import data_dir as default_data_dir
from course.store import SCHEMA_VERSION, ProgressStore, StoreError, database
from course.store.schema import APPLICATION_ID, migrate, schema_version

EXAMPLE_COURSE = Path(__file__).resolve().parents[2] / "docs" / "example-course"

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def filled_store(folder: Path) -> bytes:
    """Make a store with some progress in `folder`; return the file's bytes."""
    with ProgressStore.open(folder) as store:
        learner = store.learner()
        for quiz in range(10):
            attempt = store.start_attempt(
                learner.id, "course", "1", f"quiz-{quiz}", "lesson", ["q"], seed=1
            )
            for question in range(10):
                store.record_answer(attempt.id, f"q{question}", {"text": "x" * 300}, "right", 1, 1)
    return (folder / ProgressStore.DB_NAME).read_bytes()


def test_the_data_folder_comes_from_the_environment(data_dir: Path) -> None:
    assert default_data_dir() == data_dir
    assert default_data_dir("/elsewhere") == Path("/elsewhere")


@posix_only
def test_the_folder_is_0700_and_the_database_and_its_side_files_0600(data_dir: Path) -> None:
    previous = os.umask(0o022)
    try:
        with ProgressStore.open(data_dir / "nested") as store:
            store.learner()  # a write, so that -wal and -shm exist
            folder = data_dir / "nested"
            assert mode(folder) == 0o700
            files = sorted(folder.iterdir())
            assert {path.name for path in files} >= {
                "progress.sqlite3",
                "progress.sqlite3-wal",
                "progress.sqlite3-shm",
            }
            assert all(mode(path) == 0o600 for path in files), [
                (path.name, oct(mode(path))) for path in files
            ]
    finally:
        os.umask(previous)


@posix_only
def test_an_existing_database_readable_by_others_is_made_private(data_dir: Path) -> None:
    ProgressStore.open(data_dir).close()
    database = data_dir / ProgressStore.DB_NAME
    database.chmod(0o644)
    ProgressStore.open(data_dir).close()
    assert mode(database) == 0o600


def test_a_new_database_has_the_current_schema_in_wal_mode_with_foreign_keys(
    store: ProgressStore,
) -> None:
    connection = sqlite3.connect(store.path)
    try:
        assert schema_version(connection) == SCHEMA_VERSION
        assert connection.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        connection.close()
    assert store._connection.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_the_wal_file_shrinks_back_after_a_checkpoint(store: ProgressStore) -> None:
    learner = store.learner("Anna")
    for n in range(3000):  # enough pages to grow the WAL past a megabyte
        store.save_reflection(learner.id, "course", "lesson", "x" * 500 + str(n), f"s{n}")
    store._connection.execute("PRAGMA wal_checkpoint(PASSIVE)")
    store.save_reflection(learner.id, "course", "lesson", "the last", "last")
    wal = store.path.with_name(store.path.name + "-wal")
    assert wal.stat().st_size <= database.WAL_SIZE_LIMIT + 64 * 1024


def damaged_files(folder: Path) -> list[Path]:
    """The databases moved aside in `folder` (without their -wal and -shm files)."""
    return sorted(
        path
        for path in folder.glob(f"{ProgressStore.DB_NAME}.damaged-*")
        if not path.name.endswith(("-wal", "-shm", "-journal"))
    )


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(b"these are not the droids you are looking for\n" * 50, id="garbage"),
        pytest.param(b"SQLite format 3\x00" + b"\xff" * 100, id="bad-header"),
    ],
)
def test_a_non_sqlite_file_is_moved_aside_and_a_fresh_database_made(
    data_dir: Path, content: bytes
) -> None:
    data_dir.mkdir()
    database = data_dir / ProgressStore.DB_NAME
    database.write_bytes(content)
    (data_dir / "progress.sqlite3-wal").write_bytes(b"stale wal")
    with ProgressStore.open(data_dir) as store:
        assert store.recovered_from is not None
        assert store.damage is not None and "SQLite" in store.damage
        assert store.recovered_from.read_bytes() == content
        assert Path(f"{store.recovered_from}-wal").read_bytes() == b"stale wal"
        assert damaged_files(data_dir) == [store.recovered_from]
        assert store.learner().name == "default"
        assert store.integrity_check() == ["ok"]
    with ProgressStore.open(data_dir) as again:
        assert again.recovered_from is None


@pytest.mark.parametrize("keep", [0.02, 0.5, 0.99])
def test_a_truncated_database_is_moved_aside_and_a_fresh_one_made(
    data_dir: Path, keep: float
) -> None:
    original = filled_store(data_dir)
    database = data_dir / ProgressStore.DB_NAME
    truncated = original[: int(len(original) * keep)]
    database.write_bytes(truncated)
    with ProgressStore.open(data_dir) as store:
        assert store.recovered_from is not None
        assert store.recovered_from.read_bytes() == truncated
        assert store.learners() == []


def test_an_sqlite_database_of_another_program_is_moved_aside_untouched(data_dir: Path) -> None:
    data_dir.mkdir()
    database = data_dir / ProgressStore.DB_NAME
    other = sqlite3.connect(database)
    other.execute("CREATE TABLE notes (text TEXT)")
    other.execute("INSERT INTO notes VALUES ('keep me')")
    other.commit()
    other.close()
    with ProgressStore.open(data_dir) as store:
        assert store.recovered_from is not None and "another program" in (store.damage or "")
    moved = sqlite3.connect(store.recovered_from)
    assert moved.execute("SELECT text FROM notes").fetchall() == [("keep me",)]
    moved.close()


def test_two_damaged_files_in_one_second_are_both_kept(data_dir: Path) -> None:
    data_dir.mkdir()
    database = data_dir / ProgressStore.DB_NAME
    moved = []
    for content in (b"first" * 100, b"second" * 100):
        database.write_bytes(content)
        with ProgressStore.open(data_dir) as store:
            assert store.recovered_from is not None
            moved.append(store.recovered_from)
    assert len(set(moved)) == 2
    assert sorted(path.read_bytes()[:6] for path in moved) == [b"firstf", b"second"]


def test_a_database_from_a_newer_version_is_refused_and_left_untouched(data_dir: Path) -> None:
    ProgressStore.open(data_dir).close()
    database = data_dir / ProgressStore.DB_NAME
    connection = sqlite3.connect(database)
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    connection.commit()
    connection.close()
    before = database.read_bytes()
    with pytest.raises(StoreError) as raised:
        ProgressStore.open(data_dir)
    message = str(raised.value)
    assert "newer version" in message and str(database) in message
    assert "Update" in message
    assert database.read_bytes() == before
    assert damaged_files(data_dir) == []


def test_a_data_folder_that_cannot_be_created_gives_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(StoreError) as raised:
        ProgressStore.open(blocker / "data")
    message = str(raised.value)
    assert str(blocker / "data") in message
    assert "--data-dir" in message and "COURSE_DATA_DIR" in message


def test_a_data_folder_that_is_a_file_gives_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("not a folder")
    with pytest.raises(StoreError, match="not a folder"):
        ProgressStore.open(blocker)


@posix_only
@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root can write anywhere")
def test_a_read_only_data_folder_gives_a_clear_error(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(StoreError, match="Cannot write to the data folder"):
            ProgressStore.open(folder)
    finally:
        folder.chmod(0o700)


def test_a_version_1_database_is_migrated_with_its_data_kept(data_dir: Path) -> None:
    data_dir.mkdir()
    database = data_dir / ProgressStore.DB_NAME
    old = sqlite3.connect(database, isolation_level=None)
    assert migrate(old, target=1) == 0
    old.executescript(
        """
        INSERT INTO learners (id, name, created_at) VALUES (1, 'Anna', '2024-01-01T10:00:00.000Z');
        INSERT INTO lessons (learner_id, course_id, lesson_id, opened_at, completed_at,
                             position, updated_at)
            VALUES (1, 'course', 'intro', '2024-01-01T10:01:00.000Z',
                    '2024-01-01T10:09:00.000Z', 0.75, '2024-01-01T10:09:00.000Z');
        INSERT INTO attempts (id, uid, learner_id, course_id, course_version, quiz_id,
                              lesson_id, question_order, seed, mode, started_at, finished_at)
            VALUES (1, 'attempt-1', 1, 'course', '0.9', 'quiz', 'intro', '["q1"]', 5, 'self',
                    '2024-01-01T10:10:00.000Z', '2024-01-01T10:12:00.000Z');
        INSERT INTO answers (uid, attempt_id, learner_id, question_id, answer, outcome, points,
                             max_points, answered_at)
            VALUES ('answer-1', 1, 1, 'q1', '{"choice": [1]}', 'right', 1, 1,
                    '2024-01-01T10:11:00.000Z');
        """
    )
    assert schema_version(old) == 1
    old.close()

    with ProgressStore.open(data_dir) as store:
        assert store.recovered_from is None
        anna = store.find_learner("Anna")
        assert anna is not None
        intro = store.lessons(anna.id, "course")["intro"]
        assert (intro.completed, intro.position, intro.seconds) == (True, 0.75, 0.0)
        (attempt,) = store.attempts(anna.id, "course")
        assert attempt.uid == "attempt-1" and attempt.answers[0].answer == {"choice": [1]}
        store.add_time(anna.id, "course", "intro", 60)
        assert store.lessons(anna.id, "course")["intro"].seconds == 60
    check = sqlite3.connect(database)
    try:
        assert schema_version(check) == SCHEMA_VERSION
        indexes = {
            row[0] for row in check.execute("SELECT name FROM sqlite_master WHERE type = 'index'")
        }
        assert {"attempts_by_learner", "answers_by_learner"} <= indexes
    finally:
        check.close()


def test_a_version_5_database_gains_the_lrs_ledger_and_keeps_its_learners(data_dir: Path) -> None:
    data_dir.mkdir()
    database = data_dir / ProgressStore.DB_NAME
    old = sqlite3.connect(database, isolation_level=None)
    assert migrate(old, target=5) == 0
    old.execute("INSERT INTO learners (id, name, created_at) VALUES (1, 'Anna', '2025-01-01')")
    old.close()
    with ProgressStore.open(data_dir) as store:
        assert store.sent_statements("Anna", "https://lrs.example.org/xAPI/") == set()
        store.mark_sent("Anna", "https://lrs.example.org/xAPI/", ["s1", "s2"])
        store.mark_sent("Anna", "https://lrs.example.org/xAPI/", ["s2", "s3"])  # no doubles
        assert store.sent_statements("Anna", "https://lrs.example.org/xAPI/") == {"s1", "s2", "s3"}
        assert store.sent_statements("Anna", "https://other.example.org/") == set()
        # A reset deletes the learner's progress, not what the LRS holds from them.
        store.reset("Anna")
        assert len(store.sent_statements("Anna", "https://lrs.example.org/xAPI/")) == 3


# -- every kind of damage, one table ----------------------------------------------------------


@dataclass(frozen=True)
class Damage:
    """One way a progress file can be found, and what opening it must do."""

    make: Callable[[Path], None]
    """Prepares the damage in the data folder (which `filled_store` filled)."""
    outcome: str
    """"moved": moved aside and a fresh file started; "kept": opened with every answer;
    "read-only": opened in memory with every answer; "refused": a StoreError."""
    says: str = ""
    """Words the message (the damage, or the StoreError) must contain."""


def database_of(folder: Path) -> Path:
    return folder / ProgressStore.DB_NAME


def garbage(folder: Path) -> None:
    database_of(folder).write_bytes(b"\x00\xffnot a database at all\n" * 400)


def truncated(folder: Path) -> None:
    database = database_of(folder)
    database.write_bytes(database.read_bytes()[:5000])


def zero_length(folder: Path) -> None:
    database_of(folder).write_bytes(b"")


def a_folder(folder: Path) -> None:
    database = database_of(folder)
    database.unlink()
    database.mkdir()
    (database / "keep.txt").write_text("mine", encoding="utf-8")


def dangling_link(folder: Path) -> None:
    database = database_of(folder)
    database.unlink()
    database.symlink_to(folder / "gone" / "progress.sqlite3")


def link_loop(folder: Path) -> None:
    database = database_of(folder)
    database.unlink()
    database.symlink_to(database.name)


def another_application(folder: Path) -> None:
    database = database_of(folder)
    database.unlink()
    with closing(sqlite3.connect(database)) as other:
        other.execute("CREATE TABLE notes (text TEXT)")
        other.execute("INSERT INTO notes VALUES ('keep me')")
        other.commit()


def newer_version(folder: Path) -> None:
    with closing(sqlite3.connect(database_of(folder))) as connection:
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
        connection.commit()


def missing_table(folder: Path) -> None:
    with closing(sqlite3.connect(database_of(folder))) as connection:
        connection.execute("DROP TABLE reflections")
        connection.commit()


def missing_column(folder: Path) -> None:
    with closing(sqlite3.connect(database_of(folder))) as connection:
        connection.execute("ALTER TABLE lessons DROP COLUMN seconds")
        connection.commit()


def version_without_tables(folder: Path) -> None:
    database = database_of(folder)
    database.unlink()
    with closing(sqlite3.connect(database)) as connection:
        connection.execute("PRAGMA user_version = 3")
        connection.commit()


def hot_journal(folder: Path) -> None:
    """A writer in rollback-journal mode killed in the middle of a transaction."""
    database = database_of(folder)
    with closing(sqlite3.connect(database)) as connection:
        connection.execute("PRAGMA journal_mode = DELETE")
    writer = (
        "import os, sqlite3, sys\n"
        "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        "c.execute('PRAGMA cache_size = 1')\n"  # spill the change to the file at once
        "c.execute('BEGIN IMMEDIATE')\n"
        'c.execute("UPDATE answers SET answer = \'\\"overwritten\\"\'")\n'
        "os._exit(0)\n"
    )
    subprocess.run([sys.executable, "-c", writer, str(database)], check=True)
    journal = database.with_name(database.name + "-journal")
    assert journal.stat().st_size > 0, "the journal should be hot"


def garbage_wal(folder: Path) -> None:
    wal = database_of(folder).with_name(ProgressStore.DB_NAME + "-wal")
    wal.write_bytes(b"\x37\x7f\x06\x82" + bytes(range(256)) * 40)


def read_only_file(folder: Path) -> None:
    database = database_of(folder)
    if IS_ROOT:
        if CHATTR is None:
            pytest.skip("root ignores modes, and there is no chattr")
        if subprocess.run([CHATTR, "+i", str(database)], check=False).returncode != 0:
            pytest.skip("chattr +i is not supported here")
    else:
        database.chmod(0o400)


DAMAGES = {
    "garbage": Damage(garbage, "moved", "not an SQLite database"),
    "truncated": Damage(truncated, "moved", "SQLite"),
    "zero-length": Damage(zero_length, "fresh"),
    "a folder": Damage(a_folder, "refused", "is a folder, not a file"),
    "a link to nowhere": Damage(dangling_link, "refused", "which does not exist"),
    "a link loop": Damage(link_loop, "refused", "leads back to itself"),
    "another application": Damage(another_application, "moved", "another program"),
    "a newer version": Damage(newer_version, "refused", "newer version"),
    "a missing table": Damage(missing_table, "moved", "lacks the table 'reflections'"),
    "a missing column": Damage(missing_column, "moved", "'lessons' lacks the column 'seconds'"),
    "a version without tables": Damage(version_without_tables, "moved", "lacks the tables"),
    "a hot journal": Damage(hot_journal, "kept"),
    "a garbage wal": Damage(garbage_wal, "kept"),
    "a read-only file": Damage(read_only_file, "read-only"),
}
"""Every damage a progress file was found with, by outside testing or by a disk."""

CHATTR = shutil.which("chattr")
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def snapshot(folder: Path) -> dict[str, bytes | None]:
    """Every file in the data folder with its bytes (None for a folder or a link), but
    the lock file and empty side files, which reading an SQLite file may create."""
    return {
        path.name: None if path.is_symlink() or path.is_dir() else path.read_bytes()
        for path in folder.iterdir()
        if not path.name.endswith(".lock")
        and not (path.name.endswith(("-wal", "-shm")) and path.stat().st_size in (0, 32768))
    }


@pytest.fixture
def unlocked(data_dir: Path) -> Iterator[None]:
    """Take the immutable flag off the file again, so that pytest can clean up."""
    yield
    if CHATTR is not None and IS_ROOT:
        subprocess.run([CHATTR, "-i", str(database_of(data_dir))], check=False)


@posix_only
@pytest.mark.parametrize("damage", DAMAGES.values(), ids=DAMAGES.keys())
def test_every_damaged_file_opens_or_is_refused_with_a_message_and_is_never_lost(
    data_dir: Path, damage: Damage, unlocked: None
) -> None:
    filled_store(data_dir)
    damage.make(data_dir)
    database = database_of(data_dir)
    before = snapshot(data_dir)

    try:
        store = ProgressStore.open(data_dir)
    except StoreError as error:
        assert damage.outcome == "refused", f"refused: {error}"
        message = str(error)
        assert damage.says in message and str(database) in message
        assert "Make it writable" not in message
        assert snapshot(data_dir) == before
        return
    with store:
        assert damage.outcome != "refused", "opened a file that should have been refused"
        if damage.outcome == "moved":
            assert store.recovered_from is not None
            assert damage.says in (store.damage or "")
            assert store.recovered_from.read_bytes() == before[database.name]
            assert store.learners() == []
            store.learner("Anna")  # the fresh file works
        else:
            assert store.recovered_from is None
        if damage.outcome == "fresh":
            assert store.learners() == []
        if damage.outcome in ("kept", "read-only"):
            (learner,) = store.learners()
            attempts = store.attempts(learner.id, "course")
            assert len(attempts) == 10
            assert all(len(attempt.answers) == 10 for attempt in attempts)
            assert all(
                answer.answer == {"text": "x" * 300}
                for attempt in attempts
                for answer in attempt.answers
            )
        assert (store.read_only is not None) == (damage.outcome == "read-only")
        if damage.outcome == "read-only":
            store.learner("Zed")  # works, in memory only
    if damage.outcome == "read-only":
        assert snapshot(data_dir) == before


@posix_only
@pytest.mark.parametrize("damage", DAMAGES.values(), ids=DAMAGES.keys())
def test_course_progress_on_every_damaged_file_prints_no_traceback(
    data_dir: Path,
    damage: Damage,
    unlocked: None,
    capsys: pytest.CaptureFixture[str],
) -> None:
    filled_store(data_dir)
    damage.make(data_dir)

    try:
        code = cli.main(["--course", str(EXAMPLE_COURSE), "progress"])
    except SystemExit as exit_:
        code = int(exit_.code or 0)

    err = capsys.readouterr().err
    assert code == (1 if damage.outcome == "refused" else 0), err
    assert "Traceback" not in err
    if damage.outcome == "refused":
        assert damage.says in err


@posix_only
def test_a_read_only_file_is_refused_by_commands_that_would_change_it(
    data_dir: Path, unlocked: None, capsys: pytest.CaptureFixture[str]
) -> None:
    filled_store(data_dir)
    read_only_file(data_dir)
    before = snapshot(data_dir)

    for argv in (["reset", "--yes"], ["profiles", "create", "Zed"]):
        try:
            code = cli.main(argv)
        except SystemExit as exit_:
            code = int(exit_.code or 0)
        assert code == 1
        err = capsys.readouterr().err
        assert "cannot be written" in err and "nothing was changed" in err

    assert snapshot(data_dir) == before
