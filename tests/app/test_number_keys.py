"""A list longer than nine is reached by its numbers: digits typed one after another are
one number, taken at once when no further digit could make a number in the list."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Static

from course.ui.number_keys import WAIT_SECONDS, NumberKeys


class Listing(App[None]):
    """Twelve numbered things, opened by their number."""

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[int] = []
        self.numbers: NumberKeys | None = None

    def compose(self) -> ComposeResult:
        yield Static("1. … 12.")

    def on_mount(self) -> None:
        self.numbers = NumberKeys(self.screen, lambda: 12, self.opened.append)

    def on_key(self, event: object) -> None:
        character = getattr(event, "character", None)
        if character and character.isdigit() and self.numbers is not None:
            self.numbers.digit(int(character))


async def test_two_digits_typed_one_after_another_open_the_twelfth() -> None:
    app = Listing()
    async with app.run_test() as pilot:
        await pilot.press("1", "2")
        assert app.opened == [12]


async def test_a_digit_no_further_digit_could_extend_opens_at_once() -> None:
    app = Listing()
    async with app.run_test() as pilot:
        await pilot.press("2")
        assert app.opened == [2]


async def test_a_one_waits_briefly_for_a_second_digit_then_opens_the_first() -> None:
    app = Listing()
    async with app.run_test() as pilot:
        await pilot.press("1")
        assert app.opened == []
        await pilot.pause(WAIT_SECONDS + 0.3)
        assert app.opened == [1]


async def test_numbers_beyond_the_list_and_zero_open_nothing() -> None:
    app = Listing()
    async with app.run_test() as pilot:
        await pilot.press("1", "3", "0")
        await pilot.pause(WAIT_SECONDS + 0.3)
        assert app.opened == []
