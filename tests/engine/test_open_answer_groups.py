"""Open answers put live are grouped by what they say, without the room's typing habits:
case, spaces and punctuation do not split a group."""

from __future__ import annotations

from course.core.grading import Outcome
from course.core.model import Option, Question
from course.store.classroom import LiveAnswer
from course.workshop.live import AnswerGroup, group_answers, group_key, shown_groups, tally


def make_question(kind: str, options: list[tuple[str, bool]]) -> Question:
    """A question of `kind` with these options (text, right)."""
    return Question(
        id="q",
        kind=kind,
        prompt="Green tea made too hot tastes ___.",
        options=tuple(Option(i, text, correct) for i, (text, correct) in enumerate(options)),
        explanation="Hot water draws out bitterness.",
        objectives=("O1",),
    )


def test_case_spaces_and_punctuation_make_no_new_group() -> None:
    groups = group_answers(["Trust!", " trust ", "TRUST", "trust.", "«Trust»"])
    assert groups == (AnswerGroup("trust", "Trust!", 5),)


def test_inner_spaces_and_punctuation_are_read_alike() -> None:
    assert group_key("  Open\tminds,  please ") == "open minds please"
    assert group_key("open-minds") == group_key("open minds") == "open minds"
    assert group_key("STRASSE") == group_key("straße")  # case folding, not lower()


def test_the_largest_group_comes_first_and_a_tie_keeps_the_order_given() -> None:
    groups = group_answers(["respect", "Trust", "honesty", "trust", "Respect"])
    assert [(g.key, g.count) for g in groups] == [("respect", 2), ("trust", 2), ("honesty", 1)]


def test_a_group_shows_its_most_common_spelling_with_its_spaces_collapsed() -> None:
    (group,) = group_answers(["TRUST", "trust", "Trust", "trust"])
    assert (group.text, group.count) == ("trust", 4)
    (long,) = group_answers(["  Trust   each other "])
    assert long.text == "Trust each other"


def test_blank_and_punctuation_only_answers_are_left_out() -> None:
    assert group_answers(["", "   ", "?!", "…"]) == ()


def test_hidden_groups_are_left_out_of_what_the_room_sees() -> None:
    groups = group_answers(["trust", "rude word", "respect"])
    assert [g.text for g in shown_groups(groups, {"rude word"})] == ["trust", "respect"]


def test_a_live_tally_of_a_short_answer_lists_its_groups() -> None:
    question = make_question("short", [("bitter", True), ("sweet", False)])
    answers = [
        LiveAnswer("ana", {"text": "Bitter!"}, Outcome.RIGHT, ""),
        LiveAnswer("ben", {"text": " bitter"}, Outcome.RIGHT, ""),
        LiveAnswer("", {"text": "sweet"}, Outcome.WRONG, ""),
    ]
    counted = tally(question, answers)
    assert [(g.text, g.count) for g in counted.groups] == [("Bitter!", 2), ("sweet", 1)]
    assert (counted.answered, counted.right, counted.wrong, counted.options) == (3, 2, 1, ())


def test_a_live_tally_of_a_choice_question_lists_no_groups() -> None:
    question = make_question("single", [("yes", True), ("no", False)])
    counted = tally(question, [LiveAnswer("ana", {"chosen": [0]}, Outcome.RIGHT, "")])
    assert counted.groups == () and [o.count for o in counted.options] == [1, 0]
