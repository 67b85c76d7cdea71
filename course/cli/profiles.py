"""`course profiles`: list, create, rename and delete learner profiles (for shared machines
and classrooms; "default" is the self-study profile)."""

from __future__ import annotations

import argparse

from course.cli import common
from course.store import ProgressStore, StoreError, seats

NAME = "profiles"
SUMMARY = "list, create, rename or delete learner profiles"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Without an action: list. Actions: create NAME, rename OLD NEW, delete NAME [--yes],
    reset-pin NAME."""
    actions = parser.add_subparsers(dest="action", metavar="ACTION", title="actions")
    actions.add_parser("list", help="list the profiles (the default)")
    create = actions.add_parser("create", help="create a profile")
    create.add_argument("name", metavar="NAME")
    rename = actions.add_parser("rename", help="rename a profile, keeping its progress")
    rename.add_argument("old", metavar="OLD")
    rename.add_argument("new", metavar="NEW")
    delete = actions.add_parser("delete", help="delete a profile and all its progress")
    delete.add_argument("name", metavar="NAME")
    delete.add_argument("--yes", "-y", action="store_true", help="do not ask; delete at once")
    reset_pin = actions.add_parser(
        "reset-pin",
        help="forget a class learner's PIN (`course serve`): their next join sets a new one",
    )
    reset_pin.add_argument("name", metavar="NAME")


def run(args: argparse.Namespace) -> int:
    """Carry out the action; 1 on a problem or when deletion is declined."""
    action = getattr(args, "action", None) or "list"
    with common.open_store(args, write=action != "list") as store:
        try:
            if action == "create":
                if store.find_learner(args.name) is not None:
                    common.fail(f"a profile named {args.name.strip()!r} already exists.")
                learner = store.learner(args.name)
                print(f"Created the profile {learner.name!r}.")
            elif action == "rename":
                learner = store.rename_learner(args.old, args.new)
                print(f"Renamed the profile {args.old.strip()!r} to {learner.name!r}.")
            elif action == "delete":
                return _delete(store, args.name, args.yes)
            elif action == "reset-pin":
                seats.reset_pin(store, args.name)
                print(
                    f"The PIN of {args.name.strip()!r} is reset: their next join with that "
                    "name sets a new one."
                )
            else:
                print(listing(store))
        except StoreError as error:
            common.fail(error)
    return 0


def _delete(store: ProgressStore, name: str, assume_yes: bool) -> int:
    if store.find_learner(name) is None:
        common.fail(f"there is no profile named {name!r}; `course profiles` lists them.")
    question = (
        f"Delete the profile {name!r} and all its progress: lessons, quiz answers "
        "and reflections? This cannot be undone."
    )
    if not common.confirm(question, assume_yes):
        print("Nothing was deleted.")
        return 1
    store.delete_learner(name)
    print(f"Deleted the profile {name!r}.")
    return 0


def listing(store: ProgressStore) -> str:
    """The profiles as a table."""
    summaries = store.profile_summaries()
    if not summaries:
        return (
            "No profiles yet. The self-study profile 'default' is made when you start "
            "the course; `course profiles create NAME` makes another."
        )
    rows = [
        [
            summary.learner.name,
            summary.learner.created_at[:10],
            str(summary.lessons_opened),
            str(summary.lessons_completed),
            str(summary.attempts),
            (summary.last_active or "-")[:16].replace("T", " "),
        ]
        for summary in summaries
    ]
    return common.table(
        ["Profile", "Created", "Opened", "Completed", "Attempts", "Last active (UTC)"],
        rows,
        right=(2, 3, 4),
    )
