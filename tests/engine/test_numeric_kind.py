"""Numeric questions: a typed number is right when it lies in an accepted range; options
are numbers, numbers with a tolerance or ranges; a decimal comma is a decimal point."""

from __future__ import annotations

from pathlib import Path

import pytest

from course.content import load_course
from course.core.grading import Outcome, grade
from course.core.kinds.numeric import NumberRange, read_number, read_range
from course.core.kinds.text import TextAnswer
from course.core.model import Option, Question

from .course_files import line_of, problems

QUESTION_EN = """
## brew-minutes (numeric)
objectives: O2

How many minutes should black tea steep at most?

- [x] 4 ± 1
  Right: three to five minutes.
- [ ] 6 .. 20
  Too long: the tea turns bitter.

::: explanation
Black tea steeps for three to five minutes.
:::
"""
QUESTION_DE = QUESTION_EN.replace(
    "How many minutes should black tea steep at most?", "Wie viele Minuten höchstens?"
)


def numeric(*options: Option) -> Question:
    return Question(
        id="n",
        kind="numeric",
        prompt="How many?",
        options=options,
        explanation="Because.",
        objectives=("O1",),
    )


PI = numeric(
    Option(0, "3.14 ± 0.01", correct=True),
    Option(1, "3 .. 3.13", feedback="Close, but more digits."),
    Option(2, "22/7 is no option, 3.2", feedback="x"),  # unreadable: matches nothing
)


@pytest.mark.parametrize("typed", ["3.14", "3,14", " 3.141 ", "3.15", "+3.13"])
def test_a_number_in_the_accepted_range_is_right(typed: str) -> None:
    assert grade(PI, TextAnswer(typed)).outcome is Outcome.RIGHT


def test_an_expected_wrong_number_gets_its_own_feedback() -> None:
    judged = grade(PI, TextAnswer("3.1"))
    assert judged.outcome is Outcome.WRONG
    assert judged.matched_option is not None and judged.matched_option.feedback.startswith("Close")


@pytest.mark.parametrize("typed", ["", "pi", "3.14.15", "1.000,5", "inf", "nan", "1e999"])
def test_text_that_is_no_number_is_wrong(typed: str) -> None:
    judged = grade(PI, TextAnswer(typed))
    assert judged.outcome is Outcome.WRONG and judged.matched_option is None


def test_an_accepted_range_wins_over_an_overlapping_wrong_one() -> None:
    overlapping = numeric(Option(0, "5 .. 10", feedback="no"), Option(1, "7", correct=True))
    assert grade(overlapping, TextAnswer("7")).outcome is Outcome.RIGHT


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("1999", NumberRange(1999, 1999)),
        ("3.14 ± 0.01", NumberRange(3.13, 3.15)),
        ("3,14 +- 0,01", NumberRange(3.13, 3.15)),
        ("3.14 +/- 0.01", NumberRange(3.13, 3.15)),
        ("100 .. 95", NumberRange(95, 100)),
        ("−5 .. 5", NumberRange(-5, 5)),
        ("`42`", NumberRange(42, 42)),
    ],
)
def test_options_are_numbers_tolerances_or_ranges(text: str, span: NumberRange) -> None:
    found = read_range(text)
    assert found is not None
    assert (found.low, found.high) == pytest.approx((span.low, span.high))


@pytest.mark.parametrize("text", ["about 3", "3 to 4", "", "1..2..3"])
def test_other_option_texts_are_no_range(text: str) -> None:
    assert read_range(text) is None


def test_a_decimal_comma_and_a_minus_sign_are_read() -> None:
    assert read_number("−2,5") == -2.5


def add_question(course: Path) -> None:
    for language, question in (("en", QUESTION_EN), ("de", QUESTION_DE)):
        quiz = course / "quizzes" / language / "02-steeping.md"
        quiz.write_text(quiz.read_text(encoding="utf-8") + question, encoding="utf-8")


def test_a_numeric_question_loads_and_grades(course: Path) -> None:
    add_question(course)
    loaded = load_course(course)
    assert loaded.course is not None, [p.format() for p in loaded.errors]
    lesson = loaded.course.text("de").lesson("steeping")
    assert lesson is not None and lesson.quiz is not None
    question = lesson.quiz.question("brew-minutes")
    assert question is not None and question.kind == "numeric"
    assert grade(question, TextAnswer("4,5")).outcome is Outcome.RIGHT


def test_an_option_that_is_no_number_is_named_at_its_line(course: Path) -> None:
    add_question(course)
    quiz = course / "quizzes" / "en" / "02-steeping.md"
    quiz.write_text(
        quiz.read_text(encoding="utf-8").replace("- [ ] 6 .. 20", "- [ ] six or more"),
        encoding="utf-8",
    )
    line = line_of(course, "quizzes/en/02-steeping.md", "six or more")
    assert (
        f"quizzes/en/02-steeping.md:{line}: 'six or more' is not a number: write '3.14', "
        "'3.14 ± 0.01' or '3.1 .. 3.2'"
    ) in problems(course)
