"""Taking a quiz in the real app with the keyboard: every question type, right and wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from course.core.grading import Outcome
from course.core.kinds import kind_names, kind_of
from course.ui.screens.quiz import QuizScreen
from course.ui.screens.result import ResultScreen

from .helpers import answer_with_keys, build_app

SIZE = (100, 40)


async def take_quiz(data_dir: Path, lesson_id: str, right: bool, seen: set[str]) -> ResultScreen:
    app = build_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        app.open_quiz(lesson_id)
        await pilot.pause()
        while isinstance(app.screen, QuizScreen):
            question = await answer_with_keys(pilot, right)
            seen.add(question.kind)
            screen = app.screen
            assert isinstance(screen, QuizScreen)
            assert screen.checked is not None, f"{question.id} was not checked"
            judged = screen.checked[1]
            if not kind_of(question).graded:
                assert judged.outcome is Outcome.UNGRADED
            else:
                expected = Outcome.RIGHT if right else Outcome.WRONG
                assert judged.outcome is expected, question.id
            await pilot.press("n")
            await pilot.pause()
        assert isinstance(app.screen, ResultScreen)
        return app.screen


@pytest.mark.parametrize("right", [True, False], ids=["right", "wrong"])
async def test_every_question_type_can_be_answered_with_the_keyboard(
    data_dir: Path, right: bool
) -> None:
    seen: set[str] = set()
    results = [await take_quiz(data_dir, lesson, right, seen) for lesson in ("water", "steeping")]
    assert seen == set(kind_names())
    for result in results:
        assert result.result.passed is right
