"""`course gift`: Moodle GIFT question banks in (as quizzes of ours) and out."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

NAME = "gift"
SUMMARY = "Moodle GIFT question banks: import them as quizzes, export quizzes as GIFT"
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
    writing = actions.add_parser(
        "export",
        help="write the course's quizzes as GIFT, for Moodle",
        description="Write the course's quizzes (all, or those named) as one GIFT file, a "
        "$CATEGORY per quiz. What GIFT cannot hold (points, objectives, an ordering "
        "question's kind, a kind's settings) goes into '// course:' comments, which Moodle "
        "skips and `course gift import` reads back; a network-map activity's practice map "
        "is written at the end of its question text, and a comment says so.",
    )
    writing.add_argument("quizzes", metavar="QUIZ", nargs="*", help="quiz ids (default: all)")
    writing.add_argument("-o", "--output", metavar="FILE.gift", help="default: print it")
    writing.add_argument(
        "--lang",
        choices=("de", "en"),
        default=argparse.SUPPRESS,
        help="the language of the quizzes (default: the system's, if the course has it)",
    )


def run(args: argparse.Namespace) -> int:
    """Import or export."""
    return export(args) if args.gift_action == "export" else import_bank(args)


def export(args: argparse.Namespace) -> int:
    """Write the quizzes as GIFT; 1 when a named quiz does not exist."""
    from course.cli import common
    from course.i18n import Catalogue
    from course.interchange.quiz_to_gift import quizzes_to_gift
    from course.locations import write_atomically

    course = common.open_course(args)
    language = common.course_language(args, course)
    text = course.text(language)
    quizzes = [lesson.quiz for lesson in text.lessons if lesson.quiz is not None]
    if args.quizzes:
        known = {quiz.id: quiz for quiz in quizzes}
        missing = [name for name in args.quizzes if name not in known]
        if missing:
            common.fail(
                f"no quiz {', '.join(map(repr, missing))} in the course; its quizzes are: "
                + ", ".join(known)
            )
        quizzes = [known[name] for name in args.quizzes]
    written = quizzes_to_gift(quizzes, Catalogue(language))
    if not args.output:
        print(written, end="")
        return 0
    try:
        write_atomically(Path(args.output), written)
    except OSError as error:
        common.fail(f"cannot write {args.output}: {error.strerror or error}")
    count = sum(len(quiz.questions) for quiz in quizzes)
    print(f"{args.output}: {len(quizzes)} quizzes, {count} questions", file=sys.stderr)
    return 0


def import_bank(args: argparse.Namespace) -> int:
    """Convert; problems go to stderr as FILE:line; 1 when the file has errors."""
    from course.cli import common
    from course.i18n import Catalogue, system_language
    from course.interchange.gift import read_gift
    from course.interchange.gift_to_quiz import PLACEHOLDER, category_name, convert, slug
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
            target.with_name(
                f"{target.stem}-{slug(category_name(quiz.category), 'general')}{target.suffix}"
            )
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
    if any(f": {PLACEHOLDER}\n" in quiz.markdown for _, quiz in written):
        print(
            f"Next: fill in 'objectives: {PLACEHOLDER}' (and 'lesson: {PLACEHOLDER}'), then "
            "run `course validate`."
        )
    return 0
