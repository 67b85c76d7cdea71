"""Markdown shown as lines rendered once: fast for long lessons, and links shown, not live."""

from __future__ import annotations

from rich.markdown import Markdown
from rich.segment import Segment
from rich.style import Style
from textual.geometry import Size
from textual.strip import Strip
from textual.widget import Widget

from course.core.gc_pause import collector_paused


class MarkdownText(Widget):
    """Markdown drawn with Rich, rendered once per width.

    Textual's `Markdown` widget mounts a widget per block and takes seconds for a long
    lesson. A `Static` holding Rich's renderable draws it in one widget, but Textual then
    renders the whole text again and again: once to measure its height and once to draw,
    at each width the layout tries. This widget renders the text to lines once for a
    width (and the widget's style), answers the height from those lines and draws from
    them (Textual's line API), so a long lesson is rendered once.

    Links are written out as "text (address)" and never opened by a click: the lesson's
    link list opens them after asking.
    """

    DEFAULT_CSS = """
    MarkdownText { height: auto; }
    """

    def __init__(self, markdown: str, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.markdown = markdown
        """The Markdown source shown."""
        self._document: Markdown | None = None
        self._lines: list[Strip] = []
        self._rendered_for: tuple[int, Style] | None = None

    def show(self, markdown: str) -> None:
        """Replace the text."""
        if markdown == self.markdown:
            return
        self.markdown = markdown
        self._document = None
        self._rendered_for = None
        self.refresh(layout=True)

    def lines(self, width: int) -> list[Strip]:
        """The text rendered `width` cells wide, in the widget's current style."""
        style = self.visual_style.rich_style
        if self._rendered_for != (width, style):
            self._lines = self._render_lines(width, style)
            self._rendered_for = (width, style)
        return self._lines

    def _render_lines(self, width: int, style: Style) -> list[Strip]:
        if not self.markdown or width <= 0:
            return []
        console = self.app.console
        options = self.app.console_options.update(highlight=False, width=width, height=None)
        with collector_paused():
            if self._document is None:  # parsed once, rendered again only at a new width
                self._document = Markdown(self.markdown, hyperlinks=False, justify="left")
            segments = console.render(self._document, options)
            if style:  # the widget's colours under the text's own, as Textual does for a Static
                segments = (Segment(text, style + own, control) for text, own, control in segments)
            return [
                Strip(line)
                for line in Segment.split_and_crop_lines(
                    segments, width, include_new_lines=False, pad=False
                )
            ]

    def get_content_width(self, container: Size, viewport: Size) -> int:
        # Rich's Markdown takes any width it is given, as in a Static.
        return container.width

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines(width))

    def render_line(self, y: int) -> Strip:
        lines = self.lines(self.size.width)
        if y < len(lines):
            return lines[y]
        return Strip.blank(self.size.width, self.visual_style.rich_style)
