"""Progress in one line: a bar, the percentage and a sentence, drawn by one widget."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.renderables.bar import Bar
from textual.widget import Widget

BAR_WIDTH = 32
"""Cells of the bar, as Textual's `ProgressBar` draws it."""
PERCENT_WIDTH = 5
"""Cells of the percentage, right-aligned after the bar."""
GAP = 2
"""Cells between the percentage and the sentence."""


class ProgressLine(Widget):
    """How much is done, looking like Textual's `ProgressBar` (without the time estimate)
    followed by a sentence.

    `ProgressBar` composes a widget each for the bar, the percentage and the time estimate,
    styled and laid out one by one; this draws the same line in one widget.
    """

    DEFAULT_CSS = """
    ProgressLine {
        height: 1;
        & > .progress-line--bar {
            color: $primary;
            background: $surface;
        }
        & > .progress-line--complete {
            color: $success;
            background: $surface;
        }
        & > .progress-line--sentence {
            color: $text-muted;
        }
    }
    """
    COMPONENT_CLASSES = {
        "progress-line--bar",
        "progress-line--complete",
        "progress-line--sentence",
    }

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._done = 0.0
        self._total = 0.0
        self._sentence = ""

    def update(self, done: float, total: float, sentence: str) -> None:
        """Show `done` of `total`, and `sentence` after the bar."""
        self._done, self._total, self._sentence = done, total, sentence
        self.refresh()

    def render(self) -> Text:
        fraction = min(1.0, self._done / self._total) if self._total else 1.0
        # The bar moves in half cells, as ProgressBar's does.
        shown = int(fraction * BAR_WIDTH * 2) / (BAR_WIDTH * 2)
        style = self.get_component_rich_style(
            "progress-line--bar" if fraction < 1 else "progress-line--complete"
        )
        bar = Bar(
            highlight_range=(0, BAR_WIDTH * shown),
            highlight_style=Style.from_color(style.color),
            background_style=Style.from_color(style.bgcolor),
            width=BAR_WIDTH,
        )
        console = self.app.console
        line = Text(no_wrap=True, overflow="crop", end="")
        for segment in console.render(bar, console.options.update_width(BAR_WIDTH)):
            line.append(segment.text, segment.style)
        line.append(f"{round(fraction * 100)}%".rjust(PERCENT_WIDTH) + " " * GAP)
        line.append(self._sentence, self.get_component_rich_style("progress-line--sentence"))
        return line
