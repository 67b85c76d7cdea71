"""The cache of loaded courses: the next start reads one file, and never a stale course."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import REPO

from course.cli.main import main
from course.content import cache as course_cache
from course.content import load_course
from course.core.model import Course

from .course_files import edit

LESSON = "lessons/en/01-water.md"


def loaded(root: Path) -> Course:
    result = load_course(root)
    assert result.errors == []
    assert result.course is not None
    return result.course


def cache_files(cache_dir: Path) -> list[Path]:
    folder = cache_dir / "courses"
    return sorted(folder.iterdir()) if folder.is_dir() else []


def test_a_clean_load_is_cached_and_read_back_the_same(
    course: Path, isolated_cache_dir: Path
) -> None:
    parsed = loaded(course)

    assert [p.suffix for p in cache_files(isolated_cache_dir)] == [".pickle"]
    cached = course_cache.cached_course(course)
    assert cached == parsed
    assert cached is not parsed
    assert loaded(course) == parsed


def test_a_start_from_the_cache_imports_no_parser(course: Path) -> None:
    loaded(course)
    probe = (
        "import json, sys\n"
        "from pathlib import Path\n"
        "from course.content import load_course\n"
        f"result = load_course(Path({str(course)!r}))\n"
        "print(json.dumps([result.ok, sorted(m for m in sys.modules"
        " if m.split('.')[0] in ('yaml', 'markdown_it', 'mdit_py_plugins'))]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == [True, []]


def test_a_changed_file_of_the_same_size_is_parsed_again(course: Path) -> None:
    loaded(course)
    path = course / LESSON
    status = path.stat()
    edit(course, LESSON, "title: Water and", "title: Wader and")
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns))  # same size, same time

    assert path.stat().st_size == status.st_size
    assert loaded(course).text("en").lessons[0].title == "Wader and temperature"


def test_a_course_broken_after_it_was_cached_reports_its_problems(course: Path) -> None:
    loaded(course)
    edit(course, LESSON, "objectives: [O1]", "objectives: [O9]")

    result = load_course(course)

    assert result.course is None
    assert any("unknown objective 'O9'" in problem.message for problem in result.errors)


def test_a_course_with_problems_is_never_cached(course: Path, isolated_cache_dir: Path) -> None:
    edit(course, LESSON, "objectives: [O1]", "objectives: [O9]")

    assert load_course(course).course is None
    assert cache_files(isolated_cache_dir) == []


def test_a_removed_link_target_is_reported_although_no_course_file_changed(
    course: Path,
) -> None:
    lesson = course / LESSON
    lesson.write_text(
        lesson.read_text(encoding="utf-8") + "\nSee [the notes](../../notes.txt).\n",
        encoding="utf-8",
    )
    (course / "notes.txt").write_text("notes", encoding="utf-8")
    loaded(course)
    (course / "notes.txt").unlink()

    result = load_course(course)

    assert result.course is None
    assert any("broken link" in problem.message for problem in result.errors)


@pytest.mark.parametrize(
    "damage",
    [
        lambda cached: b"",
        lambda cached: b"not a cache",
        lambda cached: cached[: len(course_cache.FORMAT)] + bytes(40),  # another fingerprint
        lambda cached: cached[: len(cached) // 2],  # the right fingerprint, half a pickle
        lambda cached: cached[: -len(cached) // 3] + b"\x80\x05garbage",
    ],
    ids=["empty", "foreign", "fingerprint", "truncated", "garbage"],
)
def test_a_damaged_cache_file_means_parsing_again(
    course: Path, isolated_cache_dir: Path, damage: Callable[[bytes], bytes]
) -> None:
    parsed = loaded(course)
    (cache_file,) = cache_files(isolated_cache_dir)
    cache_file.write_bytes(damage(cache_file.read_bytes()))

    assert loaded(course) == parsed
    assert course_cache.cached_course(course) == parsed  # written again by the parse


def test_a_cache_that_cannot_be_written_is_no_error(course: Path, isolated_cache_dir: Path) -> None:
    isolated_cache_dir.parent.mkdir(parents=True, exist_ok=True)
    isolated_cache_dir.write_text("a file where the folder should be", encoding="utf-8")

    assert loaded(course).id == "example"


def test_writing_the_cache_leaves_no_temporary_file(course: Path, isolated_cache_dir: Path) -> None:
    loaded(course)
    loaded(course)

    assert [p.name.startswith(".") for p in cache_files(isolated_cache_dir)] == [False]


def test_validate_always_parses(
    course: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    loaded(course)

    def no_cache(root: Path) -> Course:
        raise AssertionError("validate read the cache")

    monkeypatch.setattr(course_cache, "cached_course", no_cache)
    edit(course, LESSON, "objectives: [O1]", "objectives: [O9]")

    assert main(["validate", str(course)]) == 1
    assert "unknown objective 'O9'" in capsys.readouterr().err
