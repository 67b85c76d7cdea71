"""Points are counted in words that fit the number: "1/1 point" but "0/2 points" after a
question, and the same on the results screen, in English and in German."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Static

from course.core.grading import grade
from course.core.kinds.matching import MatchAnswer
from course.core.model import Question
from course.i18n import Catalogue
from course.ui.screens.result import ResultScreen
from course.ui.widgets.feedback import feedback_markdown

from .helpers import build_app, load
from .test_snapshots import given_answer


def water_question(language: str, question_id: str) -> Question:
    """A question of the example course's water quiz."""
    quiz = load().text(language).lesson("water").quiz  # type: ignore[union-attr]
    assert quiz is not None
    question = quiz.question(question_id)
    assert question is not None
    return question


def verdict(language: str, question_id: str, right: bool) -> str:
    """The first line of the feedback after answering the question right or wrong."""
    question = water_question(language, question_id)
    given = given_answer(question, right)
    return feedback_markdown(question, given, grade(question, given), Catalogue(language))


@pytest.mark.parametrize(
    ("language", "question_id", "right", "expected"),
    [
        ("en", "reboiled-water", True, "1/1 point"),
        ("en", "reboiled-water", False, "0/1 point"),
        ("en", "black-tea-water", True, "2/2 points"),
        ("en", "black-tea-water", False, "0/2 points"),
        ("de", "reboiled-water", True, "1 von 1 Punkt"),
        ("de", "reboiled-water", False, "0 von 1 Punkt"),
        ("de", "black-tea-water", True, "2 von 2 Punkten"),
        ("de", "black-tea-water", False, "0 von 2 Punkten"),
    ],
)
def test_feedback_counts_points_in_singular_or_plural(
    language: str, question_id: str, right: bool, expected: str
) -> None:
    first = verdict(language, question_id, right).split("\n\n", 1)[0]
    assert first.endswith(f" — {expected}")


@pytest.mark.parametrize(
    ("language", "most", "expected"),
    [
        ("en", 1, "1/1 point (100 %)"),
        ("en", 5, "5/5 points (100 %)"),
        ("de", 1, "1 von 1 Punkt (100 %)"),
        ("de", 5, "5 von 5 Punkten (100 %)"),
    ],
)
async def test_results_score_counts_points_in_singular_or_plural(
    data_dir: Path, language: str, most: int, expected: str
) -> None:
    app = build_app(data_dir, language=language)
    async with app.run_test(size=(100, 40)) as pilot:
        quiz = app.text.lesson("water").quiz  # type: ignore[union-attr]
        assert quiz is not None
        result = app.study.result(app.study.attempt(quiz))
        app.push_screen(ResultScreen("water", result._replace(points=most, max_points=most)))
        await pilot.pause()
        assert str(app.screen.query_one("#score", Static).render()) == expected


@pytest.mark.parametrize(
    ("language", "expected"), [("en", "0.33/1 point"), ("de", "0,33 von 1 Punkt")]
)
def test_part_points_are_written_with_the_languages_decimal_mark(
    language: str, expected: str
) -> None:
    question = water_question(language, "tea-and-water")  # matching: a share per pair
    first, second, *rest = (option.index for option in question.options)
    given = MatchAnswer({first: second, second: first, **{index: index for index in rest}})
    first_line = feedback_markdown(question, given, grade(question, given), Catalogue(language))
    assert first_line.split("\n\n", 1)[0].endswith(f" — {expected}")
