"""The app on a progress file it cannot write, or had to move aside: it opens, says so in
a notice that shows the file's path whole, and neither crashes on a write nor on exit."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets._toast import Toast

from course.store import ProgressStore
from course.ui.launch import run_app

from .helpers import build_app

CHATTR = shutil.which("chattr")
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def immutable(path: Path) -> bool:
    """Make `path` immutable (`chattr +i`, which stops root too); False where that fails."""
    if CHATTR is None or not IS_ROOT:
        return False
    return subprocess.run([CHATTR, "+i", str(path)], capture_output=True).returncode == 0


@pytest.fixture
def read_only_file(data_dir: Path) -> Iterator[Path]:
    """A progress file with one opened lesson, that this process cannot write: immutable
    when running as root (root ignores modes), else mode 0400."""
    with ProgressStore.open(data_dir) as store:
        learner = store.learner()
        store.lesson_opened(learner.id, "example", "water")
    database = data_dir / ProgressStore.DB_NAME
    if not immutable(database):
        if IS_ROOT:
            pytest.skip("root ignores file modes, and chattr +i is not available")
        database.chmod(0o400)
    before = database.read_bytes()
    yield database
    if CHATTR is not None and IS_ROOT:
        subprocess.run([CHATTR, "-i", str(database)], check=False)
    database.chmod(0o600)
    assert database.read_bytes() == before, "a read-only file was changed"


async def test_a_read_only_progress_file_opens_with_a_notice_and_saves_nothing(
    read_only_file: Path,
) -> None:
    app = build_app(read_only_file.parent)
    assert app.store.read_only is not None
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        (notice,) = [n.message for n in app._notifications]
        assert "cannot be written" in notice and "nothing you do now is saved" in notice
        assert read_only_file.name in notice and str(read_only_file.parent) in notice
        await pilot.press("enter")  # open the lesson: a write
        await pilot.pause()
        await pilot.press("ctrl+q")
    assert app.return_code in (0, None)
    app.store.close()


def test_the_app_on_a_read_only_file_starts_and_quits_without_a_traceback(
    read_only_file: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Through `course` itself, up to the store's close after the app ends."""
    from course.cli.main import build_parser
    from course.ui.app import CourseApp

    def run(app: CourseApp) -> None:  # the app's part is the Pilot test above
        app.store.learner("Zed")  # a write after start: kept in memory only

    monkeypatch.setattr(CourseApp, "run", run)
    args = build_parser().parse_args(["--data-dir", str(read_only_file.parent)])
    assert run_app(args) == 0
    assert "Traceback" not in capsys.readouterr().err


@pytest.mark.parametrize("width", [80, 60])
async def test_the_damaged_file_notice_keeps_its_path_on_one_line(
    data_dir: Path, width: int
) -> None:
    data_dir.mkdir()
    (data_dir / ProgressStore.DB_NAME).write_bytes(b"not a database" * 10)
    app = build_app(data_dir)
    moved = app.store.recovered_from
    assert moved is not None
    async with app.run_test(size=(width, 24), notifications=True) as pilot:
        toast = app.screen.query_one(Toast)
        while toast.size.height < 3:  # until it is laid out
            await pilot.pause(0.05)
        lines = [line.text for line in toast.render_lines(toast.region.reset_offset)]
    app.store.close()
    assert any(moved.name in line for line in lines), lines
    assert any(str(moved.parent) in line for line in lines), lines
