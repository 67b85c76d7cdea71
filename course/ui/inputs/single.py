"""Single choice on screen: a lettered list where choosing one unchooses the other."""

from __future__ import annotations

from course.core.grading import Answer
from course.core.model import Option, Question
from course.ui.inputs import register_ui
from course.ui.inputs.choice import ChoiceUI, OneChoiceInput
from course.ui.widgets.questions import QuestionInput, Translate


class SingleChoiceUI(ChoiceUI):
    """One option to choose."""

    name = "single"
    instruction_key = "quiz.choose_one"

    def make_input(
        self,
        question: Question,
        options: tuple[Option, ...],
        t: Translate,
        seed: int,
        given: Answer | None,
    ) -> QuestionInput:
        return OneChoiceInput(question, options, t, given=given)


register_ui(SingleChoiceUI())
