"""`course present`: the presenter view for a projector, with the live group quiz."""

from __future__ import annotations

import argparse

from course.cli.main import LANGUAGES

NAME = "present"
SUMMARY = "show the course as slides on a projector; run a live quiz with the room"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """--lang, as for the app."""
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=argparse.SUPPRESS,
        help="language of the slides (default: from the system locale)",
    )


def run(args: argparse.Namespace) -> int:
    """Open the presenter view on the course and the shared progress store."""
    from course.ui.launch import run_presenter

    return run_presenter(args)
