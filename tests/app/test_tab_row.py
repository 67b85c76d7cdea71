"""The workbench's row of tabs: it looks like Textual's `Tabs` and answers to the same keys
and clicks."""

from __future__ import annotations

from rich.style import Style
from textual.app import App, ComposeResult
from textual.widgets import Tabs

from course.ui.widgets.tab_row import TabLabel, TabRow

LABELS = ("People", "Ties", "Answers")
SIZE = (40, 4)


class RowsApp(App[None]):
    """Textual's tabs on lines 0 and 1, the row on lines 2 and 3, the same labels."""

    AUTO_FOCUS = None  # neither is focused until a test says so

    def __init__(self) -> None:
        super().__init__()
        self.activated: list[str] = []

    def compose(self) -> ComposeResult:
        yield Tabs(*LABELS, id="tabs")
        yield TabRow([TabLabel(f"tab-{n}", label) for n, label in enumerate(LABELS, 1)])

    def on_tab_row_tab_activated(self, event: TabRow.TabActivated) -> None:
        self.activated.append(event.tab)


def cells(app: App[None], first: int) -> list[list[tuple[str, str]]]:
    """Each cell of two screen lines from `first`: its character and its colours and
    attributes (what a click does is no part of the look)."""
    strips = app.screen._compositor.render_strips()[first : first + 2]
    return [
        [(char, str(segment.style or Style())) for segment in strip for char in segment.text]
        for strip in strips
    ]


async def test_the_row_looks_like_textual_tabs_focused_or_not() -> None:
    app = RowsApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.5)  # the underline of `Tabs` is placed after its first paint
        assert cells(app, 2) == cells(app, 0)
        app.query_one(Tabs).focus()
        await pilot.pause()
        tabs_focused = cells(app, 0)
        app.query_one(TabRow).focus()
        await pilot.pause()
        assert cells(app, 2) == tabs_focused


async def test_the_row_looks_like_textual_tabs_on_another_tab_and_under_the_mouse() -> None:
    app = RowsApp()
    async with app.run_test(size=SIZE) as pilot:
        app.query_one(Tabs).active = "tab-2"
        app.query_one(TabRow).active = "tab-2"
        await pilot.pause(0.6)  # both bars slide to the new tab
        assert cells(app, 2) == cells(app, 0)
        await pilot.hover(Tabs, offset=(1, 0))
        tabs_hovered = cells(app, 0)
        await pilot.hover(TabRow, offset=(1, 0))
        assert cells(app, 2) == tabs_hovered


async def test_left_and_right_move_between_the_tabs_and_wrap_around() -> None:
    app = RowsApp()
    async with app.run_test(size=SIZE) as pilot:
        row = app.query_one(TabRow)
        row.focus()
        await pilot.press("right", "right")
        assert row.active == "tab-3"
        await pilot.press("right")
        assert row.active == "tab-1"
        await pilot.press("left")
        await pilot.pause()
        assert row.active == "tab-3"
        assert app.activated == ["tab-2", "tab-3", "tab-1", "tab-3"]


async def test_a_click_on_a_label_or_the_bar_under_it_chooses_that_tab() -> None:
    app = RowsApp()
    async with app.run_test(size=SIZE) as pilot:
        row = app.query_one(TabRow)
        await pilot.click(TabRow, offset=(10, 0))  # " People " is 8 cells, then " Ties "
        assert row.active == "tab-2"
        assert row.has_focus
        await pilot.click(TabRow, offset=(16, 1))  # the bar under " Answers "
        assert row.active == "tab-3"
        await pilot.click(TabRow, offset=(35, 0))  # right of the labels: no tab
        assert row.active == "tab-3"
