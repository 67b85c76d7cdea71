"""Helpers for tests that break a copy of a course on purpose and read what the loader says."""

from __future__ import annotations

import shutil
from pathlib import Path

from course.content import load_course


def copy_course(source: Path, target: Path) -> Path:
    """Copy the course folder `source` to `target` (which must not exist yet)."""
    shutil.copytree(source, target, ignore=shutil.ignore_patterns(".*", "__pycache__"))
    return target


def edit(root: Path, relative: str, old: str, new: str) -> Path:
    """Replace the one occurrence of `old` in the file `root/relative` with `new`.

    Fails when `old` is not there exactly once, so that a changed example course breaks the
    test loudly instead of testing nothing.
    """
    path = root / relative
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {relative}"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def line_of(root: Path, relative: str, needle: str) -> int:
    """The 1-based number of the only line of `root/relative` that contains `needle`."""
    # Only "\n" ends a line, as in the loader: str.splitlines also splits at form feeds.
    lines = (root / relative).read_text(encoding="utf-8").split("\n")
    found = [number for number, line in enumerate(lines, start=1) if needle in line]
    assert len(found) == 1, f"{needle!r} is on lines {found} of {relative}"
    return found[0]


def problems(root: Path) -> list[str]:
    """Every problem the loader finds in the course at `root`, as `path:line: message` with
    paths relative to `root`."""
    result = load_course(root)
    assert (result.course is None) == bool(result.errors)
    return [problem.format(relative_to=root) for problem in result.errors]
