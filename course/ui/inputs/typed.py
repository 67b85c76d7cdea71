"""What the kinds whose answer is typed share on screen: a one-line field where Enter
checks, and feedback that shows what was typed and the right answer."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.widgets import Input

from course.core.grading import Answer, Grade, Outcome
from course.core.kinds.text import TextAnswer
from course.core.model import Question
from course.ui.inputs import quote
from course.ui.widgets.questions import QuestionInput, Translate


class TypedAnswerInput(QuestionInput):
    """A one-line text field; Enter checks."""

    placeholder_key: ClassVar[str] = "quiz.answer_placeholder"
    """The catalogue key of the field's placeholder."""
    typable: ClassVar[str | None] = None
    """A pattern of what may be typed (Textual's `restrict`), or None for any text."""

    def compose(self) -> ComposeResult:
        given = self.given.text if isinstance(self.given, TextAnswer) else ""
        # Not selected on focus: a kept draft is continued, not replaced by the next key.
        yield Input(
            given,
            placeholder=self.t(self.placeholder_key),
            restrict=self.typable,
            id="typed-answer",
            select_on_focus=False,
        )

    @on(Input.Submitted, "#typed-answer")
    def submitted(self) -> None:
        self.post_message(self.Submitted())

    def answer(self) -> Answer | None:
        text = self.query_one(Input).value
        return TextAnswer(text) if text.strip() else None


def typed_feedback(
    question: Question, given: Answer, judged: Grade, t: Translate, notes: list[str]
) -> list[str]:
    """What was typed, then `notes` (the kind's own words about it), the feedback of the
    option it matched, and the right answer when it was not right."""
    if not isinstance(given, TextAnswer):
        return []
    parts = [f"**{t('quiz.your_answer')}:** {given.text}", *notes]
    if judged.matched_option is not None and judged.matched_option.feedback:
        parts.append(f"> {quote(judged.matched_option.feedback)}")
    if judged.outcome is not Outcome.RIGHT and question.right_options:
        right = question.right_options[0]
        parts.append(f"**{t('quiz.right_answer')}:** {right.text}")
        if right.feedback:
            parts.append(f"> {quote(right.feedback)}")
    return parts
