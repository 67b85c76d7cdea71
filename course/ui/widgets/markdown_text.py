"""Markdown shown as lines rendered once: fast for long lessons, and links shown, not live."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable

from rich.markdown import Markdown
from rich.segment import Segment
from rich.style import Style
from textual.geometry import Size
from textual.strip import Strip
from textual.widget import Widget

from course.core.gc_pause import collector_paused

RENDERED_KEPT = 64
"""Rendered texts kept for reuse: every part of every lesson of a large course at a few
widths, a few megabytes at most."""


class _RenderedTexts:
    """Markdown already rendered to lines, shared by every `MarkdownText` of the app.

    A lesson's text does not change while the app runs, and its lines depend only on the
    text, the width and the style, so "Next", "Previous" and going back to a lesson reuse
    them instead of parsing and rendering again. Least recently used texts leave first.
    """

    def __init__(self, kept: int) -> None:
        self._kept = kept
        self._lines: OrderedDict[tuple[str, int, Style], list[Strip]] = OrderedDict()

    def get(self, key: tuple[str, int, Style]) -> list[Strip] | None:
        """The lines rendered for `key` (text, width, style), if kept."""
        lines = self._lines.get(key)
        if lines is not None:
            self._lines.move_to_end(key)
        return lines

    def put(self, key: tuple[str, int, Style], lines: list[Strip]) -> None:
        """Keep the lines rendered for `key`."""
        self._lines[key] = lines
        self._lines.move_to_end(key)
        while len(self._lines) > self._kept:
            self._lines.popitem(last=False)

    def clear(self) -> None:
        """Forget every rendered text (benchmarks measure rendering from scratch)."""
        self._lines.clear()


RENDERED = _RenderedTexts(RENDERED_KEPT)
"""The app's rendered Markdown (one process shows one course)."""

PARSED: dict[str, Markdown] = {}
"""Markdown parsed before the app started, by its text (see `parse_ahead`)."""


def parse_ahead(texts: Iterable[str]) -> None:
    """Parse these Markdown texts now, for every app started from this process later.

    The fork server of `course serve` parses the course's questions once, before it
    forks the learners' apps: each app only renders a live question's text then. Rich
    makes a new Markdown parser for every text, which was a tenth of the work of showing
    a live question in each of the class's apps at the same moment.
    """
    for text in texts:
        if text and text not in PARSED:
            PARSED[text] = _parse(text)


def parsed(markdown: str) -> Markdown:
    """`markdown` as Rich parses it for the app: parsed ahead if it was, else now."""
    return PARSED.get(markdown) or _parse(markdown)


def _parse(markdown: str) -> Markdown:
    """`markdown` parsed as every text of the app is (ahead or not: the same drawing)."""
    return Markdown(markdown, hyperlinks=False, justify="left")


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
            key = (self.markdown, width, style)
            lines = RENDERED.get(key)
            if lines is None:
                lines = self._render_lines(width, style)
                RENDERED.put(key, lines)
            self._lines = lines
            self._rendered_for = (width, style)
        return self._lines

    def render_ahead(self, markdown: str) -> None:
        """Render `markdown` at this widget's width and style now, so that showing it later
        in this widget (the next lesson, say) finds it rendered."""
        width = self.size.width
        style = self.visual_style.rich_style
        key = (markdown, width, style)
        if width > 0 and markdown and RENDERED.get(key) is None:
            RENDERED.put(key, self._render_text(markdown, None, width, style))

    def _render_lines(self, width: int, style: Style) -> list[Strip]:
        if self._document is None and self.markdown:
            self._document = parsed(self.markdown)
        return self._render_text(self.markdown, self._document, width, style)

    def _render_text(
        self, markdown: str, document: Markdown | None, width: int, style: Style
    ) -> list[Strip]:
        if not markdown or width <= 0:
            return []
        console = self.app.console
        options = self.app.console_options.update(highlight=False, width=width, height=None)
        with collector_paused():
            if document is None:
                document = parsed(markdown)
            segments = console.render(document, options)
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
