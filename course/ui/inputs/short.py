"""Short answer or cloze on screen: a text field where Enter checks; feedback with the
right answer, and a word when a typo was forgiven."""

from __future__ import annotations

from rich.console import RenderableType

from course.core.grading import Answer, Grade
from course.core.kinds import kind_of
from course.core.model import Option, Question
from course.ui.inputs import KindUI, register_ui
from course.ui.inputs.typed import TypedAnswerInput, typed_feedback
from course.ui.widgets.questions import Translate


class ShortAnswerInput(TypedAnswerInput):
    """A text field; Enter checks."""


class ShortAnswerUI(KindUI):
    """A word or a few to type."""

    name = "short"
    instruction_key = "quiz.short"
    input_class = ShortAnswerInput

    def feedback(self, question: Question, given: Answer, judged: Grade, t: Translate) -> list[str]:
        notes = []
        if judged.typo and judged.matched_option is not None:
            notes.append(t("quiz.typo_accepted", answer=judged.matched_option.text))
        return typed_feedback(question, given, judged, t, notes)

    def slide_options(
        self, question: Question, options: tuple[Option, ...], seed: int, revealed: bool
    ) -> tuple[list[str], RenderableType | None]:
        return [], None  # typed in: the options are the accepted answers, not choices to show

    def slide_solution(self, question: Question, t: Translate) -> list[str]:
        right = question.right_options
        if not right:
            return []
        key = "presenter.right_answer" if len(right) == 1 else "presenter.accepted_answers"
        return ["", f"**{t(key)}:** {kind_of(question).solution_text(question)}"]


register_ui(ShortAnswerUI())
