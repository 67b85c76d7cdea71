"""`course import FILE`: merge an export made by `course export`; importing the same file
twice changes nothing."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from ..store import ImportSummary, StoreError
from . import common

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
    print(describe(summary, args.file))
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


def describe(summary: ImportSummary, file: str) -> str:
    """One or two lines about what an import changed."""
    if not summary.changed:
        return (
            f"Nothing new in {file} for profile {summary.learner!r}: "
            "it was imported already (or holds no progress)."
        )
    parts = [
        f"{count} {noun}{'' if count == 1 else 's'}"
        for count, noun in (
            (summary.lessons, "lesson"),
            (summary.attempts, "quiz attempt"),
            (summary.answers, "answer"),
            (summary.reflections, "reflection"),
            (summary.places, "place to continue"),
        )
        if count
    ]
    return (
        f"Imported {file} into profile {summary.learner!r}: "
        + ", ".join(parts)
        + " added or updated."
    )
