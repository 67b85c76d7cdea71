"""The check-in at a start: a commitment's follow-up day has come, so the app asks "Did
you do it? What happened?" and keeps the answer in the plan."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Static, TextArea

from course.store.plans import FollowUp
from course.study import PlanEntry
from course.ui.screens.base import CourseModal
from course.ui.screens.result import summary_line
from course.ui.widgets.markdown_text import MarkdownText

PROMPT_WIDTH = 120
"""Characters of the commitment's question in the check-in: two lines of the dialog."""


class CheckInScreen(CourseModal):
    """Ask what happened with one commitment; dismissed with the answer, or None to be
    asked again at the next start."""

    BINDINGS = [
        Binding("escape", "close", "Later"),
        Binding("ctrl+s", "keep", "Keep", show=False),
    ]

    def __init__(self, follow_up: FollowUp, commitment: PlanEntry) -> None:
        super().__init__()
        self.follow_up = follow_up
        """The follow-up whose day has come."""
        self.commitment = commitment
        """The commitment it follows up."""

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog wide check-in"):
            yield Static(self.t("check_in.title"), classes="dialog-title")
            day = self.follow_up.due.isoformat()
            if self.course_app.text.language == "de":
                day = ".".join(reversed(day.split("-")))
            yield Static(self.t("check_in.asked", date=day))
            # The question in two lines at most and the commitment in a few, scrolled if
            # longer: the answer field and the buttons stay in view at 80×24.
            prompt = summary_line(self.commitment.prompt, PROMPT_WIDTH)
            with VerticalScroll(id="check-in-plan-scroll"):
                yield MarkdownText(
                    f"*{prompt}*\n\n{self.commitment.text.strip()}", id="check-in-plan"
                )
            yield Static(self.t("check_in.question"), classes="section-title")
            yield TextArea(
                id="check-in-answer",
                soft_wrap=True,
                show_line_numbers=False,
                placeholder=self.t("check_in.placeholder"),
            )
            yield Static("", classes="dialog-error", id="check-in-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.t("check_in.save"), id="check-in-keep", variant="primary")
                yield Button(self.t("check_in.later"), id="check-in-later")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#check-in-answer", TextArea).focus()

    @on(Button.Pressed, "#check-in-keep")
    def action_keep(self) -> None:
        """Keep the answer (the app saves it); an empty one is not taken."""
        answer = self.query_one("#check-in-answer", TextArea).text
        if not answer.strip():
            error = self.query_one("#check-in-error", Static)
            error.update(self.t("check_in.empty"))
            error.add_class("shown")
            return
        self.dismiss(answer.strip())

    @on(Button.Pressed, "#check-in-later")
    def later(self) -> None:
        """Ask again at the next start."""
        self.dismiss(None)
