"""The trainer's look at a live question's open answers before the room sees them: every
group of alike answers with its count, and a key that hides a group from the projector."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from course.ui.screens.base import CourseModal
from course.workshop.live import AnswerGroup


class ModerationScreen(CourseModal):
    """The answer groups of the live question, largest first; Space or `h` hides the one
    under the cursor from the projector, or shows it again. The groups follow the answers
    as they come (`show_groups`); what is hidden is the presenter's `hidden` set, changed
    in place, and `changed` is called after each change so that the slide follows."""

    BINDINGS = [
        Binding("space,h", "toggle_hidden", "Hide"),
        Binding("escape,m", "close", "Close"),
    ]

    def __init__(
        self,
        groups: Sequence[AnswerGroup],
        hidden: set[str],
        changed: Callable[[], None],
    ) -> None:
        super().__init__()
        self.groups: tuple[AnswerGroup, ...] = tuple(groups)
        """The groups listed, in their order on screen."""
        self.hidden = hidden
        """The keys of the groups hidden from the room (the presenter's set)."""
        self.changed = changed

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide moderation"):
            yield Static(self.t("open_answers.moderate_title"), classes="dialog-title")
            yield Static(self.t("open_answers.moderate_help"), id="moderation-help")
            yield OptionList(id="answer-groups")
            yield Static("", id="moderation-summary")
        yield Footer()

    def on_mount(self) -> None:
        super().on_mount()
        self._fill()
        self.query_one("#answer-groups", OptionList).focus()

    def show_groups(self, groups: Sequence[AnswerGroup]) -> None:
        """New answers came: list the groups again, the cursor kept on its group."""
        if tuple(groups) != self.groups:
            self.groups = tuple(groups)
            self._fill()

    def _fill(self) -> None:
        listing = self.query_one("#answer-groups", OptionList)
        highlighted = listing.highlighted
        current = (
            listing.get_option_at_index(highlighted).id
            if highlighted is not None and highlighted < listing.option_count
            else None
        )
        listing.clear_options()
        listing.add_options(Option(self._row(group), id=group.key) for group in self.groups)
        keys = [group.key for group in self.groups]
        if keys:
            listing.highlighted = keys.index(current) if current in keys else 0
        hidden = sum(1 for group in self.groups if group.key in self.hidden)
        summary = self.t("open_answers.moderate_none")
        if self.groups:
            summary = self.t("open_answers.moderate_count", groups=len(self.groups), hidden=hidden)
        self.query_one("#moderation-summary", Static).update(summary)

    def _row(self, group: AnswerGroup) -> Text:
        """One group: its count, its text, and whether the room may see it."""
        if group.key in self.hidden:
            row = Text(f"{group.count:>3}  ", style="dim")
            row.append(group.text, style="dim strike")
            row.append(f"  ({self.t('open_answers.hidden')})", style="dim italic")
            return row
        return Text(f"{group.count:>3}  {group.text}")

    @on(OptionList.OptionSelected)
    def _selected(self) -> None:
        # Enter on a row does what Space does: there is nothing else to choose it for.
        self.action_toggle_hidden()

    def action_toggle_hidden(self) -> None:
        """Hide the group under the cursor from the room, or show it again."""
        listing = self.query_one("#answer-groups", OptionList)
        if listing.highlighted is None or not self.groups:
            return
        key = self.groups[listing.highlighted].key
        if key in self.hidden:
            self.hidden.discard(key)
        else:
            self.hidden.add(key)
        self._fill()
        self.changed()
