"""The one Markdown parser every content file goes through, and helpers over its tokens."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

SECTION_NAMES = ("takeaways", "reflection", "exercise", "facilitator", "sources", "explanation")
"""The names of marked sections (`::: name` … `:::`) a content file may hold."""


@cache
def parser() -> MarkdownIt:
    """A CommonMark parser of blocks, with front matter and the marked sections.

    Inline parsing is switched off: the loader keeps each block's source text and never
    looks at inline tokens (a heading's text is still in its inline token's `content`).
    So are link reference definitions (`[1]: https://…`): markdown-it turns them into no
    token at all, and the loader, which keeps the source of tokens, lost them from the text.
    As paragraphs they stay where the author put them.
    """
    md = MarkdownIt("commonmark").disable(["inline", "reference"]).use(front_matter_plugin)
    md.block.ruler.before(
        "fence",
        _SECTION_OPEN.removesuffix("_open"),
        _section_rule,
        {"alt": ["paragraph", "reference", "blockquote", "list"]},
    )
    return md


SECTION_TOKEN = "section"
"""Marked sections parse into `container_section_open` tokens whose `info` holds the name."""

_SECTION_OPEN = f"container_{SECTION_TOKEN}_open"
_SECTION_CLOSE = f"container_{SECTION_TOKEN}_close"
_MARKER = ":"
_MIN_MARKERS = 3


def _is_section_start(params: str) -> bool:
    return params.strip().split(" ", 2)[0] in SECTION_NAMES


def _marker_run(src: str, pos: int, end: int) -> int:
    """Where the run of ':' that starts at `pos` ends (at most at `end`)."""
    while pos < end and src[pos] == _MARKER:
        pos += 1
    return pos


def _section_rule(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """`::: name` … `:::`, as mdit_py_plugins' container rule reads it, with one difference:
    the inside of a section is not parsed.

    The loader takes a section's text from its source lines and never looks at the tokens
    inside, and where a section ends does not depend on them (the first line of ':::' alone
    closes it). Parsing them cost a fifth of the time of loading a large course.
    """
    src = state.src
    start = state.bMarks[start_line] + state.tShift[start_line]
    # Tried at the start of every block and every line of a paragraph: say no at once
    # to the lines that do not begin with ':' (measured: 6 % of `course validate`).
    if not src.startswith(_MARKER, start) or state.is_code_block(start_line):
        return False
    maximum = state.eMarks[start_line]
    pos = _marker_run(src, start, maximum)
    marker_count = pos - start
    if marker_count < _MIN_MARKERS:
        return False
    params = src[pos:maximum]
    if not _is_section_start(params):
        return False
    if silent:
        return True
    markup = src[start:pos]
    next_line = start_line
    auto_closed = False
    while True:
        next_line += 1
        if next_line >= end_line:
            break  # an unclosed section ends with its parent (the loader reports it)
        start = state.bMarks[next_line] + state.tShift[next_line]
        maximum = state.eMarks[next_line]
        if start < maximum and state.sCount[next_line] < state.blkIndent:
            break  # a line indented less than the block the section is in ends it
        if not src.startswith(_MARKER, start) or state.is_code_block(next_line):
            continue
        pos = _marker_run(src, start, maximum)
        if pos - start < marker_count:
            continue
        pos = state.skipSpaces(pos)
        if pos < maximum:
            continue
        auto_closed = True
        break
    token = state.push(_SECTION_OPEN, "div", 1)
    token.markup = markup
    token.block = True
    token.info = params
    token.map = [start_line, next_line]
    token = state.push(_SECTION_CLOSE, "div", -1)
    token.markup = src[start:pos]
    token.block = True
    state.line = next_line + (1 if auto_closed else 0)
    return True


def parse(text: str) -> list[Token]:
    """The block tokens of a document."""
    return parser().parse(text)


def split_lines(text: str) -> list[str]:
    """The lines of a document as markdown-it numbers them.

    Only "\\n", "\\r\\n" and "\\r" end a line there; `str.splitlines` also splits at
    form feeds, vertical tabs and Unicode separators, which would shift every line after one.
    """
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def top_level_blocks(tokens: Sequence[Token], start: int = 0) -> list[tuple[Token, int, int]]:
    """The opening token of each top-level block from `tokens[start]` on, with the indexes
    of its first and last token.

    A paragraph, list, quote or section counts as one block, whatever it nests. Callers
    get the indexes from here because `tokens.index(token)` compares tokens field by field
    and made loading a large course quadratic.
    """
    blocks: list[tuple[Token, int, int]] = []
    index = start
    while index < len(tokens):
        token = tokens[index]
        end = index
        if token.nesting == 1:
            depth = 0
            for end in range(index, len(tokens)):
                depth += tokens[end].nesting
                if depth == 0:
                    break
        blocks.append((token, index, end))
        index = end + 1
    return blocks


def source_lines(lines: Sequence[str], token: Token) -> list[str]:
    """The source lines a block token spans (its map), without trailing blank lines."""
    if token.map is None:
        return []
    start, end = token.map
    chunk = list(lines[start:end])
    while chunk and not chunk[-1].strip():
        chunk.pop()
    return chunk


def section_name(token: Token) -> str | None:
    """The name of a marked section from its opening token, or None for other blocks."""
    if token.type == _SECTION_OPEN:
        return token.info.strip().split(" ", 2)[0]
    return None
