"""Item-writing checks: cues that let a learner pass a quiz without understanding it.

They work on a loaded `Course` and give warnings, not errors: a course with them still
runs, and `course validate --strict` turns them into a failure. Each is a habit that item
writers know to avoid:

- the right answer of single-choice items is, more often than chance, the longest option;
- one option is much longer than every other one;
- "all of the above" / "none of the above" (and their German forms);
- the feedback or explanation of an item names the answer of a later item in the same quiz
  (questions come in file order, each with immediate feedback);
- a short-answer item's own text holds its accepted answer;
- two items of one language ask the same thing in the same words.

Which question types each check looks at is said once, in the constants below, so that a
new kind of question only needs to be added there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from course.content.diagnostics import Diagnostic
from course.core.kinds import kind_of
from course.core.model import Course, Option, Question, Quiz
from course.core.plaintext import plain_text
from course.locations import MANIFEST_NAME

LONGEST_KEY_SHARE = 0.30
"""The most single-choice keys in a quiz (or a language) that may be the longest option.
With three or four options, chance alone makes the key the longest one in a quarter to a
third of the items."""
LENGTH_RATIO = 1.5
"""How many times as long as the longest other option an option may be."""

# The checks by the names a kind lists in `QuestionKind.item_checks` to take part in them.
LONGEST_KEY = "longest_key"
"""For kinds with one key among options of free length: the longest-key share counts them."""
OPTION_LENGTH = "option_length"
"""For kinds whose options are compared in length (not fixed words such as "True")."""
CATCH_ALL_OPTIONS = "catch_all"
"""For kinds whose options may not be "all/none of the above"."""
KEYS_GIVEN_AWAY = "keys_given_away"
"""For kinds whose right options are words that earlier feedback could give away (not
words any feedback uses, such as "True", nor sequences or pairs)."""
ANSWER_IN_QUESTION = "answer_in_question"
"""For kinds where the learner writes the answer, so that the question text must not
hold it."""


def _checked(question: Question, check: str) -> bool:
    """Whether the item-writing check `check` applies to the question's kind."""
    return check in kind_of(question).item_checks


CATCH_ALL = re.compile(
    r"\b(?:all|none|both|neither)\s+of\s+the\s+above\b"
    r"|\ball\s+the\s+above\b"
    r"|^(?:all|none)\s+of\s+these\W*$"
    r"|\balle\s+(?:der\s+)?(?:oben\s+|vor|zuvor\s+)?genannten\b"
    r"|\bkeine\s+der\s+(?:oben\s+|vor|zuvor\s+)?genannten\b"
    r"|\b(?:beide|keine\s+von\s+beiden)\s+(?:oben\s+)?genannten\b"
    r"|\balles\s+(?:oben\s+|vor|zuvor\s+)?genannte\b"
    r"|\bnichts\s+(?:davon|von\s+alledem)\b"
    r"|\balle\s+antworten\s+sind\s+richtig\b"
    r"|\bkeine\s+(?:der\s+)?antwort(?:en)?\s+(?:ist|sind)\s+richtig\b",
    re.IGNORECASE,
)
"""Options that point at the other options instead of saying something themselves."""


@dataclass(frozen=True)
class _Shown:
    """Where an earlier item shows text: an option's feedback or the explanation."""

    text: str
    line: int
    what: str


@lru_cache(maxsize=4096)  # each text is measured and searched many times
def plain(markdown: str) -> str:
    """Markdown as the plain words a learner reads, with runs of spaces made one."""
    return " ".join(plain_text(markdown).split())


@lru_cache(maxsize=4096)
def _words(text: str) -> str:
    """Lower-case words separated by single spaces: what two texts compare by."""
    return " ".join(re.findall(r"\w+", plain(text).casefold()))


def _contains(haystack: str, needle: str) -> bool:
    """Whether `needle`'s words occur in `haystack` as whole words, in that order."""
    words = _words(needle)
    return bool(words) and f" {words} " in f" {_words(haystack)} "


def _warning(path: Path | None, line: int | None, message: str) -> Diagnostic:
    return Diagnostic(path or Path("."), line, f"warning: {message}")


def _percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%"


def check_item_writing(course: Course) -> list[Diagnostic]:
    """Every item-writing warning of the course, by file and line."""
    found: list[Diagnostic] = []
    for language in course.languages:
        text = course.texts.get(language)
        if text is None:
            continue
        quizzes = [lesson.quiz for lesson in text.lessons if lesson.quiz is not None]
        for quiz in quizzes:
            found += _longest_keys(quiz)
            for index, question in enumerate(quiz.questions):
                found += _long_option(quiz, question)
                found += _catch_all(quiz, question)
                found += _answer_in_stem(quiz, question)
                found += _gives_away(quiz, question, quiz.questions[index + 1 :])
        found += _course_longest_keys(course, language, quizzes)
        found += _duplicate_stems(quizzes)
    return sorted(set(found), key=lambda d: (str(d.path), d.line or 0, d.message))


def key_is_longest(question: Question) -> bool:
    """Whether the one right option of a single-choice item is longer than every other
    option (in plain-text characters); a tie gives no cue."""
    keys = question.right_options
    if not _checked(question, LONGEST_KEY) or len(keys) != 1 or len(question.options) < 2:
        return False
    key = len(plain(keys[0].text))
    return all(key > len(plain(o.text)) for o in question.options if o is not keys[0])


def _longest_key_items(quizzes: list[Quiz]) -> list[Question]:
    return [
        q
        for quiz in quizzes
        for q in quiz.questions
        if _checked(q, LONGEST_KEY) and len(q.options) >= 2
    ]


def _longest_keys(quiz: Quiz) -> list[Diagnostic]:
    items = _longest_key_items([quiz])
    longest = [q for q in items if key_is_longest(q)]
    if not items or len(longest) / len(items) <= LONGEST_KEY_SHARE:
        return []
    first = min(q.line for q in items)
    return [
        _warning(
            quiz.path,
            first,
            f"in {len(longest)} of {len(items)} single-choice questions of quiz '{quiz.id}' "
            f"({_percent(len(longest), len(items))}) the right answer is the longest option "
            f"({', '.join(q.id for q in longest)}); keep it at "
            f"{round(100 * LONGEST_KEY_SHARE)}% or less, so that length is no cue",
        )
    ]


def _course_longest_keys(course: Course, language: str, quizzes: list[Quiz]) -> list[Diagnostic]:
    items = _longest_key_items(quizzes)
    longest = [q for q in items if key_is_longest(q)]
    if not items or len(longest) / len(items) <= LONGEST_KEY_SHARE:
        return []
    manifest = course.root / MANIFEST_NAME if course.root else None
    return [
        _warning(
            manifest,
            _manifest_line(manifest, "languages"),
            f"in {len(longest)} of {len(items)} single-choice questions in '{language}' "
            f"({_percent(len(longest), len(items))}) the right answer is the longest option; "
            f"keep it at {round(100 * LONGEST_KEY_SHARE)}% or less",
        )
    ]


def _manifest_line(manifest: Path | None, key: str) -> int | None:
    """The line of `key` in the manifest, read again only for a message."""
    if manifest is None:
        return None
    try:
        lines = manifest.read_text(encoding="utf-8-sig").split("\n")
    except OSError:
        return None
    pattern = re.compile(rf"^\s*{re.escape(key)}\s*=")
    return next((n for n, line in enumerate(lines, start=1) if pattern.match(line)), 1)


def _long_option(quiz: Quiz, question: Question) -> list[Diagnostic]:
    if not _checked(question, OPTION_LENGTH) or len(question.options) < 2:
        return []
    lengths = [len(plain(o.text)) for o in question.options]
    found: list[Diagnostic] = []
    for option, length in zip(question.options, lengths, strict=True):
        others = max(n for o, n in zip(question.options, lengths, strict=True) if o is not option)
        if others and length > LENGTH_RATIO * others:
            found.append(
                _warning(
                    quiz.path,
                    option.line or question.line,
                    f"option {option.index + 1} of question '{question.id}' is "
                    f"{length / others:.2f} times as long as the longest other option "
                    f"({length} to {others} characters); keep it within {LENGTH_RATIO:g} times",
                )
            )
    return found


def _catch_all(quiz: Quiz, question: Question) -> list[Diagnostic]:
    if not _checked(question, CATCH_ALL_OPTIONS):
        return []
    return [
        _warning(
            quiz.path,
            option.line or question.line,
            f"option {option.index + 1} of question '{question.id}' reads "
            f"{found.group(0)!r}: it can be judged from the other options alone; "
            "write an option that says something itself",
        )
        for option in question.options
        if (found := CATCH_ALL.search(plain(option.text)))
    ]


def _answer_in_stem(quiz: Quiz, question: Question) -> list[Diagnostic]:
    if not _checked(question, ANSWER_IN_QUESTION):
        return []
    return [
        _warning(
            quiz.path,
            question.line,
            f"the text of question '{question.id}' contains its own accepted answer "
            f"{plain(option.text)!r}: the learner can copy it from there",
        )
        for option in question.right_options
        if _contains(question.prompt, option.text)
    ]


def _shown_after_answering(question: Question) -> list[_Shown]:
    shown = [
        _Shown(o.feedback, o.line or question.line, f"the feedback of option {o.index + 1}")
        for o in question.options
        if o.feedback
    ]
    shown.append(_Shown(question.explanation, question.line, "the explanation"))
    return shown


def _keys(question: Question) -> tuple[Option, ...]:
    return question.right_options if _checked(question, KEYS_GIVEN_AWAY) else ()


def _gives_away(quiz: Quiz, question: Question, later: tuple[Question, ...]) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for shown in _shown_after_answering(question):
        for other in later:
            # One warning per later question, naming the longest answer found: "the
            # market" and "market" are one giveaway.
            given = [key for key in _keys(other) if _contains(shown.text, key.text)]
            if not given:
                continue
            key = max(given, key=lambda k: len(plain(k.text)))
            found.append(
                _warning(
                    quiz.path,
                    shown.line,
                    f"{shown.what} of question '{question.id}' contains "
                    f"{plain(key.text)!r}, the answer to the later question "
                    f"'{other.id}' (line {other.line}): questions come in file "
                    "order with immediate feedback, so this gives it away",
                )
            )
    return found


def _duplicate_stems(quizzes: list[Quiz]) -> list[Diagnostic]:
    first: dict[str, tuple[Quiz, Question]] = {}
    found: list[Diagnostic] = []
    for quiz in quizzes:
        for question in quiz.questions:
            stem = _words(question.prompt)
            if not stem:
                continue
            seen = first.setdefault(stem, (quiz, question))
            if seen[1] is question:
                continue
            where = seen[0].path.name if seen[0].path and seen[0] is not quiz else "this quiz"
            found.append(
                _warning(
                    quiz.path,
                    question.line,
                    f"question '{question.id}' asks the same as question '{seen[1].id}' "
                    f"({where}, line {seen[1].line}): reword one, or drop one",
                )
            )
    return found
