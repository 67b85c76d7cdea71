"""Short answers are compared as words: plain text, no punctuation around them, and one
typo forgiven in longer words unless the author says `typos: no`."""

from __future__ import annotations

from pathlib import Path

import pytest

from course.core.grading import Outcome, grade
from course.core.kinds.short import normalise, one_typo_apart
from course.core.kinds.text import TextAnswer
from course.core.model import Option, Question
from course.i18n import Catalogue
from course.ui.widgets.feedback import feedback_markdown

from .course_files import edit, line_of, problems

QUIZ_EN = "quizzes/en/01-water.md"


def short(*accepted: str, wrong: tuple[str, ...] = (), typos: str | None = None) -> Question:
    """A short-answer question with these accepted and expected wrong answers."""
    options = tuple(Option(i, text, correct=True) for i, text in enumerate(accepted))
    options += tuple(
        Option(len(accepted) + i, text, feedback="Not that.") for i, text in enumerate(wrong)
    )
    return Question(
        id="word",
        kind="short",
        prompt="The market is a ___.",
        options=options,
        explanation="Markets talk.",
        objectives=("O1",),
        settings=(("typos", typos),) if typos is not None else (),
    )


@pytest.mark.parametrize("typed", ["market.", "Market!", "„market“", "(market)", " market ? "])
def test_punctuation_around_a_short_answer_does_not_count(typed: str) -> None:
    assert grade(short("market"), TextAnswer(typed)).outcome is Outcome.RIGHT


def test_punctuation_inside_a_short_answer_still_counts() -> None:
    assert grade(short("market", typos="no"), TextAnswer("mar.ket")).outcome is Outcome.WRONG


@pytest.mark.parametrize("accepted", ["*word*", "**word**", "`word`", "_word_"])
def test_an_accepted_answer_is_compared_as_plain_text_not_markdown(accepted: str) -> None:
    result = grade(short(accepted), TextAnswer("word"))

    assert result.outcome is Outcome.RIGHT
    assert not result.typo


@pytest.mark.parametrize(
    "typed",
    [
        "Conversaton",  # a letter missing
        "Conversattion",  # a letter extra
        "Conversetion",  # a letter wrong
        "Convresation",  # two neighbours swapped
    ],
)
def test_one_typo_in_a_long_answer_is_accepted_and_said(typed: str) -> None:
    result = grade(short("conversation"), TextAnswer(typed))

    assert (result.outcome, result.points) == (Outcome.RIGHT, 1)
    assert result.typo
    assert result.matched_option is not None and result.matched_option.text == "conversation"


def test_two_typos_are_not_accepted() -> None:
    assert grade(short("conversation"), TextAnswer("Convrsaton")).outcome is Outcome.WRONG


def test_a_typo_in_an_answer_of_fewer_than_six_letters_is_not_accepted() -> None:
    assert grade(short("harsh"), TextAnswer("harsj")).outcome is Outcome.WRONG
    assert grade(short("bitter"), TextAnswer("bittr")).outcome is Outcome.RIGHT


def test_an_author_can_switch_typo_tolerance_off() -> None:
    assert grade(short("conversation", typos="no"), TextAnswer("Conversaton")).outcome is (
        Outcome.WRONG
    )
    assert grade(short("conversation", typos="no"), TextAnswer("conversation.")).outcome is (
        Outcome.RIGHT
    )


def test_a_typo_as_close_to_an_expected_wrong_answer_is_not_accepted() -> None:
    question = short("mention", wrong=("mansion",))

    assert grade(question, TextAnswer("mantion")).outcome is Outcome.WRONG
    assert grade(question, TextAnswer("mansion")).matched_option == question.options[1]


def test_an_exact_expected_wrong_answer_wins_over_a_typo_of_an_accepted_one() -> None:
    question = short("bitters", wrong=("bitter",))

    result = grade(question, TextAnswer("Bitter"))

    assert result.outcome is Outcome.WRONG
    assert result.matched_option == question.options[1]


def test_an_exact_answer_is_no_typo() -> None:
    result = grade(short("conversation"), TextAnswer("Conversation"))

    assert result.outcome is Outcome.RIGHT and not result.typo


def test_one_typo_apart_is_a_damerau_levenshtein_distance_of_one() -> None:
    assert one_typo_apart("ab", "ba")
    assert one_typo_apart("abc", "abcd")
    assert one_typo_apart("abcd", "abc")
    assert one_typo_apart("abc", "abd")
    assert not one_typo_apart("abc", "abc")
    assert not one_typo_apart("abc", "cba")
    assert not one_typo_apart("abc", "a")
    assert normalise("  *Tea*  \n COSY!") == "tea cosy"


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("en", "Accepted with a typo: conversation"),
        ("de", "Mit einem Tippfehler angenommen: conversation"),
    ],
)
def test_the_feedback_says_a_typo_was_accepted(language: str, said: str) -> None:
    question = short("conversation")
    given = TextAnswer("Conversaton")

    shown = feedback_markdown(question, given, grade(question, given), Catalogue(language))

    assert said in shown


def test_the_feedback_of_an_exact_answer_mentions_no_typo() -> None:
    question = short("conversation")
    given = TextAnswer("conversation")

    shown = feedback_markdown(question, given, grade(question, given), Catalogue("en"))

    assert "typo" not in shown


# The `typos` setting in a quiz file


def test_typos_no_is_read_from_the_quiz_file(course: Path) -> None:
    from course.content import load_course

    edit(
        course,
        QUIZ_EN,
        "## green-tea-taste (short)\nobjectives: O1\n",
        "## green-tea-taste (short)\nobjectives: O1\ntypos: no\n",
    )

    loaded = load_course(course).course
    assert loaded is not None
    quiz = loaded.text("en").lesson("water")
    assert quiz is not None and quiz.quiz is not None
    question = quiz.quiz.question("green-tea-taste")
    assert question is not None and question.setting("typos") == "no"


def test_a_typos_value_that_is_not_yes_or_no_is_reported_at_the_heading(course: Path) -> None:
    edit(
        course,
        QUIZ_EN,
        "## green-tea-taste (short)\nobjectives: O1\n",
        "## green-tea-taste (short)\nobjectives: O1\ntypos: sometimes\n",
    )
    line = line_of(course, QUIZ_EN, "## green-tea-taste (short)")

    assert f"{QUIZ_EN}:{line}: typos must be 'yes' or 'no', not 'sometimes'" in problems(course)


def test_typos_on_a_question_of_another_kind_is_reported_at_the_heading(course: Path) -> None:
    edit(
        course,
        QUIZ_EN,
        "## black-tea-water (single)\nobjectives: O1\n",
        "## black-tea-water (single)\nobjectives: O1\ntypos: no\n",
    )
    line = line_of(course, QUIZ_EN, "## black-tea-water (single)")

    assert f"{QUIZ_EN}:{line}: 'typos' is not a setting of a single question" in problems(course)
