"""A profile named on the command line that does not exist is made only when the user
agrees: a typo in `--profile` must not look like lost progress."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from course.store import ProgressStore, StoreError
from course.ui.launch import confirm_new_profile

REPO = Path(__file__).resolve().parents[2]
EXAMPLE_COURSE = REPO / "docs" / "example-course"


def names(folder: Path) -> list[str]:
    with ProgressStore.open(folder) as store:
        return [learner.name for learner in store.learners()]


def test_an_unknown_profile_without_a_terminal_is_refused_with_what_to_do(
    tmp_path: Path,
) -> None:
    with ProgressStore.open(tmp_path) as store:
        store.learner("Zoe")
    done = subprocess.run(
        [sys.executable, "-m", "course", "--course", str(EXAMPLE_COURSE),
         "--data-dir", str(tmp_path), "--profile", "Zed"],
        capture_output=True, text=True, timeout=60, check=False, cwd=REPO, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    assert done.returncode == 1
    assert "no profile named 'Zed'" in done.stderr
    assert "course profiles create Zed" in done.stderr and "Zoe" in done.stderr
    assert "Traceback" not in done.stderr and "\x1b[" not in done.stdout
    assert names(tmp_path) == ["Zoe"]


def test_a_new_profile_is_made_when_the_user_says_yes(tmp_path: Path) -> None:
    asked: list[str] = []
    confirm_new_profile(tmp_path, "Zed", lambda question: asked.append(question) or "y")
    assert asked and "Zed" in asked[0] and "[y/N]" in asked[0]


@pytest.mark.parametrize("answer", ["", "n", "no", "whatever"])
def test_no_new_profile_unless_the_user_says_yes(tmp_path: Path, answer: str) -> None:
    with pytest.raises(StoreError, match="No profile named 'Zed' was created"):
        confirm_new_profile(tmp_path, "Zed", lambda _: answer)
    assert "Zed" not in names(tmp_path)


def test_an_existing_or_the_default_profile_is_not_asked_about(tmp_path: Path) -> None:
    with ProgressStore.open(tmp_path) as store:
        store.learner("Zed")

    def never(question: str) -> str:
        raise AssertionError(question)

    confirm_new_profile(tmp_path, "Zed", never)
    confirm_new_profile(tmp_path, "zed", never)  # the same profile but for case
    confirm_new_profile(tmp_path, "default", None)
