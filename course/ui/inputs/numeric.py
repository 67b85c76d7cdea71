"""A numeric question on screen: a field that takes a number (a point or a comma for
decimals), Enter checks; feedback with the accepted number."""

from __future__ import annotations

from rich.console import RenderableType
from textual import on
from textual.app import ComposeResult
from textual.widgets import Input

from course.core.grading import Answer, Grade, Outcome
from course.core.kinds import kind_of
from course.core.kinds.numeric import read_number
from course.core.kinds.text import TextAnswer
from course.core.model import Option, Question
from course.ui.inputs import KindUI, quote, register_ui
from course.ui.widgets.questions import QuestionInput, Translate

TYPABLE = r"[-+−0-9.,eE ]*"
"""What the field lets a learner type: digits, a sign, a decimal point or comma."""


class NumericInput(QuestionInput):
    """A field for a number; Enter checks."""

    def compose(self) -> ComposeResult:
        given = self.given.text if isinstance(self.given, TextAnswer) else ""
        yield Input(
            given,
            placeholder=self.t("quiz.number_placeholder"),
            restrict=TYPABLE,
            id="typed-number",
            select_on_focus=False,
        )

    @on(Input.Submitted, "#typed-number")
    def submitted(self) -> None:
        self.post_message(self.Submitted())

    def answer(self) -> Answer | None:
        text = self.query_one(Input).value
        return TextAnswer(text) if text.strip() else None


class NumericUI(KindUI):
    """A number to type."""

    name = "numeric"
    instruction_key = "quiz.numeric"

    def make_input(
        self,
        question: Question,
        options: tuple[Option, ...],
        t: Translate,
        seed: int,
        given: Answer | None,
    ) -> QuestionInput:
        return NumericInput(question, options, t, given=given)

    def feedback(self, question: Question, given: Answer, judged: Grade, t: Translate) -> list[str]:
        if not isinstance(given, TextAnswer):
            return []
        parts = [f"**{t('quiz.your_answer')}:** {given.text}"]
        if read_number(given.text) is None:
            parts.append(t("quiz.not_a_number"))
        if judged.matched_option is not None and judged.matched_option.feedback:
            parts.append(f"> {quote(judged.matched_option.feedback)}")
        if judged.outcome is not Outcome.RIGHT and question.right_options:
            right = question.right_options[0]
            parts.append(f"**{t('quiz.right_answer')}:** {right.text}")
            if right.feedback:
                parts.append(f"> {quote(right.feedback)}")
        return parts

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
