"""Inline Markdown as plain words, for places that cannot show Markdown: tables, CSV files,
reports in a terminal.

Plain Python without Textual or Rich, so that the headless class view (`course.workshop.classview`)
and `course report` can use it. Markers go only where they pair up around words, as
Markdown reads them: a gap to fill in ("tastes ___."), a lone star ("5 * 3") and names
with underscores ("snake_case") are words, not emphasis.
"""

from __future__ import annotations

import re

_CODE = re.compile(r"`+([^`]+?)`+")
"""Inline code: its text is kept exactly, markers and all."""

_LINK = re.compile(r"\[([^\]]+)\]\([^)\s]*\)")
"""A link, `[words](address)`: only the words are kept."""

_EMPHASIS = (
    re.compile(r"\*\*(?=[^\s*])(.+?)(?<=[^\s*])\*\*"),
    re.compile(r"(?<!\w)__(?=[^\s_])(.+?)(?<=[^\s_])__(?!\w)"),
    re.compile(r"\*(?=[^\s*])(.+?)(?<=[^\s*])\*"),
    re.compile(r"(?<!\w)_(?=[^\s_])(.+?)(?<=[^\s_])_(?!\w)"),
)
"""Strong emphasis, then emphasis, with stars and with underscores. The words inside must
start and end with something other than a space or the marker itself; underscores count
only at word edges (Markdown ignores them inside a word)."""


_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")
"""A backslash before ASCII punctuation: Markdown shows the mark itself (`\\*` is a star)."""

_HELD = 0xE000
"""Escaped marks wait as characters of Unicode's private use area while emphasis is
dropped, so that an escaped star never pairs up with another."""


def _unemphasize(text: str) -> str:
    text = _LINK.sub(r"\1", text)
    for pattern in _EMPHASIS:
        text = pattern.sub(r"\1", text)
    return text


def plain_text(markdown: str) -> str:
    """A line of inline Markdown as plain text: emphasis and code markers dropped, the
    words of links kept without their address, escaped marks shown without backslash."""
    held = _ESCAPED.sub(lambda found: chr(_HELD + ord(found.group(1))), markdown)
    parts = _CODE.split(held)  # odd parts are the code spans' texts, kept as written
    return "".join(
        _released(part, "\\") if index % 2 else _released(_unemphasize(part), "")
        for index, part in enumerate(parts)
    )


def _released(text: str, backslash: str) -> str:
    """`text` with the held marks back, after `backslash` (inside code, where Markdown
    does not read escapes, the backslash stays)."""
    return "".join(
        backslash + chr(ord(c) - _HELD) if _HELD <= ord(c) < _HELD + 128 else c for c in text
    )
