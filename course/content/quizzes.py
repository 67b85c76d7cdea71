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
from course.core.kinds import (
    NO_WORDS,
    YES_WORDS,
    ItemList,
    ListItem,
    QuestionKind,
    all_kinds,
    kind_named,
    kind_names,
)
from course.core.model import Option, Question, Quiz

QUIZ_KEYS = ("id", "lesson", "title")
"""The keys a quiz's front matter may hold."""
QUIZ_SECTIONS = ("explanation",)
HEADING = re.compile(r"^(?P<id>\S+)\s*\((?P<type>[^)]*)\)\s*$")
SETTING = re.compile(r"^\s*(?P<key>[A-Za-z_]+)\s*:\s*(?P<value>.*?)\s*$")
COMMON_SETTINGS = ("objectives", "points", "shuffle")
"""The settings every question may have."""
SETTINGS = COMMON_SETTINGS + tuple(
    dict.fromkeys(name for kind in all_kinds() for name in kind.settings)
)
"""Every setting a question line may hold: the common ones and the kinds' own."""
LIST_MARKER = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])(?:\s+|$)")
CHECKBOX = re.compile(r"^\[(?P<mark>[ xX])\]\s*")
TYPE_NAMES = ", ".join(kind_names())
YES = YES_WORDS
NO = NO_WORDS


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
    kind = kind_named(type_name)
    if kind is None:
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
    shuffle = _shuffle(path, line, settings, problems) and kind.shuffles
    own_settings = _kind_settings(path, line, settings, kind, problems)

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
    if kind.takes_options:
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
    question = Question(
        id=question_id,
        kind=kind.name,
        prompt=prompt,
        options=options,
        explanation=explanation.strip(),
        objectives=objectives,
        points=points,
        shuffle=shuffle,
        line=line,
        settings=own_settings,
    )
    kind.check_files(question, path, problems.add)
    return question


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
    path: Path, line: int, settings: dict[str, str], kind: QuestionKind, problems: Diagnostics
) -> int:
    raw = settings.get("points")
    if raw is None:
        return 1 if kind.graded else 0
    # ASCII digits only: "²" and "١" pass str.isdigit(), and int() rejects one, reads the other
    if not (raw.isascii() and raw.isdigit()) or not 1 <= int(raw) <= 100:
        problems.add(path, line, f"points must be a whole number from 1 to 100, not {raw!r}")
        return 1
    return int(raw) if kind.graded else 0


def _shuffle(path: Path, line: int, settings: dict[str, str], problems: Diagnostics) -> bool:
    raw = settings.get("shuffle", "yes").strip().lower()
    if raw not in YES | NO:
        problems.add(path, line, f"shuffle must be 'yes' or 'no', not {raw!r}")
    return raw not in NO


def _kind_settings(
    path: Path, line: int, settings: dict[str, str], kind: QuestionKind, problems: Diagnostics
) -> tuple[tuple[str, str], ...]:
    """The settings of the question's own kind, checked by the kind; another kind's
    setting is a mistake."""
    own = {key: value for key, value in settings.items() if key not in COMMON_SETTINGS}
    for key in own:
        if key not in kind.settings:
            problems.add(path, line, f"'{key}' is not a setting of a {kind.name} question")
    own = {key: value for key, value in own.items() if key in kind.settings}
    kind.check_settings(own, lambda message: problems.add(path, line, message))
    return tuple(own.items())


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
    kind: QuestionKind,
    question_id: str,
    problems: Diagnostics,
) -> tuple[Option, ...]:
    """The options of a question from its list, read and checked by the question's kind."""
    items = [
        t
        for t in tokens[block.start : block.end + 1]
        if t.type == "list_item_open" and t.level == block.token.level + 1
    ]
    read: list[ListItem] = []
    for index, item in enumerate(items):
        chunk = source_lines(lines, item)
        item_line = _line(item)
        first = LIST_MARKER.sub("", chunk[0], count=1).strip() if chunk else ""
        box = CHECKBOX.match(first)
        text = first[box.end() :].strip() if box else first
        if not text:
            problems.add(path, item_line, "empty option")
        mark = box.group("mark") in "xX" if box else None
        read.append(ListItem(index, text, mark, _feedback(chunk[1:]), item_line))
    listing = ItemList(tuple(read), block.token.type == "ordered_list_open", _line(block.token))
    return tuple(
        kind.read_options(listing, question_id, lambda at, message: problems.add(path, at, message))
    )
