"""Every option that works before the subcommand works after it too, and every command
treats the self-study profile 'default' alike, whether or not anything was saved in it."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from course.cli import common
from course.cli import main as cli

REPO = Path(__file__).resolve().parents[2]
EXAMPLE_COURSE = REPO / "docs" / "example-course"

GLOBAL_OPTIONS = {
    "--course": str(EXAMPLE_COURSE),
    "--data-dir": "/somewhere/data",
    "--lang": "en",
    "--profile": "Anna",
}
"""Each option `course --help` lists before COMMAND, with a value it accepts."""

COMMANDS = {
    "validate": [],
    "progress": [],
    "export": [],
    "import": ["progress.json"],
    "reset": [],
    "profiles": [],
    "profiles create": ["Bert"],
    "profiles delete": ["Bert"],
    "present": [],
    "serve": [],
    "class": [],
    "report": ["export.json"],
    "gift import": ["bank.gift"],
    "sync": ["--lrs", "https://lrs.example.org/xAPI/"],
}
"""Every command (and action), with the arguments it needs."""


@pytest.fixture(autouse=True)
def english_system(monkeypatch: pytest.MonkeyPatch) -> None:
    """The commands print in the system locale's language: these tests read English."""
    for variable in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")


def course_main(*argv: str) -> int:
    """Run `course ARGV`; SystemExit is turned into its code."""
    sys.stdin = io.StringIO("")
    try:
        return cli.main(list(argv))
    except SystemExit as exit_:
        return int(exit_.code or 0)
    finally:
        sys.stdin = sys.__stdin__


def test_the_global_options_are_the_ones_the_help_lists_before_the_command() -> None:
    usage = cli.build_parser().format_usage()
    assert all(option in usage for option in GLOBAL_OPTIONS)


@pytest.mark.parametrize("option", GLOBAL_OPTIONS)
@pytest.mark.parametrize("command", COMMANDS)
def test_a_global_option_is_accepted_after_the_command(command: str, option: str) -> None:
    value = GLOBAL_OPTIONS[option]
    argv = [*command.split(), *COMMANDS[command], option, value]

    args = cli.build_parser().parse_args(argv)

    assert getattr(args, option[2:].replace("-", "_")) == value


@pytest.mark.parametrize("option", GLOBAL_OPTIONS)
def test_a_global_option_before_the_command_is_kept_when_not_given_after(option: str) -> None:
    value = GLOBAL_OPTIONS[option]

    args = cli.build_parser().parse_args([option, value, "progress"])

    assert getattr(args, option[2:].replace("-", "_")) == value


def test_progress_with_lang_after_the_command_prints_in_that_language(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert course_main("progress", "--course", str(EXAMPLE_COURSE), "--lang", "de") == 0
    out = capsys.readouterr().out
    assert "Lektionen abgeschlossen: 0 von 2." in out


def test_export_on_a_fresh_data_folder_exports_the_empty_default_profile(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert course_main("progress", "--course", str(EXAMPLE_COURSE)) == 0
    assert "profile 'default'" in capsys.readouterr().out

    assert course_main("export") == 0

    captured = capsys.readouterr()
    document = json.loads(captured.out)
    assert document["learner"]["name"] == "default"
    assert document["courses"] == []
    assert "no profile" not in captured.err


def test_reset_on_a_fresh_data_folder_finds_the_default_profile(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert course_main("reset", "--yes") == 0
    assert "profile 'default'" in capsys.readouterr().out


def test_a_named_profile_that_does_not_exist_is_still_refused_by_export(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert course_main("export", "--profile", "Zoe") == 1
    assert "no profile named 'Zoe'" in capsys.readouterr().err


@pytest.mark.parametrize("width", [30, 50, 80])
def test_a_message_on_a_terminal_is_wrapped_between_words_never_inside_a_path(
    width: int,
) -> None:
    path = "/home/anna/.local/share/course/progress.sqlite3.damaged-20261204T122700Z"
    message = (
        f"course: the progress file could not be used: it is not an SQLite database. It "
        f"was moved to {path} (nothing was deleted) and a fresh one was started."
    )

    lines = common.wrapped(message, width).split("\n")

    assert path in lines
    assert " ".join(lines) == message
    assert all(len(line) < width or " " not in line for line in lines)


def test_a_message_to_a_file_or_pipe_stays_on_one_line() -> None:
    assert common.wrapped("a long message " * 20, None) == "a long message " * 20


def test_now_sets_the_course_clock_for_the_command(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COURSE_NOW", "")  # the clock --now sets is undone after the test
    assert course_main("progress", "--course", str(EXAMPLE_COURSE), "--now", "2027-01-05") == 0
    from course.study import course_now

    assert course_now().isoformat().startswith("2027-01-05T00:00")


def test_now_that_is_no_time_is_refused_with_a_message(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COURSE_NOW", "")
    assert course_main("--now", "tomorrow", "progress", "--course", str(EXAMPLE_COURSE)) == 2
    assert "--now 'tomorrow' is not a time" in capsys.readouterr().err
