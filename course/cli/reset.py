"""`course reset`: delete a learner's progress (after asking), keeping the profile."""

from __future__ import annotations

import argparse

from course.cli import common
from course.store import StoreError

NAME = "reset"
SUMMARY = "delete a learner's progress, keeping the profile (asks first)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """--profile and --yes."""
    common.add_profile_option(parser, "whose progress to delete (default: 'default')")
    parser.add_argument("--yes", "-y", action="store_true", help="do not ask; delete at once")


def run(args: argparse.Namespace) -> int:
    """Ask, then delete; 1 when the answer is no or there is no such profile."""
    name = common.profile_name(args)
    with common.open_store(args, write=True) as store:
        name = common.existing_learner(store, name).name
        question = (
            f"Delete all progress of profile {name!r}: lessons, quiz answers, "
            "reflections and network maps? This cannot be undone."
        )
        if not common.confirm(question, args.yes):
            print("Nothing was deleted.")
            return 1
        try:
            store.reset(name)
        except StoreError as error:
            common.fail(error)
    print(f"The progress of profile {name!r} was deleted; the profile remains.")
    return 0
