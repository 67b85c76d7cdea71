"""`course import FILE`: merge an export made by `course export`; importing the same file
twice changes nothing."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from course.cli import common
from course.i18n import Catalogue
from course.store import ImportSummary, StoreError

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
    with common.open_store(args) as store:
        try:
            summary = store.import_data(data, getattr(args, "profile", None))
        except StoreError as error:
            common.fail(f"{args.file}: {error}")
    print(describe(summary, args.file, common.interface_language(args)))
    return 0


def read(file: str) -> Any:
    """The parsed JSON of `file`; exits with 1 and a message saying where it is broken."""
    try:
        if file == "-":
            text = sys.stdin.read()
        else:
            text = Path(file).expanduser().read_text(encoding="utf-8")
    except UnicodeDecodeError:
        common.fail(f"{file}: not a text file in UTF-8; expected a JSON export.")
    except OSError as error:
        common.fail(f"cannot read {file}: {error.strerror or error}.")
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        common.fail(
            f"{file}:{error.lineno}:{error.colno}: not valid JSON ({error.msg}); "
            "expected a file written by `course export`."
        )
    except RecursionError:
        common.fail(f"{file}: nested too deeply to be a progress export.")


COUNTED = (
    ("lessons", "import.lessons"),
    ("attempts", "import.attempts"),
    ("answers", "import.answers"),
    ("reflections", "import.reflections"),
    ("places", "import.places"),
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
