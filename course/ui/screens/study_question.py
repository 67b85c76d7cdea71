"""One answered question opened again from the results: the question, the learner's answer
as they gave it, the feedback and the explanation. Nothing here can be changed."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from course.core.grading import answer_from_json, grade, shuffled_options
from course.core.model import Question
from course.ui.inputs import input_for, instruction
from course.ui.screens.base import CourseScreen
from course.ui.widgets.feedback import feedback_markdown
from course.ui.widgets.key_bar import KeyBar
from course.ui.widgets.markdown_text import MarkdownText
from course.ui.widgets.questions import QuestionInput
from course.ui.widgets.title_bar import TitleBar


class StudyQuestionScreen(CourseScreen):
    """A question answered in an attempt, shown again to study it."""

    BINDINGS = [Binding("escape", "back", "Back")]

    def __init__(
        self, lesson_id: str, question_id: str, answer: dict[str, Any], seed: int, number: int
    ) -> None:
        super().__init__()
        self.lesson_id = lesson_id
        self.question_id = question_id
        self.answer = answer
        """The answer as the attempt saved it."""
        self.seed = seed
        """The attempt's seed: the options in the order the learner saw them."""
        self.number = number
        """The question's number in the attempt."""

    @property
    def question(self) -> Question:
        """The question in the current language."""
        lesson = self.course_app.text.lesson(self.lesson_id)
        assert lesson is not None and lesson.quiz is not None
        found = lesson.quiz.question(self.question_id)
        assert found is not None
        return found

    def compose(self) -> ComposeResult:
        question = self.question
        lesson = self.course_app.text.lesson(self.lesson_id)
        assert lesson is not None and lesson.quiz is not None
        total = len(lesson.quiz.questions)
        yield TitleBar()
        yield KeyBar()
        yield Static(
            f"{lesson.quiz.title} · {self.t('quiz.position', number=self.number, total=total)}",
            classes="quiz-position",
        )
        options = shuffled_options(question, self.seed)
        try:
            given = answer_from_json(question, self.answer)
        except (ValueError, TypeError, KeyError):  # saved by another version of the question
            given = None
        with VerticalScroll(id="quiz-scroll"), Vertical(classes="page"):
            yield MarkdownText(question.prompt, id="prompt")
            yield Static(Text(instruction(question, options, self.t)), classes="instructions")
            yield input_for(question, options, self.t, self.seed, given)
            if given is not None:
                shown = feedback_markdown(question, given, grade(question, given), self.t)
                outcome = grade(question, given).outcome.value
                yield MarkdownText(shown, id="feedback", classes=f"boxed outcome-{outcome}")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one(QuestionInput).freeze()

    def after_relabel(self) -> None:
        self.query_one(QuestionInput).freeze()

    def action_back(self) -> None:
        """Back to the results."""
        self.app.pop_screen()
