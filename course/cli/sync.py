"""`course sync`: send a learner's history to a Learning Record Store as xAPI statements.

Only statements the LRS has not stored yet are sent, in batches; each stored batch is
remembered in the progress store at once, so an interrupted sync resumes where it stopped
and a finished one sends nothing again. Credentials come from the environment or a
config file only its owner can read, never from the command line.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from course.interchange.lrs import LrsEndpoint

NAME = "sync"
SUMMARY = "send a learner's history to a Learning Record Store (xAPI)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """--lrs, --profile, --include-private, the xAPI naming options."""
    from course.cli import common
    from course.cli.export import add_xapi_options

    common.add_profile_option(parser, "whose history to send (default: 'default')")
    add_lrs_options(parser)
    parser.add_argument(
        "--include-private",
        action="store_true",
        help="send the text of reflections too (without it, only that one was written)",
    )
    add_xapi_options(parser)


def add_lrs_options(parser: argparse.ArgumentParser, required: bool = True) -> None:
    """--lrs and --lrs-config: where to send, and the file with the credentials."""
    parser.add_argument(
        "--lrs",
        metavar="URL",
        required=required,
        help="the LRS's xAPI address, for example https://lrs.example.org/xAPI/; the user "
        "and password come from COURSE_LRS_USER and COURSE_LRS_PASSWORD or from the file "
        "--lrs-config (never from the command line)",
    )
    parser.add_argument(
        "--lrs-config",
        metavar="FILE",
        default=None,
        help="a TOML file with user = … and password = …, readable by you only (chmod 600); "
        "default: lrs.toml in the data folder",
    )


def lrs_endpoint(args: argparse.Namespace) -> LrsEndpoint:
    """The LRS of --lrs with the credentials of the environment or the config file; a
    clear message and exit 1 when the address or the credentials will not do. Warns when
    a password would travel unencrypted to another machine."""
    import os

    from course.cli import common
    from course.interchange.lrs import LrsEndpoint, LrsError, credentials
    from course.locations import data_dir

    url = args.lrs.strip()
    if not url.startswith(("https://", "http://")):
        common.fail(f"--lrs {url!r} is not a web address; give the LRS's xAPI address")
    folder = data_dir(getattr(args, "data_dir", None))
    config = Path(args.lrs_config) if args.lrs_config else folder / "lrs.toml"
    try:
        user, password = credentials(os.environ, config)
    except LrsError as error:
        common.fail(error)
    if url.startswith("http://") and not _loopback(url):
        print(
            "course: warning: the LRS address is not https; the password and the records "
            "travel unencrypted.",
            file=sys.stderr,
        )
    return LrsEndpoint(url, user, password)


def run(args: argparse.Namespace) -> int:
    """Send what the LRS lacks; 1 with a clear message when it cannot be done."""
    from course.cli import common
    from course.cli.export import xapi_settings
    from course.interchange.lrs import LrsError, LrsRefused, send
    from course.interchange.xapi import statements
    from course.store import StoreError

    endpoint = lrs_endpoint(args)
    url = endpoint.url
    course = common.open_course(args)
    name = common.profile_name(args)
    with common.open_store(args, write=True) as store:
        name = common.existing_learner(store, name).name
        try:
            document = store.export_document(name, course.id, args.include_private)
            every = statements(document, course, xapi_settings(args, args.include_private))
            done = store.sent_statements(name, url)
        except StoreError as error:
            common.fail(error)
        waiting = [statement for statement in every if statement["id"] not in done]
        if not waiting:
            print(f"Nothing new to send: the LRS holds all {len(every)} statements.")
            return 0
        print(f"Sending {len(waiting)} of {len(every)} statements to {url} …", file=sys.stderr)
        try:
            report = send(endpoint, waiting, lambda ids: store.mark_sent(name, url, ids))
        except StoreError as error:
            common.fail(f"{error}; what the LRS stored is sent again next time, never twice")
        except LrsError as error:
            sent = len(store.sent_statements(name, url)) - len(done)
            if isinstance(error, LrsRefused) and error.status in (401, 403):
                # Running again with the same credentials would be refused again.
                common.fail(
                    f"{error}. {sent} statements were stored before. Check the LRS user and "
                    "password (COURSE_LRS_USER and COURSE_LRS_PASSWORD, or the lrs.toml "
                    "file), then `course sync` again sends the rest."
                )
            common.fail(
                f"{error}. {sent} statements were stored before; `course sync` again sends "
                "the rest."
            )
    print(f"Sent {report.sent} statements; the LRS now holds all {len(every)}.")
    return 0


def _loopback(url: str) -> bool:
    from urllib.parse import urlsplit

    from course.workshop.serve import is_loopback

    return is_loopback(urlsplit(url).hostname or "")
