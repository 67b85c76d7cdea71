"""My plan: every reflection and commitment the learner wrote, in course order, as the
page `course plan` writes."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Static

from course.study import plan_markdown
from course.ui.screens.base import CourseScreen
from course.ui.widgets.key_bar import KeyBar
from course.ui.widgets.markdown_text import MarkdownText
from course.ui.widgets.title_bar import TitleBar


class PlanScreen(CourseScreen):
    """Everything the learner wrote about their own practice, on one page."""

    BINDINGS = [Binding("escape", "back", "Back")]

    def compose(self) -> ComposeResult:
        text = self.course_app.text
        entries = self.read(self.study.plan, text)
        course = self.course_app.course
        title = course.title.get(text.language, course.id)
        page = plan_markdown(title, text, entries, self.t)
        heading, _, body = page.partition("\n")
        yield TitleBar()
        with VerticalScroll(id="plan-scroll"), Vertical(classes="page"):
            yield Static(heading.removeprefix("# "), classes="lesson-title")
            yield MarkdownText(body.strip(), id="plan")
            yield Static(self.t("plan.key_hint"), classes="instructions")
            with Horizontal(classes="result-buttons"):
                yield Button(self.t("result.outline"), id="back", variant="primary")
        yield KeyBar()

    @on(Button.Pressed, "#back")
    def action_back(self) -> None:
        """Back to the outline."""
        self.app.pop_screen()
