"""Grading answers to every question type of the example course."""

from __future__ import annotations

import json

import pytest
from conftest import EXAMPLE_COURSE

from course.content import load_course
from course.core.grading import (
    Answer,
    Outcome,
    answer_from_json,
    any_answer_from_json,
    empty_answer,
    grade,
    shuffled_options,
)
from course.core.kinds.choice import ChoiceAnswer
from course.core.kinds.matching import MatchAnswer, shuffled_matches
from course.core.kinds.ordering import OrderAnswer
from course.core.kinds.short import normalise
from course.core.kinds.text import TextAnswer
from course.core.model import Option, Question


@pytest.fixture(scope="module")
def questions() -> dict[str, Question]:
    """The English questions of the example course by id."""
    course = load_course(EXAMPLE_COURSE).course
    assert course is not None
    return {
        q.id: q
        for lesson in course.text("en").lessons
        if lesson.quiz
        for q in lesson.quiz.questions
    }


def chosen(*indexes: int) -> ChoiceAnswer:
    return ChoiceAnswer(frozenset(indexes))


# Single choice (worth 2 points) and true/false


def test_the_right_single_choice_earns_all_its_points(questions: dict[str, Question]) -> None:
    result = grade(questions["black-tea-water"], chosen(1))

    assert (result.outcome, result.points, result.max_points) == (Outcome.RIGHT, 2, 2)
    assert [(f.option.index, f.chosen, f.right) for f in result.feedback] == [(1, True, True)]
    assert result.explanation.startswith("Black tea wants water")


def test_wrong_answer_shows_feedback_for_chosen_option(questions: dict[str, Question]) -> None:
    result = grade(questions["black-tea-water"], chosen(0))

    assert (result.outcome, result.points) == (Outcome.WRONG, 0)
    assert [(f.option.index, f.chosen, f.right) for f in result.feedback] == [
        (0, True, False),
        (1, False, True),
    ]
    assert result.feedback[0].option.feedback.startswith("That suits green tea")


def test_two_choices_in_a_single_choice_question_are_wrong(
    questions: dict[str, Question],
) -> None:
    assert grade(questions["black-tea-water"], chosen(0, 1)).outcome is Outcome.WRONG


@pytest.mark.parametrize(("index", "outcome"), [(1, Outcome.RIGHT), (0, Outcome.WRONG)])
def test_true_false_is_right_or_wrong(
    questions: dict[str, Question], index: int, outcome: Outcome
) -> None:
    result = grade(questions["reboiled-water"], chosen(index))

    assert result.outcome is outcome
    assert result.points == (1 if outcome is Outcome.RIGHT else 0)


# Multiple choice: options 0 and 2 are right


@pytest.mark.parametrize(
    ("indexes", "outcome", "points"),
    [
        ((0, 2), Outcome.RIGHT, 1),
        ((0,), Outcome.PARTIAL, 0.67),
        ((0, 1, 2), Outcome.PARTIAL, 0.67),
        ((0, 1), Outcome.PARTIAL, 0.33),
        ((1,), Outcome.WRONG, 0),
        ((), Outcome.WRONG, 0),
    ],
)
def test_multiple_choice_is_judged_per_option(
    questions: dict[str, Question],
    indexes: tuple[int, ...],
    outcome: Outcome,
    points: float,
) -> None:
    result = grade(questions["bitter-tea"], chosen(*indexes))

    assert (result.outcome, result.points) == (outcome, points)


def test_multiple_choice_feedback_shows_chosen_and_right_options(
    questions: dict[str, Question],
) -> None:
    result = grade(questions["bitter-tea"], chosen(1))

    assert [(f.option.index, f.chosen, f.right) for f in result.feedback] == [
        (0, False, True),
        (1, True, False),
        (2, False, True),
    ]


# Ordering: the author's order is right


@pytest.mark.parametrize(
    ("order", "outcome", "points"),
    [
        ((0, 1, 2, 3), Outcome.RIGHT, 1),
        ((1, 0, 2, 3), Outcome.PARTIAL, 0.5),
        ((0, 1, 2), Outcome.PARTIAL, 0.75),
        ((3, 2, 1, 0), Outcome.WRONG, 0),
        ((), Outcome.WRONG, 0),
    ],
)
def test_ordering_is_judged_per_position(
    questions: dict[str, Question], order: tuple[int, ...], outcome: Outcome, points: float
) -> None:
    result = grade(questions["tea-steps"], OrderAnswer(order))

    assert (result.outcome, result.points) == (outcome, points)


def test_ordering_feedback_marks_the_items_in_place(questions: dict[str, Question]) -> None:
    result = grade(questions["tea-steps"], OrderAnswer((1, 0, 2, 3)))

    assert [(f.option.index, f.right) for f in result.feedback] == [
        (0, False),
        (1, False),
        (2, True),
        (3, True),
    ]
    assert result.feedback[0].option.feedback == "So that the water does not cool at once."


# Matching: each left side belongs to its own right side


@pytest.mark.parametrize(
    ("pairs", "outcome", "points"),
    [
        ({0: 0, 1: 1, 2: 2}, Outcome.RIGHT, 1),
        ({0: 0, 1: 2, 2: 1}, Outcome.PARTIAL, 0.33),
        ({0: 0}, Outcome.PARTIAL, 0.33),
        ({0: 1, 1: 2, 2: 0}, Outcome.WRONG, 0),
    ],
)
def test_matching_is_judged_per_pair(
    questions: dict[str, Question], pairs: dict[int, int], outcome: Outcome, points: float
) -> None:
    result = grade(questions["tea-and-water"], MatchAnswer(pairs))

    assert (result.outcome, result.points) == (outcome, points)
    assert [f.right for f in result.feedback] == [pairs.get(i) == i for i in range(3)]


# Short answer: "bitter" and "harsh" are accepted, "sweet" is an expected wrong answer


@pytest.mark.parametrize("text", ["bitter", "  BITTER ", "Harsh", "\tharsh\n"])
def test_a_short_answer_is_compared_without_case_and_extra_spaces(
    questions: dict[str, Question], text: str
) -> None:
    result = grade(questions["green-tea-taste"], TextAnswer(text))

    assert (result.outcome, result.points) == (Outcome.RIGHT, 1)
    assert result.matched_option is not None and result.matched_option.correct


def test_spaces_inside_a_short_answer_are_collapsed() -> None:
    short = Question(
        id="pot",
        kind="short",
        prompt="A ___ keeps the tea warm.",
        options=(Option(0, "Tea  Cosy", correct=True),),
        explanation="",
        objectives=("O1",),
    )

    assert grade(short, TextAnswer("  tea   cosy ")).outcome is Outcome.RIGHT
    assert normalise("  Tea \n  COSY ") == "tea cosy"


def test_an_expected_wrong_short_answer_returns_its_feedback(
    questions: dict[str, Question],
) -> None:
    result = grade(questions["green-tea-taste"], TextAnswer("Sweet"))

    assert (result.outcome, result.points) == (Outcome.WRONG, 0)
    assert result.matched_option is not None
    assert result.matched_option.feedback == (
        "No: hotter water brings out bitterness, not sweetness."
    )
    assert [(f.option.text, f.chosen, f.right) for f in result.feedback] == [
        ("bitter", False, True),
        ("sweet", True, False),
    ]


def test_an_unexpected_short_answer_is_wrong_and_shows_the_first_accepted_one(
    questions: dict[str, Question],
) -> None:
    result = grade(questions["green-tea-taste"], TextAnswer("salty"))

    assert result.outcome is Outcome.WRONG
    assert result.matched_option is None
    assert [f.option.text for f in result.feedback] == ["bitter"]


# Reflection


def test_a_reflection_is_not_graded(questions: dict[str, Question]) -> None:
    result = grade(questions["next-cup"], TextAnswer("More leaves, less time."))

    assert (result.outcome, result.points, result.max_points) == (Outcome.UNGRADED, 0, 0)
    assert result.feedback == ()
    assert result.explanation.startswith("There is no right answer")


# Every type


@pytest.mark.parametrize(
    "question_id",
    [
        "black-tea-water",
        "reboiled-water",
        "bitter-tea",
        "tea-steps",
        "tea-and-water",
        "green-tea-taste",
    ],
)
def test_no_answer_is_wrong(questions: dict[str, Question], question_id: str) -> None:
    question = questions[question_id]

    result = grade(question, empty_answer(question))

    assert (result.outcome, result.points) == (Outcome.WRONG, 0)
    assert result.max_points == question.points


def test_an_answer_of_the_wrong_kind_is_wrong_not_an_error(
    questions: dict[str, Question],
) -> None:
    assert grade(questions["black-tea-water"], TextAnswer("1")).outcome is Outcome.WRONG
    assert grade(questions["tea-steps"], chosen(0)).outcome is Outcome.WRONG
    assert grade(questions["tea-and-water"], OrderAnswer((0, 1, 2))).outcome is Outcome.WRONG
    assert grade(questions["green-tea-taste"], chosen(0)).outcome is Outcome.WRONG


# Shuffling


@pytest.mark.parametrize("question_id", ["black-tea-water", "bitter-tea", "tea-steps"])
def test_shuffled_options_are_the_same_for_the_same_seed(
    questions: dict[str, Question], question_id: str
) -> None:
    question = questions[question_id]

    first = shuffled_options(question, seed=1234)

    assert shuffled_options(question, seed=1234) == first
    assert sorted(first, key=lambda o: o.index) == list(question.options)
    assert first != question.options  # a shuffle that keeps the order is retried
    orders = {tuple(o.index for o in shuffled_options(question, seed)) for seed in range(30)}
    assert len(orders) > 1


def test_shuffled_matches_are_the_same_for_the_same_seed(
    questions: dict[str, Question],
) -> None:
    question = questions["tea-and-water"]

    assert shuffled_matches(question, 7) == shuffled_matches(question, 7)
    assert sorted(o.index for o in shuffled_matches(question, 7)) == [0, 1, 2]


@pytest.mark.parametrize("question_id", ["black-tea-time", "reboiled-water"])
def test_pinned_options_keep_the_authors_order(
    questions: dict[str, Question], question_id: str
) -> None:
    question = questions[question_id]

    for seed in range(20):
        assert shuffled_options(question, seed) == question.options


# Answers as JSON


@pytest.mark.parametrize(
    "answer",
    [
        ChoiceAnswer(frozenset({2, 0})),
        ChoiceAnswer(frozenset()),
        OrderAnswer((3, 1, 0, 2)),
        MatchAnswer({0: 2, 1: 0, 2: 1}),
        TextAnswer("  Bitter – and harsh ✓ "),
    ],
)
def test_an_answer_survives_a_json_round_trip(answer: Answer) -> None:
    data = json.loads(json.dumps(answer.to_json()))

    assert any_answer_from_json(data) == answer


def test_json_that_is_no_answer_is_refused() -> None:
    with pytest.raises(ValueError, match="not an answer"):
        any_answer_from_json({"colour": "green"})


def test_json_of_another_kind_is_no_answer_to_a_question(questions: dict[str, Question]) -> None:
    with pytest.raises(ValueError):
        answer_from_json(questions["black-tea-water"], {"text": "hot"})
