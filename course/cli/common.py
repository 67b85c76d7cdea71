"""What the progress commands share: opening the store and the course, choosing the
language, asking before deleting, writing files atomically, and plain aligned tables."""

from __future__ import annotations

import argparse
import shutil
import sys
import textwrap
from collections.abc import Sequence
from typing import NoReturn

from course.core.model import Course
from course.i18n import (
    FALLBACK,
    Catalogue,
    available_languages,
    decimal,
    system_language,
)
from course.locations import course_dir, data_dir
from course.store import Learner, ProgressStore, StoreError
from course.store.records import DEFAULT_LEARNER


def fail(message: object) -> NoReturn:
    """Print `course: message` to stderr and exit with 1."""
    say(f"course: {message}")
    raise SystemExit(1)


def say(message: str) -> None:
    """Print a message to stderr; on a terminal, wrapped between words to its width."""
    print(wrapped(message, terminal_width()), file=sys.stderr)


def terminal_width() -> int | None:
    """The width of the terminal stderr goes to; None when it goes elsewhere (a file or a
    pipe keeps each message on one line, for grep)."""
    try:
        if not sys.stderr.isatty():
            return None
    except (AttributeError, ValueError):  # replaced or closed
        return None
    return shutil.get_terminal_size().columns


def wrapped(message: str, width: int | None) -> str:
    """`message` in lines of at most `width` characters, broken only between words: a
    terminal that wraps a long line itself splits a path mid-word. A word (a path) longer
    than `width` gets a line of its own. Line breaks in `message` are kept."""
    if width is None:
        return message
    return "\n".join(
        textwrap.fill(line, width - 1, break_long_words=False, break_on_hyphens=False) or line
        for line in message.split("\n")
    )


def add_profile_option(parser: argparse.ArgumentParser, help: str) -> None:
    """--profile NAME; it may also be given before the subcommand (`course --profile X ...`)."""
    parser.add_argument("--profile", metavar="NAME", default=argparse.SUPPRESS, help=help)


def profile_name(args: argparse.Namespace) -> str:
    """The profile the command is about: --profile, else the self-study profile."""
    return str(getattr(args, "profile", None) or DEFAULT_LEARNER)


def existing_learner(store: ProgressStore, name: str) -> Learner:
    """The profile `name`; exits with 1 and a message when there is none.

    The self-study profile exists for every command from the start, as it does for the app
    and `course progress`: it is made here if nothing was saved in it yet, so that
    `course export` on a fresh data folder exports an empty profile instead of failing.
    """
    try:
        if name == DEFAULT_LEARNER:
            return store.learner(DEFAULT_LEARNER)
        learner = store.find_learner(name)
    except StoreError as error:
        fail(error)
    if learner is None:
        fail(f"there is no profile named {name!r}; `course profiles` lists them.")
    return learner


def open_store(args: argparse.Namespace, write: bool = False) -> ProgressStore:
    """The progress store in --data-dir / $COURSE_DATA_DIR / the user data folder.

    Exits with 1 and a message when it cannot be opened, or when the command would
    `write` and the file cannot be written; says so on stderr when a damaged file had to
    be moved aside, or when the file is read-only (it is then shown as it is).
    """
    try:
        store = ProgressStore.open(data_dir(getattr(args, "data_dir", None)))
    except StoreError as error:
        fail(error)
    if store.recovered_from is not None:
        say(
            f"course: the progress file {store.path} could not be used: {store.damage}. "
            f"It was moved to {store.recovered_from} (nothing was deleted) and a fresh "
            "one was started."
        )
    if store.read_only is not None:
        if write:
            store.close()
            fail(
                f"the progress file {store.path} cannot be written ({store.read_only}); "
                "nothing was changed. Make it writable for your user, or choose another "
                "folder with --data-dir DIR or the COURSE_DATA_DIR environment variable."
            )
        say(
            f"course: the progress file {store.path} cannot be written "
            f"({store.read_only}); it is shown as it is."
        )
    return store


def open_course(args: argparse.Namespace) -> Course:
    """The course of --course / $COURSE_DIR / the bundled one; prints every problem and
    exits with 1 when it does not load."""
    from course.content import load_course

    result = load_course(course_dir(getattr(args, "course", None)))
    for problem in result.errors:
        print(problem.format(), file=sys.stderr)
    if result.course is None or result.errors:
        fail("the course could not be loaded; `course validate` shows why.")
    return result.course


def course_language(args: argparse.Namespace, course: Course) -> str:
    """The language to print `course` in, chosen as the app chooses it (course/ui/launch.py):
    --lang, else the system locale's language, if the course has it; else the course's first.

    Choosing differently from the app is how `course progress` came to print German lesson
    titles under English headings on an English system.
    """
    return course.best_language(getattr(args, "lang", None) or system_language())


def interface_language(args: argparse.Namespace) -> str:
    """The language of a command that prints no course text (and so loads no course): --lang,
    else the system locale's language, if there is a catalogue for it; else the fallback."""
    wanted = getattr(args, "lang", None) or system_language()
    return wanted if wanted in available_languages() else FALLBACK


def counted(t: Catalogue, key: str, count: float, **fields: object) -> str:
    """The text of `key` for `count` things: `key_one` when the count is exactly 1 ("1 point",
    "1 lesson"), else `key` ("0 lessons", "2 lessons", "1.5 points")."""
    shown = decimal(count, t("decimal_mark"))
    return t(f"{key}_one" if count == 1 else key, count=shown, **fields)


def confirm(question: str, assume_yes: bool = False) -> bool:
    """Ask a yes/no question on the terminal; no stdin, end of input or anything but
    y/yes means no."""
    if assume_yes:
        return True
    if sys.stdin is None or sys.stdin.closed:
        return False
    try:
        answer = input(f"{question} [y/N] ")
    except (EOFError, OSError):
        print(file=sys.stderr)
        return False
    return answer.strip().lower() in {"y", "yes"}


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], right: Sequence[int] = ()) -> str:
    """Plain text columns, two spaces apart; the columns in `right` are right-aligned."""
    widths = [len(header) for header in headers]
    for row in rows:
        widths = [max(width, len(cell)) for width, cell in zip(widths, row, strict=True)]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            cell.rjust(width) if index in right else cell.ljust(width)
            for index, (cell, width) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    return "\n".join(
        [line(headers), line(["-" * width for width in widths]), *(line(row) for row in rows)]
    )
