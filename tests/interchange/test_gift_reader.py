"""Reading Moodle's GIFT format: every construct of its documentation, and its mistakes."""

from __future__ import annotations

import pytest

from course.interchange.gift import (
    GiftAnswer,
    GiftKind,
    GiftQuestion,
    NumericAnswer,
    TextFormat,
    escape,
    read_gift,
)


def only(source: str) -> GiftQuestion:
    """The one question of `source`, which must read without problems."""
    result = read_gift(source)
    assert not result.problems, [p.format("q.gift") for p in result.problems]
    assert len(result.questions) == 1
    return result.questions[0]


def test_single_choice_with_feedback_and_title() -> None:
    question = only(
        "::Grant's tomb::Who's buried in Grant's tomb?"
        "{~Grant#No, he is not. =no one#Right! ~Jefferson}"
    )
    assert question.kind is GiftKind.MULTICHOICE
    assert question.title == "Grant's tomb"
    assert question.text == "Who's buried in Grant's tomb?"
    assert question.answers == (
        GiftAnswer("Grant", 0.0, "No, he is not."),
        GiftAnswer("no one", 1.0, "Right!"),
        GiftAnswer("Jefferson", 0.0),
    )


def test_multiple_answers_take_their_weights() -> None:
    question = only(
        "What two people are entombed in Grant's tomb? {\n"
        "   ~%-100%No one\n   ~%50%Grant\n   ~%50%Grant's wife\n   ~%-100%Grant's father\n}"
    )
    assert question.kind is GiftKind.MULTIPLE_ANSWERS
    assert [(a.text, a.fraction) for a in question.answers] == [
        ("No one", -1.0),
        ("Grant", 0.5),
        ("Grant's wife", 0.5),
        ("Grant's father", -1.0),
    ]


@pytest.mark.parametrize("word", ["T", "TRUE"])
def test_true_false_with_both_feedbacks(word: str) -> None:
    question = only(f"Grant was buried in a tomb in New York City.{{{word}#Wrong, sorry#Yes}}")
    assert question.kind is GiftKind.TRUE_FALSE
    assert question.answers == (
        GiftAnswer("true", 1.0, "Yes"),
        GiftAnswer("false", 0.0, "Wrong, sorry"),
    )


@pytest.mark.parametrize("word", ["F", "FALSE"])
def test_false_statement(word: str) -> None:
    question = only(f"The sun rises in the west.{{{word}}}")
    assert [(a.text, a.fraction) for a in question.answers] == [("true", 0.0), ("false", 1.0)]


def test_short_answer_with_several_accepted_answers() -> None:
    question = only("Who's buried in Grant's tomb?{=Grant =Ulysses S. Grant =%50%Ulysses#half}")
    assert question.kind is GiftKind.SHORT_ANSWER
    assert [(a.text, a.fraction, a.feedback) for a in question.answers] == [
        ("Grant", 1.0, ""),
        ("Ulysses S. Grant", 1.0, ""),
        ("Ulysses", 0.5, "half"),
    ]


def test_matching_pairs() -> None:
    question = only(
        "Match the following countries with their corresponding capitals. {\n"
        "   =Canada -> Ottawa\n   =Italy  -> Rome\n   =Japan  -> Tokyo\n}"
    )
    assert question.kind is GiftKind.MATCHING
    assert [(a.text, a.match) for a in question.answers] == [
        ("Canada", "Ottawa"),
        ("Italy", "Rome"),
        ("Japan", "Tokyo"),
    ]


@pytest.mark.parametrize(
    ("block", "number"),
    [
        ("{#2}", NumericAnswer(2, 2)),
        ("{#3.1415:0.0005}", NumericAnswer(3.141, 3.142)),
        ("{#3.141..3.142}", NumericAnswer(3.141, 3.142)),
        ("{#5..1}", NumericAnswer(1, 5)),
    ],
)
def test_numeric_answers_with_tolerance_or_range(block: str, number: NumericAnswer) -> None:
    question = only(f"What is the value of pi (to 3 decimal places)? {block}")
    assert question.kind is GiftKind.NUMERICAL
    (answer,) = question.answers
    assert answer.number is not None
    assert (answer.number.low, answer.number.high) == pytest.approx((number.low, number.high))


def test_numeric_answers_with_weights_and_feedback() -> None:
    question = only("When was Ulysses S. Grant born?{#\n   =1822:0#Right\n   =%50%1822:2#Close\n}")
    assert [(a.fraction, a.feedback) for a in question.answers] == [(1.0, "Right"), (0.5, "Close")]
    assert question.answers[1].number == NumericAnswer(1820, 1824)


def test_numeric_feedback_for_any_other_answer_is_a_warning_not_an_answers_feedback() -> None:
    # Moodle writes it so itself: `~#` after the answers is the feedback for a wrong number.
    result = read_gift("How many legs has a spider?{#\n\t=8#Right.\n\t~#Count again.\n}")
    (question,) = result.questions
    assert [(a.text, a.feedback) for a in question.answers] == [("8", "Right.")]
    (warning,) = result.problems
    assert warning.warning and warning.line == 1 and "Count again." in warning.message


def test_essay_and_description() -> None:
    result = read_gift("Write a short biography of Dag Hammarskjöld. {}\n\nJust a note to read.")
    essay, description = result.questions
    assert essay.kind is GiftKind.ESSAY and essay.text.startswith("Write a short biography")
    assert description.kind is GiftKind.DESCRIPTION and description.text == "Just a note to read."


def test_missing_word_puts_a_blank_where_the_answers_stood() -> None:
    question = only("Moodle costs {~lots of money =nothing ~a small amount} to download.")
    assert question.kind is GiftKind.MULTICHOICE
    assert question.missing_word
    assert question.text == "Moodle costs ___ to download."


def test_general_feedback_after_four_hashes() -> None:
    question = only(
        "2 + 2 = ?{=4 ~5 ####Count on your fingers.}".replace("2 + 2 = ?", "Two plus two?")
    )
    assert question.general_feedback == "Count on your fingers."
    assert [a.text for a in question.answers] == ["4", "5"]


def test_escaped_characters_are_literal() -> None:
    question = only(
        r"Which is a brace \{ or a colon \:?{=\{ left brace#a \# sign ~\~ tilde ~a \= b}"
    )
    assert question.text == "Which is a brace { or a colon :?"
    assert [a.text for a in question.answers] == ["{ left brace", "~ tilde", "a = b"]
    assert question.answers[0].feedback == "a # sign"


def test_text_formats() -> None:
    result = read_gift(
        "[markdown]Is **this** bold?{T}\n\n[html]<p>Is this a paragraph?</p>{T}\n\n"
        "[plain]Plain?{F}\n\n[1] is a footnote, not a format.{T}"
    )
    assert [q.text_format for q in result.questions] == [
        TextFormat.MARKDOWN,
        TextFormat.HTML,
        TextFormat.PLAIN,
        TextFormat.MOODLE,
    ]
    assert result.questions[0].text == "Is **this** bold?"
    assert result.questions[3].text == "[1] is a footnote, not a format."


def test_comments_and_categories() -> None:
    result = read_gift(
        "// a bank of questions\n$CATEGORY: tea/water\n\n"
        "// hint for the author\n::hot::Is boiling water right for green tea?{F}\n\n"
        "$CATEGORY: tea/time\n\nSteep black tea for minutes?{T}"
    )
    first, second = result.questions
    assert (first.category, first.comments, first.line) == (
        "tea/water",
        ("hint for the author",),
        5,
    )
    assert second.category == "tea/time"


def test_a_byte_order_mark_and_windows_line_ends_are_fine() -> None:
    question = only("\ufeff::q::Yes?\r\n{T}\r\n")
    assert question.title == "q" and question.kind is GiftKind.TRUE_FALSE


@pytest.mark.parametrize(
    ("source", "line", "words"),
    [
        ("\n\nWhat is it?{=a ~b\n\nNext?{T}", 3, "not closed"),
        ("What is it? =a ~b}", 1, "without an opening"),
        ("Match them.{=Canada -> Ottawa =Italy Rome}", 1, "'=left -> right'"),
        ("Which?{~%abc%a =b}", 1, "unknown weight '%abc%'"),
        ("Which?{~%150%a =b}", 1, "unknown weight '%150%'"),
        ("::unclosed title What?{T}", 1, "title"),
        ("How many?{#ten}", 1, "not a numeric answer"),
        ("Which?{=a =b ~c}", 1, "more than one answer"),
        ("Which?{a b c}", 1, "cannot tell the question type"),
        ("Two blocks?{T} and {F}", 1, "second '{'"),
    ],
)
def test_malformed_gift_gives_errors_with_lines(source: str, line: int, words: str) -> None:
    result = read_gift(source)
    assert result.errors, "expected an error"
    first = result.errors[0]
    assert first.line == line and words in first.message, first.format("bank.gift")
    assert first.format("bank.gift").startswith(f"bank.gift:{line}: ")


def test_a_broken_question_does_not_stop_the_others() -> None:
    result = read_gift("Broken?{=a\n\nFine?{T}")
    assert len(result.errors) == 1
    assert [q.text for q in result.questions] == ["Fine?"]


@pytest.mark.parametrize("text", ["a: b", "x = {y}", "50 % ~ #1", "back\\slash", "two\nlines"])
def test_escaped_text_reads_back_the_same(text: str) -> None:
    question = only(f"::t::{escape(text)}{{=yes ~no}}")
    assert question.text == text
