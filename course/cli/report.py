"""`course report FILE...`: the class view offline, from learners' `course export` files.

For rooms where everyone runs the course on their own laptop: each learner exports
(`course export -o NAME.json`), the trainer collects the files and runs the report. It
prints who is where and which questions were hardest, and writes the same as CSV or
Markdown. A file that cannot be used is named with its problem; the others are reported.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from course.cli import common
from course.i18n import Catalogue, system_language
from course.locations import write_atomically
from course.workshop import classview, item_analysis

NAME = "report"
SUMMARY = (
    "the class view from learners' export files: progress, scores, hardest questions, item analysis"
)

FORMATS = ("csv", "md")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """FILE..., -o, --format, --lang."""
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = (
        "Each FILE is a JSON file written by `course export`; only its progress in the\n"
        "current course (--course) is reported. Quiz scores are the best finished\n"
        'attempt; "Right" is the share of learners whose latest answer to a question was\n'
        "right, a partly right answer counting as half. Answers given in live rounds\n"
        '(the presenter\'s live questions) show as "Live": right of answered, per learner\n'
        "and per question; they are never part of a quiz score.\n\n"
        "Item analysis, per question, from each learner's first answer to it: how many\n"
        'were right of all ("6/10"), the facility (the share of the points the class\n'
        "earned, 0 to 1), the discrimination (the facility among the best 27 % of the\n"
        "class by total less that among the weakest 27 %; - when the class is too\n"
        'small), how many chose each option ("3·6✓·1": in the quiz file\'s order, right\n'
        "ones marked) and the distractor, the wrong option chosen most.\n\n"
        "The CSV holds, each after an empty line: the learner table, the question\n"
        "table, the item analysis and the options chosen (one line per option).\n\n"
        "A learner given twice (two files of the same profile: the same name and the\n"
        "same profile creation time) is reported once, from the newest export; the\n"
        "files left out are named on stderr.\n\n"
        "Exit status: 0 when every file was read; 1 when any file could not be used (each\n"
        "is named on stderr as `FILE: problem`, and the others are still reported)."
    )
    parser.add_argument(
        "files", nargs="+", metavar="FILE", type=Path, help="export files of the learners"
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        default=None,
        help="also write the report to FILE (written atomically): CSV, or Markdown when "
        "FILE ends in .md",
    )
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default=None,
        help="csv or md: the format of -o FILE (default: from its name), or, without -o, "
        "print that format instead of the tables",
    )
    parser.add_argument(
        "--lang",
        choices=("de", "en"),
        default=argparse.SUPPRESS,
        help="language of lesson titles, questions and headings",
    )


def output_format(output: Path | None, chosen: str | None) -> str | None:
    """The format to write: --format, else from the output file's name (.md is Markdown,
    anything else CSV); None when nothing is to be written."""
    if chosen is not None:
        return chosen
    if output is None:
        return None
    return "md" if output.suffix.lower() in (".md", ".markdown") else "csv"


def as_text(view: classview.ClassView, t: Catalogue) -> str:
    """The tables as plain text columns, for the terminal: learners, questions, item
    analysis."""
    lines = [
        t("dashboard.report_title", course=view.course_title),
        "",
        t("dashboard.learners_heading", count=len(view.learners)),
        "",
        common.table(
            classview.learner_headers(view, t),
            [classview.learner_cells(view, row) for row in view.learners],
            right=classview.learner_right_columns(view),
        ),
    ]
    if view.quizzes:
        lines += ["", classview.quiz_legend(view)]
    live = view.has_live
    lines += [
        "",
        t("dashboard.questions_heading"),
        "",
        common.table(
            classview.question_headers(t, live),
            [classview.question_cells(row, live=live) for row in view.questions],
            right=classview.question_right_columns(live),
        ),
        "",
        t("dashboard.share_note"),
        *classview.live_note(view, t),
        "",
        t("analysis.heading"),
        "",
        common.table(
            item_analysis.item_headers(t),
            [classview.item_cells(row, t) for row in view.items],
            right=item_analysis.ITEM_RIGHT,
        ),
        "",
        t("analysis.note"),
    ]
    return "\n".join(lines)


def render(view: classview.ClassView, form: str, t: Catalogue) -> str:
    """The report in a format of FORMATS."""
    return classview.to_csv(view) if form == "csv" else classview.to_markdown(view, t)


def run(args: argparse.Namespace) -> int:
    """Read every file, report the good ones, name the bad ones; 1 if there were any."""
    course = common.open_course(args)
    language = course.best_language(getattr(args, "lang", None) or system_language())
    catalogue = Catalogue(language)
    files, problems = classview.read_exports(args.files)
    for problem in problems:
        print(problem, file=sys.stderr)
    files, repeated = classview.newest_per_learner(files)
    for repeat in repeated:
        print(repeat, file=sys.stderr)
    for file in files:
        held = file.course_ids()
        if held and course.id not in held:
            print(
                f"{file.path}: no progress in the course {course.id!r} (the file has "
                f"{', '.join(repr(one) for one in held)}); --course chooses the course.",
                file=sys.stderr,
            )
    view = classview.view_from_exports(files, course, language)
    output = Path(args.output) if args.output and args.output != "-" else None
    form = output_format(output, args.format)
    if output is None and form is not None:
        sys.stdout.write(render(view, form, catalogue))
    else:
        print(as_text(view, catalogue))
    if output is not None and form is not None:
        try:
            write_atomically(output, render(view, form, catalogue))
        except OSError as error:
            common.fail(f"cannot write {output}: {error.strerror or error}.")
        count = len(view.learners)
        learners = "1 learner" if count == 1 else f"{count} learners"
        print(f"Wrote the report of {learners} to {output}.", file=sys.stderr)
    return 1 if problems else 0
