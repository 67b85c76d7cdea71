"""The top of the outline: the course's title, its description, the progress line and
the Continue button, drawn by one widget."""

from __future__ import annotations

from typing import cast

from rich.segment import Segment
from rich.style import Style as RichStyle
from textual import events
from textual._styles_cache import StylesCache
from textual.content import Content
from textual.css.styles import RulesMap
from textual.geometry import Offset, Size
from textual.message import Message
from textual.selection import Selection
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, visualize
from textual.widget import Widget

from course.ui.widgets.progress_line import progress_text

ACTIVE_EFFECT_DURATION = 0.2
"""Seconds the Continue button looks pressed after a click, as a Textual `Button`."""


class OutlineHeader(Widget):
    """The course's title (bold, wrapped at the page's width) with a blank line above,
    its description and a blank line, a progress bar with a sentence, and a button to
    continue where the learner left off.

    It looks and answers as the five widgets it replaces did: two `Static`s with padding,
    a progress line and a `LightButton` (with its hover and pressed looks and its click).
    Every part is drawn by the code Textual draws those widgets with, in the styles of a
    component class, whose rules are the replaced widgets' rules: so themes, light and
    dark, 16 colours and NO_COLOR look as before. Title, description and progress line can
    be selected and copied as one text. Each widget on the outline cost the start about a
    hundredth of a bare Textual app's (composed, styled, laid out and painted one by one),
    and the button three times that.

    The button is drawn with Textual's `StylesCache` (a private module of the Textual range
    that pyproject pins), which draws every widget's borders and background; it cannot take
    the focus, as the button could not (the lesson table keeps the keys).
    """

    DEFAULT_CSS = """
    OutlineHeader {
        height: auto;
        & > .outline-header--title {
            text-style: bold;
            color: $primary;
        }
        & > .outline-header--muted {
            color: $text-muted;
        }
        & > .outline-header--bar {
            color: $primary;
            background: $surface;
        }
        &.-complete > .outline-header--bar {
            color: $success;
        }
        /* The rules of LightButton's default look (Textual's Button), for a header that
           is hovered over the button (-continue-hover) or has it pressed (-continue-active). */
        & > .outline-header--continue {
            line-pad: 1;
            text-align: center;
            content-align: center middle;
            text-style: bold;
            color: $button-foreground;
            background: $surface;
            border: none;
            border-top: tall $surface-lighten-1;
            border-bottom: tall $surface-darken-1;
        }
        &.-continue-hover > .outline-header--continue {
            border-top: tall $surface;
            background: $surface-darken-1;
        }
        &.-continue-active > .outline-header--continue {
            background: $surface;
            border-bottom: tall $surface-lighten-1;
            border-top: tall $surface-darken-1;
            tint: $background 30%;
        }
        &.-continue-hover {
            pointer: pointer;
        }
        &:ansi {
            & > .outline-header--continue {
                border: tall $border-blurred;
                background: ansi_default;
            }
            &.-continue-hover > .outline-header--continue {
                background: $ansi-background;
                border: tall $border;
            }
            &.-continue-active > .outline-header--continue {
                background: $ansi-background;
                border: blank $background;
                tint: transparent;
            }
        }
    }
    """
    COMPONENT_CLASSES = {
        "outline-header--title",
        "outline-header--muted",
        "outline-header--bar",
        "outline-header--continue",
    }

    class ContinuePressed(Message):
        """The Continue button was clicked."""

        def __init__(self, header: OutlineHeader) -> None:
            super().__init__()
            self.header = header
            """The header."""

        @property
        def control(self) -> OutlineHeader:
            """The header (for `@on(..., "#id")`)."""
            return self.header

    def __init__(
        self,
        title: str,
        description: str,
        *,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self._title = title
        self._description = description
        self._done = 0.0
        self._total = 0.0
        self._sentence = ""
        self._continue_label = Content()
        self._lines: tuple[int, list[Strip], range] | None = None
        """The lines as drawn last, the width they were drawn at and the button's lines."""
        self._texts: list[str] = []
        """The plain text of title, description and progress line, as drawn last."""

    # What it shows ---------------------------------------------------------------------

    def show_progress(self, done: float, total: float, sentence: str) -> None:
        """Show `done` of `total` in the bar, and `sentence` after it."""
        if (done, total, sentence) != (self._done, self._total, self._sentence):
            self._done, self._total, self._sentence = done, total, sentence
            fraction = done / total if total else 1.0
            self.set_class(fraction >= 1, "-complete")
            self._redraw()

    @property
    def progress_sentence(self) -> str:
        """The sentence after the bar."""
        return self._sentence

    @property
    def continue_lines(self) -> range:
        """The lines of the header the Continue button takes (for a click)."""
        return self._drawn(self.size.width)[1]

    @property
    def continue_label(self) -> Content:
        """The label of the Continue button."""
        return self._continue_label

    @continue_label.setter
    def continue_label(self, label: str) -> None:
        # Read as a Button reads its label: markup, unless it is Content already.
        content = Content.from_text(label)
        if content != self._continue_label:
            self._continue_label = content
            self._redraw()

    def _redraw(self) -> None:
        self._lines = None
        self.refresh(layout=True)  # the label or the sentence may wrap to another height

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._lines = None  # another theme, light or dark, hover or press

    # Drawing ---------------------------------------------------------------------------

    def _text(
        self, visual: Content, width: int, height: int, style: Style, first: int
    ) -> list[Strip]:
        """A part of the header's text, drawn as a `Static` draws its content
        (`Visual.to_strips`), with the part of the selection that falls on it. `first`:
        the line of the header's text (`get_selection`) the part starts at."""
        lines = visual.plain.count("\n") + 1
        selection = self._part_selection(first, lines)
        selection_style = (
            None
            if selection is None
            else Style.from_styles(self.screen.get_component_styles("screen--selection"))
        )
        strips = visual.render_strips(
            width,
            height,
            style,
            RenderOptions(self._get_style, cast(RulesMap, self.styles), selection, selection_style),
        )
        return [_moved_down(strip, first) for strip in strips] if first else strips

    def _part_selection(self, first: int, lines: int) -> Selection | None:
        """The selection within the part of the header's text that takes `lines` lines from
        `first` on, in the part's own lines."""
        selection = self.text_selection
        if selection is None:
            return None
        start, end = selection
        if (start is not None and start.y >= first + lines) or (end is not None and end.y < first):
            return None
        return Selection(
            None if start is None or start.y < first else Offset(start.x, start.y - first),
            None if end is None or end.y >= first + lines else Offset(end.x, end.y - first),
        )

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        # Title, description and progress line, selectable as the widgets they were.
        return selection.extract("\n".join(self._texts)), "\n"

    def selection_updated(self, selection: Selection | None) -> None:
        self._lines = None
        super().selection_updated(selection)

    def _paragraph(self, text: str, component: str, width: int, first: int) -> list[Strip]:
        """`text` (read as markup, as a `Static` reads it) wrapped at `width`, in the
        style of `component`."""
        visual = visualize(self, text)
        assert isinstance(visual, Content)
        self._texts.append(visual.plain)
        height = visual.get_height(cast(RulesMap, self.styles), width)
        style = self.get_visual_style(component)
        return self._text(visual, width, height, style, first)[:height]

    def _progress_line(self, width: int, first: int) -> Strip:
        text = progress_text(
            self.app.console,
            self._done,
            self._total,
            self._sentence,
            bar=self.get_component_rich_style("outline-header--bar"),  # `-complete` colours it
            sentence_style=self.get_component_rich_style("outline-header--muted"),
        )
        visual = Content.from_rich_text(text, console=self.app.console)
        self._texts.append(visual.plain)
        lines = self._text(visual, width, 1, self.visual_style, first)
        return lines[0] if lines else Strip([])

    def _button(self, width: int) -> list[Strip]:
        """The Continue button, `width` cells wide, as a `Button` of that width draws
        itself: borders, background and the label centred (its lines wrapped)."""
        component = "outline-header--continue"
        styles = self.get_component_styles(component)
        rules = cast(RulesMap, styles)  # read as Textual reads a widget's styles
        gutter = styles.gutter
        content_width = max(0, width - gutter.width)
        label = self._continue_label
        content_height = label.get_height(rules, content_width)
        style = self.get_visual_style(component)

        lines = label.render_strips(
            content_width, content_height, style, RenderOptions(self._get_style, rules)
        )
        align_horizontal, align_vertical = styles.content_align
        lines = list(
            Strip.align(
                lines,
                (style + Style(reverse=False)).rich_style,
                content_width,
                content_height,
                align_horizontal,
                align_vertical,
            )
        )

        def content_line(y: int) -> Strip:
            # Without the offsets of a text selection: as a Button's, the label is not
            # part of the header's text.
            return lines[y].discard_meta() if y < len(lines) else Strip([])

        _, base_background = self.background_colors
        background = base_background + styles.background.tint(styles.background_tint)
        app = self.app
        return StylesCache().render(
            styles,
            Size(width, content_height + gutter.height),
            base_background,
            background,
            content_line,
            [],  # the app's filters are applied to the header's lines, these among them
            None,
            None,
            content_size=Size(content_width, content_height),
            padding=styles.padding,
            opacity=self.opacity,
            ansi_theme=app.ansi_theme,
            native_ansi=app.native_ansi_color,
        )

    def _drawn(self, width: int) -> tuple[list[Strip], range]:
        if self._lines is None or self._lines[0] != width:
            blank = Strip([])  # the background alone, as a padding line
            self._texts = []
            title = self._paragraph(self._title, "outline-header--title", width, 0)
            first = self._texts[0].count("\n") + 1
            description = self._paragraph(self._description, "outline-header--muted", width, first)
            first += self._texts[1].count("\n") + 1
            lines = [blank, *title, *description, blank, self._progress_line(width, first), blank]
            button = self._button(width)
            self._lines = (width, lines + button, range(len(lines), len(lines) + len(button)))
        return self._lines[1], self._lines[2]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._drawn(width)[0])

    def render_line(self, y: int) -> Strip:
        lines, _button = self._drawn(self.size.width)
        return lines[y] if y < len(lines) else Strip([])

    # The mouse -------------------------------------------------------------------------

    def _on_button(self, event: events.MouseEvent) -> bool:
        return event.y in self.continue_lines and 0 <= event.x < self.size.width

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self.set_class(self._on_button(event), "-continue-hover")

    def on_leave(self) -> None:
        self.remove_class("-continue-hover")

    def on_click(self, event: events.Click) -> None:
        if not self._on_button(event):
            return
        event.stop()
        if self.has_class("-continue-active"):
            return  # as a Button: a click while it looks pressed does nothing
        self.add_class("-continue-active")
        self.set_timer(ACTIVE_EFFECT_DURATION, lambda: self.remove_class("-continue-active"))
        self.post_message(self.ContinuePressed(self))


def _moved_down(strip: Strip, lines: int) -> Strip:
    """`strip` with the offsets of a text selection `lines` further down (the lines of
    the header's text above the part it belongs to)."""
    segments = []
    for text, style, control in strip:
        if style is not None and style._meta is not None and "offset" in style.meta:
            x, y = style.meta["offset"]
            style += RichStyle.from_meta({"offset": (x, y + lines)})
        segments.append(Segment(text, style, control))
    return Strip(segments, strip.cell_length)
