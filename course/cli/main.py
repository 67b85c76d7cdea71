"""The command line: global options, one subcommand per module in `course.cli`.

Starting the app is the default when no subcommand is given. Command modules import no
UI code, so `course validate` and friends start fast.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from types import ModuleType

COMMAND_MODULES = (
    "validate",
    "progress",
    "plan",
    "export",
    "importing",
    "reset",
    "profiles",
    "present",
    "serve",
    "classroom",
    "report",
    "gift",
    "sync",
    "map",
)
"""The subcommands, in the order `--help` lists them; each module defines NAME, SUMMARY,
add_arguments(parser) and run(args)."""

LANGUAGES = ("de", "en")

_MODULE_OF = {"class": "classroom", "import": "importing"}
"""The commands whose module is named otherwise (a keyword, or a name taken elsewhere)."""
_VALUE_OPTIONS = frozenset({"--course", "--data-dir", "--lang", "--profile"})
"""The options before a command that take a value: the word after them is no command."""


class VersionAction(argparse.Action):
    """`--version`, with the version looked up only when asked for (it costs ~40 ms)."""

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS) -> None:
        super().__init__(
            option_strings,
            dest=dest,
            default=argparse.SUPPRESS,
            nargs=0,
            help="show the version and exit",
        )

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        from course import __version__

        print(f"course {__version__}")
        parser.exit()


def _commands(argv: Sequence[str] | None = None) -> list[ModuleType]:
    """The command modules needed to parse `argv`: none when it names no command (the app
    starts), only the one it names, else (for `--help`, or a typo's message) all of them.

    Each command module imports what it runs on (the store, the web server, asyncio):
    importing all of them cost `course validate` and the app's start a tenth of a second.
    """
    if argv is None or "-h" in argv or "--help" in argv:
        return _all_commands()
    word = _command_word(argv)
    if word is None:
        return []
    module = _MODULE_OF.get(word, word)
    if module in COMMAND_MODULES:
        found = importlib.import_module(f"course.cli.{module}")
        if word == found.NAME:
            return [found]
    return _all_commands()


def _all_commands() -> list[ModuleType]:
    return [importlib.import_module(f"course.cli.{name}") for name in COMMAND_MODULES]


def _command_word(argv: Sequence[str]) -> str | None:
    """The first word of `argv` that is neither an option nor an option's value."""
    words = iter(argv)
    for word in words:
        # argparse also takes a long option shortened to any unique prefix (`--cour DIR`)
        if (
            len(word) > 2
            and word.startswith("--")
            and any(option.startswith(word) for option in _VALUE_OPTIONS)
        ):
            next(words, None)
        elif not word.startswith("-"):
            return word
    return None


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The argument parser for `course`: for every command, or (given the `argv` it will
    parse) for the one command `argv` runs."""
    parser = argparse.ArgumentParser(
        prog="course",
        description="A terminal course with lessons and quizzes. Without a command, it "
        "opens the course.",
        epilog="Learner data is kept in the platform's user data folder (see `course "
        "progress`); --data-dir or $COURSE_DATA_DIR put it elsewhere.",
    )
    parser.add_argument("--version", action=VersionAction)
    add_global_options(parser)
    # Used by `course serve` for each browser tab: ask for the join code and a name first.
    parser.add_argument("--join", action="store_true", help=argparse.SUPPRESS)
    # Used by `course serve` for each browser tab: the learner the server checked, whose
    # one-time seat token is in the environment (never on this command line).
    parser.add_argument("--seat", action="store_true", help=argparse.SUPPRESS)
    # Used by `course serve` once: the process that forks a learner app for each tab.
    parser.add_argument("--fork-server", action="store_true", help=argparse.SUPPRESS)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")
    for module in _commands(argv):
        # "resolve": a command may give a global option its own help (or choices).
        sub = subparsers.add_parser(
            module.NAME,
            help=module.SUMMARY,
            description=module.SUMMARY,
            conflict_handler="resolve",
        )
        add_global_options(sub, suppress_defaults=True)
        module.add_arguments(sub)
        for nested in _nested_parsers(sub):  # `course profiles create NAME --lang en`
            add_global_options(nested, suppress_defaults=True)
        sub.set_defaults(handler=module.run)
    return parser


def _nested_parsers(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    """The parsers of a command's own subcommands (the actions of `course profiles`)."""
    return [
        nested
        for action in parser._actions
        if isinstance(action, argparse._SubParsersAction)
        for nested in dict.fromkeys(action.choices.values())
    ]


GLOBAL_OPTIONS: tuple[tuple[str, dict[str, object]], ...] = (
    (
        "--course",
        {
            "metavar": "DIR",
            "help": "run the course in DIR (default: $COURSE_DIR, else the bundled course)",
        },
    ),
    (
        "--data-dir",
        {
            "metavar": "DIR",
            "help": "keep learner data in DIR (default: $COURSE_DATA_DIR, else the user "
            "data folder)",
        },
    ),
    (
        "--lang",
        {
            "choices": LANGUAGES,
            "help": "language of the course and the interface (default: from the system locale)",
        },
    ),
    ("--profile", {"metavar": "NAME", "help": "learner profile to use (default: 'default')"}),
    (
        "--now",
        {
            "metavar": "TIME",
            "help": "run as if it were TIME (2026-12-05T09:00, UTC unless it says otherwise), "
            "to try spaced review and follow-ups without waiting (default: $COURSE_NOW, "
            "else the real time)",
        },
    ),
)
"""The options of `course` itself, with their argparse settings."""


def add_global_options(parser: argparse.ArgumentParser, suppress_defaults: bool = False) -> None:
    """--course, --data-dir, --lang, --profile and --now: accepted before or after the subcommand
    (and its action), so that `course progress --lang en` works as `course --lang en
    progress` does. Given after the subcommand they leave a value given before it alone
    unless they are given themselves (their default there is SUPPRESS). An option the
    parser already has (an action's own --lang) is left as it is."""
    default = argparse.SUPPRESS if suppress_defaults else None
    for option, settings in GLOBAL_OPTIONS:
        if option not in parser._option_string_actions:
            parser.add_argument(option, default=default, **settings)  # type: ignore[arg-type]


def main(argv: Sequence[str] | None = None) -> int:
    """Run `course` with `argv`; returns the exit code."""
    words = sys.argv[1:] if argv is None else argv
    parser = build_parser(words)
    args = parser.parse_args(words)
    if getattr(args, "now", None):  # one clock for the app and every command it starts
        os.environ["COURSE_NOW"] = args.now
    if os.environ.get("COURSE_NOW", "").strip():  # the review clock set for trying it out
        from course.study import course_now

        try:
            course_now()
        except ValueError as error:
            problem = str(error)
            if getattr(args, "now", None):
                problem = (
                    f"--now {args.now!r} is not a time; give one as 2026-12-05T09:00 (UTC) "
                    "or 2026-12-05T10:00+01:00"
                )
            print(f"course: {problem}", file=sys.stderr)
            return 2
    try:
        handler = getattr(args, "handler", None)
        if handler is not None:
            return int(handler(args))
        if getattr(args, "fork_server", False):
            from course.ui.forkserver import serve_forks

            return serve_forks(args)
        from course.ui.launch import run_app  # the UI is imported only when it is needed

        return run_app(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `course progress | head` closed the pipe: not an error
        sys.stderr.close()
        return 0
