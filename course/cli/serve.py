"""`course serve`: the class in a browser. A learner joins on a web page with the code,
their name and their PIN; then their browser tab gets its own learner app (textual-serve),
on the class's own store (a folder per class, never the trainer's own progress).

It listens on 127.0.0.1 unless --host says otherwise (see `course.workshop.serve`). With
--lrs it forwards the class's xAPI statements to a Learning Record Store as they happen
(`course.interchange.forwarding`).
"""

from __future__ import annotations

import argparse
import datetime
import sys

from course.cli import common
from course.cli.export import add_xapi_options, xapi_settings
from course.cli.sync import add_lrs_options, lrs_endpoint
from course.i18n import system_language
from course.locations import course_dir, data_dir
from course.store import ProgressStore, StoreError
from course.workshop import serve as serving

NAME = "serve"
SUMMARY = "serve the course to browsers for a class: learners join with a code, a name and a PIN"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """--host, --port, --join-code, --max-learners, --class, --lang, --lrs and its
    options."""
    parser.epilog = (
        "Each learner scans the banner's QR code or opens its short link (the join code "
        "filled in), types a name and a PIN of their own (set on their first join), and "
        "gets their own copy of the course; the same name and PIN later continue the same "
        "progress. Each class keeps its data in its own folder, DATA/classes/NAME (printed "
        "under the banner): watch it with `course --data-dir FOLDER class`, where p resets "
        "a forgotten PIN and x removes a learner (or `course --data-dir FOLDER profiles "
        "reset-pin NAME` and `profiles delete NAME`). Without --host only this machine "
        "can connect; with --host 0.0.0.0 anyone on the network who knows the code can "
        "join. --max-learners counts learners in browsers (a second tab of a learner "
        "takes no second seat). With --lrs URL every answer, quiz attempt and lesson "
        "opened in the class is queued in the class's store as it happens and forwarded "
        "to that Learning Record Store (xAPI) in batches: an LRS that is down loses "
        "nothing and catches up when it is back, and `course class` shows how many "
        "statements wait. The LRS user and password come from COURSE_LRS_USER and "
        "COURSE_LRS_PASSWORD or from --lrs-config, as for `course sync`."
    )
    parser.add_argument(
        "--host",
        default=serving.DEFAULT_HOST,
        help=f"address to listen on (default: {serving.DEFAULT_HOST}, this machine only; "
        "0.0.0.0 for every network of this machine)",
    )
    parser.add_argument(
        "--port",
        type=int,
        default=serving.DEFAULT_PORT,
        help=f"port to listen on (default: {serving.DEFAULT_PORT})",
    )
    parser.add_argument(
        "--join-code",
        metavar="CODE",
        default=None,
        help=f"the code learners type to join (default: a random one of "
        f"{serving.CODE_LENGTH} characters)",
    )
    parser.add_argument(
        "--max-learners",
        metavar="N",
        type=int,
        default=serving.DEFAULT_MAX_LEARNERS,
        help=f"learners in browsers at once (default: {serving.DEFAULT_MAX_LEARNERS}); "
        "terminal learners do not count",
    )
    parser.add_argument(
        "--class",
        dest="class_name",
        metavar="NAME",
        default=None,
        help="the class, whose data folder is DATA/classes/NAME (default: today's date "
        "and the course, as 2026-12-04-COURSE); the same NAME continues a class",
    )
    parser.add_argument(
        "--lang",
        choices=("de", "en"),
        default=argparse.SUPPRESS,
        help="language the learners start in (default: from the system locale)",
    )
    add_lrs_options(parser, required=False)
    parser.add_argument(
        "--include-private",
        action="store_true",
        help="with --lrs: send the text of the learners' reflections too (without it, only "
        "that one was written)",
    )
    add_xapi_options(parser)


def run(args: argparse.Namespace) -> int:
    """Set the join code, print the banner and serve until stopped."""
    if not 1 <= args.port <= 65535:
        common.fail("--port needs a number from 1 to 65535.")
    if args.max_learners < 1:
        common.fail("--max-learners needs a number of at least 1.")
    if args.join_code is None:
        code = serving.new_join_code()
    else:
        try:
            code = serving.clean_join_code(args.join_code)
        except ValueError as error:
            common.fail(f"--join-code: {error}.")
    # The credentials now: the environment is emptied before the learners' apps start.
    endpoint = lrs_endpoint(args) if args.lrs else None
    course = common.open_course(args)
    language = getattr(args, "lang", None)
    title_language = language or system_language() or course.languages[0]
    name = args.class_name
    if name is None:
        name = f"{datetime.date.today().isoformat()}-{course.id}"
    try:
        name = serving.clean_class_name(name)
    except ValueError as error:
        common.fail(f"--class: {error}.")
    folder = serving.class_folder(data_dir(getattr(args, "data_dir", None)), name)
    try:
        serving.make_private_folder(folder)
    except OSError as error:
        common.fail(f"cannot make the class folder {folder}: {error.strerror or error}")
    where = serving.address(args.host, args.port)
    # The class, then the port: a second server, on a taken port or on another one, must
    # not replace the join code and limit of the class that is running (one store).
    held = serving.claim_class(folder, course.id)
    if held is None:
        common.fail(
            "another `course serve` is already running this course's class from "
            f"{folder}; stop it first (Ctrl+C in its terminal), or give this one another "
            "--class."
        )
    try:
        sockets = serving.listen(args.host, args.port)
    except OSError as error:
        common.fail(f"cannot serve on {where}: {error.strerror or error}")
    try:
        try:
            with ProgressStore.open(folder) as store:
                store.classroom(course.id).set_join_code(code, args.max_learners)
                if endpoint is not None:  # queued from the first learner's first answer on
                    store.lrs_queue(course.id).forward_to(endpoint.url, args.include_private)
        except StoreError as error:
            common.fail(error)
        forwarder = None
        if endpoint is not None:
            from course.interchange.forwarding import Forwarder

            forwarder = Forwarder(
                folder, course, endpoint, xapi_settings(args, args.include_private)
            )
        serving.serve(
            course_dir=course_dir(getattr(args, "course", None)),
            data_dir=folder,
            course_id=course.id,
            title=course.title.get(course.best_language(title_language), course.id),
            code=code,
            max_learners=args.max_learners,
            host=args.host,
            port=args.port,
            language=language,
            page_language=course.best_language(title_language),
            sockets=sockets,
            forwarder=forwarder,
        )
    except OSError as error:
        common.fail(f"cannot serve on {where}: {error.strerror or error}")
    finally:
        for listener in sockets:
            listener.close()
    print("The class has ended.", file=sys.stderr)
    return 0
