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
    """A CommonMark parser with front matter and the marked sections."""
    md = MarkdownIt("commonmark").use(front_matter_plugin)
    for name in SECTION_NAMES:
        md.use(container_plugin, name=name)
    return md


def parse(text: str) -> list[Token]:
    """The block tokens of a document."""
    return parser().parse(text)


def top_level_blocks(tokens: Sequence[Token]) -> list[tuple[Token, int]]:
    """The opening token of each top-level block and the index of its last token.

    A paragraph, list, quote or section counts as one block, whatever it nests.
    """
    blocks: list[tuple[Token, int]] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        end = index
        if token.nesting == 1:
            depth = 0
            for end in range(index, len(tokens)):
                depth += tokens[end].nesting
                if depth == 0:
                    break
        blocks.append((token, end))
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
    if token.type.startswith("container_") and token.type.endswith("_open"):
        return token.type[len("container_") : -len("_open")]
    return None
