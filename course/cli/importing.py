"""`course import FILE`: merge an export made by `course export`; importing the same file
twice changes nothing."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from course.cli import common
from course.core.model import Course
from course.i18n import Catalogue
from course.locations import course_dir
from course.store import ImportSummary, StoreError
from course.store.export_format import FILE_LIMIT, parse_file

NAME = "import"
SUMMARY = "merge progress exported with `course export` (JSON); safe to repeat"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """FILE and --profile."""
    parser.add_argument("file", metavar="FILE", help="the JSON export to import ('-': stdin)")
    common.add_profile_option(
        parser, "import into this profile (default: the profile named in the file)"
    )


def run(args: argparse.Namespace) -> int:
    """Read, check and merge the file; print what changed."""
    data = read(args.file)
    course = known_course(args)
    with common.open_store(args, write=True) as store:
        try:
            summary = store.import_data(data, getattr(args, "profile", None), course)
        except StoreError as error:
            common.fail(f"{args.file}: {error}")
    print(describe(summary, args.file, common.interface_language(args)))
    return 0


def read(file: str) -> object:
    """The parsed JSON of `file` (at most `FILE_LIMIT` bytes, UTF-8 with or without a byte
    order mark); exits with 1 and a message saying what is wrong and where."""
    try:
        if file == "-":
            binary = getattr(sys.stdin, "buffer", None)
            raw = (
                binary.read(FILE_LIMIT + 1)
                if binary is not None
                else sys.stdin.read(FILE_LIMIT + 1).encode("utf-8")
            )
        else:
            with Path(file).expanduser().open("rb") as stream:
                raw = stream.read(FILE_LIMIT + 1)  # a larger file is refused unread
    except OSError as error:
        common.fail(f"cannot read {file}: {error.strerror or error}.")
    try:
        return parse_file(raw, file)
    except StoreError as error:
        common.fail(error)


def known_course(args: argparse.Namespace) -> Course | None:
    """The course of --course / $COURSE_DIR / the bundled one, to check answers against;
    None when it does not load (the import then checks the file on its own)."""
    from course.content import load_course

    try:
        result = load_course(course_dir(getattr(args, "course", None)))
    except Exception:  # a broken course must not stop progress from being imported
        return None
    return result.course if not result.errors else None


COUNTED = (
    ("lessons", "import.lessons"),
    ("attempts", "import.attempts"),
    ("answers", "import.answers"),
    ("reflections", "import.reflections"),
    ("places", "import.places"),
    ("network_maps", "import.network_maps"),
    ("reviews", "import.reviews"),
    ("plans", "import.plans"),
)
"""Each count of an import summary, with the catalogue key of its noun ("{count} lessons";
the key with `_one` for exactly one)."""


def describe(summary: ImportSummary, file: str, language: str = "en") -> str:
    """One or two lines about what an import changed, in `language`; a count of 0 is left
    out."""
    t = Catalogue(language)
    profile = repr(summary.learner)
    if not summary.changed:
        return t("import.nothing_new", file=file, profile=profile)
    parts = [
        common.counted(t, key, count)
        for field, key in COUNTED
        if (count := getattr(summary, field))
    ]
    return t("import.imported", file=file, profile=profile, changes=", ".join(parts))
