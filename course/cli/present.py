"""`course present`: the presenter view for a projector, with the live group quiz; with
--notes, the speaker notes that follow it from a second terminal."""

from __future__ import annotations

import argparse

from course.cli.main import LANGUAGES

NAME = "present"
SUMMARY = "show the course as slides on a projector; run a live quiz with the room"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """--lang, as for the app; --notes for the speaker notes."""
    parser.add_argument(
        "--notes",
        action="store_true",
        help="show the speaker notes instead: run this in a second terminal (on your own "
        "screen) while `course present` runs on the projector; they follow its slides "
        "(the same course and data folder) and show the notes, the next slide and the timer",
    )
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=argparse.SUPPRESS,
        help="language of the slides (default: from the system locale)",
    )


def run(args: argparse.Namespace) -> int:
    """Open the presenter view (or its speaker notes) on the course and the shared progress
    store."""
    from course.ui.launch import run_presenter, run_speaker_notes

    if getattr(args, "notes", False):
        return run_speaker_notes(args)
    return run_presenter(args)
