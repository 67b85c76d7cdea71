"""The workbench's dialogs: a person, a tie, a snapshot's name, an export, a CSV import.

Each dialog says what it returns (a typed value, or None when cancelled) and checks what
was typed with a function the workbench gives it, so that a wrong entry is told inside the
dialog, next to the field, and nothing typed is lost.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.suggester import Suggester, SuggestFromList
from textual.widgets import Button, Checkbox, Input, RadioButton, RadioSet, Static

from course.core.network_map import parse_tags
from course.ui.screens.base import CourseModal

Check = Callable[[object], str | None]
"""Checks a dialog's value: an error message to show, or None when it is fine."""

EXPORT_FORMATS = ("dot", "mermaid", "graphml", "markdown")
"""The formats the map can be exported in, as `course map --format` names them."""
EXPORT_SUFFIX = {"dot": ".dot", "mermaid": ".mmd", "graphml": ".graphml", "markdown": ".md"}
"""The file name suffix of each format."""


@dataclass(frozen=True)
class PersonEntry:
    """What the person dialog returns."""

    label: str
    """Initials or a role."""
    uses_offer: bool
    """Whether they use the learner's offer."""
    tags: tuple[str, ...]
    """Free tags."""


@dataclass(frozen=True)
class TieEntry:
    """What the tie dialog returns."""

    first: str
    """The label of one person."""
    second: str
    """The label of the other."""
    kind: str
    """What connects them, or ""."""


@dataclass(frozen=True)
class ExportEntry:
    """What the export dialog returns."""

    path: Path
    """The file to write."""
    form: str
    """One of `EXPORT_FORMATS`."""


@dataclass(frozen=True)
class ImportEntry:
    """What the import dialog returns."""

    ties: Path
    """The CSV file of ties."""
    people: Path | None
    """The CSV file of people with tags, if given."""


class TagSuggester(Suggester):
    """Completes the tag being typed (after the last comma) from the known tags."""

    def __init__(self, tags: Sequence[str]) -> None:
        super().__init__(use_cache=False, case_sensitive=False)
        self._tags = list(dict.fromkeys(tags))

    async def get_suggestion(self, value: str) -> str | None:
        head, _, typed = value.rpartition(",")
        typed = typed.lstrip()
        if not typed:
            return None
        for tag in self._tags:
            if tag.casefold().startswith(typed.casefold()) and tag.casefold() != typed.casefold():
                prefix = f"{head}, " if head else ""
                return prefix + tag
        return None


class _EntryDialog(CourseModal):
    """A dialog with fields, an error line and Save/Cancel; Enter in a field saves."""

    def __init__(self, check: Check) -> None:
        super().__init__()
        self._check = check

    def buttons(self) -> ComposeResult:
        error = Static("", classes="dialog-error", id="dialog-error")
        error.display = False  # a line only when there is something wrong
        yield error
        with Horizontal(classes="dialog-buttons"):
            yield Button(self.t("network.save"), id="save", variant="primary")
            yield Button(self.t("network.cancel"), id="cancel")

    def value(self) -> object:
        """What the fields say, as the dialog's result."""
        raise NotImplementedError

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def save(self) -> None:
        value = self.value()
        problem = self._check(value)
        if problem:
            error = self.query_one("#dialog-error", Static)
            error.update(problem)
            error.display = True
            return
        self.dismiss(value)

    @on(Button.Pressed, "#cancel")
    def cancel(self) -> None:
        self.dismiss(None)


class PersonDialog(_EntryDialog):
    """Add or change a person; returns a `PersonEntry`."""

    def __init__(
        self,
        check: Check,
        suggested_tags: Sequence[str],
        entry: PersonEntry | None = None,
    ) -> None:
        super().__init__(check)
        self.entry = entry
        self.suggested_tags = suggested_tags

    def compose(self) -> ComposeResult:
        entry = self.entry
        title = "network.edit_person" if entry else "network.add_person"
        with Vertical(classes="dialog network-dialog"):
            yield Static(self.t(title), classes="dialog-title")
            yield Static(self.t("network.label_why"), classes="dialog-detail")
            yield Input(
                entry.label if entry else "",
                placeholder=self.t("network.label_placeholder"),
                id="person-label",
                max_length=40,
            )
            yield Checkbox(
                self.t("network.uses_offer"), entry.uses_offer if entry else False, id="offer"
            )
            yield Input(
                ", ".join(entry.tags) if entry else "",
                placeholder=self.t("network.tags_placeholder"),
                id="person-tags",
                suggester=TagSuggester(self.suggested_tags),
            )
            yield from self.buttons()

    def value(self) -> PersonEntry:
        return PersonEntry(
            self.query_one("#person-label", Input).value,
            self.query_one("#offer", Checkbox).value,
            parse_tags(self.query_one("#person-tags", Input).value),
        )


class TieDialog(_EntryDialog):
    """Add a tie, or change its kind; returns a `TieEntry`."""

    def __init__(
        self,
        check: Check,
        labels: Sequence[str],
        kinds: Sequence[str],
        entry: TieEntry | None = None,
        first: str = "",
    ) -> None:
        super().__init__(check)
        self.labels = labels
        self.kinds = kinds
        self.entry = entry
        self.first = first
        """A new tie's first person, filled in (the person highlighted in the list)."""

    def compose(self) -> ComposeResult:
        entry = self.entry
        people = SuggestFromList(self.labels, case_sensitive=False)
        with Vertical(classes="dialog network-dialog"):
            yield Static(
                self.t("network.edit_tie" if entry else "network.add_tie"), classes="dialog-title"
            )
            yield Input(
                entry.first if entry else self.first,
                placeholder=self.t("network.tie_first"),
                id="tie-first",
                suggester=people,
                disabled=entry is not None,
            )
            yield Input(
                entry.second if entry else "",
                placeholder=self.t("network.tie_second"),
                id="tie-second",
                suggester=people,
                disabled=entry is not None,
            )
            yield Input(
                entry.kind if entry else "",
                placeholder=self.t("network.tie_kind"),
                id="tie-kind",
                suggester=SuggestFromList(self.kinds, case_sensitive=False),
            )
            yield from self.buttons()

    def on_mount(self) -> None:
        super().on_mount()
        # The field to type in has the focus when the dialog is shown, as the first field
        # of any dialog: focused after the first drawing, the keys of a quick typist went
        # into the first field and were overwritten with the highlighted person.
        if self.entry is not None:
            self.query_one("#tie-kind", Input).focus()
        elif self.first:
            self.query_one("#tie-second", Input).focus()

    def value(self) -> TieEntry:
        return TieEntry(
            self.query_one("#tie-first", Input).value.strip(),
            self.query_one("#tie-second", Input).value.strip(),
            self.query_one("#tie-kind", Input).value.strip(),
        )


class NameDialog(_EntryDialog):
    """Ask for a name (a snapshot's); returns the text."""

    def __init__(self, check: Check, title: str, default: str) -> None:
        super().__init__(check)
        self.title_text = title
        self.default = default

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog network-dialog"):
            yield Static(self.title_text, classes="dialog-title")
            yield Input(self.default, id="name", max_length=80)
            yield from self.buttons()

    def value(self) -> str:
        return self.query_one("#name", Input).value.strip()


class ExportDialog(_EntryDialog):
    """Choose a format and where to write; returns an `ExportEntry`."""

    def __init__(self, check: Check, folder: Path, stem: str) -> None:
        super().__init__(check)
        self.folder = folder
        self.stem = stem

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog network-dialog"):
            yield Static(self.t("network.export_title"), classes="dialog-title")
            with RadioSet(id="export-format"):
                for number, form in enumerate(EXPORT_FORMATS):
                    yield RadioButton(
                        self.t(f"network.format_{form}"), value=number == 0, id=f"format-{form}"
                    )
            yield Static(self.t("network.export_folder"), classes="dialog-detail")
            yield Input(str(self.folder), id="export-folder")
            yield Static(self.t("network.export_file"), classes="dialog-detail")
            yield Input(self.stem + EXPORT_SUFFIX["dot"], id="export-file")
            yield from self.buttons()

    def _form(self) -> str:
        pressed = self.query_one("#export-format", RadioSet).pressed_button
        return (pressed.id or "format-dot").removeprefix("format-") if pressed else "dot"

    @on(RadioSet.Changed)
    def format_changed(self) -> None:
        field = self.query_one("#export-file", Input)
        stem = Path(field.value).stem or self.stem
        field.value = stem + EXPORT_SUFFIX[self._form()]

    def value(self) -> ExportEntry:
        folder = Path(self.query_one("#export-folder", Input).value.strip()).expanduser()
        name = self.query_one("#export-file", Input).value.strip()
        return ExportEntry(folder / name, self._form())


class ImportDialog(_EntryDialog):
    """Name the CSV files to read; returns an `ImportEntry`."""

    def __init__(self, check: Check, folder: Path) -> None:
        super().__init__(check)
        self.folder = folder

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog network-dialog"):
            yield Static(self.t("network.import_title"), classes="dialog-title")
            yield Static(self.t("network.import_explained"), classes="dialog-detail")
            yield Input(str(self.folder / "ties.csv"), id="import-ties")
            yield Input("", placeholder=self.t("network.import_people"), id="import-people")
            yield from self.buttons()

    def value(self) -> ImportEntry:
        ties = Path(self.query_one("#import-ties", Input).value.strip()).expanduser()
        people_text = self.query_one("#import-people", Input).value.strip()
        return ImportEntry(ties, Path(people_text).expanduser() if people_text else None)
