"""The one Markdown parser every content file goes through, and helpers over its tokens."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.container import container_plugin
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
    # One container rule for every name rather than one rule per name: the rule runs on
    # every line, and six of them were a fifth of the time of loading a large course.
    md.use(container_plugin, name=SECTION_TOKEN, validate=_is_section_start)
    return md


SECTION_TOKEN = "section"
"""Marked sections parse into `container_section_open` tokens whose `info` holds the name."""


_SECTION_OPEN = f"container_{SECTION_TOKEN}_open"


def _is_section_start(params: str, *_markup: str) -> bool:
    return params.strip().split(" ", 2)[0] in SECTION_NAMES


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
