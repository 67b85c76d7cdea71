"""The fork server of `course serve`: one process that has imported the learner app and
read the course, and forks a learner app for each joined learner's tab.

`course.workshop.forking` explains why and holds the server's side. This process reads
requests from its control socket (its standard input): an app's environment with its
pipes, log and bell attached. It forks; the child takes the pipes as its standard input,
output and error, the environment as its own (the one-time seat token in it), dies with
this process, and runs the learner app as `course --seat` would. The fork server answers
the child's process id and leaves the reaping to the kernel. It ends when the server
closes the socket, or dies with the server.

No thread runs in this process while it forks: a thread's locks would be copied held.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import importlib
import os
import pkgutil
import signal
import socket
import subprocess
import sys
import traceback
from pathlib import Path

from course.content import load_course
from course.core.model import Course
from course.locations import course_dir
from course.workshop.forking import (
    BELL_VARIABLE,
    FDS_PER_APP,
    receive_message,
    send_message,
)
from course.workshop.serve import PARENT_VARIABLE, die_with_parent

SKIPPED_MODULES = (
    "course.ui.dashboard",
    "course.ui.presenter_app",
    "course.ui.notes_app",
    "course.ui.forkserver",
    "course.ui.screens.presenter",
    "course.ui.screens.moderation",
    "course.ui.screens.speaker_notes",
    "course.ui.screens.join",  # a served learner has joined on the web page already
)
"""Modules of the interface a served learner app never uses: not imported ahead, since
every page imported here counts in each app's resident memory (shared, but counted)."""


def preload() -> None:
    """Import the learner app and everything it may open (screens, inputs, widgets), so
    that no forked app imports them again."""
    import course.ui
    from course.core.kinds import all_kinds
    from course.ui.inputs import ui_named

    importlib.import_module("textual.drivers.web_driver")
    for found in pkgutil.walk_packages(course.ui.__path__, "course.ui."):
        if not found.name.startswith(SKIPPED_MODULES):
            importlib.import_module(found.name)
    # The registries of question kinds, found once here: each app looked for them the
    # first time it showed a live question, with 40 others (benchmarks/class_serve.py).
    for kind in all_kinds():
        ui_named(kind.name)


def parse_questions_ahead(course: Course) -> None:
    """Parse the text of every question of the course, in every language, for the apps:
    a live question is then only rendered in each of them, not parsed."""
    from course.ui.widgets.markdown_text import parse_ahead

    for language in course.languages:
        for lesson in course.text(language).lessons:
            if lesson.quiz is not None:
                parse_ahead(question.prompt for question in lesson.quiz.questions)


def compile_ahead() -> None:
    """Bring the course package's bytecode up to date in another process.

    Bytecode out of date (a checkout just updated) was compiled in this process as it
    imported the app, and what compiling left behind stayed in its memory, in every app
    forked from it: 1.6 MB more resident memory per learner, measured with
    benchmarks/class_serve.py. Where the package cannot be written, nothing changes.
    """
    package = Path(__file__).resolve().parents[1]
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        subprocess.run(
            [sys.executable, "-m", "compileall", "-q", str(package)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=120,
            check=False,
        )


def serve_forks(args: argparse.Namespace) -> int:
    """Fork learner apps for `course serve` until it closes the control socket (stdin)."""
    die_with_parent(os.getppid())
    # Ctrl+C in the trainer's terminal reaches the whole process group: `course serve`
    # ends the class, and this process ends when it closes the socket.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # the kernel reaps the apps
    control = socket.socket(fileno=os.dup(0))
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)
    compile_ahead()
    result = load_course(course_dir(args.course))
    if result.course is None:
        print("course serve: the course cannot be opened", file=sys.stderr)
        return 1
    preload()
    parse_questions_ahead(result.course)
    gc.collect()
    gc.freeze()  # objects made so far stay shared with the apps: GC never writes to them
    send_message(control, {"ready": True})
    while True:
        try:
            request, fds = receive_message(control, FDS_PER_APP)
        except (EOFError, OSError):
            return 0
        if len(fds) != FDS_PER_APP or not isinstance(request.get("environment"), dict):
            for fd in fds:
                os.close(fd)
            send_message(control, {"error": "a malformed request"})
            continue
        try:
            pid = os.fork()
        except OSError as error:
            send_message(control, {"error": str(error)})
            pid = -1
        if pid == 0:
            code = 1
            try:
                control.close()
                code = _run_child(args, result.course, request["environment"], fds)
            except BaseException:
                traceback.print_exc()
            finally:
                with_stdio_flushed()
                os._exit(code)
        for fd in fds:
            os.close(fd)
        if pid > 0:
            send_message(control, {"pid": pid})


def with_stdio_flushed() -> None:
    """Flush what the app left in Python's buffers (os._exit would drop it)."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()


def _run_child(
    args: argparse.Namespace, course: Course, environment: dict[str, str], fds: list[int]
) -> int:
    """In the forked child: become the learner app of the tab whose pipes are `fds`."""
    from course.ui.launch import run_app

    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    stdin, stdout, stderr, bell = fds
    for fd, target in ((stdin, 0), (stdout, 1), (stderr, 2)):
        os.dup2(fd, target)
        os.close(fd)
    os.environ.clear()
    os.environ.update(environment)
    os.environ[PARENT_VARIABLE] = str(os.getppid())
    os.environ[BELL_VARIABLE] = str(bell)
    return run_app(args, course)
