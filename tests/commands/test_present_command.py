"""`course present` while another presenter runs: refused in the terminal it was started
from, before any interface is drawn, and the running presenter's room is left alone."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from course.store import ProgressStore

REPO = Path(__file__).resolve().parents[2]
EXAMPLE_COURSE = REPO / "docs" / "example-course"


def test_a_second_presenter_is_refused_before_it_draws_anything(tmp_path: Path) -> None:
    with ProgressStore.open(tmp_path) as store:
        room = store.classroom("example")
        assert room.claim_presenter("the-first-presenter") is None
        room.present("steeping")
        room.set_locked(True)
    done = subprocess.run(
        [sys.executable, "-m", "course", "present", "--course", str(EXAMPLE_COURSE),
         "--data-dir", str(tmp_path), "--lang", "en"],
        capture_output=True, text=True, timeout=60, check=False, cwd=REPO,
    )  # fmt: skip
    assert done.returncode == 1
    assert "presenter" in done.stderr.lower() and "Traceback" not in done.stderr
    assert "\x1b[" not in done.stdout + done.stderr  # no screen was drawn
    with ProgressStore.open(tmp_path) as store:
        state = store.classroom("example").state()
        assert state.presented_lesson == "steeping" and state.locked
