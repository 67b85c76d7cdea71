"""`course class`: the trainer's live dashboard of every learner in the data folder.

For a class that works on one machine or server (for example in the browser through
textual-serve): every learner's profile is in the same data folder, and the dashboard
shows their progress as it happens. The UI is imported only when the command runs.
"""

from __future__ import annotations

import argparse

from course.cli import common
from course.i18n import system_language

NAME = "class"
SUMMARY = (
    "a live dashboard of the class: every learner's progress, hardest questions, item analysis"
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """--lang, --refresh."""
    parser.epilog = (
        "Keys: s sorts the learners by the next column (name, current lesson, lessons "
        "done, score, time), r reverses the order, i switches between the questions "
        "(hardest first) and the item analysis, w writes every table as a CSV file to "
        "the working folder, F2 switches the language, q quits. 'Online' marks learners "
        "whose learner app is open now (● yes, ○ no). Quiz scores are the best finished "
        "attempt; 'Right' is the share of learners whose latest answer to a question was "
        "right, a partly right answer counting as half. 'Live' counts answers given in "
        "live rounds (right of answered), per learner and per question, apart from the "
        "quiz scores. The item analysis gives per question, from each learner's first "
        "answer, the facility (share of the points earned), the discrimination (upper "
        "less lower 27 % of the class by total) and how many chose each option. For a "
        "class that `course serve --lrs` forwards to a Learning Record Store, a line says "
        "how many statements wait and when the last were sent, or since when the LRS is "
        "unreachable."
    )
    parser.add_argument(
        "--lang",
        choices=("de", "en"),
        default=argparse.SUPPRESS,
        help="language of the dashboard and the course texts",
    )
    parser.add_argument(
        "--refresh",
        metavar="SECONDS",
        type=float,
        default=3.0,
        help="how often to look for new progress (default: 3)",
    )


def run(args: argparse.Namespace) -> int:
    """Show the dashboard until the trainer quits."""
    if not args.refresh > 0:
        common.fail("--refresh needs a number of seconds above 0.")
    course = common.open_course(args)
    language = getattr(args, "lang", None) or system_language() or course.languages[0]
    with common.open_store(args) as store:
        from course.ui.dashboard import (
            ClassDashboardApp,  # the UI only once everything is known good
        )

        app = ClassDashboardApp(course, store, language, refresh_seconds=args.refresh)
        app.run()
    return app.return_code or 0
