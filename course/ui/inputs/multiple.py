"""Multiple choice on screen: a lettered list of boxes that choosing ticks or unticks."""

from __future__ import annotations

from course.core.model import Option
from course.ui.inputs import register_ui
from course.ui.inputs.choice import ChoiceListInput, ChoiceUI


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
    input_class = MultipleChoiceInput


register_ui(MultipleChoiceUI())
