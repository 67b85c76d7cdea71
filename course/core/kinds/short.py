"""Short answer or cloze, `## id (short)`: the learner types a word or a few; a task list
holds the accepted answers (`[x]`) and expected wrong ones with their feedback (`[ ]`).

Typed text is compared as words, not as keystrokes: without case, extra spaces,
punctuation around it, and the Markdown of the accepted answers (`*word*` is "word"). One
typo (a letter wrong, missing, extra or two letters swapped) is accepted in an answer of
six letters or more, unless the question says `typos: no`, or the text is as close to an
expected wrong answer.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping

from course.core.kinds import (
    Answer,
    Grade,
    ItemList,
    OptionFeedback,
    Report,
    graded,
    register,
    yes_or_no,
)
from course.core.kinds.items import read_task_list, right_count
from course.core.kinds.text import TextAnswer, TextKind
from course.core.model import Option, Question
from course.core.plaintext import plain_text

TYPO_MIN_LETTERS = 6
"""The fewest letters an accepted answer needs before one typo in it is forgiven: in a
shorter word one letter more often makes another word ("tea" and "sea")."""


def normalise(text: str) -> str:
    """Text as short answers are compared: the plain words of its Markdown, without case,
    extra spaces and the punctuation around it ("*Market*." is "market")."""
    words = re.sub(r"\s+", " ", plain_text(text)).strip().casefold()
    start, end = 0, len(words)
    while start < end and _is_edge(words[start]):
        start += 1
    while end > start and _is_edge(words[end - 1]):
        end -= 1
    return words[start:end]


def _is_edge(character: str) -> bool:
    """Whether a character may go from the ends of an answer: spaces and punctuation."""
    return character.isspace() or unicodedata.category(character).startswith("P")


def one_typo_apart(typed: str, meant: str) -> bool:
    """Whether `typed` is `meant` with exactly one typo: one character wrong, missing or
    extra, or two neighbours swapped (a Damerau-Levenshtein distance of 1)."""
    if typed == meant or abs(len(typed) - len(meant)) > 1:
        return False
    if len(typed) == len(meant):
        differ = [i for i, (a, b) in enumerate(zip(typed, meant, strict=True)) if a != b]
        if len(differ) == 1:
            return True
        first, second = differ[0], differ[-1]
        return (
            len(differ) == 2
            and second == first + 1
            and typed[first] == meant[second]
            and typed[second] == meant[first]
        )
    shorter, longer = sorted((typed, meant), key=len)
    at = next(
        (i for i, (a, b) in enumerate(zip(shorter, longer, strict=False)) if a != b), len(shorter)
    )
    return shorter[at:] == longer[at + 1 :]


class ShortAnswer(TextKind):
    """Right when the text is one of the accepted answers, as words (see the module)."""

    name = "short"
    order = 60
    settings = ("typos",)
    item_checks = frozenset({"keys_given_away", "answer_in_question"})
    languages_may_differ = True  # accepted answers are words of each language
    catalogue_keys = (
        "quiz.short",
        "quiz.answer_placeholder",
        "quiz.your_answer",
        "quiz.right_answer",
        "quiz.typo_accepted",
        "presenter.right_answer",
        "presenter.accepted_answers",
    )
    groups_answers = True
    xapi_interaction = "fill-in"
    gift_form = "shortanswer"

    def read_options(self, listing: ItemList, question_id: str, report: Report) -> list[Option]:
        options = read_task_list(listing, self.name, question_id, report)
        if right_count(listing) == 0:
            report(
                listing.line,
                f"question '{question_id}' has no accepted answer: mark one with '[x]'",
            )
        return options

    def check_settings(self, settings: Mapping[str, str], report: Callable[[str], None]) -> None:
        raw = settings.get("typos")
        if raw is not None and yes_or_no(raw) is None:
            report(f"typos must be 'yes' or 'no', not {raw.strip().lower()!r}")

    def grade(self, question: Question, answer: Answer) -> Grade:
        text = normalise(answer.text) if isinstance(answer, TextAnswer) else ""
        hit = next((o for o in question.options if text and normalise(o.text) == text), None)
        typo = False
        if hit is None and text and yes_or_no(question.setting("typos") or "yes") is not False:
            near = [o for o in question.options if one_typo_apart(text, normalise(o.text))]
            forgiven = [
                o
                for o in near
                if o.correct and sum(c.isalpha() for c in normalise(o.text)) >= TYPO_MIN_LETTERS
            ]
            if forgiven and all(o.correct for o in near):
                hit, typo = forgiven[0], True
        accepted = hit is not None and hit.correct
        right = question.right_options
        feedback = tuple(
            OptionFeedback(o, o is hit, o.correct)
            for o in question.options
            if o is hit or (right and o is right[0])
        )
        return graded(question, 1.0 if accepted else 0.0, feedback, hit, typo)

    def solution_text(self, question: Question) -> str:
        return " · ".join(o.text for o in question.right_options)


register(ShortAnswer())
