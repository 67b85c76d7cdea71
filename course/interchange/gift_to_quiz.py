"""A GIFT question bank turned into quizzes of our Markdown format.

Each GIFT type maps onto the nearest kind of ours: multiple choice with one `=` onto
`single`, with weights onto `multiple` (an option with a positive weight is right; our
grading judges each option, so the weights themselves are not kept, and a warning says
so when they differ), true/false onto `truefalse`, short answer onto `short`, matching
onto `matching`, numeric onto `numeric` (with its tolerance or range), essay onto
`reflection`. A missing word becomes a `___` in the text. What cannot be kept is a
warning at its line, never dropped silently.

The quiz that comes out holds `objectives: TODO` under every question, which `course
validate` names until the author fills in the course's objectives; the lesson the quiz
belongs to is given by the author or left as `TODO` the same way. Feedback our format
requires and the bank lacks is written from the interface catalogue ("Right." / "Not
right."), so that the quiz validates as soon as the objectives are in.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser

from course.interchange.gift import GiftFile, GiftKind, GiftProblem, GiftQuestion, TextFormat

PLACEHOLDER = "TODO"
"""What the importer writes where the author must decide (objectives, the lesson)."""

KIND_NAMES = {
    GiftKind.MULTICHOICE: "single",
    GiftKind.MULTIPLE_ANSWERS: "multiple",
    GiftKind.TRUE_FALSE: "truefalse",
    GiftKind.SHORT_ANSWER: "short",
    GiftKind.MATCHING: "matching",
    GiftKind.NUMERICAL: "numeric",
    GiftKind.ESSAY: "reflection",
}
"""Our question kind for each GIFT type (a description has none)."""


@dataclass
class ConvertedQuiz:
    """One quiz made from a GIFT file (or from one of its categories)."""

    category: str
    """The GIFT category it holds ("" for questions before any `$CATEGORY:`)."""
    markdown: str
    """The quiz file's text."""
    questions: int
    """How many questions it holds."""


@dataclass
class Conversion:
    """What converting a GIFT file gave."""

    quizzes: list[ConvertedQuiz] = field(default_factory=list)
    """One per category, in file order."""
    problems: list[GiftProblem] = field(default_factory=list)
    """Errors of the reader and warnings of the conversion, by line."""


def slug(text: str, fallback: str) -> str:
    """An id from a title: ASCII letters, digits and '-', lower case."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[A-Za-z0-9]+", ascii_text.lower())
    return "-".join(words)[:48].strip("-") or fallback


class _HtmlToMarkdown(HTMLParser):
    """The simple HTML of question banks (paragraphs, line breaks, emphasis, code, lists)
    as Markdown; any other tag is dropped and named."""

    SIMPLE = frozenset(
        {"p", "br", "b", "strong", "i", "em", "code", "ul", "ol", "li", "div", "span"}
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.unknown: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        marks = {"b": "**", "strong": "**", "i": "*", "em": "*", "code": "`"}
        if tag in marks:
            self.out.append(marks[tag])
        elif tag in ("p", "div", "ul", "ol"):
            self.out.append("\n\n")
        elif tag == "br":
            self.out.append("\n")
        elif tag == "li":
            self.out.append("\n- ")
        elif tag not in self.SIMPLE:
            self.unknown.add(tag)

    def handle_endtag(self, tag: str) -> None:
        marks = {"b": "**", "strong": "**", "i": "*", "em": "*", "code": "`"}
        if tag in marks:
            self.out.append(marks[tag])
        elif tag in ("p", "div", "ul", "ol"):
            self.out.append("\n\n")

    def handle_data(self, data: str) -> None:
        self.out.append(data)


def _text(
    raw: str, text_format: TextFormat, line: int, problems: list[GiftProblem], what: str
) -> str:
    """A GIFT text as Markdown: HTML converted where it is simple, and named where not."""
    if text_format is TextFormat.HTML or (
        text_format is TextFormat.MOODLE and re.search(r"</?[a-zA-Z][^>]*>", raw)
    ):
        parser = _HtmlToMarkdown()
        parser.feed(raw)
        parser.close()
        if parser.unknown:
            problems.append(
                GiftProblem(
                    line,
                    f"{what}: HTML <{'>, <'.join(sorted(parser.unknown))}> cannot be shown "
                    "in the app and was left out; check the text",
                    warning=True,
                )
            )
        raw = "".join(parser.out)
    lines = [line_text.rstrip() for line_text in raw.strip().splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _one_line(text: str) -> str:
    """An option's text: our options are one line each."""
    return " ".join(text.split())


def _indented(text: str) -> str:
    return "\n".join(f"  {line}" if line.strip() else "" for line in text.splitlines())


def _number(value: float) -> str:
    return f"{value:.10g}"


def convert(
    gift: GiftFile,
    t: Callable[..., str],
    name: str = "gift",
    lesson: str = PLACEHOLDER,
    title: str = "",
) -> Conversion:
    """The quizzes of a read GIFT file, one per category; `t` gives the interface texts of
    the quiz's language (the words true/false, and feedback the bank lacks)."""
    result = Conversion(problems=list(gift.problems))
    used: set[str] = set()
    by_category: dict[str, list[str]] = {}
    for number, question in enumerate(gift.questions, start=1):
        if question.kind is GiftKind.DESCRIPTION:
            result.problems.append(
                GiftProblem(
                    question.line,
                    "a description (text with no answers) is no question; it was left out: "
                    "put its text into the lesson",
                    warning=True,
                )
            )
            continue
        block = _question(question, number, used, t, result.problems)
        by_category.setdefault(question.category, []).append(block)
    for category, blocks in by_category.items():
        quiz_id = slug(f"{name} {category}" if category else name, "gift")
        heading = title or (f"{name}: {category}" if category else name)
        front = [
            "---",
            f"id: {quiz_id}",
            f"lesson: {lesson.strip() or PLACEHOLDER}",
            f"title: {_yaml_text(heading)}",
            "---",
            "",
        ]
        result.quizzes.append(
            ConvertedQuiz(category, "\n".join(front) + "\n" + "\n".join(blocks), len(blocks))
        )
    return result


def _yaml_text(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _question(
    question: GiftQuestion,
    number: int,
    used: set[str],
    t: Callable[..., str],
    problems: list[GiftProblem],
) -> str:
    kind = KIND_NAMES[question.kind]
    base = slug(question.title, f"q{number}") if question.title else f"q{number}"
    question_id, suffix = base, 2
    while question_id in used:
        question_id, suffix = f"{base}-{suffix}", suffix + 1
    used.add(question_id)

    prompt = _text(question.text, question.text_format, question.line, problems, "question text")
    if not prompt:
        prompt = question.title or PLACEHOLDER
        problems.append(
            GiftProblem(question.line, "the question has no text; its title stands in", True)
        )
    options = _options(question, kind, t, problems)
    explanation = _text(
        question.general_feedback, question.text_format, question.line, problems, "feedback"
    ) or _default_explanation(question, kind, t)
    lines = [f"## {question_id} ({kind})", f"objectives: {PLACEHOLDER}"]
    lines += ["", prompt, ""]
    if options:
        lines += [options, ""]
    lines += ["::: explanation", explanation, ":::", ""]
    return "\n".join(lines)


def _default_explanation(question: GiftQuestion, kind: str, t: Callable[..., str]) -> str:
    right = [
        a for a in question.answers if a.fraction >= 1 or (kind == "multiple" and a.fraction > 0)
    ]
    if kind == "reflection" or not right:
        return t("gift.no_explanation")
    if kind == "matching":
        shown = "; ".join(f"{a.text} → {a.match}" for a in question.answers)
    elif kind == "truefalse":
        shown = t("gift.true") if question.answers[0].fraction >= 1 else t("gift.false")
    else:
        shown = ", ".join(_one_line(a.text) for a in right)
    return t("gift.right_answer", answer=shown)


def _options(
    question: GiftQuestion, kind: str, t: Callable[..., str], problems: list[GiftProblem]
) -> str:
    answers = question.answers
    fmt, line = question.text_format, question.line

    def feedback(text: str, right: bool) -> str:
        return _text(text, fmt, line, problems, "feedback") or (
            t("gift.right") if right else t("gift.not_right")
        )

    if kind == "reflection":
        return ""
    if kind == "matching":
        return "\n".join(
            f"- {_one_line(a.text)} → {_one_line(a.match)}"
            + (f"\n{_indented(a.feedback)}" if a.feedback else "")
            for a in answers
        )
    if kind == "truefalse":
        return "\n".join(
            f"- [{'x' if a.fraction >= 1 else ' '}] {t('gift.' + a.text)}\n"
            f"{_indented(feedback(a.feedback, a.fraction >= 1))}"
            for a in answers
        )
    weights = {a.fraction for a in answers if a.fraction > 0}
    if kind == "multiple" and len(weights) > 1:
        problems.append(
            GiftProblem(
                line,
                "the answers carry different weights; here each right option counts the "
                "same and a wrong tick costs as much as a missed one",
                warning=True,
            )
        )
    if kind == "single" and any(0 < a.fraction < 1 or a.fraction < 0 for a in answers):
        problems.append(
            GiftProblem(
                line,
                "partial or negative weights in a one-answer question are not kept: only the "
                "'=' answer is right",
                warning=True,
            )
        )
    if kind in ("short", "numeric") and any(0 < a.fraction < 1 for a in answers):
        problems.append(
            GiftProblem(
                line,
                "an answer with partial credit becomes a wrong answer with its feedback; "
                "only full-credit answers are accepted",
                warning=True,
            )
        )
    rendered = []
    for answer in answers:
        right = (
            answer.fraction >= 1 if kind in ("single", "short", "numeric") else answer.fraction > 0
        )
        if kind == "numeric" and answer.number is not None:
            number = answer.number
            text = (
                _number(number.value)
                if number.tolerance == 0
                else f"{_number(number.value)} ± {_number(number.tolerance)}"
            )
        else:
            text = _one_line(_text(answer.text, fmt, line, problems, "answer"))
        shown = feedback(answer.feedback, right)
        needs_feedback = kind in ("single", "multiple") or answer.feedback
        rendered.append(
            f"- [{'x' if right else ' '}] {text}"
            + (f"\n{_indented(shown)}" if needs_feedback else "")
        )
    return "\n".join(rendered)
