"""Short answer or cloze on screen: a text field where Enter checks; feedback with the
right answer, and a word when a typo was forgiven."""

from __future__ import annotations

from rich.console import RenderableType
from textual import on
from textual.app import ComposeResult
from textual.widgets import Input

from course.core.grading import Answer, Grade, Outcome
from course.core.kinds import kind_of
from course.core.kinds.text import TextAnswer
from course.core.model import Option, Question
from course.ui.inputs import KindUI, quote, register_ui
from course.ui.widgets.questions import QuestionInput, Translate


class ShortAnswerInput(QuestionInput):
    """A text field; Enter checks."""

    def compose(self) -> ComposeResult:
        given = self.given.text if isinstance(self.given, TextAnswer) else ""
        # Not selected on focus: a kept draft is continued, not replaced by the next key.
        yield Input(
            given,
            placeholder=self.t("quiz.answer_placeholder"),
            id="typed-answer",
            select_on_focus=False,
        )

    @on(Input.Submitted, "#typed-answer")
    def submitted(self) -> None:
        self.post_message(self.Submitted())

    def answer(self) -> Answer | None:
        text = self.query_one(Input).value
        return TextAnswer(text) if text.strip() else None


class ShortAnswerUI(KindUI):
    """A word or a few to type."""

    name = "short"
    instruction_key = "quiz.short"

    def make_input(
        self,
        question: Question,
        options: tuple[Option, ...],
        t: Translate,
        seed: int,
        given: Answer | None,
    ) -> QuestionInput:
        return ShortAnswerInput(question, options, t, given=given)

    def feedback(self, question: Question, given: Answer, judged: Grade, t: Translate) -> list[str]:
        if not isinstance(given, TextAnswer):
            return []
        parts = [f"**{t('quiz.your_answer')}:** {given.text}"]
        if judged.typo and judged.matched_option is not None:
            parts.append(t("quiz.typo_accepted", answer=judged.matched_option.text))
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
        return [], None  # typed in: the options are the accepted answers, not choices to show

    def slide_solution(self, question: Question, t: Translate) -> list[str]:
        right = question.right_options
        if not right:
            return []
        key = "presenter.right_answer" if len(right) == 1 else "presenter.accepted_answers"
        return ["", f"**{t(key)}:** {kind_of(question).solution_text(question)}"]


register_ui(ShortAnswerUI())
