"""Network-map activity, `## id (network-map)`: the article's exercise done in the
workbench. The learner draws the people of their market and how they are connected, reads
what unites and separates them, and answers the closing questions; those answers are the
activity's answer. Not graded, and private like a reflection.

In the quiz file the question text holds the instructions; the list under it holds the
closing questions (an item may begin with its id and a colon; the ids `shared`, `whom` and
`platform` are pre-filled from the analysis); its own settings are `practice` (a practice
map file beside the quiz), `tags` (suggested tags) and `platforms` (tags that name a
platform or meeting place), both comma-separated.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Mapping
from pathlib import Path

from course.core.kinds import Answer, Grade, ItemList, Outcome, Report, register
from course.core.kinds.text import TextAnswer, TextKind
from course.core.model import Option, Question
from course.core.network_activity import (
    SUGGESTION_KINDS,
    ClosingQuestion,
    NetworkActivity,
    PracticeMapError,
    parse_practice,
)

PRACTICE_SUFFIX = ".network.toml"
"""How the name of a practice-map file ends."""
_QUESTION_ID = re.compile(r"^(?P<id>[a-z][a-z0-9_-]{0,39}):\s+(?P<text>\S.*)$")
FileReport = Callable[[Path, int, str], None]
"""Where a kind reports a problem of a file its question names: the file, the line and
the message."""


def settings_list(raw: str | None) -> tuple[str, ...]:
    """A comma-separated setting as its items, blanks left out."""
    return tuple(item.strip() for item in (raw or "").split(",") if item.strip())


def closing_questions(question: Question) -> tuple[ClosingQuestion, ...]:
    """The closing questions of an activity, from its options (see `read_options`)."""
    return tuple(
        ClosingQuestion(
            option.match or f"q{option.index + 1}",
            option.text,
            option.match if option.match in SUGGESTION_KINDS else "",
        )
        for option in question.options
    )


def practice_path(question: Question, folder: Path) -> Path | None:
    """The practice-map file an activity names, relative to its quiz's `folder`."""
    name = question.setting("practice")
    return folder / name.strip() if name and name.strip() else None


def activity_of(question: Question, folder: Path) -> NetworkActivity:
    """What the workbench is opened with for this activity: its practice map (read from
    the file it names; an unreadable one gives none, `course validate` reports it), the
    tags of the file and of its settings, and its closing questions."""
    practice = NetworkActivity()
    path = practice_path(question, folder)
    if path is not None:
        with contextlib.suppress(OSError, UnicodeDecodeError, PracticeMapError):
            practice = parse_practice(path.read_text(encoding="utf-8"))
    tags = practice.suggested_tags + settings_list(question.setting("tags"))
    platforms = practice.platforms + settings_list(question.setting("platforms"))
    return NetworkActivity(
        title=practice.title,
        practice=practice.practice,
        suggested_tags=tuple(dict.fromkeys(tags)),
        platforms=tuple(dict.fromkeys(platforms)),
        questions=closing_questions(question) or practice.questions,
    )


def answers_text(questions: tuple[ClosingQuestion, ...], answers: Mapping[str, str]) -> str:
    """The learner's closing answers as one text (question, then answer), for the quiz's
    record of the activity; "" when none is answered."""
    return "\n\n".join(
        f"{closing.text}\n{answers[closing.id].strip()}"
        for closing in questions
        if answers.get(closing.id, "").strip()
    )


class NetworkMapActivity(TextKind):
    """The network-map exercise: the learner's own map; there is no right answer."""

    name = "network-map"
    order = 80
    graded = False
    shuffles = False
    settings = ("practice", "tags", "platforms")
    catalogue_keys = (
        "quiz.network_map",
        "quiz.network_map_open",
        "quiz.network_map_saved",
        "quiz.network_map_nothing",
        "quiz.network_map_checked",
        "quiz.ungraded",
    )
    xapi_interaction = "long-fill-in"
    gift_form = None

    def read_options(self, listing: ItemList, question_id: str, report: Report) -> list[Option]:
        options: list[Option] = []
        seen: set[str] = set()
        for item in listing.items:
            if item.mark is not None:
                report(item.line, "a closing question takes no checkbox: leave out '[ ]'/'[x]'")
            found = _QUESTION_ID.match(item.text.strip())
            closing_id = found.group("id") if found else ""
            text = found.group("text") if found else item.text.strip()
            if closing_id and closing_id in seen:
                report(item.line, f"the closing question id {closing_id!r} is used twice")
            seen.add(closing_id)
            if not text:
                report(item.line, "a closing question needs its text")
                continue
            options.append(Option(item.index, text, match=closing_id, line=item.line))
        return options

    def check_settings(self, settings: Mapping[str, str], report: Callable[[str], None]) -> None:
        practice = settings.get("practice")
        if practice is not None and not practice.strip().endswith(PRACTICE_SUFFIX):
            report(
                f"practice must name a practice-map file ending in {PRACTICE_SUFFIX}, "
                f"not {practice.strip()!r}"
            )
        for key in ("tags", "platforms"):
            if key in settings and not settings_list(settings[key]):
                report(f"{key} must list tags, separated by commas")

    def check_files(self, question: Question, quiz_path: Path, report: FileReport) -> None:
        """The practice map the activity names must exist and be a valid one."""
        path = practice_path(question, quiz_path.parent)
        if path is None or not path.name.endswith(PRACTICE_SUFFIX):
            return
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            report(
                quiz_path,
                question.line,
                f"the practice map {path.name!r} of question '{question.id}' is not there: "
                "put it beside the quiz or correct the name",
            )
            return
        except (OSError, UnicodeDecodeError) as error:
            report(path, 1, f"the practice map cannot be read: {error}")
            return
        try:
            parse_practice(text)
        except PracticeMapError as error:
            report(path, error.line, error.problem)

    def grade(self, question: Question, answer: Answer) -> Grade:
        return Grade(Outcome.UNGRADED, 0, 0, (), question.explanation)

    def solution_text(self, question: Question) -> str:
        return ""

    def answer_text(self, question: Question, answer: Answer) -> str:
        return answer.text if isinstance(answer, TextAnswer) else ""


register(NetworkMapActivity())
