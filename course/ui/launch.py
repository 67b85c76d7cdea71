"""Starting an app from the command line: load the course and the store, build the learner
app or the presenter, or say why not."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from course.content import load_course
from course.core.model import Course
from course.i18n import system_language
from course.locations import course_dir, data_dir
from course.store import ProgressStore, StoreError
from course.store.records import DEFAULT_LEARNER

if TYPE_CHECKING:
    from course.ui.base import CourseAppBase

Build = Callable[[Course, Path, str, argparse.Namespace], "CourseAppBase"]


def take_seat(folder: Path, course_id: str) -> str:
    """The name of the learner `course serve` started this process for: its one-time seat
    token, taken from the environment, redeemed in the class store. This process also
    ends with the server. StoreError when the token is missing, used or expired (its
    message goes to the class log: a served app's stderr)."""
    from course.store.seats import redeem_seat
    from course.workshop.serve import PARENT_VARIABLE, SEAT_VARIABLE, die_with_parent

    parent = os.environ.pop(PARENT_VARIABLE, "")
    if parent.isdigit():
        die_with_parent(int(parent))
    token = os.environ.pop(SEAT_VARIABLE, "")
    with ProgressStore.open(folder) as store:
        learner = redeem_seat(store, token, course_id) if token else None
    if learner is None:
        raise StoreError("no valid seat token: the learner has to join again.")
    return learner.name


def run_app(args: argparse.Namespace, course: Course | None = None) -> int:
    """Open the course for the learner; 1 with a message when it cannot be opened.
    `course`: the course read already (by the fork server of `course serve`)."""

    def build(
        course: Course, folder: Path, language: str, args: argparse.Namespace
    ) -> CourseAppBase:
        from course.ui.app import make_app

        seated = getattr(args, "seat", False)
        join = getattr(args, "join", False)
        if seated:
            profile = take_seat(folder, course.id)
        else:
            profile = str(args.profile or DEFAULT_LEARNER)
            if not join:
                confirm_new_profile(folder, profile, _ask if _in_a_terminal() else None)
        app = make_app(
            course,
            folder,
            language=language,
            language_given=bool(getattr(args, "lang", None)),
            profile=profile,
            join=join,
        )
        if seated:
            from course.store.classroom import served_session

            app.session = served_session(app.session)  # a browser seat, for the dashboard
            app.room_bell = room_bell()
        return app

    return _run(args, build, course)


def room_bell() -> int | None:
    """The file descriptor on which `course serve` rings when the room changed, if it
    forked this app with one (`course.workshop.forking`)."""
    from course.workshop.forking import BELL_VARIABLE

    value = os.environ.pop(BELL_VARIABLE, "")
    return int(value) if value.isdigit() else None


def _in_a_terminal() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def _ask(question: str) -> str:
    try:
        return input(question)
    except EOFError:
        return ""


def confirm_new_profile(folder: Path, name: str, ask: Callable[[str], str] | None) -> None:
    """Let the app create the profile `name` only if it exists, is the default one, or the
    user agrees (`ask` puts a y/N question; None: no terminal to ask in).

    A mistyped `--profile` silently made an empty profile, which looked like lost
    progress. StoreError (with what to do) when the profile is not to be made.
    """
    if name == DEFAULT_LEARNER:
        return
    with ProgressStore.open(folder) as store:
        if store.find_learner(name) is not None:
            return
        known = [learner.name for learner in store.learners()]
    listed = f" The profiles here: {', '.join(known)}." if known else ""
    if ask is not None:
        answer = ask(f"There is no profile named {name!r}.{listed} Create it? [y/N] ")
        if answer.strip().lower() in ("y", "yes", "j", "ja"):
            return
        raise StoreError(f"No profile named {name!r} was created.")
    raise StoreError(
        f"There is no profile named {name!r}.{listed} Check the name, or create the "
        f"profile with `course profiles create {name}`."
    )


def run_presenter(args: argparse.Namespace) -> int:
    """Open the presenter view on the course; 1 with a message when it cannot be opened
    or another presenter runs."""

    def build(
        course: Course, folder: Path, language: str, args: argparse.Namespace
    ) -> CourseAppBase:
        from course.ui.presenter_app import make_presenter_app

        app = make_presenter_app(course, folder, language=language)
        if app.refusal is not None:
            # Before the screen is taken over: a presenter that may not run says so in the
            # terminal it was started from, without a flash of its interface.
            app.store.close()
            raise StoreError(app.refusal)
        return app

    return _run(args, build)


def run_speaker_notes(args: argparse.Namespace) -> int:
    """Open the speaker notes, which follow the presenter of the course in another
    terminal; 1 with a message when the course or the data folder cannot be opened."""

    def build(
        course: Course, folder: Path, language: str, args: argparse.Namespace
    ) -> CourseAppBase:
        from course.ui.notes_app import make_speaker_notes_app

        return make_speaker_notes_app(course, folder, language=language)

    return _run(args, build)


def _run(args: argparse.Namespace, build: Build, course: Course | None = None) -> int:
    if course is None:
        result = load_course(course_dir(args.course))
        if result.course is None:
            for problem in result.errors:
                print(problem.format(), file=sys.stderr)
            print(
                "The course cannot be opened: fix the problems above (`course validate` "
                "lists them again).",
                file=sys.stderr,
            )
            return 1
        course = result.course
    language = getattr(args, "lang", None) or system_language() or course.languages[0]
    try:
        # Textual is imported only once the course is known to be good.
        app = build(course, data_dir(args.data_dir), language, args)
    except StoreError as error:
        print(f"course: {error}", file=sys.stderr)
        return 1
    try:
        app.run()
    finally:
        session = getattr(app, "session", None)
        if session is not None:
            app.storage.write(app.store.classroom(course.id).leave, session)
        app.close_store()
    return app.return_code or 0
