"""The network-map exercise of a lesson, read from a small TOML file beside it.

`lessons/<lang>/06-network-exercise.md` may have `06-network-exercise.network.toml` next to
it: the practice map (people with tags, ties with their kind), suggested tags, platform
tags and the closing questions (see docs/authoring.md, "The network-map exercise"). It is
the form a `network-map` activity of the course format will carry; until that kind
exists, the workbench is opened with what this module reads.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from course.core.model import Course
from course.core.network_activity import SUGGESTION_KINDS, ClosingQuestion, NetworkActivity
from course.core.network_map import MapError, NetworkMap

SUFFIX = ".network.toml"
"""What follows a lesson file's stem in the name of its exercise file."""


class PracticeMapError(ValueError):
    """An exercise file that cannot be read; the message names the file and what is wrong."""


def activity_file(lesson_path: Path) -> Path:
    """Where the exercise of the lesson at `lesson_path` is kept."""
    return lesson_path.with_name(lesson_path.stem + SUFFIX)


def read_activity(path: Path) -> NetworkActivity:
    """The exercise in `path`; PracticeMapError when it is not a valid one."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise PracticeMapError(f"{path}: cannot be read: {error}") from error
    except tomllib.TOMLDecodeError as error:
        raise PracticeMapError(f"{path}: not valid TOML: {error}") from error
    return parse_activity(data, str(path))


def _strings(data: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise PracticeMapError(f"{where}: '{key}' must be a list of texts")
    return tuple(value)


def parse_activity(data: dict[str, Any], where: str) -> NetworkActivity:
    """The exercise from parsed TOML (`where` names the file in messages)."""
    network = None
    people = data.get("people", [])
    if people:
        network = NetworkMap()
        try:
            for number, person in enumerate(people, start=1):
                if not isinstance(person, dict) or not isinstance(person.get("label"), str):
                    raise PracticeMapError(f"{where}: person {number} needs a 'label'")
                network, _ = network.with_person(
                    person["label"],
                    bool(person.get("uses_offer", False)),
                    _strings(person, "tags", f"{where}: person {number}"),
                )
            for number, tie in enumerate(data.get("ties", []), start=1):
                between = tie.get("between") if isinstance(tie, dict) else None
                if not isinstance(between, list) or len(between) != 2:
                    raise PracticeMapError(f"{where}: tie {number} needs 'between' with two labels")
                ends = [network.person_named(str(label)) for label in between]
                if ends[0] is None or ends[1] is None:
                    raise PracticeMapError(
                        f"{where}: tie {number} names someone who is not among the people"
                    )
                network = network.with_tie(ends[0].key, ends[1].key, str(tie.get("kind", "")))
        except MapError as error:
            raise PracticeMapError(f"{where}: {error}") from error
    questions = []
    for number, question in enumerate(data.get("questions", []), start=1):
        if not isinstance(question, dict) or not isinstance(question.get("text"), str):
            raise PracticeMapError(f"{where}: question {number} needs a 'text'")
        suggest = str(question.get("suggest", ""))
        if suggest and suggest not in SUGGESTION_KINDS:
            raise PracticeMapError(
                f"{where}: question {number}: 'suggest' is one of {', '.join(SUGGESTION_KINDS)}"
            )
        questions.append(
            ClosingQuestion(str(question.get("id", f"q{number}")), question["text"], suggest)
        )
    return NetworkActivity(
        title=str(data.get("title", "")),
        practice=network,
        suggested_tags=_strings(data, "suggested_tags", where),
        platforms=_strings(data, "platforms", where),
        questions=tuple(questions),
    )


def activity_in(course: Course, lesson_id: str) -> Callable[[str], NetworkActivity] | None:
    """The exercise of a lesson, by language, or None when the lesson has no exercise file
    in any language. Each language's file is read once; a broken one gives an empty
    exercise (`course validate` is the place that reports it)."""
    paths: dict[str, Path] = {}
    for language in course.languages:
        lesson = course.text(language).lesson(lesson_id)
        if lesson is not None and lesson.path is not None:
            path = activity_file(lesson.path)
            if path.is_file():
                paths[language] = path
    if not paths:
        return None
    read: dict[str, NetworkActivity] = {}

    def activity(language: str) -> NetworkActivity:
        path = paths.get(language) or next(iter(paths.values()))
        if language not in read:
            try:
                read[language] = read_activity(path)
            except PracticeMapError:
                read[language] = NetworkActivity()
        return read[language]

    return activity
