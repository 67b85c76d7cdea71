"""A table with a row cursor, drawn line by line: the outline's list of lessons and the
network workbench's list of people."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from rich.cells import cell_len, set_cell_size
from rich.control import strip_control_codes
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from course.ui.widgets.line_drawn import LineDrawn

CELL_PADDING = 1
"""Blank cells on each side of a cell's text, as in Textual's DataTable."""


class Column(NamedTuple):
    """One column of the table."""

    key: str
    """Names the column in code (`column_width`)."""
    label: str
    """Shown in the header."""
    width: int
    """Cells of text, without the padding."""


class Row(NamedTuple):
    """One row of the table."""

    key: str
    """Sent with `LessonTable.RowSelected`."""
    cells: tuple[str | Text, ...]
    """One per column: plain text (shown as it is, never read as markup), or Rich text
    with its own style."""


class RowMessage(Message):
    """Something happened to a row of a `LessonTable`."""

    def __init__(self, table: LessonTable, row_key: str) -> None:
        super().__init__()
        self.table = table
        """The table."""
        self.row_key = row_key
        """The key of the row."""

    @property
    def control(self) -> LessonTable:
        """The table (for `@on(..., "#id")`)."""
        return self.table


def _cell_text(cell: str | Text, width: int) -> str:
    """The characters of a cell of one style (plain text, or Rich text without spans) as
    `Text.truncate(width)` leaves them, filled to `width`: without building and rendering a
    `Text` for each cell of each line (about a third of drawing a line).

    Plain text is shown as it is: a title with "[" in it is no Rich markup. Like `Text`,
    it drops control codes.
    """
    if isinstance(cell, str):
        plain, overflow = strip_control_codes(cell), "fold"
    else:
        plain, overflow = cell.plain, cell.overflow or "fold"
    if overflow != "ignore" and cell_len(plain) > width:
        if overflow == "ellipsis":
            plain = set_cell_size(plain, width - 1) + "…"
        else:
            plain = set_cell_size(plain, width)
    return f"{plain}{' ' * (width - cell_len(plain))}"


class LessonTable(ScrollView, LineDrawn, can_focus=True):
    """Rows under a header, one line each, with a row cursor and zebra stripes: it looks and
    answers to keys and clicks like Textual's `DataTable` with `cursor_type="row"` and
    `zebra_stripes=True`.

    The `DataTable` renders each cell through Rich's layout machinery and keeps many caches
    for large tables; for a course's few lessons that was about a sixth of the start of
    the app. This table draws each line of a few short cells with Rich `Text` directly, in
    the same styles (its component classes are the `DataTable`'s, renamed), and only the
    lines on screen: the workbench's 150 people are shown as fast as 10. Without zebra
    stripes it looks like a `DataTable` without them.
    """

    DEFAULT_CSS = """
    LessonTable {
        background: $surface;
        color: $foreground;
        height: auto;
        max-height: 100%;

        &:focus {
            background-tint: $foreground 5%;
            & > .lesson-table--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
            & > .lesson-table--header {
                background-tint: $foreground 5%;
            }
        }
        &:dark {
            & > .lesson-table--even-row {
                background: $surface-darken-1 40%;
            }
        }
        & > .lesson-table--header {
            text-style: bold;
            background: $panel;
            color: $foreground;
        }
        &:ansi > .lesson-table--header {
            background: ansi_bright_blue;
            color: ansi_default;
        }
        & > .lesson-table--even-row {
            background: $surface-lighten-1 50%;
        }
        & > .lesson-table--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
        & > .lesson-table--hover {
            background: $block-hover-background;
        }
        & > .lesson-table--header-hover {
            background: $accent 30%;
        }
    }
    """
    COMPONENT_CLASSES = {
        "lesson-table--header",
        "lesson-table--even-row",
        "lesson-table--cursor",
        "lesson-table--hover",
        "lesson-table--header-hover",
    }
    BINDINGS = [
        Binding("enter", "select_cursor", "Select", show=False),
        Binding("up", "cursor_up", "Cursor up", show=False),
        Binding("down", "cursor_down", "Cursor down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("ctrl+home", "first_row", "Top", show=False),
        Binding("ctrl+end", "last_row", "Bottom", show=False),
        Binding("home", "scroll_home", "Home", show=False),
        Binding("end", "scroll_end", "End", show=False),
        Binding("left", "scroll_left", "Left", show=False),
        Binding("right", "scroll_right", "Right", show=False),
    ]

    cursor_row: reactive[int] = reactive(0, init=False)
    """The row under the cursor, from 0."""

    class RowHighlighted(RowMessage):
        """The cursor moved to another row (`row_key`: the row under the cursor)."""

    class RowSelected(RowMessage):
        """A row was chosen with Enter or a click on the row under the cursor."""

    def __init__(
        self, *, id: str | None = None, classes: str | None = None, zebra: bool = True
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.zebra = zebra
        """Whether every other row has a lighter background."""
        self._columns: tuple[Column, ...] = ()
        self._rows: tuple[Row, ...] = ()
        self._hover_row: int | None = None
        """The row under the mouse (-1: the header), while the mouse moves over the table."""
        self._drawn: dict[tuple[int, bool, bool, int], list[Segment]] = {}
        """Lines drawn since the content or the styles changed: by row, whether the cursor
        or the mouse is on it, and the width."""

    # Content ---------------------------------------------------------------------------

    def show(self, columns: Sequence[Column], rows: Sequence[Row]) -> None:
        """Show `rows` under a header of `columns`; the cursor stays on its row number."""
        self._columns = tuple(columns)
        self._rows = tuple(rows)
        self._drawn.clear()
        width = sum(column.width + 2 * CELL_PADDING for column in self._columns)
        self.virtual_size = Size(width, len(self._rows) + 1)
        self.set_reactive(LessonTable.cursor_row, self._clamp(self.cursor_row))
        self.refresh()

    @property
    def row_count(self) -> int:
        """Number of rows (the header not counted)."""
        return len(self._rows)

    @property
    def cursor_key(self) -> str | None:
        """The key of the row under the cursor, or None when there are no rows."""
        return self._rows[self.cursor_row].key if self._rows else None

    def get_row_at(self, index: int) -> tuple[str | Text, ...]:
        """The cells of row `index`."""
        return self._rows[index].cells

    def column_width(self, key: str) -> int:
        """Cells of text of the column `key` (without padding)."""
        return next(column.width for column in self._columns if column.key == key)

    def move_cursor(self, row: int) -> None:
        """Put the cursor on row `row` (clamped) and scroll it into view."""
        self.cursor_row = self._clamp(row)

    def _clamp(self, row: int) -> int:
        return max(0, min(row, len(self._rows) - 1))

    def watch_cursor_row(self) -> None:
        self._scroll_cursor_into_view()
        self.refresh()
        if self._rows:
            self.post_message(self.RowHighlighted(self, self._rows[self.cursor_row].key))

    def _scroll_cursor_into_view(self) -> None:
        rows_shown = max(1, self.scrollable_content_region.height - 1)  # under the header
        top = round(self.scroll_y)
        if self.cursor_row < top:
            self.scroll_to(y=self.cursor_row, animate=False)
        elif self.cursor_row >= top + rows_shown:
            self.scroll_to(y=self.cursor_row - rows_shown + 1, animate=False)

    # Drawing ---------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.base_style
        scroll_x, scroll_y = self.scroll_offset
        index = -1 if y == 0 else y - 1 + scroll_y  # the header stays on top
        if not self._columns or index >= len(self._rows):
            return Strip.blank(width, base)
        key = (index, index == self.cursor_row, index == self._hover_row, width)
        segments = self._drawn.get(key)
        if segments is None:
            segments = self._drawn[key] = self._line(index)
        return (
            Strip(segments)
            .crop(scroll_x, scroll_x + width)
            .adjust_cell_length(width, base)
            .simplify()
        )

    def _line(self, index: int) -> list[Segment]:
        """Row `index` (-1: the header) as the DataTable draws it: each cell padded, in the
        row's style under the cursor's or the mouse's, then the row's style to the edge."""
        if index == -1:
            row_style = self.get_component_rich_style("lesson-table--header")
            cells: Sequence[str | Text] = [column.label for column in self._columns]
        else:
            even = self.zebra and not index % 2
            # An odd row has the table's own style: DataTable's odd-row component class
            # has no rules of its own, and styling it cost as much as the others.
            row_style = (
                self.get_component_rich_style("lesson-table--even-row") if even else self.base_style
            )
            cells = self._rows[index].cells
        highlight = Style()
        if index == self._hover_row:
            highlight += self.get_component_rich_style("lesson-table--hover")
            if index == -1:
                highlight += self.get_component_rich_style("lesson-table--header-hover")
        if index == self.cursor_row and index != -1:
            highlight += self.get_component_rich_style("lesson-table--cursor")
        # The cursor's colour wins over a cell's own; a cell's own background over the
        # cursor's (DataTable's default cursor_foreground/background_priority).
        post = Style.from_color(color=highlight.color)
        pre = row_style + highlight
        console = self.app.console
        segments: list[Segment] = []
        for column_index, (column, cell) in enumerate(zip(self._columns, cells, strict=True)):
            style = pre + Style.from_meta({"row": index, "column": column_index})
            blank = style + post
            padding = Segment(" " * CELL_PADDING, blank)
            # The cell's own style (a done lesson's green mark and bold title), which
            # `Text.render` leaves to its caller, as DataTable's rendering applies it.
            own_style = (
                None if isinstance(cell, str) or not cell.style else console.get_style(cell.style)
            )
            under = style if own_style is None else style + own_style
            if isinstance(cell, str) or not cell.spans:
                shown = under + post  # `blank` when the cell has no style of its own
                segments += (padding, Segment(_cell_text(cell, column.width), shown), padding)
                continue
            text = cell.copy()
            text.truncate(column.width, overflow=text.overflow or "fold")
            segments.append(padding)
            segments.extend(
                Segment(part, under + own + post if own else under + post, None)
                for part, own, _control in text.render(console)
            )
            segments.append(Segment(" " * (column.width - text.cell_len + CELL_PADDING), blank))
        table_width = self.virtual_size.width
        rest = max(0, self.size.width - table_width)
        edge = Style.from_meta({"row": index, "column": 0, "out_of_bounds": True})
        segments.append(Segment(" " * rest, row_style + highlight + edge))
        return segments

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._drawn.clear()  # focus, theme: other colours

    # Keys and the mouse ----------------------------------------------------------------

    def action_cursor_up(self) -> None:
        self._hover_off()
        self.move_cursor(self.cursor_row - 1)

    def action_cursor_down(self) -> None:
        self._hover_off()
        self.move_cursor(self.cursor_row + 1)

    def action_page_up(self) -> None:
        self._hover_off()
        self.move_cursor(self.cursor_row - max(1, self.scrollable_content_region.height - 1))

    def action_page_down(self) -> None:
        self._hover_off()
        self.move_cursor(self.cursor_row + max(1, self.scrollable_content_region.height - 1))

    def action_first_row(self) -> None:
        self._hover_off()
        self.move_cursor(0)

    def action_last_row(self) -> None:
        self._hover_off()
        self.move_cursor(len(self._rows) - 1)

    def action_select_cursor(self) -> None:
        """Choose the row under the cursor."""
        self._hover_off()
        if self._rows:
            self.post_message(self.RowSelected(self, self._rows[self.cursor_row].key))

    def _hover_off(self) -> None:
        if self._hover_row is not None:
            self._hover_row = None
            self.refresh()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        row = event.style.meta.get("row")
        if row != self._hover_row:
            self._hover_row = row
            self.refresh()

    def on_leave(self) -> None:
        self._hover_off()

    def on_click(self, event: events.Click) -> None:
        row = event.style.meta.get("row")
        if row is None or row == -1:
            return
        event.stop()
        if row == self.cursor_row:
            self.post_message(self.RowSelected(self, self._rows[row].key))
        else:
            self.move_cursor(row)
