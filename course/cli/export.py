"""`course export`: write a learner's progress as JSON (or CSV) for another machine or a
teacher. Private texts (reflections, in lessons and in quizzes) are only included when
asked for."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from course.cli import common
from course.locations import write_atomically
from course.store import StoreError
from course.store.transfer import to_csv

if TYPE_CHECKING:
    from course.interchange.xapi import XapiSettings


def add_xapi_options(parser: argparse.ArgumentParser) -> None:
    """How the learner and the activities are named in xAPI statements."""
    parser.add_argument(
        "--home-page",
        metavar="URL",
        default=None,
        help="xAPI: the organisation's home page for learner accounts "
        "(default: $COURSE_XAPI_HOME_PAGE, else a placeholder)",
    )
    parser.add_argument(
        "--email",
        metavar="ADDRESS",
        default=None,
        help="xAPI: identify the learner by this address, sent only as its SHA-1 hash",
    )
    parser.add_argument(
        "--activity-base",
        metavar="IRI",
        default=None,
        help="xAPI: the prefix of activity ids (default: $COURSE_XAPI_ACTIVITY_BASE, else a "
        "placeholder)",
    )


def xapi_settings(args: argparse.Namespace, include_private: bool) -> XapiSettings:
    """The xAPI settings of the command line, else of the environment, else the defaults."""
    import os

    from course.interchange.xapi import DEFAULT_ACTIVITY_BASE, DEFAULT_HOME_PAGE, XapiSettings

    return XapiSettings(
        home_page=args.home_page or os.environ.get("COURSE_XAPI_HOME_PAGE") or DEFAULT_HOME_PAGE,
        email=args.email or None,
        activity_base=args.activity_base
        or os.environ.get("COURSE_XAPI_ACTIVITY_BASE")
        or DEFAULT_ACTIVITY_BASE,
        include_private=include_private,
        language=getattr(args, "lang", None),
    )


NAME = "export"
SUMMARY = "export a learner's progress as JSON or CSV (private texts only when asked)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """--profile, --format, -o, --include-private, --course-id."""
    common.add_profile_option(parser, "whose progress to export (default: 'default')")
    parser.add_argument(
        "--format",
        choices=("json", "csv", "xapi"),
        default=None,
        help="json (the default; `course import` reads it), csv (one table, for "
        "spreadsheets; -o FILE.csv picks it) or xapi (xAPI 1.0.3 statements for a "
        "Learning Record Store, one course: --course)",
    )
    add_xapi_options(parser)
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
        name = common.existing_learner(store, name).name
        try:
            document = store.export_document(name, args.course_id, args.include_private)
        except StoreError as error:
            common.fail(error)
    if form == "csv":
        text = to_csv(document)
    elif form == "xapi":
        from course.interchange.xapi import statements

        course = common.open_course(args)
        found = statements(document, course, xapi_settings(args, args.include_private))
        text = json.dumps(found, ensure_ascii=False, indent=2) + "\n"
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
