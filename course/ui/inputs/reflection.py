"""Reflection on screen: a text area for the learner's own thoughts; nothing to grade."""

from __future__ import annotations

from rich.console import RenderableType
from textual.app import ComposeResult
from textual.widgets import TextArea

from course.core.grading import Answer, Grade
from course.core.kinds.text import TextAnswer
from course.core.model import Option, Question
from course.ui.inputs import KindUI, register_ui
from course.ui.widgets.questions import QuestionInput, Translate


class ReflectionInput(QuestionInput):
    """Free text, saved, not graded."""

    def compose(self) -> ComposeResult:
        given = self.given.text if isinstance(self.given, TextAnswer) else ""
        yield TextArea(given, id="written-answer", soft_wrap=True, show_line_numbers=False)

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.move_cursor(area.document.end)  # a kept draft is continued at its end

    def answer(self) -> Answer | None:
        text = self.query_one(TextArea).text
        return TextAnswer(text) if text.strip() else None


class ReflectionUI(KindUI):
    """A text area; the feedback is the verdict "saved" and the explanation alone."""

    name = "reflection"
    instruction_key = "quiz.reflection"
    input_class = ReflectionInput

    def feedback(self, question: Question, given: Answer, judged: Grade, t: Translate) -> list[str]:
        return []

    def slide_options(
        self, question: Question, options: tuple[Option, ...], seed: int, revealed: bool
    ) -> tuple[list[str], RenderableType | None]:
        return [], None  # each learner's own thoughts: nothing to choose from


register_ui(ReflectionUI())
