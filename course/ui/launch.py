"""Starting the app from the command line: load the course and the store, or say why not."""

from __future__ import annotations

import argparse
import sys

from course.content import load_course
from course.i18n import system_language
from course.locations import course_dir, data_dir
from course.store import StoreError


def run_app(args: argparse.Namespace, presenter: bool = False) -> int:
    """Open the course for the learner (or the presenter view); 1 with a message when it
    cannot be opened."""
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
    from course.ui.app import (
        make_app,  # Textual is imported only once the course is known to be good
    )

    language = getattr(args, "lang", None) or system_language() or result.course.languages[0]
    try:
        app = make_app(
            result.course,
            data_dir(args.data_dir),
            language=language,
            profile=args.profile or "default",
            join=getattr(args, "join", False),
            presenter=presenter,
        )
    except StoreError as error:
        print(f"course: {error}", file=sys.stderr)
        return 1
    if presenter:
        from course.ui.screens.presenter import claim_room

        # Before the screen is taken over: a presenter that may not run says so in the
        # terminal it was started from, without a flash of its interface.
        refusal = claim_room(app)
        if refusal is not None:
            print(f"course: {refusal}", file=sys.stderr)
            app.store.close()
            return 1
    try:
        app.run()
    finally:
        app.store.classroom(result.course.id).leave(app.session)
        app.store.close()
    return app.return_code or 0
