"""Item analysis: facility, discrimination and the options a class chose, by hand."""

from __future__ import annotations

import pytest

from course.workshop.item_analysis import FirstAnswer, figure_text, item_analysis, options_text

# Eleven learners, two questions. Q1 is a single-choice question (option 1 right):
# the five best learners got it right, the others chose option 0, except K (option 2).
# Q2 is a right/wrong question that only the weakest learners got right.
LEARNERS = "ABCDEFGHIJK"
TOTALS_BEFORE = {name: 10 - index for index, name in enumerate(LEARNERS)}  # A best, K worst


def class_answers() -> list[FirstAnswer]:
    answers = []
    for index, learner in enumerate(LEARNERS):
        right = index < 5
        chosen = 1 if right else (2 if learner == "K" else 0)
        answers.append(FirstAnswer(learner, "q1", 1.0 if right else 0.0, frozenset({chosen})))
        answers.append(FirstAnswer(learner, "q2", 1.0 if index >= 8 else 0.0))
        # Five more questions that order the class from A (best) to K (worst) by total.
        answers += [FirstAnswer(learner, f"r{n}", TOTALS_BEFORE[learner] / 10) for n in range(5)]
    return answers


def test_facility_is_the_share_of_points_the_class_earned() -> None:
    q1, q2 = item_analysis(class_answers(), ["q1", "q2"])
    assert q1.answered == 11 and q1.right == 5
    assert q1.facility == pytest.approx(5 / 11, abs=1e-4)
    assert q2.facility == pytest.approx(3 / 11, abs=1e-4)


def test_discrimination_compares_the_upper_and_lower_27_percent() -> None:
    # 27 % of 11 learners is 2.97: three in each group. Totals (five rank questions, q1,
    # q2): A 6, B 5.5, C 5, D 4.5, E 4, F 2.5, G 2, I 2, H 1.5, J 1.5, K 1 (ties by name).
    # Upper: A, B, C; lower: H, J, K.
    # q1: upper 3/3 right, lower 0/3 → 1.0. q2: upper 0/3, lower 2/3 (J, K) → -0.6667.
    questions = ["q1", "q2", *(f"r{n}" for n in range(5))]
    q1, q2, *_ = item_analysis(class_answers(), questions)
    assert q1.discrimination == 1.0
    assert q2.discrimination == pytest.approx(-2 / 3, abs=1e-4)


def test_option_counts_show_the_distractor_that_fooled_the_room() -> None:
    (q1,) = item_analysis(class_answers(), ["q1"], {"q1": [False, True, False]})
    assert [(o.index, o.chosen_by, o.correct) for o in q1.options] == [
        (0, 5, False),
        (1, 5, True),
        (2, 1, False),
    ]
    assert q1.fooling_option is not None and q1.fooling_option.index == 0


def test_partly_right_answers_count_by_their_share_of_points() -> None:
    answers = [FirstAnswer("A", "m", 0.5), FirstAnswer("B", "m", 1.0), FirstAnswer("C", "m", 0.0)]
    (m,) = item_analysis(answers, ["m"])
    assert m.facility == 0.5 and m.right == 1


def test_a_small_class_or_an_unanswered_question_gives_no_figure_to_trust() -> None:
    answers = [FirstAnswer("A", "q", 1.0), FirstAnswer("B", "q", 0.0)]
    q, unanswered = item_analysis(answers, ["q", "nobody"])
    assert q.discrimination is None  # one learner per group says nothing
    assert unanswered.facility is None and unanswered.answered == 0


def test_figures_show_two_decimals_in_the_languages_mark_with_a_true_minus() -> None:
    assert figure_text(-2 / 3) == "−0.67"
    assert figure_text(0.6, ",") == "0,60"
    assert figure_text(-0.001) == "0.00"  # no minus before a figure that shows as nought
    assert figure_text(None) == "–"


def test_the_options_cell_counts_each_option_in_quiz_file_order_and_marks_the_right() -> None:
    (q1,) = item_analysis(class_answers(), ["q1"], {"q1": [False, True, False]})
    assert options_text(q1) == "5·5✓·1"
