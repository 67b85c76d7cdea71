"""A row of tabs drawn as one widget: the network workbench's People, Ties, Answers and
Snapshots."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NamedTuple

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.renderables.bar import Bar
from textual.strip import Strip
from textual.widget import Widget

TAB_PADDING = 1
"""Blank cells on each side of a tab's label, as in Textual's `Tab`."""


class TabLabel(NamedTuple):
    """One tab of the row."""

    id: str
    """Names the tab in code (`TabRow.active`)."""
    label: str
    """Shown in the row (as typed, never as markup)."""


class TabRow(Widget, can_focus=True):
    """Labels in a row over a bar that marks the active one: it looks and answers to keys
    and clicks like Textual's `Tabs` (as `TabbedContent` shows them), without the content.

    `Tabs` composes nine widgets for four tabs (and `TabbedContent` six more around them),
    each styled, laid out and drawn again on every pass: opening the network workbench
    spent about a third of its first drawing on them (benchmarks/network_map.py). This row
    draws its two lines itself, in the same styles (its component classes are those of
    `Tab` and `Underline`, renamed), with the active tab marked from the first paint.
    Left and right move between the tabs, a click on a label or the bar under it chooses
    it, and the bar slides to the new tab as the underline of `Tabs` does.
    """

    DEFAULT_CSS = """
    TabRow {
        width: 100%;
        height: 2;
        pointer: pointer;
        & > .tab-row--tab {
            color: $foreground 50%;
        }
        & > .tab-row--hover {
            color: $foreground;
        }
        & > .tab-row--active {
            color: $foreground;
        }
        & > .tab-row--bar {
            color: $block-cursor-background;
            background: $foreground 10%;
        }
        &:focus {
            & > .tab-row--bar {
                background: $foreground 30%;
            }
            & > .tab-row--active {
                text-style: $block-cursor-text-style;
                color: $block-cursor-foreground;
                background: $block-cursor-background;
            }
        }
        &:ansi {
            & > .tab-row--tab {
                text-style: dim;
            }
            & > .tab-row--active {
                text-style: not dim bold;
            }
            & > .tab-row--bar {
                color: $block-cursor-background;
                background: $border-blurred;
            }
        }
    }
    """
    COMPONENT_CLASSES = {
        "tab-row--tab",
        "tab-row--hover",
        "tab-row--active",
        "tab-row--bar",
    }
    BINDINGS = [
        Binding("left", "previous_tab", "Previous tab", show=False),
        Binding("right", "next_tab", "Next tab", show=False),
    ]
    ALLOW_SELECT = False

    active: reactive[str] = reactive("", init=False)
    """The id of the active tab."""
    bar_start: reactive[float] = reactive(0.0, init=False)
    """First cell of the bar's highlight (animated when the tab changes)."""
    bar_end: reactive[float] = reactive(0.0, init=False)
    """Cell after the bar's highlight."""

    class TabActivated(Message):
        """Another tab became active (`tab`: its id)."""

        def __init__(self, tab_row: TabRow, tab: str) -> None:
            super().__init__()
            self.tab_row = tab_row
            """The row."""
            self.tab = tab
            """The id of the active tab."""

        @property
        def control(self) -> TabRow:
            """The row (for `@on(..., "#id")`)."""
            return self.tab_row

    def __init__(
        self,
        tabs: Sequence[TabLabel],
        *,
        active: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self._tabs = tuple(tabs)
        self._hover: int | None = None
        """The tab under the mouse."""
        first = active if active is not None else (self._tabs[0].id if self._tabs else "")
        self.set_reactive(TabRow.active, first)
        start, end = self._span(first)
        self.set_reactive(TabRow.bar_start, float(start))
        self.set_reactive(TabRow.bar_end, float(end))

    # Tabs -----------------------------------------------------------------------------

    def _index(self, tab: str) -> int | None:
        return next((n for n, each in enumerate(self._tabs) if each.id == tab), None)

    def _spans(self) -> list[tuple[int, int]]:
        """Where each tab is drawn, padding included: first cell and the cell after."""
        spans = []
        x = 0
        for tab in self._tabs:
            width = cell_len(tab.label) + 2 * TAB_PADDING
            spans.append((x, x + width))
            x += width
        return spans

    def _span(self, tab: str) -> tuple[int, int]:
        """The cells of a tab's label (without padding), or (0, 0) for none."""
        index = self._index(tab)
        if index is None:
            return 0, 0
        start, end = self._spans()[index]
        return start + TAB_PADDING, end - TAB_PADDING

    def validate_active(self, active: str) -> str:
        if active and self._index(active) is None:
            raise ValueError(f"No tab with id {active!r}")
        return active

    def watch_active(self, previous: str, active: str) -> None:
        start, end = self._span(active)
        if previous and self.is_mounted:
            # As `Tabs` moves its underline: a short slide to the new tab (a jump where
            # the app's animations are off).
            self.animate("bar_start", float(start), duration=0.3, level="basic")
            self.animate("bar_end", float(end), duration=0.3, level="basic")
        else:
            self.bar_start, self.bar_end = float(start), float(end)
        self.refresh()
        self.post_message(self.TabActivated(self, active))

    def action_previous_tab(self) -> None:
        """Make the tab on the left active (from the first, the last)."""
        self._move(-1)

    def action_next_tab(self) -> None:
        """Make the tab on the right active (from the last, the first)."""
        self._move(+1)

    def _move(self, direction: int) -> None:
        if not self._tabs:
            return
        index = self._index(self.active)
        if index is None:
            self.active = self._tabs[0 if direction == 1 else -1].id
            return
        self.active = self._tabs[(index + direction) % len(self._tabs)].id

    # Drawing --------------------------------------------------------------------------

    def _scroll(self, width: int) -> int:
        """Cells the row is moved left so that the active tab is in view: centred, as the
        row of `Tabs` scrolls, when the labels are wider than the row."""
        spans = self._spans()
        total = spans[-1][1] if spans else 0
        index = self._index(self.active)
        if total <= width or index is None:
            return 0
        start, end = spans[index]
        return max(0, min(total - width, (start + end) // 2 - width // 2))

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.rich_style
        scroll = self._scroll(width)
        if y == 0:
            # Blank cells take the background only, as around and between `Tab`s.
            blank = Style(bgcolor=base.bgcolor)
            segments = list(self._labels(base))
        elif y == 1:
            blank = base
            segments = [
                Segment(text, base + style if style else base, control)
                for text, style, control in self._bar(scroll + width)
            ]
        else:
            return Strip.blank(width, base)
        return Strip(segments).crop(scroll, scroll + width).adjust_cell_length(width, blank)

    def _labels(self, base: Style) -> Iterable[Segment]:
        """The labels, each in its tab's style between blanks of its background."""
        padding = " " * TAB_PADDING
        for index, tab in enumerate(self._tabs):
            names = ["tab-row--tab"]
            if index == self._hover:
                names.append("tab-row--hover")
            if tab.id == self.active:
                names.append("tab-row--active")
            style = self.get_component_rich_style(*names)
            around = Style(bgcolor=style.bgcolor)
            yield Segment(padding, around)
            yield Segment(tab.label, base + style)
            yield Segment(padding, around)

    def _bar(self, width: int) -> Iterable[Segment]:
        """The bar under the labels, `width` cells long, drawn by the underline's `Bar`."""
        style = self.get_component_rich_style("tab-row--bar")
        bar = Bar(
            highlight_range=(self.bar_start, self.bar_end),
            highlight_style=Style.from_color(style.color),
            background_style=Style.from_color(style.bgcolor),
            width=width,
        )
        console = self.app.console
        return console.render(bar, console.options.update_width(width))

    # The mouse ------------------------------------------------------------------------

    def _tab_at(self, x: int) -> int | None:
        x += self._scroll(self.size.width)
        return next((n for n, (start, end) in enumerate(self._spans()) if start <= x < end), None)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        hover = self._tab_at(event.x) if event.y == 0 else None
        if hover != self._hover:
            self._hover = hover
            self.refresh()

    def on_leave(self) -> None:
        if self._hover is not None:
            self._hover = None
            self.refresh()

    def on_click(self, event: events.Click) -> None:
        # A click on the bar chooses the tab above it, as in `Tabs`.
        index = self._tab_at(event.x)
        event.stop()
        self.focus()
        if index is not None:
            self.active = self._tabs[index].id
