"""True or false on screen: the two answers in the author's words, one to choose."""

from __future__ import annotations

from course.core.model import Option, Question
from course.core.plaintext import plain_text
from course.ui.inputs import register_ui
from course.ui.inputs.choice import ChoiceUI, OneChoiceInput
from course.ui.widgets.questions import Translate


class TrueFalseUI(ChoiceUI):
    """Two options to choose from, named by the author."""

    name = "truefalse"
    instruction_key = "quiz.true_false"
    input_class = OneChoiceInput

    def instruction(self, question: Question, options: tuple[Option, ...], t: Translate) -> str:
        """With the two answers' own words, because the prompt often asks "true or false?"
        itself, and an author may call them otherwise."""
        if len(options) != 2:
            return t(self.instruction_key)
        first, second = (plain_text(option.text) for option in options)
        return t(self.instruction_key, first=first, second=second)


register_ui(TrueFalseUI())
