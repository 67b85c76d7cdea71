"""Reading one quiz file into a `Quiz`."""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass
from pathlib import Path

from markdown_it.token import Token

from course.content.diagnostics import Diagnostics
from course.content.frontmatter import ID_PATTERN, read_front_matter
from course.content.lessons import check_sections
from course.content.markdown import parse, section_name, source_lines, split_lines, top_level_blocks
from course.core.model import Option, Question, QuestionType, Quiz

QUIZ_KEYS = ("id", "lesson", "title")
"""The keys a quiz's front matter may hold."""
QUIZ_SECTIONS = ("explanation",)
HEADING = re.compile(r"^(?P<id>\S+)\s*\((?P<type>[^)]*)\)\s*$")
SETTING = re.compile(r"^\s*(?P<key>[A-Za-z_]+)\s*:\s*(?P<value>.*?)\s*$")
SETTINGS = ("objectives", "points", "shuffle")
LIST_MARKER = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])(?:\s+|$)")
CHECKBOX = re.compile(r"^\[(?P<mark>[ xX])\]\s*")
ARROW = re.compile(r"\s*(?:→|->)\s*")
TYPE_NAMES = ", ".join(t.value for t in QuestionType)
YES = {"yes", "true", "ja", "on"}
NO = {"no", "false", "nein", "off"}


@dataclass(frozen=True)
class ParsedQuiz:
    """A quiz as read from its file, with what the whole-course checks need."""

    quiz: Quiz
    """The quiz."""
    lesson_line: int
    """Line of its `lesson` key, for messages."""
    id_line: int
    """Line of its `id` key, for messages."""
    unusable_questions: frozenset[str] = frozenset()
    """Ids of questions that are in the file but have problems of their own (reported),
    so that another language does not report them as missing."""
    unnamed_questions: bool = False
    """Whether a question heading is so malformed that its id cannot be read: then no
    question of the other languages can be said to be missing from this quiz."""


@dataclass
class _Block:
    token: Token
    start: int
    end: int


def parse_quiz(path: Path, text: str, problems: Diagnostics) -> ParsedQuiz | None:
    """Read a quiz; every problem goes to `problems`. None means the lesson it belongs to
    cannot be read; a quiz with other problems still comes back, so that the whole-course
    checks know it is there (they report only when there are no problems left)."""
    tokens = parse(text)
    front = read_front_matter(path, tokens, problems)
    if front is None:
        return None
    front.check_keys(QUIZ_KEYS, "a quiz", problems)
    quiz_id = front.identifier("id", problems)
    lesson_id = front.identifier("lesson", problems)
    title = front.text("title", problems, required=False)
    lines = split_lines(text)
    check_sections(path, lines, problems, QUIZ_SECTIONS)

    questions: list[Question] = []
    current: list[_Block] | None = None
    groups: list[tuple[int, list[_Block]]] = []
    for token, index, end in top_level_blocks(tokens, 1):
        if token.type == "heading_open" and token.tag == "h2":
            current = []
            groups.append((index, current))
        elif token.type == "heading_open" and token.tag == "h1" and current is None:
            title = title or tokens[index + 1].content.strip()
        elif current is not None:
            current.append(_Block(token, index, end))
    unusable: set[str] = set()
    unnamed = False
    for heading_index, blocks in groups:
        question = _parse_question(path, lines, tokens, heading_index, blocks, problems)
        if question is not None:
            questions.append(question)
            continue
        heading = HEADING.match(tokens[heading_index + 1].content.strip())
        if heading:
            unusable.add(heading.group("id"))
        else:
            unnamed = True
    if not groups:
        problems.add(path, front.start, "the quiz has no questions: start each with '## id (type)'")
    if not lesson_id:
        return None
    quiz = Quiz(id=quiz_id, lesson_id=lesson_id, title=title, questions=tuple(questions), path=path)
    return ParsedQuiz(
        quiz, front.line_of("lesson"), front.line_of("id"), frozenset(unusable), unnamed
    )


def _line(token: Token) -> int:
    return token.map[0] + 1 if token.map else 1


def _parse_question(
    path: Path,
    lines: list[str],
    tokens: list[Token],
    heading_index: int,
    blocks: list[_Block],
    problems: Diagnostics,
) -> Question | None:
    line = _line(tokens[heading_index])
    title = tokens[heading_index + 1].content.strip()
    match = HEADING.match(title)
    if not match:
        problems.add(
            path,
            line,
            f"question heading {title!r} must read '## id (type)', with type one of: {TYPE_NAMES}",
        )
        return None
    question_id, type_name = match.group("id"), match.group("type").strip().lower()
    ok = True
    if not ID_PATTERN.match(question_id):
        problems.add(
            path,
            line,
            f"question id {question_id!r} is not valid: use letters, digits, '-' and '_'",
        )
        ok = False
    try:
        kind = QuestionType(type_name)
    except ValueError:
        problems.add(path, line, f"unknown question type {type_name!r}; use one of: {TYPE_NAMES}")
        return None

    settings, blocks = _read_settings(path, lines, line, blocks, problems)
    objectives = tuple(o.strip() for o in settings.get("objectives", "").split(",") if o.strip())
    if not objectives:
        problems.add(
            path,
            line,
            f"question '{question_id}' names no objectives: add a line "
            "'objectives: …' under its heading",
        )
    points = _points(path, line, settings, kind, problems)
    shuffle = _shuffle(path, line, settings, problems) and kind is not QuestionType.TRUE_FALSE

    explanation = ""
    rest: list[_Block] = []
    for block in blocks:
        if section_name(block.token) == "explanation":
            if explanation:
                problems.add(
                    path, _line(block.token), "a second explanation; merge it into the first"
                )
            chunk = source_lines(lines, block.token)
            inner = (
                chunk[1:-1]
                if len(chunk) >= 2 and chunk[-1].strip().startswith(":::")
                else chunk[1:]
            )
            explanation = "\n".join(inner).strip() or " "
        else:
            rest.append(block)
    if not explanation.strip():
        problems.add(path, line, f"question '{question_id}' has no '::: explanation' section")

    options: tuple[Option, ...] = ()
    prompt_blocks = rest
    if kind is not QuestionType.REFLECTION:
        list_at = max(
            (
                i
                for i, b in enumerate(rest)
                if b.token.type in ("bullet_list_open", "ordered_list_open")
            ),
            default=None,
        )
        if list_at is None:
            problems.add(path, line, f"question '{question_id}' has no options: add a list")
        else:
            options_block = rest[list_at]
            for stray in rest[list_at + 1 :]:
                problems.add(
                    path,
                    _line(stray.token),
                    "text after the options: move it into the question text or the explanation",
                )
            prompt_blocks = rest[:list_at]
            options = _read_options(path, lines, tokens, options_block, kind, question_id, problems)
            if not options:
                ok = False
    prompt = "\n\n".join("\n".join(source_lines(lines, b.token)) for b in prompt_blocks).strip()
    if not prompt:
        problems.add(path, line, f"question '{question_id}' has no question text")
    if not ok:
        return None
    return Question(
        id=question_id,
        type=kind,
        prompt=prompt,
        options=options,
        explanation=explanation.strip(),
        objectives=objectives,
        points=points,
        shuffle=shuffle,
        line=line,
    )


def _read_settings(
    path: Path, lines: list[str], line: int, blocks: list[_Block], problems: Diagnostics
) -> tuple[dict[str, str], list[_Block]]:
    """The `key: value` lines right under a question heading, and the blocks after them."""
    if not blocks or blocks[0].token.type != "paragraph_open":
        return {}, blocks
    chunk = source_lines(lines, blocks[0].token)
    first = SETTING.match(chunk[0]) if chunk else None
    if not first or first.group("key").lower() not in SETTINGS:
        return {}, blocks
    settings: dict[str, str] = {}
    start = _line(blocks[0].token)
    for offset, raw in enumerate(chunk):
        found = SETTING.match(raw)
        key = found.group("key").lower() if found else ""
        if not found or key not in SETTINGS:
            problems.add(
                path,
                start + offset,
                f"{raw.strip()!r} is not a setting; settings are "
                f"{', '.join(SETTINGS)} (leave an empty line before the question text)",
            )
            continue
        if key in settings:
            problems.add(path, start + offset, f"'{key}' is set twice")
        settings[key] = found.group("value")
    return settings, blocks[1:]


def _points(
    path: Path, line: int, settings: dict[str, str], kind: QuestionType, problems: Diagnostics
) -> int:
    raw = settings.get("points")
    if raw is None:
        return 1 if kind.is_graded else 0
    if not raw.isdigit() or not 1 <= int(raw) <= 100:
        problems.add(path, line, f"points must be a whole number from 1 to 100, not {raw!r}")
        return 1
    return int(raw) if kind.is_graded else 0


def _shuffle(path: Path, line: int, settings: dict[str, str], problems: Diagnostics) -> bool:
    raw = settings.get("shuffle", "yes").strip().lower()
    if raw not in YES | NO:
        problems.add(path, line, f"shuffle must be 'yes' or 'no', not {raw!r}")
    return raw not in NO


def _feedback(lines: list[str]) -> str:
    """The feedback lines under an option, without their indentation."""
    if len(lines) == 1:  # the common case, and dedent's regexes showed in the profile
        return lines[0].strip()
    return textwrap.dedent("\n".join(lines)).strip()


def _read_options(
    path: Path,
    lines: list[str],
    tokens: list[Token],
    block: _Block,
    kind: QuestionType,
    question_id: str,
    problems: Diagnostics,
) -> tuple[Option, ...]:
    """The options of a question from its list, checked against the question's type."""
    numbered = block.token.type == "ordered_list_open"
    items = [
        t
        for t in tokens[block.start : block.end + 1]
        if t.type == "list_item_open" and t.level == block.token.level + 1
    ]
    where = _line(block.token)
    options: list[Option] = []
    checked: list[bool | None] = []
    for index, item in enumerate(items):
        chunk = source_lines(lines, item)
        item_line = _line(item)
        first = LIST_MARKER.sub("", chunk[0], count=1).strip() if chunk else ""
        box = CHECKBOX.match(first)
        checked.append(box.group("mark") in "xX" if box else None)
        text = first[box.end() :].strip() if box else first
        feedback = _feedback(chunk[1:])
        left, right = text, ""
        if kind is QuestionType.MATCHING:
            parts = ARROW.split(text)
            if len(parts) != 2 or not all(p.strip() for p in parts):
                problems.add(
                    path,
                    item_line,
                    "a matching pair must read 'left → right' (or 'left -> right'), with one arrow",
                )
            else:
                left, right = parts[0].strip(), parts[1].strip()
        if not text:
            problems.add(path, item_line, "empty option")
        if kind.is_choice and not feedback:
            problems.add(
                path,
                item_line,
                "option has no feedback: on the lines under it, say why it is right or wrong",
            )
        options.append(Option(index, left, bool(checked[-1]), feedback, right, item_line))

    right_count = sum(1 for mark in checked if mark)
    if kind in (QuestionType.ORDERING, QuestionType.MATCHING):
        if kind is QuestionType.ORDERING and not numbered:
            problems.add(
                path,
                where,
                f"ordering question '{question_id}': write the items as "
                "a numbered list (1., 2., …) in the right order",
            )
        if any(mark is not None for mark in checked):
            problems.add(
                path,
                where,
                f"{kind.value} question '{question_id}': items take no '[x]' or '[ ]' boxes",
            )
        if len(options) < 2:
            problems.add(
                path, where, f"{kind.value} question '{question_id}' needs at least two items"
            )
        if kind is QuestionType.MATCHING:
            for side, values in (
                ("left", [o.text for o in options]),
                ("right", [o.match for o in options]),
            ):
                doubles = sorted({v for v in values if v and values.count(v) > 1})
                if doubles:
                    problems.add(
                        path,
                        where,
                        f"matching question '{question_id}' has "
                        f"{', '.join(map(repr, doubles))} twice on the {side} side",
                    )
        return tuple(options)

    if any(mark is None for mark in checked):
        problems.add(
            path,
            where,
            f"{kind.value} question '{question_id}': start every option "
            "with '[x]' (right) or '[ ]' (wrong)",
        )
    if right_count == 0:
        what = "accepted answer" if kind is QuestionType.SHORT else "right answer"
        problems.add(path, where, f"question '{question_id}' has no {what}: mark one with '[x]'")
    if kind is QuestionType.SINGLE and right_count > 1:
        problems.add(
            path,
            where,
            f"single-choice question '{question_id}' has {right_count} right "
            "answers: mark only one, or make it 'multiple'",
        )
    if kind is QuestionType.TRUE_FALSE and (len(options) != 2 or right_count != 1):
        problems.add(
            path,
            where,
            f"true/false question '{question_id}' needs exactly two options, one of them right",
        )
    if kind in (QuestionType.SINGLE, QuestionType.MULTIPLE) and len(options) < 2:
        problems.add(path, where, f"question '{question_id}' needs at least two options")
    return tuple(options)
