"""Progress in one line: a bar, the percentage and a sentence (drawn in the outline's
header, `outline_header.py`)."""

from __future__ import annotations

from rich.console import Console
from rich.style import Style
from rich.text import Text
from textual.renderables.bar import Bar

BAR_WIDTH = 32
"""Cells of the bar, as Textual's `ProgressBar` draws it."""
PERCENT_WIDTH = 5
"""Cells of the percentage, right-aligned after the bar."""
GAP = 2
"""Cells between the percentage and the sentence."""


def progress_text(
    console: Console,
    done: float,
    total: float,
    sentence: str,
    *,
    bar: Style,
    sentence_style: Style,
) -> Text:
    """How much is done, looking like Textual's `ProgressBar` (without the time estimate)
    followed by a sentence: the bar in the colours of `bar`.

    `ProgressBar` composes a widget each for the bar, the percentage and the time estimate,
    styled and laid out one by one; this is the same line as one text.
    """
    fraction = min(1.0, done / total) if total else 1.0
    # The bar moves in half cells, as ProgressBar's does.
    shown = int(fraction * BAR_WIDTH * 2) / (BAR_WIDTH * 2)
    drawn = Bar(
        highlight_range=(0, BAR_WIDTH * shown),
        highlight_style=Style.from_color(bar.color),
        background_style=Style.from_color(bar.bgcolor),
        width=BAR_WIDTH,
    )
    line = Text(no_wrap=True, overflow="crop", end="")
    for segment in console.render(drawn, console.options.update_width(BAR_WIDTH)):
        line.append(segment.text, segment.style)
    line.append(f"{round(fraction * 100)}%".rjust(PERCENT_WIDTH) + " " * GAP)
    line.append(sentence, sentence_style)
    return line
