"""The command palette offers the course's commands, all in the learner's language."""

from __future__ import annotations

from pathlib import Path

from textual.command import CommandInput, CommandList, CommandPalette

from course.study import LessonStatus
from course.ui.screens.lesson import LessonScreen
from course.ui.screens.outline import OutlineScreen
from course.ui.screens.quiz import QuizScreen
from course.ui.widgets.lesson_table import LessonTable

from .helpers import build_app

SMALL = (80, 24)


async def test_every_palette_entry_is_in_german_for_a_german_learner(data_dir: Path) -> None:
    app = build_app(data_dir, language="de")
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Beenden (alles ist schon gespeichert)" in titles
        assert "Farbschema: aus allen wählen" in titles
        english = {"Quit", "Theme", "Keys", "Screenshot", "Maximize", "Minimize"}
        assert not english & set(titles)


async def test_a_palette_entry_opens_a_lesson(data_dir: Path) -> None:
    app = build_app(data_dir)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        entry = next(
            command
            for command in app.get_system_commands(app.screen)
            if command.title.startswith("Open lesson:") and "steep" in command.title.lower()
        )
        entry.callback()
        await pilot.pause()
        assert isinstance(app.screen, LessonScreen)
        assert app.screen.lesson_id == "steeping"


async def test_the_palettes_search_field_asks_in_the_learners_language(data_dir: Path) -> None:
    app = build_app(data_dir, language="de")
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        assert app.screen.query_one(CommandInput).placeholder == "Lektion oder Befehl suchen …"


async def test_the_palette_lists_lessons_in_course_order_each_with_its_quiz(
    data_dir: Path,
) -> None:
    app = build_app(data_dir)
    async with app.run_test(size=(100, 60)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause(0.5)
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        listing = palette.query_one(CommandList)
        shown = [
            str(listing.get_option_at_index(i).hit.text)
            for i in range(listing.option_count)  # type: ignore[attr-defined]
        ]
        expected: list[str] = []
        for lesson in app.text.lessons:
            expected.append(app.t("commands.open_lesson", title=lesson.title))
            if lesson.quiz is not None:
                expected.append(app.t("commands.open_quiz", title=lesson.title))
        assert [entry for entry in shown if entry in expected] == expected


async def test_a_palette_entry_opens_a_lessons_quiz(data_dir: Path) -> None:
    app = build_app(data_dir)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        lesson = next(lesson for lesson in app.text.lessons if lesson.quiz is not None)
        title = app.t("commands.open_quiz", title=lesson.title)
        entry = next(c for c in app.get_system_commands(app.screen) if c.title == title)
        entry.callback()
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen)
        assert app.screen.lesson_id == lesson.id


async def test_a_quiz_opened_from_the_palette_puts_its_lesson_in_progress(
    data_dir: Path,
) -> None:
    app = build_app(data_dir)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        lesson = next(lesson for lesson in app.text.lessons if lesson.quiz is not None)
        title = app.t("commands.open_quiz", title=lesson.title)
        entry = next(c for c in app.get_system_commands(app.screen) if c.title == title)
        entry.callback()
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, OutlineScreen)
        assert app.study.lesson_status(lesson.id) is LessonStatus.IN_PROGRESS
        table = app.screen.query_one("#lessons", LessonTable)
        row = app.text.lessons.index(lesson)
        assert str(table.get_row_at(row)[-1]) == app.t("outline.in_progress")
