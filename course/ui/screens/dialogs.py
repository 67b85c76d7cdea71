"""Small dialogs: a yes/no question, a quiz already passed, and a lesson's links."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from course.ui.screens.base import CourseModal


class ConfirmScreen(CourseModal):
    """Ask before doing something that leaves the app, such as opening a web link."""

    def __init__(
        self, question: str, detail: str = "", yes: str | None = None, no: str | None = None
    ) -> None:
        """`yes` and `no` label the buttons (by default: open, cancel)."""
        super().__init__()
        self.question = question
        self.detail = detail
        self.yes = yes
        self.no = no

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.question, classes="dialog-title")
            if self.detail:
                yield Static(self.detail, classes="dialog-detail")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.yes or self.t("lesson.open"), id="yes", variant="primary")
                yield Button(self.no or self.t("lesson.cancel"), id="no")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#no", Button).focus()

    @on(Button.Pressed)
    def answered(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")


class PassedQuizScreen(CourseModal):
    """Ask before a new attempt at a quiz already passed; or show the results that passed.

    Dismissed with "again" (a new attempt), "results" (the attempt that passed) or None.
    """

    def __init__(self, quiz_title: str, percent: int) -> None:
        super().__init__()
        self.quiz_title = quiz_title
        self.percent = percent

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(
                self.t("quiz.passed_already", quiz=self.quiz_title, percent=self.percent),
                classes="dialog-title",
            )
            yield Static(self.t("quiz.new_attempt_question"), classes="dialog-detail")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.t("quiz.see_passed_results"), id="results", variant="primary")
                yield Button(self.t("quiz.new_attempt"), id="again")
                yield Button(self.t("lesson.cancel"), id="cancel")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#results", Button).focus()

    @on(Button.Pressed)
    def answered(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id if event.button.id != "cancel" else None)


class LinksScreen(CourseModal):
    """The links of a lesson; choosing one returns its target."""

    def __init__(self, links: list[tuple[str, str]]) -> None:
        super().__init__()
        self.links = links
        """Each link as (what the list shows, its target)."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.t("lesson.links"), classes="dialog-title")
            if self.links:
                yield OptionList(
                    *(Option(shown, id=str(i)) for i, (shown, _target) in enumerate(self.links)),
                    id="link-list",
                )
            else:
                yield Static(self.t("lesson.no_links"))

    @on(OptionList.OptionSelected, "#link-list")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.links[int(event.option.id or 0)][1])
