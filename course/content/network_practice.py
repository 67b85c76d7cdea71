"""The network-map exercise of a lesson, read from a small TOML file beside it.

`lessons/<lang>/06-network-exercise.md` may have `06-network-exercise.network.toml` next to
it: the practice map (people with tags, ties with their kind), suggested tags, platform
tags and the closing questions (see docs/authoring.md, "The network-map exercise"). It is
the form a `network-map` activity of the course format will carry; until that kind
exists, the workbench is opened with what this module reads. A quiz's `network-map`
activity (`course.core.kinds.network_map`) names such a file with `practice:`.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from course.core.kinds.network_map import NetworkMapActivity, activity_of
from course.core.model import Course
from course.core.network_activity import NetworkActivity, parse_practice
from course.core.network_activity import PracticeMapError as PracticeError

SUFFIX = ".network.toml"
"""What follows a lesson file's stem in the name of its exercise file."""


class PracticeMapError(ValueError):
    """An exercise file that cannot be read; the message names the file, the line and what
    is wrong (`path:line: problem`)."""


def activity_file(lesson_path: Path) -> Path:
    """Where the exercise of the lesson at `lesson_path` is kept."""
    return lesson_path.with_name(lesson_path.stem + SUFFIX)


def read_activity(path: Path) -> NetworkActivity:
    """The exercise in `path`; PracticeMapError when it is not a valid one."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise PracticeMapError(f"{path}: cannot be read: {error}") from error
    try:
        return parse_practice(text)
    except PracticeError as error:
        raise PracticeMapError(f"{path}:{error.line}: {error.problem}") from error


def activity_in(course: Course, lesson_id: str) -> Callable[[str], NetworkActivity] | None:
    """The exercise of a lesson, by language, or None when the lesson has none.

    The exercise is the lesson quiz's `network-map` activity (its first one) if the quiz
    has one, else the exercise file beside the lesson (the older form). Each language's
    exercise is read once; a broken practice map gives none (`course validate` is the
    place that reports it)."""
    makers: dict[str, Callable[[], NetworkActivity]] = {}
    for language in course.languages:
        lesson = course.text(language).lesson(lesson_id)
        if lesson is None:
            continue
        quiz = lesson.quiz
        question = (
            next((q for q in quiz.questions if q.kind == NetworkMapActivity.name), None)
            if quiz is not None
            else None
        )
        if question is not None and quiz is not None and quiz.path is not None:
            folder = quiz.path.parent
            makers[language] = partial(activity_of, question, folder)
        elif lesson.path is not None and (beside := activity_file(lesson.path)).is_file():
            makers[language] = partial(_read_or_empty, beside)
    if not makers:
        return None
    read: dict[str, NetworkActivity] = {}

    def activity(language: str) -> NetworkActivity:
        if language not in read:
            read[language] = (makers.get(language) or next(iter(makers.values())))()
        return read[language]

    return activity


def _read_or_empty(path: Path) -> NetworkActivity:
    try:
        return read_activity(path)
    except PracticeMapError:
        return NetworkActivity()
