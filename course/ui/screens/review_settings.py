"""Review settings: the desired retention that the review schedule aims at."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Static

from course.core.review import parse_retention
from course.ui.screens.base import CourseModal


class ReviewSettingsScreen(CourseModal):
    """Choose the desired retention (0.70 to 0.97); dismissed with the value chosen, or
    None when nothing changed."""

    def __init__(self, retention: float) -> None:
        super().__init__()
        self.retention = retention
        """The desired retention now."""

    def compose(self) -> ComposeResult:
        shown = self.shown(self.retention)
        with Vertical(classes="dialog review-settings"):
            yield Static(self.t("settings.title"), classes="dialog-title")
            yield Static(self.t("settings.retention_help"), classes="dialog-detail")
            with Horizontal(classes="settings-row"):
                yield Static(self.t("settings.retention_label"), classes="plan-follow-label")
                yield Input(shown, id="retention", classes="settings-input")
            yield Static("", classes="dialog-error", id="retention-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.t("settings.save"), id="settings-save", variant="primary")
                yield Button(self.t("settings.cancel"), id="settings-cancel")

    def shown(self, value: float) -> str:
        """A retention as this language writes it (0.90, 0,90)."""
        return f"{value:.2f}".replace(".", self.t("decimal_mark"))

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#retention", Input).focus()

    @on(Input.Submitted, "#retention")
    @on(Button.Pressed, "#settings-save")
    def save(self) -> None:
        """Take the value typed, or say what a value must be."""
        given = self.query_one("#retention", Input).value
        try:
            value = parse_retention(given)
        except ValueError:
            error = self.query_one("#retention-error", Static)
            error.update(self.t("settings.retention_invalid", given=given.strip()))
            return
        self.dismiss(None if value == self.retention else value)

    @on(Button.Pressed, "#settings-cancel")
    def cancel(self) -> None:
        """Leave the retention as it is."""
        self.dismiss(None)
