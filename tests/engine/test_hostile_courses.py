"""Course files a hostile tester made: digits that are not ASCII, symbolic links that loop
or lead nowhere. `course validate`, `course progress` and the app print `path:line:
message` problems for them and exit 1, never a traceback."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from course.cli import main as cli

from .course_files import edit, line_of, problems

QUIZ_EN = "quizzes/en/01-water.md"

COMMANDS = {
    "validate": ("validate",),
    "progress": ("progress",),
    "the app": (),
}
"""Every way a learner or an author loads a course from the command line."""


def run(course: Path, *argv: str) -> int:
    """Run `course --course COURSE ARGV`; SystemExit is turned into its code."""
    try:
        return cli.main(["--course", str(course), *argv])
    except SystemExit as exit_:
        return int(exit_.code or 0)


@pytest.mark.parametrize("digits", ["²", "١", "٢", "½", "2²", "³"])
def test_points_in_digits_other_than_ascii_are_reported_at_their_line(
    course: Path, digits: str
) -> None:
    edit(course, QUIZ_EN, "points: 2", f"points: {digits}")
    line = line_of(course, QUIZ_EN, "## black-tea-water")  # settings are the question's

    assert (
        f"{QUIZ_EN}:{line}: points must be a whole number from 1 to 100, not {digits!r}"
        in problems(course)
    )


def loop_as_manifest(course: Path) -> str:
    (course / "course.toml").unlink()
    (course / "course.toml").symlink_to("course.toml")
    return "course.toml: cannot read the manifest: it is a symbolic link that leads back"


def loop_as_language_folder(course: Path) -> str:
    folder = course / "lessons" / "en"
    for path in folder.iterdir():
        path.unlink()
    folder.rmdir()
    folder.symlink_to("en")
    return "lessons/en: the lessons for language 'en' are a symbolic link that leads back"


def loop_as_quiz_folder(course: Path) -> str:
    folder = course / "quizzes" / "de"
    for path in folder.iterdir():
        path.unlink()
    folder.rmdir()
    folder.symlink_to("../quizzes/de")
    return "quizzes/de: the quizzes for language 'de' are a symbolic link that leads back"


def loop_as_lesson_file(course: Path) -> str:
    (course / "lessons" / "en" / "03-loop.md").symlink_to("03-loop.md")
    return "lessons/en/03-loop.md: cannot read the file: a symbolic link that leads back"


def dangling_lesson_file(course: Path) -> str:
    (course / "lessons" / "en" / "03-gone.md").symlink_to("no-such-file.md")
    return "lessons/en/03-gone.md: cannot read the file: a symbolic link to no-such-file.md"


def ascii_points(course: Path) -> str:
    edit(course, QUIZ_EN, "points: 2", "points: ²")
    line = line_of(course, QUIZ_EN, "## black-tea-water")
    return f"{QUIZ_EN}:{line}: points must be a whole number from 1 to 100, not '²'"


BREAKAGES = [
    loop_as_manifest,
    loop_as_language_folder,
    loop_as_quiz_folder,
    loop_as_lesson_file,
    dangling_lesson_file,
    ascii_points,
]


@pytest.mark.skipif(os.name != "posix", reason="symbolic links")
@pytest.mark.parametrize("breakage", BREAKAGES, ids=lambda breakage: breakage.__name__)
def test_the_loader_reports_a_hostile_file_as_one_path_line_problem(
    course: Path, breakage: object
) -> None:
    assert callable(breakage)
    expected = breakage(course)

    found = problems(course)

    assert [problem for problem in found if problem.startswith(expected)], found


@pytest.mark.skipif(os.name != "posix", reason="symbolic links")
@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("breakage", BREAKAGES, ids=lambda breakage: breakage.__name__)
def test_every_command_prints_the_problem_and_exits_1_without_a_traceback(
    course: Path,
    breakage: object,
    command: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert callable(breakage)
    expected = breakage(course)
    monkeypatch.chdir(course)
    from course.ui.app import CourseApp

    def started(app: CourseApp) -> None:
        raise AssertionError("the app started on a course with a problem")

    monkeypatch.setattr(CourseApp, "run", started)

    assert run(course, *COMMANDS[command]) == 1

    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert any(line.startswith(expected) for line in err.splitlines()), err
