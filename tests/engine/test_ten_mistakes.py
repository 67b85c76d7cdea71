"""Ten mistakes in a copy of the bundled course give ten `path:line:` messages in one run."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

from course.locations import MANIFEST_NAME, bundled_course_dir

from .course_files import copy_course

PROBLEM_LINE = re.compile(r"^(?P<path>[^:\n]+):(?P<line>\d+): \S")


def run_validate(folder: Path) -> subprocess.CompletedProcess[str]:
    """`python -m course validate folder`, as an author runs it."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run(
        [sys.executable, "-m", "course", "validate", str(folder)],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def replace_first(path: Path, pattern: str, replacement: str) -> None:
    """Replace the first match of the multiline regex `pattern` in the file at `path`."""
    text = path.read_text(encoding="utf-8")
    changed, count = re.subn(pattern, replacement, text, count=1, flags=re.MULTILINE)
    assert count == 1, f"{pattern!r} not found in {path}"
    path.write_text(changed, encoding="utf-8")


def append(path: Path, text: str) -> None:
    """Add `text` at the end of the file at `path`."""
    with path.open("a", encoding="utf-8") as file:
        file.write(text)


@pytest.fixture
def bundled_copy(tmp_path: Path) -> Path:
    """A copy of the bundled course (its manifest, lessons and quizzes)."""
    source = bundled_course_dir()
    root = tmp_path / "course"
    root.mkdir()
    (root / MANIFEST_NAME).write_bytes((source / MANIFEST_NAME).read_bytes())
    copy_course(source / "lessons", root / "lessons")
    copy_course(source / "quizzes", root / "quizzes")
    return root


@pytest.mark.slow
def test_ten_mistakes_give_ten_path_line_messages_and_exit_1(bundled_copy: Path) -> None:
    root = bundled_copy
    clean = run_validate(root)
    assert clean.returncode == 0, clean.stderr  # the bundled course itself is valid
    manifest = root / MANIFEST_NAME
    first, second = sorted(p.name for p in (root / "lessons").iterdir() if p.is_dir())[:2]

    def lessons(language: str) -> list[Path]:
        found = sorted((root / "lessons" / language).glob("*.md"))
        return [path for path in found if path.name != "about.md"]

    def quizzes(language: str) -> list[Path]:
        return sorted((root / "quizzes" / language).glob("*.md"))

    # Each mistake is chosen to cause exactly one message: none of them removes a lesson
    # or a question, which would also make the other language disagree.
    mistakes = {
        manifest: lambda p: replace_first(p, r"^pass_mark = .*$", "pass_mark = 170"),
        lessons(first)[0]: lambda p: append(p, "\nA stray end of a section:\n\n:::\n"),
        lessons(first)[1]: lambda p: append(p, "\nSee [the lost lesson](99-lost.md).\n"),
        lessons(second)[0]: lambda p: append(p, "\n::: homework\nDo it.\n:::\n"),
        lessons(second)[1]: lambda p: replace_first(p, r"^objectives: \[", "objectives: [NOPE, "),
        lessons(second)[2]: lambda p: append(p, "\n::: takeaways\n- Once more.\n:::\n"),
        quizzes(first)[0]: lambda p: append(p, "\n## What is this?\n\nNo id, no type.\n"),
        quizzes(first)[1]: lambda p: append(p, "\n## essay-q (essay)\nobjectives: O1\n\nWrite.\n"),
        quizzes(second)[0]: lambda p: replace_first(p, r"^(objectives: .*)$", r"\1\ncolour: green"),
        quizzes(second)[1]: lambda p: append(p, "\n::: explanation\nA second one.\n:::\n"),
    }
    for path, make_mistake in mistakes.items():
        make_mistake(path)

    result = run_validate(root)

    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert result.returncode == 1
    messages = result.stderr.splitlines()
    assert len(messages) == 10, output
    assert all(PROBLEM_LINE.match(message) for message in messages), output
    named = {root / PROBLEM_LINE.match(m)["path"] for m in messages}  # type: ignore[index]
    assert named == set(mistakes), output
    assert result.stdout.strip() == ".: 10 problems; the course is not valid."
