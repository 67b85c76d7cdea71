"""A question opens at its top, and at 60x20 nothing of a question or its header is cut."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.containers import VerticalScroll
from textual.widgets import OptionList, Static

from course.core.model import Question
from course.locations import bundled_course_dir
from course.ui.app import CourseApp
from course.ui.screens.quiz import QuizScreen

from .helpers import answer_with_keys, build_app

BUNDLED = bundled_course_dir()


async def walk_quiz(
    data_dir: Path,
    language: str,
    lesson_id: str,
    size: tuple[int, int],
    check: Callable[[CourseApp, QuizScreen, Question], None],
) -> int:
    """Open each question of a quiz of the bundled course in turn and `check` it as it
    opens; the number of questions checked."""
    app = build_app(data_dir, language=language, root=BUNDLED)
    checked = 0
    async with app.run_test(size=size) as pilot:
        app.open_quiz(lesson_id)
        await pilot.pause()
        while isinstance(app.screen, QuizScreen):
            await pilot.pause()
            screen = app.screen
            assert screen.question is not None
            check(app, screen, screen.question)
            checked += 1
            await answer_with_keys(pilot, True)
            await pilot.press("n")
            await pilot.pause()
    return checked


def opens_at_its_top(app: CourseApp, screen: QuizScreen, question: Question) -> None:
    scroll = screen.query_one("#quiz-scroll", VerticalScroll)
    assert scroll.scroll_y == 0, f"{question.id} opened scrolled down by {scroll.scroll_y}"


@pytest.mark.parametrize(
    ("language", "lesson_id"),
    [
        ("en", "final-assessment"),
        ("de", "final-assessment"),
        ("de", "network-exercise"),
    ],
)
async def test_a_long_question_opens_at_its_top(
    data_dir: Path, language: str, lesson_id: str
) -> None:
    assert await walk_quiz(data_dir, language, lesson_id, (80, 24), opens_at_its_top)


def nothing_cut(app: CourseApp, screen: QuizScreen, question: Question) -> None:
    header = screen.query_one(".quiz-position", Static)
    points = app.t("quiz.one_point") if question.max_points == 1 else "Punkte"
    assert header.size.height >= 1
    lines = header.render_lines(header.region.reset_offset)
    shown = "".join(segment.text for line in lines for segment in line)
    assert points.split()[-1] in shown, f"{question.id}: the header shows only {shown!r}"
    for listing in screen.query(".side-by-side OptionList").results(OptionList):
        assert listing.max_scroll_y == 0, f"{question.id}: options cut off"


@pytest.mark.parametrize("lesson_id", ["party", "three-rules"])
async def test_at_60x20_no_option_and_no_points_are_cut_off(data_dir: Path, lesson_id: str) -> None:
    assert await walk_quiz(data_dir, "de", lesson_id, (60, 20), nothing_cut)
