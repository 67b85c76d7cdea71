"""A learner's history as xAPI 1.0.3 statements, for an organisation's Learning Record Store.

Made from the typed export (`course.store.export_format.ExportDocument`) and the course,
so that what leaves the laptop is exactly what `course export` would show, with the same
rule for private texts: a reflection's text is sent only when the learner asks for it.

- **actor**: an `account` (the organisation's `home_page` and the profile name), or the
  SHA-1 of a `mailto:` address the learner gives; never a plain address.
- **verbs** from the ADL registry: `experienced` (a lesson opened), `completed` (a lesson
  finished), `attempted` (a quiz begun), `answered` (a question; a reflection), `passed`
  and `failed` (a finished quiz, by the course's pass mark and the one scoring rule).
- **objects**: activity IRIs under `activity_base`, built from the course id and version
  and the lesson, quiz and question ids; questions as `cmi.interaction` with their
  interaction type, choices and correct responses.
- **ids** are UUIDv5 of the learner, the attempt and the question (of a lesson, the time
  it was opened or completed), so that sending the same history twice stores nothing
  twice, and a history begun again after `course reset` never reuses an id.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import quote

from course.core.kinds import kind_of
from course.core.model import Course, Question
from course.core.scoring import SCORED_MODES, Outcome, Score
from course.store.export_format import (
    ExportDocument,
    ExportedAnswer,
    ExportedAttempt,
    ExportedCourse,
)

NAMESPACE = uuid.UUID("7d0c1a4e-4b8e-5b7f-9a53-6c6f75727365")
"""The UUIDv5 namespace of this app's statement ids and registrations."""
ADL = "http://adlnet.gov/expapi"
VERBS = {
    name: {"id": f"{ADL}/verbs/{name}", "display": {"en-US": name}}
    for name in ("experienced", "completed", "attempted", "answered", "passed", "failed")
}
"""The ADL verbs used, with their display names."""
ACTIVITY_TYPES = {
    "course": f"{ADL}/activities/course",
    "lesson": f"{ADL}/activities/lesson",
    "quiz": f"{ADL}/activities/assessment",
    "question": f"{ADL}/activities/cmi.interaction",
}
DEFAULT_HOME_PAGE = "https://course-app.invalid/learners"
"""The account home page when the organisation names none (`.invalid` never resolves)."""
DEFAULT_ACTIVITY_BASE = "https://course-app.invalid/xapi"
"""Where activity IRIs start when the organisation names no base of its own."""


@dataclass(frozen=True)
class XapiSettings:
    """Who the learner is in the LRS and how activities are named."""

    home_page: str = DEFAULT_HOME_PAGE
    """The organisation's home page for learner accounts."""
    email: str | None = None
    """A learner's address: then the actor is its `mbox_sha1sum` instead of an account."""
    activity_base: str = DEFAULT_ACTIVITY_BASE
    """The IRI prefix of every activity."""
    include_private: bool = False
    """Whether reflections carry their text (only with `--include-private`)."""
    language: str | None = None
    """The context language; the course's first language when None."""


def actor(name: str, settings: XapiSettings) -> dict[str, Any]:
    """The learner as an xAPI agent (an account, or the hash of their address)."""
    if settings.email:
        mailto = "mailto:" + settings.email.strip().lower()
        digest = hashlib.sha1(mailto.encode("utf-8"), usedforsecurity=False).hexdigest()
        return {"objectType": "Agent", "name": name, "mbox_sha1sum": digest}
    return {"objectType": "Agent", "account": {"homePage": settings.home_page, "name": name}}


def statement_id(*parts: str) -> str:
    """A statement's id: the same parts always give the same id."""
    return str(uuid.uuid5(NAMESPACE, "\x1f".join(parts)))


def duration(seconds: float) -> str:
    """Seconds as an ISO 8601 duration: "PT754.5S"."""
    return f"PT{max(seconds, 0):.2f}".rstrip("0").rstrip(".") + "S"


def _timestamp(text: str) -> str:
    """A stored time as xAPI wants it: with its offset (stored times without one are UTC)."""
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        return moment.isoformat() + "Z"
    return moment.isoformat()


def _seconds_between(start: str, end: str) -> float:
    return (datetime.fromisoformat(end) - datetime.fromisoformat(start)).total_seconds()


class _Activities:
    """Activity IRIs and definitions of one course version."""

    def __init__(self, course: Course, version: str, base: str) -> None:
        self.course = course
        self.root = f"{base.rstrip('/')}/{quote(course.id, safe='')}/{quote(version, safe='')}"

    def course_activity(self) -> dict[str, Any]:
        return {
            "objectType": "Activity",
            "id": self.root,
            "definition": {"type": ACTIVITY_TYPES["course"], "name": dict(self.course.title)},
        }

    def lesson(self, lesson_id: str) -> dict[str, Any]:
        names = {
            language: lesson.title
            for language, text in self.course.texts.items()
            if (lesson := text.lesson(lesson_id)) is not None
        }
        return self._activity(f"lesson/{lesson_id}", "lesson", names or {"und": lesson_id})

    def quiz(self, quiz_id: str, lesson_id: str) -> dict[str, Any]:
        names = {
            language: lesson.quiz.title
            for language, text in self.course.texts.items()
            if (lesson := text.lesson(lesson_id)) is not None and lesson.quiz is not None
        }
        return self._activity(f"quiz/{quiz_id}", "quiz", names or {"und": quiz_id})

    def _activity(self, path: str, kind: str, names: Mapping[str, str]) -> dict[str, Any]:
        return {
            "objectType": "Activity",
            "id": f"{self.root}/{quote(path, safe='/')}",
            "definition": {"type": ACTIVITY_TYPES[kind], "name": dict(names)},
        }

    def question(self, lesson_id: str, question_id: str) -> dict[str, Any] | None:
        """The question as a `cmi.interaction`, in every language the course has it."""
        asked = {
            language: question
            for language, text in self.course.texts.items()
            if (lesson := text.lesson(lesson_id)) is not None
            and lesson.quiz is not None
            and (question := lesson.quiz.question(question_id)) is not None
        }
        if not asked:
            return None
        first = next(iter(asked.values()))
        definition: dict[str, Any] = {
            "type": ACTIVITY_TYPES["question"],
            "name": {language: _plain(q.prompt)[:120] for language, q in asked.items()},
            "description": {language: _plain(q.prompt) for language, q in asked.items()},
            **interaction(first, asked),
        }
        return {
            "objectType": "Activity",
            "id": f"{self.root}/question/{quote(question_id, safe='')}",
            "definition": definition,
        }


def _plain(markdown: str) -> str:
    from course.core.plaintext import plain_text

    return " ".join(plain_text(markdown).split())


def _choices(asked: Mapping[str, Question], side: str = "text") -> list[dict[str, Any]]:
    first = next(iter(asked.values()))
    return [
        {
            "id": f"{'t' if side == 'match' else 'o'}{option.index}",
            "description": {
                language: _plain(getattr(question.options[option.index], side)) or "–"
                for language, question in asked.items()
                if option.index < len(question.options)
            },
        }
        for option in first.options
    ]


def interaction(question: Question, asked: Mapping[str, Question]) -> dict[str, Any]:
    """The `interactionType` of a question and what belongs to it: choices, source and
    target, steps, and the pattern of the right response. Each kind names its type
    (`QuestionKind.xapi_interaction`); what belongs to a type is xAPI's rule."""
    kind = kind_of(question).xapi_interaction
    if kind == "choice":
        right = "[,]".join(f"o{option.index}" for option in question.right_options)
        return {
            "interactionType": "choice",
            "choices": _choices(asked),
            "correctResponsesPattern": [right],
        }
    if kind == "true-false":
        return {
            "interactionType": "true-false",
            "correctResponsesPattern": ["true" if question.options[0].correct else "false"],
        }
    if kind == "sequencing":
        return {
            "interactionType": "sequencing",
            "choices": _choices(asked),
            "correctResponsesPattern": ["[,]".join(f"o{o.index}" for o in question.options)],
        }
    if kind == "matching":
        return {
            "interactionType": "matching",
            "source": [{**c, "id": f"s{n}"} for n, c in enumerate(_choices(asked))],
            "target": _choices(asked, "match"),
            "correctResponsesPattern": [
                "[,]".join(f"s{o.index}[.]t{o.index}" for o in question.options)
            ],
        }
    if kind == "fill-in":
        return {
            "interactionType": "fill-in",
            "correctResponsesPattern": [
                "{case_matters=false}" + _plain(option.text)
                for answers in asked.values()
                for option in answers.right_options
            ],
        }
    patterns = kind_of(question).xapi_correct_responses(question)
    return {"interactionType": kind, **({"correctResponsesPattern": patterns} if patterns else {})}


def response(question: Question, answer: Mapping[str, Any]) -> str:
    """What the learner gave, in the interaction type's response format."""
    interaction = kind_of(question).xapi_interaction
    if interaction == "true-false":
        chosen = list(answer.get("chosen", ()))
        return "" if not chosen else ("true" if chosen[0] == 0 else "false")
    if interaction == "numeric":  # xAPI wants a number as a number, "4.5" for a typed "4,5"
        return " ".join(str(answer.get("text", "")).split()).replace(",", ".").replace("−", "-")
    if "chosen" in answer:
        return "[,]".join(f"o{index}" for index in sorted(answer["chosen"]))
    if "order" in answer:
        return "[,]".join(f"o{index}" for index in answer["order"])
    if "pairs" in answer:
        return "[,]".join(f"s{left}[.]t{right}" for left, right in sorted(answer["pairs"].items()))
    return str(answer.get("text", ""))


def statements(
    document: ExportDocument, course: Course, settings: XapiSettings | None = None
) -> list[dict[str, Any]]:
    """Every statement of the learner's history in `course`, oldest first."""
    settings = settings or XapiSettings()
    progress = document.course(course.id)
    if progress is None:
        return []
    found = list(_statements(document.learner, progress, course, settings))
    found.sort(key=lambda statement: (statement["timestamp"], statement["id"]))
    return found


def _statements(
    learner: str, progress: ExportedCourse, course: Course, settings: XapiSettings
) -> Iterator[dict[str, Any]]:
    who = actor(learner, settings)
    language = settings.language or course.languages[0]
    current = _Activities(course, course.version, settings.activity_base)

    def context(activities: _Activities, **more: Any) -> dict[str, Any]:
        # The course is the parent of what happens in it; a statement about a question
        # or a reflection names its quiz or lesson as a parent too (see below).
        return {
            "language": language,
            "contextActivities": {"parent": [activities.course_activity()]},
            **more,
        }

    for lesson in progress.lessons:
        if lesson.opened_at:
            yield {
                "id": statement_id(
                    learner, course.id, "lesson", lesson.id, "experienced", lesson.opened_at
                ),
                "actor": who,
                "verb": VERBS["experienced"],
                "object": current.lesson(lesson.id),
                "context": context(current),
                "timestamp": _timestamp(lesson.opened_at),
            }
        if lesson.completed_at:
            yield {
                "id": statement_id(
                    learner, course.id, "lesson", lesson.id, "completed", lesson.completed_at
                ),
                "actor": who,
                "verb": VERBS["completed"],
                "object": current.lesson(lesson.id),
                "result": {"completion": True, "duration": duration(lesson.seconds)},
                "context": context(current),
                "timestamp": _timestamp(lesson.completed_at),
            }
    for attempt in progress.attempts:
        yield from _attempt(learner, who, attempt, course, settings, context)
    for reflection in progress.reflections:
        result: dict[str, Any] = {"completion": True}
        if settings.include_private:
            result["response"] = reflection.text
        activity = current.lesson(reflection.lesson_id)
        yield {
            "id": statement_id(learner, course.id, "reflection", reflection.uid),
            "actor": who,
            "verb": VERBS["answered"],
            "object": {
                "objectType": "Activity",
                "id": f"{activity['id']}/reflection",
                "definition": {
                    "type": ACTIVITY_TYPES["question"],
                    "name": activity["definition"]["name"],
                    "interactionType": "long-fill-in",
                },
            },
            "result": result,
            "context": context(
                current, contextActivities={"parent": [activity, current.course_activity()]}
            ),
            "timestamp": _timestamp(reflection.saved_at),
        }


def _attempt(
    learner: str,
    who: dict[str, Any],
    attempt: ExportedAttempt,
    course: Course,
    settings: XapiSettings,
    context: Any,
) -> Iterator[dict[str, Any]]:
    activities = _Activities(course, attempt.course_version, settings.activity_base)
    quiz = activities.quiz(attempt.quiz_id, attempt.lesson_id)
    registration = statement_id(learner, course.id, "attempt", attempt.uid)
    course_activity = activities.course_activity()

    def attempt_context() -> dict[str, Any]:
        return {
            **context(activities),
            "registration": registration,
            "contextActivities": {"parent": [course_activity]},
        }

    yield {
        "id": statement_id(learner, course.id, attempt.uid, "attempted"),
        "actor": who,
        "verb": VERBS["attempted"],
        "object": quiz,
        "context": attempt_context(),
        "timestamp": _timestamp(attempt.started_at),
    }
    questions = {
        question.id: question
        for text in course.texts.values()
        for lesson in text.lessons
        if lesson.id == attempt.lesson_id and lesson.quiz is not None
        for question in lesson.quiz.questions
    }
    for answer in attempt.answers:
        activity = activities.question(attempt.lesson_id, answer.question_id)
        question = questions.get(answer.question_id)
        if activity is None or question is None:
            continue  # a question the course no longer has: nothing to describe it by
        yield {
            "id": statement_id(learner, course.id, attempt.uid, answer.question_id),
            "actor": who,
            "verb": VERBS["answered"],
            "object": activity,
            "result": _answer_result(question, answer, settings),
            "context": {
                **attempt_context(),
                "contextActivities": {"parent": [quiz, course_activity]},
            },
            "timestamp": _timestamp(answer.answered_at),
        }
    if attempt.finished_at and attempt.mode in SCORED_MODES:
        score = attempt.score
        passed = score.passed(course.pass_mark)
        yield {
            "id": statement_id(learner, course.id, attempt.uid, "finished"),
            "actor": who,
            "verb": VERBS["passed" if passed else "failed"],
            "object": quiz,
            "result": {
                **_score(score),
                "success": passed,
                "completion": True,
                "duration": duration(_seconds_between(attempt.started_at, attempt.finished_at)),
            },
            "context": attempt_context(),
            "timestamp": _timestamp(attempt.finished_at),
        }


def _score(score: Score) -> dict[str, Any]:
    if score.max_points <= 0:
        return {}
    scaled = max(0.0, min(1.0, score.points / score.max_points))
    return {
        "score": {
            "scaled": round(scaled, 4),
            "raw": round(score.points, 4),
            "min": 0,
            "max": round(score.max_points, 4),
        }
    }


def _answer_result(
    question: Question, answer: ExportedAnswer, settings: XapiSettings
) -> dict[str, Any]:
    if answer.outcome is Outcome.UNGRADED:
        result: dict[str, Any] = {"completion": True}
        if settings.include_private:
            result["response"] = response(question, answer.answer)
        return result
    return {
        "response": response(question, answer.answer),
        **_score(Score(answer.points, answer.max_points)),
        "success": answer.outcome is Outcome.RIGHT,
        "completion": True,
    }
