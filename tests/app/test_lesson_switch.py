"""Next and Previous show the other lesson in the same screen, and lose nothing of the last."""

from __future__ import annotations

from pathlib import Path

from textual.containers import VerticalScroll
from textual.widgets import Static, TextArea

from course.ui.screens.lesson import LessonScreen
from course.ui.screens.outline import OutlineScreen
from course.ui.screens.quiz import QuizScreen
from course.ui.screens.result import ResultScreen
from course.ui.widgets.key_bar import KeyBar
from course.ui.widgets.lesson_table import LessonTable

from .helpers import answer_with_keys, build_app, settle, type_text

SMALL = (80, 24)


def lesson_screen(screen: object) -> LessonScreen:
    assert isinstance(screen, LessonScreen), f"expected a lesson, got {screen!r}"
    return screen


async def test_next_keeps_the_screen_and_its_keys_and_shows_the_next_lesson(
    data_dir: Path,
) -> None:
    app = build_app(data_dir)
    async with app.run_test(size=SMALL) as pilot:
        app.open_lesson("water")
        await pilot.pause()
        screen = lesson_screen(app.screen)
        bar = screen.query_one(KeyBar)
        keys = str(bar.render())

        await pilot.press("n")
        await pilot.pause()

        assert app.screen is screen
        assert screen.lesson_id == "steeping"
        assert screen.query_one(KeyBar) is bar
        # The same keys, but "Next" (the second lesson is the example's last) and with
        # "Network" (its exercise is a network map: the workbench is a key away).
        expected = keys.replace(" n Next ", " ").replace(" l Links ", " l Links w Network ")
        assert str(bar.render()).split() == expected.split()
        steeping = app.text.lesson("steeping")
        assert steeping is not None
        assert steeping.title in str(screen.query_one("#lesson-title", Static).render())
        assert "Lesson 2 of 2" in str(screen.query_one("#lesson-position", Static).render())
        assert screen.query_one("#start-quiz").display is (steeping.quiz is not None)
        assert screen.query_one("#sources").display is bool(steeping.sources)
        assert screen.query_one("#exercise").display is bool(steeping.exercise)
        assert screen.query_one("#reader", VerticalScroll).scroll_y == 0
        assert screen.focused is screen.query_one("#reader")
        await settle(app, pilot)
        assert app.study.continue_place() is not None
        assert app.study.continue_place().lesson_id == "steeping"  # type: ignore[union-attr]


async def test_the_left_lesson_keeps_its_place_and_reflection_and_gets_them_back(
    data_dir: Path,
) -> None:
    app = build_app(data_dir)
    async with app.run_test(size=SMALL) as pilot:
        app.open_lesson("water")
        await pilot.pause()
        screen = lesson_screen(app.screen)
        await pilot.press("r")
        await type_text(pilot, "cold water")
        await pilot.press("escape")  # back to the text, so that n means "Next"
        reader = screen.query_one("#reader", VerticalScroll)
        reader.scroll_to(y=reader.max_scroll_y // 2, animate=False)
        await pilot.pause()

        await pilot.press("n")
        await pilot.pause()

        assert screen.lesson_id == "steeping"
        await settle(app, pilot)
        assert app.study.reflection("water") == "cold water"
        assert 0.3 < app.study.position("water") < 0.7
        progress = app.store.lessons(app.study.learner.id, app.course.id)["water"]
        assert progress.seconds > 0
        area = screen.query_one("#reflection", TextArea)
        assert area.text == app.study.reflection("steeping") == ""
        assert str(screen.query_one("#saved-state", Static).render()) == ""

        await pilot.press("p")
        await pilot.pause()
        await pilot.pause()

        assert screen.lesson_id == "water"
        assert area.text == "cold water"
        assert reader.scroll_y > 0
        await settle(app, pilot)
        assert app.study.reflection("steeping") == ""  # loading a text saves nothing


async def test_back_to_the_outline_shows_the_lessons_read_in_this_screen(data_dir: Path) -> None:
    app = build_app(data_dir)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        app.open_lesson("water")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()

        assert isinstance(app.screen, OutlineScreen)
        table = app.screen.query_one("#lessons", LessonTable)
        statuses = [str(table.get_row_at(row)[-1]) for row in range(table.row_count)]
        assert statuses == ["in progress", "in progress"]


async def test_the_outline_is_the_bottom_screen_and_every_way_back_leads_to_it(
    data_dir: Path,
) -> None:
    app = build_app(data_dir)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert [type(s) for s in app.screen_stack] == [OutlineScreen]
        app.open_lesson("water")
        await pilot.pause()
        app.open_quiz("water")  # from the lesson: the lesson is closed first
        await pilot.pause()
        assert [type(s).__name__ for s in app.screen_stack] == ["OutlineScreen", "QuizScreen"]
        while isinstance(app.screen, QuizScreen):
            await answer_with_keys(pilot, True)
            await pilot.press("n")
            await pilot.pause()
        assert isinstance(app.screen, ResultScreen)
        await pilot.click("#outline")
        await pilot.pause()
        assert [type(s) for s in app.screen_stack] == [OutlineScreen]
