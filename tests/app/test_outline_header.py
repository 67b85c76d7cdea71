"""The top of the outline, drawn by one widget: title, description, progress, and a
Continue button that a click presses; the Review button and the word at the course's end
come in only when they have something to say."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from textual.widgets import Button, Static

from course.ui.screens.lesson import LessonScreen
from course.ui.screens.outline import OutlineScreen
from course.ui.widgets.lesson_table import LessonTable
from course.ui.widgets.outline_header import OutlineHeader

from .helpers import build_app
from .test_snapshots import seed_answers

DAY_ONE = datetime(2026, 12, 4, 9, 0, tzinfo=UTC)
DAY_TWO = datetime(2026, 12, 5, 9, 30, tzinfo=UTC)


def header_text(header: OutlineHeader) -> list[str]:
    """The header's lines as drawn, without trailing blanks."""
    return [header.render_line(y).text.rstrip() for y in range(header.size.height)]


async def test_a_click_on_continue_opens_where_the_learner_left_off(data_dir: Path) -> None:
    app = build_app(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        header = app.screen.query_one(OutlineHeader)
        assert str(header.continue_label) == f"Start: {app.text.lessons[0].title}"
        middle = header.continue_lines[len(header.continue_lines) // 2]
        assert header_text(header)[middle].strip() == str(header.continue_label)
        await pilot.click(OutlineHeader, offset=(5, middle))
        await pilot.pause()
        assert isinstance(app.screen, LessonScreen)
        assert app.screen.lesson_id == app.text.lessons[0].id


async def test_a_click_on_the_title_does_not_continue(data_dir: Path) -> None:
    app = build_app(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        header = app.screen.query_one(OutlineHeader)
        assert header_text(header)[1] == app.course.title["en"]
        await pilot.click(OutlineHeader, offset=(2, 1))
        await pilot.pause()
        assert isinstance(app.screen, OutlineScreen)
        assert isinstance(app.focused, LessonTable)


async def test_the_continue_button_lights_up_under_the_mouse_only(data_dir: Path) -> None:
    app = build_app(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        header = app.screen.query_one(OutlineHeader)
        plain = header.render_line(header.continue_lines[0])
        await pilot.hover(OutlineHeader, offset=(5, header.continue_lines[0]))
        await pilot.pause()
        assert header.has_class("-continue-hover")
        assert header.render_line(header.continue_lines[0]) != plain
        await pilot.hover(OutlineHeader, offset=(5, 1))
        await pilot.pause()
        assert not header.has_class("-continue-hover")
        assert header.render_line(header.continue_lines[0]) == plain


async def test_title_and_description_wrap_at_a_narrow_page(data_dir: Path) -> None:
    app = build_app(data_dir)
    async with app.run_test(size=(30, 40)) as pilot:
        await pilot.pause()
        header = app.screen.query_one(OutlineHeader)
        assert header.size.width == 28  # a cell of margin on each side
        narrow = header_text(header)
        assert max(len(line) for line in narrow) <= 28
        description = " ".join(app.course.description["en"].split())
        assert description in " ".join(" ".join(narrow).split())
        await pilot.resize_terminal(80, 40)
        await pilot.pause()
        wide = header_text(header)
        assert wide[2] == description  # one line when there is room
        assert len(narrow) > len(wide)


async def test_the_review_button_comes_in_when_questions_are_due(data_dir: Path) -> None:
    app = build_app(data_dir)
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, OutlineScreen)
        assert not screen.query("#review")  # nothing due: not even composed
        study = app.study
        assert study is not None
        study.clock = lambda: DAY_ONE
        seed_answers(app, "water", [False, False, True, True])
        study.clock = lambda: DAY_TWO
        screen.refresh_progress()
        await pilot.pause()
        review = screen.query_one("#review", Button)
        assert review.display and str(review.label) == "Review: 2 due"
        # Under the Continue button, above the lessons; and Tab reaches it.
        header = screen.query_one(OutlineHeader)
        assert header.region.bottom < review.region.y < screen.query_one(LessonTable).region.y
        await pilot.press("tab")
        assert app.focused is review


async def test_the_course_end_is_said_once_every_lesson_is_done(data_dir: Path) -> None:
    app = build_app(data_dir)
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, OutlineScreen)
        assert not screen.query("#course-end")
        study = app.study
        assert study is not None
        for lesson in app.text.lessons:
            study.open_lesson(lesson.id)
            study.complete_lesson(lesson.id)
        screen.refresh_progress()
        await pilot.pause()
        end = screen.query_one("#course-end", Static)
        assert end.display and "objectives" in str(end.render()).lower()
        header = screen.query_one(OutlineHeader)
        assert header.has_class("-complete")  # the bar in the colour of a finished course
        assert "2 of 2" in header.progress_sentence


async def test_title_description_and_progress_can_be_selected_and_copied(
    data_dir: Path,
) -> None:
    app = build_app(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        header = app.screen.query_one(OutlineHeader)
        title, description = app.course.title["en"], app.course.description["en"]
        # From the title's fourth letter into the description's second line on the page.
        await pilot.mouse_down(OutlineHeader, offset=(3, 1))
        await pilot.hover(OutlineHeader, offset=(9, 2))
        await pilot.mouse_up(OutlineHeader, offset=(9, 2))
        await pilot.pause()
        assert app.screen.get_selected_text() == f"{title[3:]}\n{description[:10]}"
        # The selection is drawn: the selected letters look otherwise.
        selected = header.render_line(1)
        app.screen.clear_selection()
        await pilot.pause()
        assert header.render_line(1) != selected
        # Over the progress line too, as over the progress widget before.
        await pilot.mouse_down(OutlineHeader, offset=(0, 2))
        await pilot.hover(OutlineHeader, offset=(77, 4))
        await pilot.mouse_up(OutlineHeader, offset=(77, 4))
        await pilot.pause()
        copied = app.screen.get_selected_text()
        assert copied is not None
        assert copied.startswith(description) and copied.endswith(header.progress_sentence)
