"""`course gift`: Moodle GIFT question banks in (as quizzes of ours) and out."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

NAME = "gift"
SUMMARY = "convert a Moodle GIFT question bank into a quiz of this format"
MAX_BYTES = 10_000_000
"""A GIFT file larger than this is no question bank a trainer wrote."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """`import FILE [-o PATH] [--lesson ID] [--lang de|en]`."""
    actions = parser.add_subparsers(dest="gift_action", metavar="ACTION", required=True)
    reading = actions.add_parser(
        "import",
        help="write a GIFT file as a quiz (one per $CATEGORY)",
        description="Write a GIFT file as a quiz of this format: one quiz per $CATEGORY. "
        "Every question gets 'objectives: TODO' and, without --lesson, the quiz gets "
        "'lesson: TODO': fill them in, then `course validate` the course.",
    )
    reading.add_argument("file", metavar="FILE", help="the GIFT file")
    reading.add_argument(
        "-o",
        "--output",
        metavar="PATH",
        help="the quiz file to write (several categories: NAME-category.md beside it); "
        "default: print the quiz",
    )
    reading.add_argument("--lesson", metavar="ID", default="TODO", help="the lesson's id")
    reading.add_argument(
        "--lang",
        choices=("de", "en"),
        default=argparse.SUPPRESS,
        help="the quiz's language, for the words the bank lacks (default: the system's)",
    )
    reading.add_argument("--force", action="store_true", help="overwrite existing files")


def run(args: argparse.Namespace) -> int:
    """Convert; problems go to stderr as FILE:line; 1 when the file has errors."""
    from course.cli import common
    from course.i18n import Catalogue, system_language
    from course.interchange.gift import read_gift
    from course.interchange.gift_to_quiz import convert, slug
    from course.locations import write_atomically

    source = Path(args.file)
    try:
        if source.stat().st_size > MAX_BYTES:
            common.fail(f"{source}: larger than {MAX_BYTES // 1_000_000} MB; is it a GIFT file?")
        text = source.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        common.fail(f"{source}: not UTF-8 text; save the GIFT file as UTF-8 and try again")
    except OSError as error:
        common.fail(f"cannot read {source}: {error.strerror or error}")
    language = getattr(args, "lang", None) or system_language() or "en"
    conversion = convert(read_gift(text), Catalogue(language), name=source.stem, lesson=args.lesson)
    for problem in conversion.problems:
        print(problem.format(str(source)), file=sys.stderr)
    errors = [problem for problem in conversion.problems if not problem.warning]
    if errors:
        print(
            f"{source}: {len(errors)} error{'s' if len(errors) != 1 else ''}; nothing written.",
            file=sys.stderr,
        )
        return 1
    if not conversion.quizzes:
        common.fail(f"{source}: no questions found")
    if args.output is None:
        print("\n".join(quiz.markdown for quiz in conversion.quizzes), end="")
        return 0
    target = Path(args.output)
    several = len(conversion.quizzes) > 1
    written = []
    for quiz in conversion.quizzes:
        path = (
            target.with_name(f"{target.stem}-{slug(quiz.category, 'general')}{target.suffix}")
            if several
            else target
        )
        if path.exists() and not args.force:
            common.fail(f"{path} exists; choose another name or add --force")
        written.append((path, quiz))
    for path, quiz in written:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(path, quiz.markdown)
        except OSError as error:
            common.fail(f"cannot write {path}: {error.strerror or error}")
        count = quiz.questions
        print(f"{path}: {count} question{'s' if count != 1 else ''}")
    print("Next: fill in 'objectives: TODO' (and 'lesson: TODO'), then run `course validate`.")
    return 0
