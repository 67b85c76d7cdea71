"""The button after a checked answer says "See results" only on the quiz's last question."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Button

from course.ui.screens.quiz import QuizScreen
from course.ui.screens.result import ResultScreen

from .helpers import answer_with_keys, build_app


async def test_see_results_is_offered_only_after_the_last_question(data_dir: Path) -> None:
    app = build_app(data_dir)
    async with app.run_test(size=(100, 40)) as pilot:
        app.open_quiz("water")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QuizScreen)
        total = len(screen.study.questions_of(screen.attempt, screen.quiz))
        assert total >= 2
        labels = []
        for _ in range(total):
            screen = app.screen
            assert isinstance(screen, QuizScreen)
            await answer_with_keys(pilot, True)
            labels.append(str(screen.query_one("#next-question", Button).label))
            await pilot.press("n")
            await pilot.pause()
        assert labels == [app.t("quiz.next")] * (total - 1) + [app.t("quiz.finish")]
        assert isinstance(app.screen, ResultScreen)
