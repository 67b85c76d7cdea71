"""`course validate`: check a course folder and report every problem."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from course.content import course_folder, load_course
from course.content.item_writing import check_item_writing
from course.core.model import Course
from course.locations import course_dir

NAME = "validate"
SUMMARY = "check a course folder and report every problem as path:line: message"
STRICT_HELP = "treat item-writing warnings as errors: exit 1 when there is any"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """COURSE_DIR, optional."""
    parser.add_argument(
        "course_dir",
        metavar="COURSE_DIR",
        nargs="?",
        help="the course folder (default: --course, $COURSE_DIR, else the bundled course)",
    )
    parser.add_argument("--strict", action="store_true", help=STRICT_HELP)


def run(args: argparse.Namespace) -> int:
    """Print each problem and warning and a summary; 1 when there is any problem, or any
    warning with --strict."""
    # The folder, also when given as its course.toml, so that the summary names the folder.
    root = course_folder(course_dir(args.course_dir or getattr(args, "course", None)))
    result = load_course(root, use_cache=False)  # always parse: problems are its output
    for problem in result.errors:
        print(problem.format(), file=sys.stderr)
    if result.course is None:
        count = len(result.errors)
        print(
            f"{_shown(root)}: {count} problem{'s' if count != 1 else ''}; the course is not valid."
        )
        return 1
    warnings = check_item_writing(result.course)
    for warning in warnings:
        print(warning.format(), file=sys.stderr)
    count = len(warnings)
    if count and args.strict:
        print(
            f"{_shown(root)}: {count} warning{'s' if count != 1 else ''} with --strict; "
            "the course is not valid."
        )
        return 1
    line = summary(result.course)
    print(f"{line}; {count} warning{'s' if count != 1 else ''}" if count else line)
    return 0


def _shown(root: Path) -> str:
    from course.content.diagnostics import display_path

    return display_path(root)


def summary(course: Course) -> str:
    """One line: lessons, questions by type, languages."""
    text = course.text(course.languages[0])
    types = Counter(q.kind for lesson in text.lessons if lesson.quiz for q in lesson.quiz.questions)
    by_type = ", ".join(f"{count} {name}" for name, count in sorted(types.items()))
    total = sum(types.values())
    return (
        f"{course.id} {course.version}: OK — {len(text.lessons)} lessons, {total} questions"
        f" ({by_type}), languages: {', '.join(course.languages)}"
    )
