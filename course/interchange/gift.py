"""Moodle's GIFT quiz format, read into typed records.

GIFT is the plain-text format in which trainers keep question banks and which Moodle
imports and exports. This module follows the grammar of Moodle's own reader
(`question/format/gift/format.php`) and its documentation; it is written from that
description, not translated from the code:

- questions are separated by blank lines; a line starting with `//` is a comment;
- `$CATEGORY: path` on its own starts a category;
- `::title::` names a question; `[markdown]`, `[html]`, `[plain]` or `[moodle]` before the
  text gives its format;
- one answer block `{…}` holds the answers: `=right`, `~wrong`, `~%50%partly right`,
  `#feedback` after an answer, `####general feedback` at the end; `{T}`/`{F}` (also
  `{TRUE}`/`{FALSE}`) for true/false, with `#wrong feedback#right feedback`; `=a -> b`
  for matching; `{#…}` for numeric answers (`3.14:0.01`, `1..5`, or `=` answers with
  weights); `{}` for an essay; text after the block makes a missing-word question;
- `\\~ \\= \\# \\{ \\} \\:` are literal characters and `\\n` is a line break.

Every problem is reported with its line, as an error (the question cannot be read) or a
warning (it is read, but something of it cannot be kept); nothing is dropped silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum


class GiftKind(StrEnum):
    """The question types GIFT can express, named as Moodle names them."""

    MULTICHOICE = "multichoice"
    """One right answer (`=`) among wrong ones (`~`)."""
    MULTIPLE_ANSWERS = "multichoice-multi"
    """Several answers with weights (`~%50%`) and no single `=`."""
    TRUE_FALSE = "truefalse"
    SHORT_ANSWER = "shortanswer"
    MATCHING = "match"
    NUMERICAL = "numerical"
    ESSAY = "essay"
    DESCRIPTION = "description"
    """Text with no answer block: nothing to answer."""


class TextFormat(StrEnum):
    """How a GIFT text is written: the `[format]` marker before it."""

    MOODLE = "moodle"
    HTML = "html"
    MARKDOWN = "markdown"
    PLAIN = "plain"


@dataclass(frozen=True)
class NumericAnswer:
    """A numeric answer: a value with a tolerance, or a range."""

    low: float
    """The smallest accepted number."""
    high: float
    """The largest accepted number."""
    range_form: bool = False
    """Whether the file wrote it as a range (`1..5`) rather than a value and tolerance."""

    @property
    def value(self) -> float:
        """The middle of the accepted range: the answer as an author would state it."""
        return (self.low + self.high) / 2

    @property
    def tolerance(self) -> float:
        """How far from `value` an answer may be."""
        return (self.high - self.low) / 2


@dataclass(frozen=True)
class GiftAnswer:
    """One answer of a question's answer block."""

    text: str
    """The answer as written (for matching: the left side)."""
    fraction: float
    """Its weight: 1.0 right, 0.0 wrong, in between partly right, below 0 a penalty."""
    feedback: str = ""
    """The feedback after `#`."""
    match: str = ""
    """Matching only: the right side, after `->`."""
    number: NumericAnswer | None = None
    """Numeric only: the accepted range."""


@dataclass(frozen=True)
class GiftQuestion:
    """One question of a GIFT file."""

    kind: GiftKind
    """The question type, decided as Moodle decides it."""
    text: str
    """The question text, without its answer block; a missing word is shown as `___`."""
    line: int
    """1-based line where the question starts, for messages."""
    title: str = ""
    """The `::title::`, if any."""
    text_format: TextFormat = TextFormat.MOODLE
    """The format marker of the question text."""
    answers: tuple[GiftAnswer, ...] = ()
    """The answers in the order written."""
    general_feedback: str = ""
    """The `####` feedback, shown whatever was answered."""
    category: str = ""
    """The `$CATEGORY:` in force where the question stands."""
    missing_word: bool = False
    """Whether the answer block stood inside the sentence (text after it)."""
    comments: tuple[str, ...] = ()
    """The `//` comment lines of the question, without the slashes."""


@dataclass(frozen=True)
class GiftProblem:
    """Something in a GIFT file that could not be read, or not kept whole."""

    line: int
    """1-based line."""
    message: str
    """What is wrong and what to do."""
    warning: bool = False
    """True when the question was still read."""

    def format(self, path: str) -> str:
        """`path:line: message`, or `path:line: warning: message`."""
        kind = "warning: " if self.warning else ""
        return f"{path}:{self.line}: {kind}{self.message}"


@dataclass
class GiftFile:
    """What reading a GIFT file gave."""

    questions: list[GiftQuestion] = field(default_factory=list)
    """The questions read, in file order."""
    problems: list[GiftProblem] = field(default_factory=list)
    """Errors and warnings, in file order."""
    category_comments: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """The `//` comment lines that stood with each `$CATEGORY:` line."""

    @property
    def errors(self) -> list[GiftProblem]:
        """The problems that kept a question from being read."""
        return [problem for problem in self.problems if not problem.warning]


# Escaped characters become private-use code points while the text is taken apart, so that
# `\{` never opens an answer block; they are turned back at the end.
_ESCAPES = {
    ":": "\ue000",
    "#": "\ue001",
    "=": "\ue002",
    "{": "\ue003",
    "}": "\ue004",
    "~": "\ue005",
}
_BACKSLASH = "\ue006"
_RESTORE = {placeholder: char for char, placeholder in _ESCAPES.items()} | {_BACKSLASH: "\\"}
_WEIGHT = re.compile(r"^%(?P<weight>[^%]*)%")
_NUMBER = r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?"
_RANGE = re.compile(rf"^(?P<low>{_NUMBER})\s*\.\.\s*(?P<high>{_NUMBER})$")
_TOLERANCE = re.compile(rf"^(?P<value>{_NUMBER})\s*(?::\s*(?P<tolerance>{_NUMBER}))?$")
_FORMAT = re.compile(r"^\[(?P<name>[a-z]+)\]", re.IGNORECASE)
TRUE_WORDS = frozenset({"T", "TRUE"})
FALSE_WORDS = frozenset({"F", "FALSE"})


def _protect(text: str) -> str:
    text = text.replace("\\\\", _BACKSLASH)
    for char, placeholder in _ESCAPES.items():
        text = text.replace("\\" + char, placeholder)
    return text.replace("\\n", "\n")


def _restore(text: str) -> str:
    return "".join(_RESTORE.get(char, char) for char in text)


def _clean(text: str) -> str:
    return _restore(text).strip()


def read_gift(source: str) -> GiftFile:
    """Read the text of a GIFT file; every problem goes into the result with its line."""
    result = GiftFile()
    category = ""
    for start, lines in _blocks(source.lstrip("\ufeff")):
        comments = tuple(
            line.strip()[2:].strip() for line in lines if line.strip().startswith("//")
        )
        kept = [line for line in lines if not line.strip().startswith("//")]
        text = _protect("\n".join(kept).strip())
        if not text:
            continue
        first = start + next(i for i, line in enumerate(lines) if line in kept and line.strip())
        if text.startswith("$CATEGORY:"):
            category = _clean(text[len("$CATEGORY:") :])
            result.category_comments[category] = comments
            continue
        question = _read_question(text, first, category, comments, result.problems)
        if question is not None:
            result.questions.append(question)
    return result


def _blocks(source: str) -> list[tuple[int, list[str]]]:
    """The file's questions as (first line number, lines): blank lines separate them."""
    blocks: list[tuple[int, list[str]]] = []
    current: list[str] = []
    start = 1
    for number, line in enumerate(source.splitlines(), start=1):
        if line.strip():
            if not current:
                start = number
            current.append(line)
        elif current:
            blocks.append((start, current))
            current = []
    if current:
        blocks.append((start, current))
    return blocks


def _read_question(
    text: str, line: int, category: str, comments: tuple[str, ...], problems: list[GiftProblem]
) -> GiftQuestion | None:
    title = ""
    if text.startswith("::"):
        end = text.find("::", 2)
        if end < 0:
            problems.append(GiftProblem(line, "a title opened with '::' is not closed with '::'"))
            return None
        title, text = _clean(text[2:end]), text[end + 2 :].strip()

    opening, closing = text.find("{"), text.find("}")
    if opening < 0 and closing < 0:
        body, text_format = _with_format(text)
        return GiftQuestion(
            GiftKind.DESCRIPTION, _clean(body), line, title, text_format, category=category,
            comments=comments,
        )  # fmt: skip
    if opening >= 0 and closing < 0:
        where = line + text[:opening].count("\n")
        problems.append(
            GiftProblem(
                where,
                "the answer block opened with '{' is not closed: add '}' before the next "
                "blank line (write '\\{' for a literal brace)",
            )
        )
        return None
    if opening < 0 or closing < opening:
        where = line + text[: max(closing, 0)].count("\n")
        problems.append(
            GiftProblem(where, "'}' without an opening '{': write '\\}' for a literal brace")
        )
        return None
    block_line = line + text[:opening].count("\n")
    if "{" in text[closing + 1 :] or "{" in text[opening + 1 : closing]:
        problems.append(
            GiftProblem(block_line, "a question holds one answer block '{…}'; found a second '{'")
        )
        return None

    before, answer_text, after = (
        text[:opening],
        text[opening + 1 : closing].strip(),
        text[closing + 1 :],
    )
    missing_word = bool(after.strip())
    if missing_word:
        rest = after.lstrip()
        joint = "" if rest[:1] in ".,;:!?)" else " "
        question_text = f"{before.rstrip()} ___{joint}{rest}"
    else:
        question_text = before
    general = ""
    separator = answer_text.rfind("####")
    if separator >= 0:
        general, answer_text = _clean(answer_text[separator + 4 :]), answer_text[:separator].strip()
    body, text_format = _with_format(question_text.strip())
    base = GiftQuestion(
        GiftKind.ESSAY, _clean(body), line, title, text_format, (), general, category,
        missing_word, comments,
    )  # fmt: skip

    if not answer_text:
        return base
    if answer_text.startswith("#"):
        answers = _numeric_answers(answer_text[1:].strip(), block_line, problems)
        return _with(base, GiftKind.NUMERICAL, answers) if answers else None
    if "~" in answer_text:
        return _choice(base, answer_text, block_line, problems)
    if "=" in answer_text and "->" in answer_text:
        return _matching(base, answer_text, block_line, problems)
    word = answer_text.split("#", 1)[0].strip()
    if word in TRUE_WORDS | FALSE_WORDS:
        parts = [_clean(part) for part in answer_text.split("#", 2)]
        wrong_feedback = parts[1] if len(parts) > 1 else ""
        right_feedback = parts[2] if len(parts) > 2 else ""
        truth = word in TRUE_WORDS
        answers = (
            GiftAnswer("true", 1.0 if truth else 0.0, right_feedback if truth else wrong_feedback),
            GiftAnswer("false", 0.0 if truth else 1.0, wrong_feedback if truth else right_feedback),
        )
        return _with(base, GiftKind.TRUE_FALSE, answers)
    return _short(base, answer_text, block_line, problems)


def _with(base: GiftQuestion, kind: GiftKind, answers: tuple[GiftAnswer, ...]) -> GiftQuestion:
    return GiftQuestion(
        kind, base.text, base.line, base.title, base.text_format, answers,
        base.general_feedback, base.category, base.missing_word, base.comments,
    )  # fmt: skip


def _with_format(text: str) -> tuple[str, TextFormat]:
    found = _FORMAT.match(text)
    if found:
        try:
            return text[found.end() :], TextFormat(found.group("name").lower())
        except ValueError:
            pass  # "[1]" or "[link]" is text, as in Moodle
    return text, TextFormat.MOODLE


def _weight(answer: str, line: int, problems: list[GiftProblem]) -> tuple[float | None, str] | None:
    """An answer's `%weight%` as a fraction and the rest of the answer; None for a weight
    that is not a number from -100 to 100 (reported)."""
    found = _WEIGHT.match(answer)
    if not found:
        return None, answer
    raw = found.group("weight").strip()
    try:
        weight = float(raw)
    except ValueError:
        weight = float("nan")
    if not -100 <= weight <= 100:  # also false for NaN
        problems.append(
            GiftProblem(line, f"unknown weight '%{raw}%': write a percentage from -100 to 100")
        )
        return None
    return weight / 100, answer[found.end() :]


def _split_feedback(answer: str) -> tuple[str, str]:
    text, _, feedback = answer.partition("#")
    return _clean(text), _clean(feedback)


def _choice(
    base: GiftQuestion, answer_text: str, line: int, problems: list[GiftProblem]
) -> GiftQuestion | None:
    single = "=" in answer_text
    pieces = [piece.strip() for piece in answer_text.replace("=", "~=").split("~")]
    answers: list[GiftAnswer] = []
    for piece in pieces:
        if not piece:
            continue
        if piece.startswith("="):
            fraction: float | None = 1.0
            rest = piece[1:]
        else:
            weighed = _weight(piece, line, problems)
            if weighed is None:
                return None
            fraction, rest = weighed
        text, feedback = _split_feedback(rest)
        if not text:
            problems.append(GiftProblem(line, "an empty answer: write its text after '=' or '~'"))
            return None
        answers.append(GiftAnswer(text, fraction if fraction is not None else 0.0, feedback))
    if len(answers) < 2:
        problems.append(GiftProblem(line, "a multiple-choice question needs at least two answers"))
        return None
    if single and sum(1 for a in answers if a.fraction >= 1) > 1:
        problems.append(
            GiftProblem(line, "more than one answer marked '=': a single-choice question has one")
        )
        return None
    if not any(answer.fraction > 0 for answer in answers):
        problems.append(
            GiftProblem(line, "no right answer: mark one with '=' or give weights like '~%50%'")
        )
        return None
    kind = GiftKind.MULTICHOICE if single else GiftKind.MULTIPLE_ANSWERS
    return _with(base, kind, tuple(answers))


def _matching(
    base: GiftQuestion, answer_text: str, line: int, problems: list[GiftProblem]
) -> GiftQuestion | None:
    answers: list[GiftAnswer] = []
    for piece in answer_text.split("="):
        if not piece.strip():
            continue
        if "->" not in piece:
            problems.append(
                GiftProblem(line, f"a matching pair must read '=left -> right': {_clean(piece)!r}")
            )
            return None
        left, right = piece.split("->", 1)
        right_text, feedback = _split_feedback(right)
        answers.append(GiftAnswer(_clean(left), 1.0, feedback, right_text))
    if len(answers) < 2:
        problems.append(GiftProblem(line, "a matching question needs at least two pairs"))
        return None
    return _with(base, GiftKind.MATCHING, tuple(answers))


def _short(
    base: GiftQuestion, answer_text: str, line: int, problems: list[GiftProblem]
) -> GiftQuestion | None:
    answers: list[GiftAnswer] = []
    for piece in answer_text.split("="):
        if not piece.strip():
            continue
        weighed = _weight(piece.strip(), line, problems)
        if weighed is None:
            return None
        fraction, rest = weighed
        text, feedback = _split_feedback(rest)
        answers.append(GiftAnswer(text, 1.0 if fraction is None else fraction, feedback))
    if not answer_text.lstrip().startswith("="):
        problems.append(
            GiftProblem(
                line,
                "cannot tell the question type: start each answer with '=' (right) or '~' "
                "(wrong), or write T or F for true/false",
            )
        )
        return None
    if not any(answer.fraction > 0 for answer in answers):
        problems.append(GiftProblem(line, "a short-answer question needs a right answer"))
        return None
    return _with(base, GiftKind.SHORT_ANSWER, tuple(answers))


def _numeric_answers(
    answer_text: str, line: int, problems: list[GiftProblem]
) -> tuple[GiftAnswer, ...]:
    # As Moodle reads it: from a `~` on, the feedback for any other number ("~#Wrong.").
    answer_text, _, other = answer_text.partition("~")
    other_feedback = _split_feedback(other)[1]
    if other_feedback:
        problems.append(
            GiftProblem(
                line,
                f"the feedback for any other number ({other_feedback!r}) has no place in a "
                "numeric question here and was left out: add it to the explanation",
                warning=True,
            )
        )
    pieces = (
        [piece for piece in answer_text.split("=") if piece.strip()]
        if answer_text.startswith("=")
        else [answer_text]
    )
    answers: list[GiftAnswer] = []
    for piece in pieces:
        weighed = _weight(piece.strip(), line, problems)
        if weighed is None:
            return ()
        fraction, rest = weighed
        raw, feedback = _split_feedback(rest)
        number = _number(raw)
        if number is None:
            problems.append(
                GiftProblem(
                    line,
                    f"{raw!r} is not a numeric answer: write 'value', 'value:tolerance' "
                    "or 'low..high'",
                )
            )
            return ()
        answers.append(GiftAnswer(raw, 1.0 if fraction is None else fraction, feedback, "", number))
    return tuple(answers)


def _number(raw: str) -> NumericAnswer | None:
    found = _RANGE.match(raw)
    if found:
        low, high = float(found.group("low")), float(found.group("high"))
        return NumericAnswer(min(low, high), max(low, high), range_form=True)
    found = _TOLERANCE.match(raw)
    if found:
        value = float(found.group("value"))
        tolerance = abs(float(found.group("tolerance") or 0))
        return NumericAnswer(value - tolerance, value + tolerance)
    return None


def escape(text: str) -> str:
    """Text written into GIFT so that it reads back the same: control characters escaped,
    line breaks as `\\n`."""
    text = text.replace("\\", "\\\\")
    for char in ":#={}~":
        text = text.replace(char, "\\" + char)
    return text.replace("\r\n", "\n").replace("\n", "\\n")
