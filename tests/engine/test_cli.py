"""`python -m course` on the command line: help, version and `validate`."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLE_COURSE, REPO

import course
from course.cli.main import COMMAND_MODULES
from course.cli.validate import summary
from course.content import load_course

pytestmark = pytest.mark.slow


def run_course(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    """`python -m course ARGS` in a fresh process, with a wide terminal for --help."""
    env = {**os.environ, "PYTHONPATH": str(REPO), "COLUMNS": "200"}
    return subprocess.run(
        [sys.executable, "-m", "course", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_help_lists_every_subcommand_with_its_summary() -> None:
    result = run_course("--help")

    assert result.returncode == 0, result.stderr
    flat = " ".join(result.stdout.split())
    for name in COMMAND_MODULES:
        command = importlib.import_module(f"course.cli.{name}")
        assert f"{command.NAME} {' '.join(command.SUMMARY.split())}" in flat


def test_version_prints_the_version() -> None:
    result = run_course("--version")

    assert result.returncode == 0
    assert result.stdout == f"course {course.__version__}\n"


def test_validate_prints_a_summary_of_a_valid_course_and_exits_0() -> None:
    example = load_course(EXAMPLE_COURSE).course
    assert example is not None

    result = run_course("validate", str(EXAMPLE_COURSE))

    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout == summary(example) + "\n"
    assert result.stdout.startswith("example 1.0.0: OK — 2 lessons, 10 questions (")
    assert result.stdout.endswith("languages: en, de\n")


def test_validate_of_a_missing_folder_says_so_and_exits_1(tmp_path: Path) -> None:
    result = run_course("validate", "no-such-course", cwd=tmp_path)

    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stderr == (
        "no-such-course: no course.toml here: is this a course folder? (see docs/authoring.md)\n"
    )
    assert result.stdout == "no-such-course: 1 problem; the course is not valid.\n"


def test_validate_of_the_manifest_checks_its_folder(tmp_path: Path) -> None:
    # Pointing at course.toml instead of its folder is an easy slip, not a broken course.
    result = run_course("validate", str(EXAMPLE_COURSE / "course.toml"), cwd=tmp_path)

    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.startswith("example 1.0.0: OK — 2 lessons")
