"""`course export`: write a learner's progress as JSON (or CSV) for another machine or a
teacher. Private texts (reflections, in lessons and in quizzes) are only included when
asked for."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from course.cli import common
from course.locations import write_atomically
from course.store import StoreError
from course.store.transfer import to_csv

NAME = "export"
SUMMARY = "export a learner's progress as JSON or CSV (private texts only when asked)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """--profile, --format, -o, --include-private, --course-id."""
    common.add_profile_option(parser, "whose progress to export (default: 'default')")
    parser.add_argument(
        "--format",
        choices=("json", "csv"),
        default=None,
        help="json (the default; `course import` reads it) or csv (one table, for "
        "spreadsheets); -o FILE.csv picks csv",
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        default=None,
        help="write to FILE (default: standard output)",
    )
    parser.add_argument(
        "--include-private",
        "--include-reflections",
        dest="include_private",
        action="store_true",
        help="include every text the learner wrote about themselves: lesson reflections "
        "with their history and answers to reflection questions in quizzes "
        "(--include-reflections is the old name)",
    )
    parser.add_argument(
        "--course-id",
        metavar="ID",
        default=None,
        help="only this course (default: every course with progress)",
    )


def run(args: argparse.Namespace) -> int:
    """Export and write the file (atomically) or print the document."""
    output = Path(args.output) if args.output and args.output != "-" else None
    form = args.format or ("csv" if output and output.suffix.lower() == ".csv" else "json")
    name = common.profile_name(args)
    with common.open_store(args) as store:
        try:
            document = store.export_document(name, args.course_id, args.include_private)
        except StoreError as error:
            common.fail(error)
    if form == "csv":
        text = to_csv(document)
    else:
        text = json.dumps(document.to_json(), ensure_ascii=False, indent=2) + "\n"
    if output is None:
        sys.stdout.write(text)
        return 0
    try:
        write_atomically(output, text)
    except OSError as error:
        common.fail(f"cannot write {output}: {error.strerror or error}.")
    print(f"Exported the progress of {name!r} to {output}.", file=sys.stderr)
    return 0
