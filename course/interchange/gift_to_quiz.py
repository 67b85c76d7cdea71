"""A GIFT question bank turned into quizzes of our Markdown format.

Each GIFT type maps onto the kind of ours that names it as its `gift_form` (the kind
registry, `course.core.kinds`): multiple choice with one `=` onto single choice, with
weights onto multiple choice (an option with a positive weight is right; our grading
judges each option, so the weights themselves are not kept, and a warning says so when
they differ), and so on for true/false, short answer, matching, numeric (with its
tolerance or range) and essay (a reflection). A missing word becomes a `___` in the
text. What cannot be kept is a warning at its line, never dropped silently.

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

from course.interchange.gift import (
    GiftAnswer,
    GiftFile,
    GiftKind,
    GiftProblem,
    GiftQuestion,
    TextFormat,
)

PLACEHOLDER = "TODO"
HINT = "course:"
"""How a comment begins that carries what GIFT cannot hold (written by `quiz_to_gift`)."""
"""What the importer writes where the author must decide (objectives, the lesson)."""


def kind_for(gift_kind: GiftKind) -> str | None:
    """The name of our question kind that GIFT's type maps onto: the kind whose
    `gift_form` names it (`course.core.kinds`); None when no kind does."""
    from course.core.kinds import all_kinds

    return next((kind.name for kind in all_kinds() if kind.gift_form == gift_kind.value), None)


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


_PLAIN_MARKS = re.compile(r"([\\`*_\[\]<>|~])")
"""Marks Markdown reads anywhere in a line: escaped in a `[plain]` text."""
_PLAIN_LINE_STARTS = re.compile(r"(?m)^(\s*|\s*\d+)([#>+-]|(?<=\d)[.)])")
"""What makes a heading, a quote or a list at the start of a line ("# ", "> ", "- ", "1. "):
its mark escaped there."""


def _text(
    raw: str, text_format: TextFormat, line: int, problems: list[GiftProblem], what: str
) -> str:
    """A GIFT text as Markdown: HTML converted where it is simple, and named where not;
    a `[plain]` text with every mark that Markdown would read escaped, so that it shows as
    written ("2 * 3 * 4" keeps its stars, "<tea>" its brackets)."""
    if text_format is TextFormat.PLAIN:
        raw = _PLAIN_MARKS.sub(r"\\\1", raw)
        raw = _PLAIN_LINE_STARTS.sub(r"\1\\\2", raw)
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


@dataclass(frozen=True)
class Hints:
    """What a `// course:` comment carried that GIFT itself cannot hold (see
    `course.interchange.quiz_to_gift`)."""

    values: dict[str, str]
    """`key=value` pairs: kind, points, objectives, shuffle, labels, quiz, lesson, title;
    a kind's settings as `set_name`; a network-map activity's closing question `ids` and
    `map_lines`, the lines of its practice map at the end of the question text."""
    feedback: dict[int, str]
    """A matching or ordering item's feedback, by the item's position."""


def read_hints(comments: tuple[str, ...]) -> Hints:
    """The `course:` hints among a question's or category's comment lines."""
    values: dict[str, str] = {}
    feedback: dict[int, str] = {}
    for comment in comments:
        if not comment.startswith(HINT):
            continue
        body = comment[len(HINT) :].strip()
        pair = re.fullmatch(r"feedback (\d+)=(.*)", body)
        if pair:
            feedback[int(pair.group(1))] = pair.group(2).strip()
            continue
        for key, value in re.findall(r"(\w+)=(.*?)(?=\s+\w+=|$)", body):
            values[key] = value.strip()
    return Hints(values, feedback)


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
        known = read_hints(gift.category_comments.get(category, ())).values
        shown = category_name(category)
        quiz_id = known.get("quiz") or slug(f"{name} {shown}" if shown else name, "gift")
        heading = title or known.get("title") or (f"{name}: {shown}" if shown else name)
        home = known.get("lesson") if lesson == PLACEHOLDER else lesson
        front = [
            "---",
            f"id: {quiz_id}",
            f"lesson: {(home or '').strip() or PLACEHOLDER}",
            f"title: {_yaml_text(heading)}",
            "---",
            "",
        ]
        result.quizzes.append(
            ConvertedQuiz(category, "\n".join(front) + "\n" + "\n".join(blocks), len(blocks))
        )
    return result


def category_name(category: str) -> str:
    """A GIFT category as a trainer names it, without the context Moodle writes first
    ("$course$/top/…"), a word for Moodle's own database, not for a learner."""
    return re.sub(r"^\$\w+\$/?", "", category.strip())


def _yaml_text(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _question(
    question: GiftQuestion,
    number: int,
    used: set[str],
    t: Callable[..., str],
    problems: list[GiftProblem],
) -> str:
    hints = read_hints(question.comments)
    kind = _hinted_kind(hints, question.kind) or kind_for(question.kind)
    assert kind is not None  # every GIFT type but a description has a kind (a test says so)
    base = slug(question.title, f"q{number}") if question.title else f"q{number}"
    if hints.values and question.title and re.fullmatch(r"[A-Za-z0-9_-]+", question.title):
        base = question.title  # an id of ours, written by quiz_to_gift, comes back as it was
    question_id, suffix = base, 2
    while question_id in used:
        question_id, suffix = f"{base}-{suffix}", suffix + 1
    used.add(question_id)

    prompt = _text(question.text, question.text_format, question.line, problems, "question text")
    if question.missing_word:
        problems.append(
            GiftProblem(
                question.line,
                "a missing word in mid-sentence: the question shows '___' in its place and "
                "the learner answers below it; check that the text still reads well",
                warning=True,
            )
        )
    appended = hints.values.get("map_lines", "")
    if appended.isdigit() and int(appended):
        # A practice map written at the end of the text for Moodle (`quiz_to_gift`): its
        # file, named by the setting that comes back below, holds it.
        prompt = "\n".join(prompt.splitlines()[: -int(appended)]).rstrip()
    if not prompt:
        prompt = question.title or PLACEHOLDER
        problems.append(
            GiftProblem(question.line, "the question has no text; its title stands in", True)
        )
    options = (
        _ordered(question, hints)
        if kind != kind_for(question.kind) and question.kind is GiftKind.MATCHING
        else _options(question, t, problems, hints)
    )
    explanation = _text(
        question.general_feedback, question.text_format, question.line, problems, "feedback"
    ) or _default_explanation(question, t)
    objectives = hints.values.get("objectives", "").strip() or PLACEHOLDER
    lines = [f"## {question_id} ({kind})", f"objectives: {objectives}"]
    if hints.values.get("points", "1") not in ("", "0", "1"):
        lines.append(f"points: {hints.values['points']}")
    if hints.values.get("shuffle") == "no":
        lines.append("shuffle: no")
    # A kind's own settings (`set_practice=…`), as the quiz had them.
    lines += [
        f"{key[4:]}: {value}" for key, value in hints.values.items() if key.startswith("set_")
    ]
    lines += ["", prompt, ""]
    if options:
        lines += [options, ""]
    lines += ["::: explanation", explanation, ":::", ""]
    return "\n".join(lines)


def _default_explanation(question: GiftQuestion, t: Callable[..., str]) -> str:
    several = question.kind is GiftKind.MULTIPLE_ANSWERS
    right = [a for a in question.answers if a.fraction >= 1 or (several and a.fraction > 0)]
    if question.kind is GiftKind.ESSAY or not right:
        return t("gift.no_explanation")
    if question.kind is GiftKind.MATCHING:
        shown = "; ".join(f"{a.text} → {a.match}" for a in question.answers)
    elif question.kind is GiftKind.TRUE_FALSE:
        shown = t("gift.true") if question.answers[0].fraction >= 1 else t("gift.false")
    elif question.kind is GiftKind.NUMERICAL:
        shown = ", ".join(_range(a) for a in right)
    else:
        shown = ", ".join(_one_line(a.text) for a in right)
    return t("gift.right_answer", answer=shown)


def _range(answer: GiftAnswer) -> str:
    number = answer.number
    if number is None:
        return _one_line(answer.text)
    if number.range_form:
        return f"{_number(number.low)} .. {_number(number.high)}"
    if number.tolerance == 0:
        return _number(number.value)
    return f"{_number(number.value)} ± {_number(number.tolerance)}"


def _hinted_kind(hints: Hints, gift: GiftKind) -> str | None:
    """The kind a hint names, if it is a kind of ours that GIFT's type can carry: its own
    GIFT form, or none at all (written as a matching of items to places)."""
    from course.core.kinds import kind_named

    named = kind_named(hints.values.get("kind", ""))
    if named is None:
        return None
    if named.gift_form == gift.value or (named.gift_form is None and gift is GiftKind.MATCHING):
        return named.name
    return None


def _ordered(question: GiftQuestion, hints: Hints) -> str:
    """Items matched to their places (`item -> 2`), as a numbered list in that order."""

    def place(answer: GiftAnswer) -> float:
        try:
            return float(answer.match)
        except ValueError:
            return float("inf")

    items = sorted(enumerate(question.answers), key=lambda pair: place(pair[1]))
    # A network-map activity's closing questions keep their ids (`ids=shared,whom`).
    ids = hints.values.get("ids", "").split(",")
    named = {index: f"{ids[index]}: " for index in range(len(ids)) if ids[index].strip()}
    return "\n".join(
        f"{number}. {named.get(index, '')}{_one_line(answer.text)}"
        + (f"\n{_indented(hints.feedback[index])}" if index in hints.feedback else "")
        for number, (index, answer) in enumerate(items, start=1)
    )


def _options(
    question: GiftQuestion, t: Callable[..., str], problems: list[GiftProblem], hints: Hints
) -> str:
    """The options list of the quiz file, as GIFT's type writes its answers."""
    answers = question.answers
    fmt, line, gift = question.text_format, question.line, question.kind

    def feedback(text: str, right: bool) -> str:
        return _text(text, fmt, line, problems, "feedback") or (
            t("gift.right") if right else t("gift.not_right")
        )

    if gift is GiftKind.ESSAY:
        return ""
    if gift is GiftKind.MATCHING:
        return "\n".join(
            f"- {_one_line(a.text)} → {_one_line(a.match)}"
            + (
                f"\n{_indented(a.feedback or hints.feedback.get(n, ''))}"
                if a.feedback or n in hints.feedback
                else ""
            )
            for n, a in enumerate(answers)
        )
    if gift is GiftKind.TRUE_FALSE:
        labels = hints.values.get("labels", "").split("|")
        words = labels if len(labels) == 2 and all(labels) else [t("gift.true"), t("gift.false")]
        return "\n".join(
            f"- [{'x' if a.fraction >= 1 else ' '}] {words[n]}\n"
            f"{_indented(feedback(a.feedback, a.fraction >= 1))}"
            for n, a in enumerate(answers)
        )
    weights = {a.fraction for a in answers if a.fraction > 0}
    if gift is GiftKind.MULTIPLE_ANSWERS and len(weights) > 1:
        problems.append(
            GiftProblem(
                line,
                "the answers carry different weights; here each right option counts the "
                "same and a wrong tick costs as much as a missed one",
                warning=True,
            )
        )
    if gift is GiftKind.MULTICHOICE and any(0 < a.fraction < 1 or a.fraction < 0 for a in answers):
        problems.append(
            GiftProblem(
                line,
                "partial or negative weights in a one-answer question are not kept: only the "
                "'=' answer is right",
                warning=True,
            )
        )
    typed = gift in (GiftKind.SHORT_ANSWER, GiftKind.NUMERICAL)
    if typed and any(0 < a.fraction < 1 for a in answers):
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
            answer.fraction >= 1 if gift is not GiftKind.MULTIPLE_ANSWERS else answer.fraction > 0
        )
        if gift is GiftKind.NUMERICAL:
            text = _range(answer)
        else:
            text = _one_line(_text(answer.text, fmt, line, problems, "answer"))
        shown = feedback(answer.feedback, right)
        needs_feedback = not typed or answer.feedback
        rendered.append(
            f"- [{'x' if right else ' '}] {text}"
            + (f"\n{_indented(shown)}" if needs_feedback else "")
        )
    return "\n".join(rendered)
