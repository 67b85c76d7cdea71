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


def run_app(args: argparse.Namespace) -> int:
    """Open the course for the learner; 1 with a message when it cannot be opened."""

    def build(
        course: Course, folder: Path, language: str, args: argparse.Namespace
    ) -> CourseAppBase:
        from course.ui.app import make_app

        seated = getattr(args, "seat", False)
        app = make_app(
            course,
            folder,
            language=language,
            profile=take_seat(folder, course.id) if seated else args.profile or "default",
            join=getattr(args, "join", False),
        )
        if seated:
            from course.store.classroom import served_session

            app.session = served_session(app.session)  # a browser seat, for the dashboard
        return app

    return _run(args, build)


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


def _run(args: argparse.Namespace, build: Build) -> int:
    result = load_course(course_dir(args.course))
    if result.course is None:
        for problem in result.errors:
            print(problem.format(), file=sys.stderr)
        print(
            "The course cannot be opened: fix the problems above (`course validate` lists "
            "them again).",
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
