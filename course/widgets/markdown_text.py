"""Markdown shown as one renderable: fast for long lessons, and links shown, not live."""

from __future__ import annotations

from rich.markdown import Markdown
from textual.widgets import Static


class MarkdownText(Static):
    """Markdown in a single `Static`.

    Textual's `Markdown` widget mounts a widget per block and takes seconds for a long
    lesson; Rich's renderable draws the same text in one pass. Links are written out as
    "text (address)" and never opened by a click: the lesson's link list opens them after
    asking.
    """

    DEFAULT_CSS = """
    MarkdownText { height: auto; }
    """

    def __init__(self, markdown: str, *, id: str | None = None, classes: str | None = None):
        super().__init__(self._render_markdown(markdown), id=id, classes=classes)
        self.markdown = markdown
        """The Markdown source shown."""

    @staticmethod
    def _render_markdown(markdown: str) -> Markdown:
        return Markdown(markdown, hyperlinks=False, justify="left")

    def show(self, markdown: str) -> None:
        """Replace the text."""
        self.markdown = markdown
        self.update(self._render_markdown(markdown))
