"""The outline's lesson table: keys, clicks and scrolling, as a DataTable with a row cursor."""

from __future__ import annotations

from rich.color import Color
from rich.style import Style
from rich.text import Text
from textual.app import App, ComposeResult

from course.ui.widgets.lesson_table import Column, LessonTable, Row

COLUMNS = [Column("number", "#", 3), Column("title", "Title", 12)]


def rows(count: int) -> list[Row]:
    return [Row(f"lesson-{n}", (str(n), f"Lesson {n}")) for n in range(1, count + 1)]


class TableApp(App[None]):
    """One table of `count` rows, recording the rows chosen."""

    def __init__(self, count: int) -> None:
        super().__init__()
        self.count = count
        self.chosen: list[str] = []

    def compose(self) -> ComposeResult:
        yield LessonTable(id="table")

    def on_mount(self) -> None:
        table = self.query_one(LessonTable)
        table.show(COLUMNS, rows(self.count))
        table.focus()

    def on_lesson_table_row_selected(self, event: LessonTable.RowSelected) -> None:
        self.chosen.append(event.row_key)


def line(app: App[None], y: int) -> str:
    return app.query_one(LessonTable).render_line(y).text


async def test_arrows_move_the_cursor_and_enter_chooses_its_row() -> None:
    app = TableApp(3)
    async with app.run_test(size=(40, 10)) as pilot:
        table = app.query_one(LessonTable)
        assert table.cursor_row == 0
        await pilot.press("down", "down", "down")  # stops at the last row
        assert table.cursor_row == 2
        await pilot.press("up", "enter")
        await pilot.pause()
        assert app.chosen == ["lesson-2"]


async def test_a_click_moves_the_cursor_and_a_click_on_its_row_chooses_it() -> None:
    app = TableApp(3)
    async with app.run_test(size=(40, 10)) as pilot:
        table = app.query_one(LessonTable)
        await pilot.click(LessonTable, offset=(5, 3))  # line 0 is the header: row 3
        await pilot.pause()
        assert table.cursor_row == 2
        assert app.chosen == []
        await pilot.click(LessonTable, offset=(5, 3))
        await pilot.pause()
        assert app.chosen == ["lesson-3"]
        await pilot.click(LessonTable, offset=(5, 0))  # the header chooses nothing
        await pilot.pause()
        assert app.chosen == ["lesson-3"] and table.cursor_row == 2


async def test_the_header_stays_while_the_rows_scroll_to_the_cursor() -> None:
    app = TableApp(30)
    async with app.run_test(size=(40, 10)) as pilot:
        table = app.query_one(LessonTable)
        assert line(app, 0).startswith(" #    Title")
        await pilot.press("ctrl+end")
        await pilot.pause()
        assert table.cursor_row == 29
        assert line(app, 0).startswith(" #    Title")
        assert line(app, 9).startswith(" 30   Lesson 30")
        await pilot.press("pageup")
        await pilot.pause()
        assert table.cursor_row == 29 - 9  # a page: the lines under the header
        await pilot.press("ctrl+home")
        await pilot.pause()
        assert table.cursor_row == 0
        assert line(app, 1).startswith(" 1    Lesson 1")


async def test_showing_new_rows_keeps_the_cursor_on_its_row_number() -> None:
    app = TableApp(5)
    async with app.run_test(size=(40, 10)) as pilot:
        table = app.query_one(LessonTable)
        table.move_cursor(3)
        table.show(COLUMNS, rows(5))
        await pilot.pause()
        assert table.cursor_row == 3
        table.show(COLUMNS, rows(2))
        assert table.cursor_row == 1
        assert table.row_count == 2
        assert [str(cell) for cell in table.get_row_at(1)] == ["2", "Lesson 2"]
        assert table.column_width("title") == 12


async def test_a_long_cell_ends_with_an_ellipsis_or_is_cut() -> None:
    app = TableApp(0)
    async with app.run_test(size=(40, 10)) as pilot:
        table = app.query_one(LessonTable)
        long = "A very long lesson title"
        table.show(COLUMNS, [Row("x", ("1234", Text(long, overflow="ellipsis")))])
        await pilot.pause()
        assert line(app, 1).startswith(" 123  A very long… ")


async def test_a_cell_shows_its_text_as_it_is_without_control_codes_and_cut_to_width() -> None:
    app = TableApp(0)
    async with app.run_test(size=(40, 10)) as pilot:
        table = app.query_one(LessonTable)
        cells = ("[b]1", Text("Tab\x07 ○ 日本語 long"))
        table.show(COLUMNS, [Row("x", cells)])
        await pilot.pause()
        # No markup read, the bell dropped, the wide characters cut whole, as Text does.
        assert line(app, 1).startswith(" [b]  Tab ○ 日本語 ")


async def test_a_cell_in_a_style_of_its_own_is_drawn_in_it_and_the_cursor_colour_wins() -> None:
    app = TableApp(2)
    async with app.run_test(size=(40, 10)) as pilot:
        table = app.query_one(LessonTable)
        table.show(
            [Column("mark", "", 1), *COLUMNS],
            [
                Row("a", (Text("●", style="green"), "1", Text("Done", style="bold"))),
                Row("b", (Text("●", style="green"), "2", Text("Done", style="bold"))),
            ],
        )
        await pilot.pause()

        def style_of(y: int, text: str) -> Style:
            found = [s.style for s in table.render_line(y) if s.text.strip() == text]
            assert found and found[0] is not None
            return found[0]

        # Row 2 (line 2), without the cursor: the cell's own colour and weight.
        assert style_of(2, "●").color == Color.parse("green")
        assert style_of(2, "Done").bold
        # Row 1 (line 1) has the cursor: its colour wins, the weight stays.
        assert style_of(1, "●").color != Color.parse("green")
        assert style_of(1, "Done").bold
