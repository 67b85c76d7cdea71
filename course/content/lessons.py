"""Reading one lesson file into a `Lesson`."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from course.content.diagnostics import Diagnostics
from course.content.frontmatter import read_front_matter
from course.content.markdown import parse, section_name, source_lines, split_lines, top_level_blocks
from course.core.model import Lesson

LESSON_KEYS = ("id", "title", "minutes", "objectives")
"""The keys a lesson's front matter may hold."""
LESSON_SECTIONS = ("takeaways", "reflection", "exercise", "facilitator", "sources")
REQUIRED_SECTIONS = ("takeaways", "reflection")
SECTION_LINE = re.compile(r"^\s*:::+\s*(\S*)")
INLINE_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")


@dataclass(frozen=True)
class LessonLink:
    """A relative link in a lesson, to be checked against the other lessons."""

    target: str
    """The link target as written, for example `02-party.md#rules`."""
    line: int
    """1-based line of the link."""


@dataclass(frozen=True)
class ParsedLesson:
    """A lesson as read from its file, with what the whole-course checks need."""

    lesson: Lesson
    """The lesson."""
    links: tuple[LessonLink, ...]
    """Its relative links (web links are not checked)."""
    id_line: int
    """Line of its `id`, for messages."""


LABELLED_LINK = re.compile(r"\[([^\]]+)\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")


def find_links(markdown: str) -> list[tuple[str, str]]:
    """The inline links of a Markdown text as (label, target), in reading order."""
    return [(m.group(1), m.group(2)) for m in LABELLED_LINK.finditer(markdown)]


def is_relative_link(target: str) -> bool:
    """Whether a link points into the course rather than to the web or an anchor."""
    return not (re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", target) or target.startswith("#"))


def linked_lesson_file(target: str) -> str:
    """The lesson file a relative link points to, without its anchor: `02-party.md`."""
    return target.split("#", 1)[0]


def lesson_links_as_titles(markdown: str, titles: Mapping[str, str]) -> str:
    """The text with each link to another lesson written as its label and that lesson's
    title, "Lesson 2 (Social networks are a party)", instead of the file name that Rich
    prints after a link's label. A learner knows lessons by their titles; the file name
    is the author's business. Web links and links to unknown files are left as they are.
    """

    def as_title(link: re.Match[str]) -> str:
        label, target = link.group(1), link.group(2)
        if not is_relative_link(target):
            return link.group(0)
        title = titles.get(linked_lesson_file(target))
        if title is None:
            return link.group(0)
        return label if title.casefold() in label.casefold() else f"{label} ({title})"

    return LABELLED_LINK.sub(as_title, markdown)


def parse_lesson(path: Path, text: str, problems: Diagnostics) -> ParsedLesson | None:
    """Read a lesson; every problem goes to `problems`. None means its id cannot be read.

    A lesson with other problems (no title, say) still comes back, so that the whole-course
    checks count it as there and do not report it missing as well; it never goes into a
    course, which is built only when no problem was found.
    """
    tokens = parse(text)
    front = read_front_matter(path, tokens, problems)
    if front is None:
        return None
    front.check_keys(LESSON_KEYS, "a lesson", problems)
    lesson_id = front.identifier("id", problems)
    title = front.text("title", problems)
    minutes = front.whole_number("minutes", problems, 1, 120)
    objectives = front.id_list("objectives", problems)
    lines = split_lines(text)

    sections: dict[str, str] = {}
    body: list[str] = []
    quotation = ""
    check_sections(path, lines, problems, LESSON_SECTIONS)
    for token, _start, _end in top_level_blocks(tokens, 1):
        chunk = source_lines(lines, token)
        name = section_name(token)
        if name is None:
            if token.type == "blockquote_open" and not quotation:
                quotation = "\n".join(chunk)
            if chunk:
                body.extend([*chunk, ""])
            continue
        start = token.map[0] + 1 if token.map else 1
        if name not in LESSON_SECTIONS:
            continue  # reported by check_sections
        if name in sections:
            problems.add(path, start, f"a second '{name}' section; merge it into the first")
            continue
        inner = chunk[1:-1] if len(chunk) >= 2 and SECTION_LINE.match(chunk[-1]) else chunk[1:]
        sections[name] = "\n".join(inner).strip()
    for name in REQUIRED_SECTIONS:
        if not sections.get(name):
            problems.add(path, front.start, f"the lesson has no '::: {name}' section")

    links = tuple(
        LessonLink(match.group(1), number)
        for number, line in enumerate(lines, start=1)
        if "](" in line
        for match in INLINE_LINK.finditer(line)
        if is_relative_link(match.group(1))
    )
    if not lesson_id:
        return None
    lesson = Lesson(
        id=lesson_id,
        title=title,
        minutes=minutes,
        objectives=objectives,
        body="\n".join(body).strip(),
        takeaways=sections.get("takeaways", ""),
        reflection=sections.get("reflection", ""),
        exercise=sections.get("exercise", ""),
        facilitator=sections.get("facilitator", ""),
        sources=sections.get("sources", ""),
        quotation=quotation,
        path=path,
    )
    return ParsedLesson(lesson, links, front.line_of("id"))


def check_sections(
    path: Path, lines: list[str], problems: Diagnostics, allowed: tuple[str, ...]
) -> None:
    """Report sections that are opened but never closed, and unknown section names.

    markdown-it closes an open section silently at the end of the file, which would swallow
    the rest of the lesson; an author wants to hear about it.
    """
    open_at: int | None = None
    in_code = False
    for number, line in enumerate(lines, start=1):
        stripped = line.lstrip()
        if stripped.startswith(("```", "~~~")):
            in_code = not in_code
        if in_code or not stripped.startswith(":::"):
            continue
        match = SECTION_LINE.match(line)
        if not match:
            continue
        name = match.group(1)
        if name:
            if name not in allowed:
                problems.add(
                    path, number, f"unknown section '{name}'; use one of: " + ", ".join(allowed)
                )
            if open_at is not None:
                problems.add(
                    path, open_at, "section not closed: add a ':::' line before the next section"
                )
            open_at = number
        elif open_at is None:
            problems.add(path, number, "':::' closes no section")
        else:
            open_at = None
    if open_at is not None:
        problems.add(path, open_at, "section not closed: add a ':::' line at its end")
