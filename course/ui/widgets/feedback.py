"""The feedback shown after an answer is checked, written as Markdown."""

from __future__ import annotations

from collections.abc import Callable

from course.core.grading import (
    Answer,
    ChoiceAnswer,
    Grade,
    MatchAnswer,
    OrderAnswer,
    Outcome,
    TextAnswer,
)
from course.core.model import Question, QuestionType
from course.core.scoring import format_points

OUTCOME_KEYS = {
    Outcome.RIGHT: "quiz.right",
    Outcome.WRONG: "quiz.wrong",
    Outcome.PARTIAL: "quiz.partial",
    Outcome.UNGRADED: "quiz.ungraded",
}


def feedback_markdown(
    question: Question, given: Answer, judged: Grade, t: Callable[..., str]
) -> str:
    """What the learner reads after checking: the verdict, the feedback of each option they
    chose and of the right one, and the explanation."""
    parts = [f"**{t(OUTCOME_KEYS[judged.outcome])}**"]
    if judged.outcome is not Outcome.UNGRADED:
        # The noun follows the maximum: "1/1 point", "0/1 point", "2/3 points".
        earned = "quiz.earned_one" if judged.max_points == 1 else "quiz.earned"
        mark = t("decimal_mark")
        points, most = format_points(judged.points, mark), format_points(judged.max_points, mark)
        parts[0] += f" — {t(earned, points=points, max=most)}"
    kind = question.type
    if kind.is_choice:
        chosen = given.chosen if isinstance(given, ChoiceAnswer) else frozenset()
        for item in judged.feedback:
            mark = "✓" if item.right else "✗"
            label = t("quiz.you_chose") if item.option.index in chosen else t("quiz.right_answer")
            parts.append(
                f"{mark} **{label}:** {item.option.text}\n\n> {_quote(item.option.feedback)}"
            )
    elif kind is QuestionType.ORDERING and isinstance(given, OrderAnswer):
        positions = {option.index: n for n, option in enumerate(question.options, start=1)}
        lines = []
        for n, index in enumerate(given.order, start=1):
            option = question.options[index]
            if positions[index] == n:
                lines.append(f"{n}. ✓ {option.text} — {t('quiz.in_place')}")
            else:
                lines.append(
                    f"{n}. ✗ {option.text} — {t('quiz.out_of_place', position=positions[index])}"
                )
            if option.feedback and positions[index] != n:
                lines[-1] += f"\\\n   *{option.feedback}*"
        parts.append("\n".join(lines))
    elif kind is QuestionType.MATCHING and isinstance(given, MatchAnswer):
        lines = []
        for option in question.options:
            chosen_index = given.pairs.get(option.index)
            if chosen_index == option.index:
                lines.append(f"- ✓ {option.text} → {option.match}")
            else:
                picked = (
                    question.options[chosen_index].match
                    if chosen_index is not None
                    else t("quiz.unmatched")
                )
                lines.append(
                    f"- ✗ {option.text} → {picked} — {t('quiz.matched_wrong', match=option.match)}"
                )
                if option.feedback:
                    lines[-1] += f"\\\n  *{option.feedback}*"
        parts.append("\n".join(lines))
    elif kind is QuestionType.SHORT and isinstance(given, TextAnswer):
        parts.append(f"**{t('quiz.your_answer')}:** {given.text}")
        if judged.matched_option is not None and judged.matched_option.feedback:
            parts.append(f"> {_quote(judged.matched_option.feedback)}")
        if judged.outcome is not Outcome.RIGHT and question.right_options:
            right = question.right_options[0]
            parts.append(f"**{t('quiz.right_answer')}:** {right.text}")
            if right.feedback:
                parts.append(f"> {_quote(right.feedback)}")
    parts.append(f"**{t('quiz.explanation')}:** {judged.explanation}")
    return "\n\n".join(parts)


def _quote(text: str) -> str:
    return text.replace("\n", "\n> ")
