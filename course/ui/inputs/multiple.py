"""Multiple choice on screen: a lettered list of boxes that choosing ticks or unticks."""

from __future__ import annotations

from course.core.grading import Answer
from course.core.model import Option, Question
from course.ui.inputs import register_ui
from course.ui.inputs.choice import ChoiceListInput, ChoiceUI
from course.ui.widgets.questions import QuestionInput, Translate


class MultipleChoiceInput(ChoiceListInput):
    """Boxes that choosing ticks or unticks."""

    def mark(self, option: Option) -> str:
        return "[x]" if option.index in self.chosen else "[ ]"

    def choose(self, index: int) -> None:
        self.chosen ^= {index}


class MultipleChoiceUI(ChoiceUI):
    """Every option that applies to tick."""

    name = "multiple"
    instruction_key = "quiz.choose_many"

    def make_input(
        self,
        question: Question,
        options: tuple[Option, ...],
        t: Translate,
        seed: int,
        given: Answer | None,
    ) -> QuestionInput:
        return MultipleChoiceInput(question, options, t, given=given)


register_ui(MultipleChoiceUI())
