"""Parsing the command line loads only the command it runs, so that `course validate`
does not pay for the store, the web server and asyncio before it begins."""

from __future__ import annotations

import pytest

from course.cli.main import COMMAND_MODULES, _commands, build_parser


def names(argv: list[str]) -> list[str]:
    """The commands the parser for `argv` knows."""
    return [module.NAME for module in _commands(argv)]


def test_a_command_is_parsed_with_its_own_module_only() -> None:
    assert names(["validate", "some/folder"]) == ["validate"]
    assert names(["--course", "x", "--lang=de", "class", "--refresh", "5"]) == ["class"]
    assert names(["--data-dir", "d", "import", "progress.json"]) == ["import"]


def test_the_app_start_loads_no_command() -> None:
    assert names([]) == []
    assert names(["--profile", "anna", "--lang", "de"]) == []


@pytest.mark.parametrize("argv", [["--help"], ["validate", "-h"], ["valdate"], ["lessons"]])
def test_help_and_unknown_words_get_every_command(argv: list[str]) -> None:
    assert len(names(argv)) == len(COMMAND_MODULES)


def test_an_option_value_that_reads_like_a_command_is_no_command() -> None:
    # `--cour` is argparse's shortening of --course: "validate" is the folder's name here.
    assert names(["--cour", "validate", "progress"]) == ["progress"]

    args = build_parser(["--course", "validate", "progress"]).parse_args(
        ["--course", "validate", "progress"]
    )

    assert args.course == "validate" and args.command == "progress"
