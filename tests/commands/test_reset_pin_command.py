"""`course profiles reset-pin NAME`: the trainer lets a learner who forgot their PIN set a
new one on their next join; an unknown name is a message, not a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from course.cli import main as cli
from course.store import ProgressStore, seats


def course_main(*argv: str) -> int:
    """Run `course ARGV`; SystemExit is turned into its code."""
    try:
        return cli.main(list(argv))
    except SystemExit as exit_:
        return int(exit_.code or 0)


def test_reset_pin_lets_the_next_join_set_a_new_pin(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with ProgressStore.open(data_dir) as store:
        assert isinstance(seats.join(store, "Priya", "4711"), seats.Joined)
    assert course_main("--data-dir", str(data_dir), "profiles", "reset-pin", "priya") == 0
    assert "next join" in capsys.readouterr().out
    with ProgressStore.open(data_dir) as store:
        again = seats.join(store, "Priya", "1234")
        assert isinstance(again, seats.Joined) and again.new_pin


def test_reset_pin_of_nobody_says_so(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert course_main("--data-dir", str(data_dir), "profiles", "reset-pin", "Zoe") == 1
    err = capsys.readouterr().err
    assert "no profile called 'Zoe'" in err and "Traceback" not in err
