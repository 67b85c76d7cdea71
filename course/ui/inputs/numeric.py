"""A numeric question on screen: a field that takes a number (a point or a comma for
decimals), Enter checks; feedback with the accepted number."""

from __future__ import annotations

from rich.console import RenderableType

from course.core.grading import Answer, Grade
from course.core.kinds import kind_of
from course.core.kinds.numeric import read_number
from course.core.kinds.text import TextAnswer
from course.core.model import Option, Question
from course.ui.inputs import KindUI, register_ui
from course.ui.inputs.typed import TypedAnswerInput, typed_feedback
from course.ui.widgets.questions import Translate

TYPABLE = r"[-+−0-9.,eE ]*"
"""What the field lets a learner type: digits, a sign, a decimal point or comma."""


class NumericInput(TypedAnswerInput):
    """A field for a number; Enter checks."""

    placeholder_key = "quiz.number_placeholder"
    typable = TYPABLE


class NumericUI(KindUI):
    """A number to type."""

    name = "numeric"
    instruction_key = "quiz.numeric"
    input_class = NumericInput

    def feedback(self, question: Question, given: Answer, judged: Grade, t: Translate) -> list[str]:
        typed = given.text if isinstance(given, TextAnswer) else ""
        notes = [t("quiz.not_a_number")] if read_number(typed) is None else []
        return typed_feedback(question, given, judged, t, notes)

    def slide_options(
        self, question: Question, options: tuple[Option, ...], seed: int, revealed: bool
    ) -> tuple[list[str], RenderableType | None]:
        return [], None  # typed in: the options are the accepted numbers, not choices

    def slide_solution(self, question: Question, t: Translate) -> list[str]:
        return [
            "",
            f"**{t('presenter.right_answer')}:** {kind_of(question).solution_text(question)}",
        ]


register_ui(NumericUI())
