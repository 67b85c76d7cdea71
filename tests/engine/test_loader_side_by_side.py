"""A large course's languages are read side by side, one process each: the course and
every problem must come out exactly as when they are read one after the other."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLE_COURSE

from course.content import course_loader, load_course
from course.content.diagnostics import Diagnostic
from course.content.result import LoadResult

from .course_files import copy_course, edit

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="side by side only with fork")

READ_BY: list[Path] = []
"""Where the processes that read a language note their process id."""

_read_language_apart = course_loader._read_language_apart


def noting_reader(root: Path, code: str) -> tuple[object, list[Diagnostic]]:
    """`_read_language_apart`, noting which process ran it."""
    (READ_BY[0] / str(os.getpid())).touch()
    language, found = _read_language_apart(root, code)
    return language, list(found)


def load_both_ways(
    root: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> tuple[LoadResult, LoadResult]:
    """The course at `root` read one language after the other, then side by side."""
    monkeypatch.setattr(course_loader, "PARALLEL_FROM", 10**6)
    in_turn = load_course(root, use_cache=False)
    monkeypatch.setattr(course_loader, "PARALLEL_FROM", 1)
    monkeypatch.setattr(course_loader, "_read_language_apart", noting_reader)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    # The loader forks only a process without threads; in the test process, other tests'
    # apps may still be ending their daemon threads (idle, and never near the loader).
    monkeypatch.setattr(course_loader, "_can_fork", lambda: True)
    notes = tmp_path / "read-by"
    notes.mkdir()
    READ_BY[:] = [notes]
    side_by_side = load_course(root, use_cache=False)
    assert [int(p.name) for p in notes.iterdir()] not in ([], [os.getpid()])
    return in_turn, side_by_side


def test_a_course_read_side_by_side_is_the_course_read_in_turn(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    in_turn, side_by_side = load_both_ways(EXAMPLE_COURSE, monkeypatch, tmp_path)

    assert in_turn.course is not None
    assert side_by_side.course == in_turn.course
    assert side_by_side.errors == []


def test_problems_in_every_language_are_found_side_by_side_too(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    root = copy_course(EXAMPLE_COURSE, tmp_path / "course")
    edit(root, "lessons/de/01-water.md", "minutes: 8", "minutes: acht")
    edit(root, "quizzes/en/02-steeping.md", "lesson: steeping", "lesson: steping")

    in_turn, side_by_side = load_both_ways(root, monkeypatch, tmp_path)

    assert side_by_side.course is None
    assert len({problem.path.parent.name for problem in in_turn.errors}) == 2
    assert side_by_side.errors == in_turn.errors
