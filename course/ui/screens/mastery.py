"""Mastery per learning objective: each objective of the course as secure, shaky or not
yet tested, with the questions behind it and how each was last answered."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Static

from course.core.review import Mastery
from course.study import ObjectiveMastery
from course.ui.screens.base import CourseScreen
from course.ui.screens.result import MARKS, summary_line
from course.ui.widgets.key_bar import KeyBar
from course.ui.widgets.markdown_text import MarkdownText
from course.ui.widgets.title_bar import TitleBar

MASTERY_MARKS = {Mastery.SECURE: "●", Mastery.SHAKY: "◐", Mastery.NOT_TESTED: "○"}


def mastery_counts(found: list[ObjectiveMastery]) -> dict[str, int]:
    """How many objectives are secure, shaky and not yet tested (the summary's fields)."""
    return {
        "secure": sum(o.mastery is Mastery.SECURE for o in found),
        "shaky": sum(o.mastery is Mastery.SHAKY for o in found),
        "untested": sum(o.mastery is Mastery.NOT_TESTED for o in found),
    }


class MasteryScreen(CourseScreen):
    """How well each learning objective is held."""

    BINDINGS = [Binding("escape", "back", "Back")]

    def __init__(self, only: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.only = only
        """The objectives to show (a quiz's); every one when empty."""

    def compose(self) -> ComposeResult:
        found = self.read(self.study.mastery, self.course_app.text)
        if self.only:
            found = [o for o in found if o.objective_id in self.only]
        yield TitleBar()
        with VerticalScroll(id="mastery-scroll"), Vertical(classes="page"):
            yield Static(self.t("mastery.title"), classes="lesson-title")
            yield Static(self.t("mastery.summary", **mastery_counts(found)), id="mastery-summary")
            yield MarkdownText("\n".join(self._lines(found)), id="mastery")
            with Horizontal(classes="result-buttons"):
                yield Button(self.t("result.outline"), id="back", variant="primary")
        yield KeyBar()

    def _lines(self, found: list[ObjectiveMastery]) -> list[str]:
        language = self.course_app.language
        texts = {o.id: o.text for o in self.course_app.course.objectives}
        questions = {
            q.id: q
            for lesson in self.course_app.text.lessons
            if lesson.quiz is not None
            for q in lesson.quiz.questions
        }
        lines: list[str] = []
        for held in found:
            text = texts.get(held.objective_id, {})
            described = text.get(language) or next(iter(text.values()), "")
            lines.append(
                f"- {MASTERY_MARKS[held.mastery]} **{held.objective_id}** "
                f"*{self.t('mastery.' + held.mastery.value)}* – {described}"
            )
            for question_id, outcome in held.questions:
                question = questions.get(question_id)
                if question is None:
                    continue
                mark = MARKS[outcome] if outcome is not None else "·"
                line = summary_line(question.prompt, 60)
                if outcome is None:
                    line += f" ({self.t('mastery.not_answered')})"
                lines.append(f"    - {mark} {line}")
        return lines

    @on(Button.Pressed, "#back")
    def action_back(self) -> None:
        """Back where the learner came from."""
        self.app.pop_screen()
