"""The feedback shown after an answer is checked, written as Markdown."""

from __future__ import annotations

from collections.abc import Callable

from course.core.grading import Answer, Grade, Outcome
from course.core.model import Question
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
    """What the learner reads after checking: the verdict, what the question's kind says
    about the answer (`course.ui.inputs`), and the explanation."""
    from course.ui.inputs import ui_of  # the kinds' UI parts build on the widgets here

    parts = [f"**{t(OUTCOME_KEYS[judged.outcome])}**"]
    if judged.outcome is not Outcome.UNGRADED:
        # The noun follows the maximum: "1/1 point", "0/1 point", "2/3 points".
        earned = "quiz.earned_one" if judged.max_points == 1 else "quiz.earned"
        mark = t("decimal_mark")
        points, most = format_points(judged.points, mark), format_points(judged.max_points, mark)
        parts[0] += f" — {t(earned, points=points, max=most)}"
    parts.extend(ui_of(question).feedback(question, given, judged, t))
    parts.append(f"**{t('quiz.explanation')}:** {judged.explanation}")
    return "\n\n".join(parts)
