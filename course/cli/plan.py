"""`course plan`: "My plan" as one Markdown page, every reflection and commitment."""

from __future__ import annotations

import argparse
from pathlib import Path

from course.cli import common
from course.i18n import Catalogue
from course.locations import write_atomically
from course.store import Learner

NAME = "plan"
SUMMARY = "write 'My plan': every reflection and commitment of a profile, as Markdown"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """--profile NAME, -o FILE."""
    common.add_profile_option(parser, "whose plan to write (default: 'default')")
    parser.add_argument(
        "-o", "--output", metavar="FILE", help="write the page to FILE (default: print it)"
    )


def run(args: argparse.Namespace) -> int:
    """Print or write the plan of one profile in the current course."""
    from course.study import StudySession, plan_markdown

    course = common.open_course(args)
    name = common.profile_name(args)
    with common.open_store(args) as store:
        learner = store.find_learner(name)
        if learner is None and name != "default":
            common.fail(f"there is no profile named {name!r}; `course profiles` lists them.")
        text = course.text(common.course_language(args, course))
        study = StudySession(course, store, learner or Learner(0, name, ""))
        title = course.title.get(text.language) or next(iter(course.title.values()), course.id)
        page = plan_markdown(title, text, study.plan(text), Catalogue(text.language))
    if args.output:
        write_atomically(Path(args.output), page)
    else:
        print(page)
    return 0
