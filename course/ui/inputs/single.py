"""Single choice on screen: a lettered list where choosing one unchooses the other."""

from __future__ import annotations

from course.ui.inputs import register_ui
from course.ui.inputs.choice import ChoiceUI, OneChoiceInput


class SingleChoiceUI(ChoiceUI):
    """One option to choose."""

    name = "single"
    instruction_key = "quiz.choose_one"
    input_class = OneChoiceInput


register_ui(SingleChoiceUI())
