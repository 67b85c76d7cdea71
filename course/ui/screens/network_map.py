"""The network-map workbench: the articles' closing exercise, done inside the app.

The learner lists the people who matter for their offer (initials or roles, whether they
use the offer, free tags) and who knows whom; beside the lists, a live picture and the
analysis in plain sentences show the groups, who connects them, what unites and what
separates them. The closing questions come pre-filled from that analysis. A practice map
(lesson 6's example) opens first, until the learner starts their own map.

The screen is opened with the course, the lesson and a function that gives the exercise
(practice map, suggested tags, closing questions) in a language, and nothing else, so that
a course-format activity can open it the same way. Every change is saved at once.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import ScrollableContainer, Vertical, VerticalScroll
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import DataTable, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from course.core.model import Course
from course.core.network_activity import NetworkActivity, suggest_answers
from course.core.network_map import (
    MAX_TAGS,
    MapAnalysis,
    MapChanges,
    MapError,
    NetworkMap,
    Person,
    analyse,
    compare,
    describe,
)
from course.store import StoreError
from course.store.network_maps import MapSnapshot, NetworkMaps
from course.ui.screens.base import CourseScreen
from course.ui.screens.network_dialogs import (
    ExportDialog,
    ExportEntry,
    ImportDialog,
    ImportEntry,
    NameDialog,
    PersonDialog,
    PersonEntry,
    TieDialog,
    TieEntry,
)
from course.ui.widgets.key_bar import KeyBar
from course.ui.widgets.lesson_table import Column, LessonTable, Row
from course.ui.widgets.map_picture import CUSTOMER, OTHER, MapPicture, PictureView
from course.ui.widgets.tab_row import TabLabel, TabRow
from course.ui.widgets.title_bar import TitleBar

ActivityIn = Callable[[str], NetworkActivity]


def _cell(text: str) -> Text:
    """A list cell that shows `text` as typed (never as markup), on one line."""
    return Text(text, no_wrap=True, end="")


"""The exercise in a language (the practice map and questions are written per language)."""

SAVE_DELAY = 0.8
"""Seconds of quiet typing after which an answer is saved."""
TABS = ("tab-people", "tab-ties", "tab-answers", "tab-snapshots")


def default_folder() -> Path:
    """Where exports go and imports are looked for at first: the home folder, else the
    current one."""
    home = Path.home()
    return home if home.is_dir() and os.access(home, os.W_OK) else Path.cwd()


def _width(header: str, people: tuple[Person, ...], most: int, tags: bool = False) -> int:
    """The width of a column of labels (or of tags): its longest entry, at most `most`."""
    longest = max((len(", ".join(p.tags)) if tags else len(p.label) for p in people), default=0)
    return max(len(header), min(longest, most))


class NetworkMapScreen(CourseScreen):
    """The workbench: lists of people and ties, the picture, the analysis, the answers."""

    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("a", "add_person", "Person"),
        Binding("t", "add_tie", "Tie"),
        Binding("e", "edit", "Edit"),
        Binding("d", "remove", "Remove"),
        Binding("delete", "remove", "Remove", show=False),
        Binding("o", "toggle_offer", "Offer", show=False),
        Binding("u", "undo", "Undo", show=False),
        Binding("f", "focus_person", "Focus"),
        Binding("z", "zoom", "Zoom", show=False),
        Binding("m", "switch_map", "My map"),
        Binding("s", "snapshot", "Snapshot", show=False),
        Binding("c", "compare", "Compare", show=False),
        Binding("x", "export", "Export", show=False),
        Binding("i", "import_csv", "Import", show=False),
        Binding("1", "tab(0)", "People", show=False),
        Binding("2", "tab(1)", "Ties", show=False),
        Binding("3", "tab(2)", "Answers", show=False),
        Binding("4", "tab(3)", "Snapshots", show=False),
        Binding("ctrl+s", "save_answers", "Save", show=False),
    ]
    # The list of people has the focus from the first paint: focused later (in on_mount),
    # the change of focus restyled and drew the screen a second time, a fifth of the
    # workbench's first drawing (benchmarks/network_map.py).
    AUTO_FOCUS = "#people"

    def __init__(self, course: Course, lesson_id: str, activity_in: ActivityIn) -> None:
        super().__init__()
        self.course = course
        self.lesson_id = lesson_id
        """The lesson the exercise belongs to."""
        self.activity_in = activity_in
        self.own = NetworkMap()
        """The learner's own map, as saved."""
        self.practicing = False
        """Whether the practice map is shown (read-only) instead of the learner's own."""
        self.view = PictureView()
        """How the picture shows the map."""
        self.analysis = MapAnalysis()
        """The analysis of the map shown."""
        self.answers: dict[str, str] = {}
        """The learner's saved answers to the closing questions."""
        self._undo: list[NetworkMap] = []
        self._marked: int | None = None
        self._save_timer: Timer | None = None
        self._loaded = False
        self._ties_stale = True
        self._built: set[str] = set()
        """The tabs whose widgets exist (see `_build`)."""

    # What is shown -------------------------------------------------------------------

    @property
    def activity(self) -> NetworkActivity:
        """The exercise in the current language."""
        return self.activity_in(self.course_app.language)

    @property
    def maps(self) -> NetworkMaps:
        """The learner's map in the store."""
        study = self.study
        return study.store.network_maps(study.learner.id, self.course.id)

    @property
    def shown(self) -> NetworkMap:
        """The map on the screen: the practice map or the learner's own."""
        practice = self.activity.practice
        return practice if self.practicing and practice is not None else self.own

    def _tab_widgets(self, tab: str) -> list[Widget]:
        """The widgets of a tab other than the people's."""
        if tab == "tab-ties":
            return [DataTable(id="ties", cursor_type="row")]
        if tab == "tab-answers":
            parts: list[Widget] = []
            for number, question in enumerate(self.activity.questions):
                parts.append(Static(question.text, classes="question-text"))
                parts.append(TextArea("", id=f"answer-{number}", soft_wrap=True, classes="answer"))
            parts.append(Static("", id="answers-state"))
            # Not focusable itself: Tab from the row of tabs goes straight into the first
            # answer (a focused scroll let a typed "a" open "Add person"); the answer in
            # focus scrolls into view.
            return [VerticalScroll(*parts, id="answers", can_focus=False)]
        return [OptionList(id="snapshots"), Static("", id="comparison", markup=False)]

    async def _build(self, tab: str) -> None:
        """Give a tab its widgets, filled, if it has none yet."""
        if tab in self._built or tab == "tab-people":
            return
        self._built.add(tab)
        pane = Vertical(*self._tab_widgets(tab), id=tab, classes="wb-pane")
        pane.display = tab == self._tab()
        await self.query_one("#wb-left", Vertical).mount(pane)
        if tab == "tab-ties":
            self._fill_ties()
        elif tab == "tab-answers":
            self._fill_answers()
        else:
            self._fill_snapshots()

    def _show_tab(self, tab: str) -> None:
        """Show the widgets of `tab` (built) and hide the other tabs'."""
        self.query_one("#people", LessonTable).display = tab == "tab-people"
        for built in self._built:
            self.query_one(f"#{built}", Vertical).display = built == tab

    def compose(self) -> ComposeResult:
        self._built = set()
        yield TitleBar()
        # The two columns straight on the screen, which lays them out side by side (the
        # bars are docked): a row container around them was one more widget to style, lay
        # out and draw on every pass.
        with Vertical(id="wb-left"):
            yield Static("", id="wb-mode")
            # One widget for the row of tabs, and the people's list under it: the other
            # tabs get their widgets when first shown (`_build`), so the first drawing
            # of the workbench costs what is on screen.
            tabs = [TabLabel(tab, self.t(f"network.{tab.replace('-', '_')}")) for tab in TABS]
            yield TabRow(tabs, id="wb-tabs")
            yield LessonTable(id="people", zebra=False)
        with Vertical(id="wb-right"):
            with ScrollableContainer(id="picture-frame"):
                yield MapPicture(self.t, id="picture")
            with VerticalScroll(id="analysis"):
                # markup=False: the sentences hold the learner's labels and tags as typed; read
                # as markup, "[x]" vanished and "[/x]" stopped the workbench.
                yield Static("", id="analysis-text", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        super().on_mount()
        if not self._loaded:
            self._loaded = True
            maps = self.maps
            saved = self.read(maps.current)  # in the store thread, as every call below
            self.own = saved or NetworkMap()
            self.answers = self.read(maps.answers)
            self.practicing = not (saved and saved.people) and self.activity.practice is not None
        self._fill()

    def after_relabel(self) -> None:
        self._fill()

    def _fill(self) -> None:
        """Everything from the map shown: lists, analysis, answers, snapshots."""
        activity = self.activity
        self.sub_title = activity.title if self.practicing else self.t("network.own_title")
        self.title = self.t("network.title")
        mode = self.query_one("#wb-mode", Static)
        mode.update(self.t("network.practice_mode" if self.practicing else "network.own_mode"))
        mode.set_class(self.practicing, "practice")
        self._fill_people()
        self._fill_ties()
        self._analyse()
        self._fill_answers()
        self._fill_snapshots()

    def _fill_people(self) -> None:
        # Drawn line by line, only the rows on screen: 150 people in a DataTable, measured
        # and rendered cell by cell, took an eighth of the workbench's first drawing
        # (benchmarks/network_map.py). Column widths are given, not measured.
        people = self.shown.people
        label_header, tags_header = self.t("network.column_label"), self.t("network.column_tags")
        columns = (
            Column("offer", " ", 1),
            Column("label", label_header, _width(label_header, people, 18)),
            Column("tags", tags_header, _width(tags_header, people, 60, True)),
        )
        # Cells as Text, not str: shown as typed (a tag such as "[x]" is no markup).
        rows = [
            Row(
                person.key,
                (
                    CUSTOMER if person.uses_offer else OTHER,
                    _cell(person.label),
                    _cell(", ".join(person.tags)),
                ),
            )
            for person in people
        ]
        self.query_one("#people", LessonTable).show(columns, rows)

    def _fill_ties(self) -> None:
        """Fill the list of ties, or note that it is out of date while its tab is hidden:
        a map of 400 ties filled the list on every change, shown or not."""
        if self._tab() != "tab-ties" or "tab-ties" not in self._built:
            self._ties_stale = True
            return
        self._ties_stale = False
        table = self.query_one("#ties", DataTable)
        row = table.cursor_row
        table.clear(columns=True)
        person_header = self.t("network.column_person")
        people = self.shown.people
        width = _width(person_header, people, 18)
        table.add_column(person_header, key="first", width=width)
        table.add_column(person_header, key="second", width=width)
        table.add_column(self.t("network.column_kind"), key="kind")
        label = {person.key: person.label for person in self.shown.people}
        for tie in self.shown.ties:
            table.add_row(
                _cell(label[tie.first]),
                _cell(label[tie.second]),
                _cell(tie.kind),
                key=f"{tie.first} {tie.second}",
            )
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1))

    @on(TabRow.TabActivated, "#wb-tabs")
    async def tab_shown(self, event: TabRow.TabActivated) -> None:
        await self._build(event.tab)
        self._show_tab(self._tab())
        if self._tab() == "tab-ties" and self._ties_stale:
            self._fill_ties()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """A field of a hidden tab that gets the focus (Escape in an answer focuses the
        list of people) brings its tab to the front."""
        for node in event.widget.ancestors_with_self:
            if node.id == "people" or node.has_class("wb-pane"):
                tab = "tab-people" if node.id == "people" else str(node.id)
                if tab != self._tab():
                    self.query_one("#wb-tabs", TabRow).active = tab
                    self._show_tab(tab)
                return

    def _analyse(self) -> None:
        network = self.shown
        self.analysis = analyse(network)
        sentences = describe(network, self.analysis, self.t)
        self.query_one("#analysis-text", Static).update("\n".join(f"• {s}" for s in sentences))
        if self.view.focus is not None and network.person(self.view.focus) is None:
            self.view = PictureView(self.view.detail)
        self._draw_picture()

    def _draw_picture(self) -> None:
        self.query_one(MapPicture).show(self.shown, self.analysis, self.view)

    def suggestions(self) -> dict[str, str]:
        """Pre-filled answers from the analysis of the map shown."""
        return suggest_answers(
            self.shown, self.analysis, self.activity.platforms, self.t("network.and")
        )

    def _fill_answers(self) -> None:
        if "tab-answers" not in self._built:
            return
        suggested = self.suggestions()
        for number, question in enumerate(self.activity.questions):
            area = self.query_one(f"#answer-{number}", TextArea)
            saved = None if self.practicing else self.answers.get(question.id)
            text = saved if saved is not None else suggested.get(question.suggest, "")
            if area.text != text and not (area.has_focus and saved is not None):
                with area.prevent(TextArea.Changed):
                    area.load_text(text)
                # The cursor after the text: what the learner types adds to the suggestion
                # instead of landing in front of it.
                area.move_cursor(area.document.end)
            area.read_only = self.practicing
        state = self.query_one("#answers-state", Static)
        state.update(
            self.t("network.answers_practice" if self.practicing else "network.answers_hint")
        )

    def _fill_snapshots(self) -> None:
        if "tab-snapshots" not in self._built:
            return
        listing = self.query_one("#snapshots", OptionList)
        listing.clear_options()
        for snapshot in self._snapshots():
            mark = "✓ " if snapshot.id == self._marked else ""
            when = snapshot.taken_at[:16].replace("T", " ")
            listing.add_option(Option(_cell(f"{mark}{when}  {snapshot.name}"), id=str(snapshot.id)))
        if not listing.option_count:
            self.query_one("#comparison", Static).update(self.t("network.no_snapshots"))

    def _snapshots(self) -> list[MapSnapshot]:
        try:
            return self.read(self.maps.snapshots)
        except StoreError as error:
            self.notify(str(error), severity="error")
            return []

    # Changing the map -----------------------------------------------------------------

    def _editable(self) -> bool:
        if self.practicing:
            self.notify(self.t("network.practice_read_only"))
            return False
        return True

    def _change(self, network: NetworkMap) -> None:
        """Make `network` the learner's map: saved at once, then shown."""
        self._undo.append(self.own)
        del self._undo[:-20]
        self.own = network
        try:
            self.read(self.maps.save, network)
        except StoreError as error:
            self.notify(str(error), severity="error", timeout=15)
        self._fill_people()
        self._fill_ties()
        self._analyse()
        self._fill_answers()

    def _map_error(self, error: MapError) -> str:
        """A core error in the learner's language."""
        message = str(error)
        if "needs a label" in message:
            return self.t("network.error_label_empty")
        if "on the map already" in message:
            return self.t("network.error_label_taken")
        if "tags" in message:
            return self.t("network.error_tags", count=MAX_TAGS)
        if "different people" in message:
            return self.t("network.error_same_person")
        return self.t("network.error_other", error=message)

    def _selected_person(self) -> str | None:
        return self.query_one("#people", LessonTable).cursor_key

    def _selected_tie(self) -> tuple[str, str] | None:
        table = self.query_one("#ties", DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        first, _, second = str(key).partition(" ")
        return first, second

    def _tab(self) -> str:
        return self.query_one("#wb-tabs", TabRow).active

    def action_add_person(self) -> None:
        """Add a person (a dialog asks for the label, the offer mark and tags)."""
        if not self._editable():
            return

        def check(entry: object) -> str | None:
            assert isinstance(entry, PersonEntry)
            try:
                self.own.with_person(entry.label, entry.uses_offer, entry.tags)
            except MapError as error:
                return self._map_error(error)
            return None

        def added(entry: PersonEntry | None) -> None:
            if entry is not None:
                network, _ = self.own.with_person(entry.label, entry.uses_offer, entry.tags)
                self._change(network)
                table = self.query_one("#people", LessonTable)
                table.move_cursor(table.row_count - 1)

        self.app.push_screen(PersonDialog(check, self._known_tags()), added)

    def _known_tags(self) -> list[str]:
        on_map = [tag for person in self.own.people for tag in person.tags]
        return [*on_map, *self.activity.suggested_tags]

    def action_edit(self) -> None:
        """Change the selected person, or the kind of the selected tie."""
        if not self._editable():
            return
        if self._tab() == "tab-ties":
            self._edit_tie()
            return
        key = self._selected_person()
        person = self.own.person(key) if key else None
        if person is None:
            return

        def check(entry: object) -> str | None:
            assert isinstance(entry, PersonEntry)
            try:
                self.own.with_changed_person(
                    person.key, label=entry.label, uses_offer=entry.uses_offer, tags=entry.tags
                )
            except MapError as error:
                return self._map_error(error)
            return None

        def changed(entry: PersonEntry | None) -> None:
            if entry is not None:
                self._change(
                    self.own.with_changed_person(
                        person.key, label=entry.label, uses_offer=entry.uses_offer, tags=entry.tags
                    )
                )

        entry = PersonEntry(person.label, person.uses_offer, person.tags)
        self.app.push_screen(PersonDialog(check, self._known_tags(), entry), changed)

    def _edit_tie(self) -> None:
        pair = self._selected_tie()
        tie = self.own.tie_between(*pair) if pair else None
        if tie is None:
            return
        first, second = self.own.person(tie.first), self.own.person(tie.second)
        assert first is not None and second is not None

        def changed(entry: TieEntry | None) -> None:
            if entry is not None:
                self._change(self.own.with_tie(tie.first, tie.second, entry.kind))

        entry = TieEntry(first.label, second.label, tie.kind)
        self.app.push_screen(
            TieDialog(lambda _: None, self._labels(), self._kinds(), entry), changed
        )

    @on(DataTable.RowSelected)
    @on(LessonTable.RowSelected, "#people")
    def row_chosen(self) -> None:
        """Enter on a row edits it."""
        if not self.practicing:
            self.action_edit()

    def _labels(self) -> list[str]:
        return [person.label for person in self.own.people]

    def _kinds(self) -> list[str]:
        used = [tie.kind for tie in self.own.ties if tie.kind]
        return [*used, *self.t("network.kinds").split(", ")]

    def action_add_tie(self) -> None:
        """Connect two people (a dialog asks for both and the kind of tie)."""
        if not self._editable():
            return

        def ends(entry: TieEntry) -> tuple[str, str] | str:
            first = self.own.person_named(entry.first)
            second = self.own.person_named(entry.second)
            for typed, found in ((entry.first, first), (entry.second, second)):
                if found is None:
                    return self.t("network.error_no_person", label=typed)
            assert first is not None and second is not None
            if first.key == second.key:
                return self.t("network.error_same_person")
            return first.key, second.key

        def check(entry: object) -> str | None:
            assert isinstance(entry, TieEntry)
            found = ends(entry)
            return found if isinstance(found, str) else None

        def added(entry: TieEntry | None) -> None:
            if entry is not None:
                found = ends(entry)
                assert not isinstance(found, str)
                self._change(self.own.with_tie(*found, entry.kind))

        selected = self._selected_person() if self._tab() == "tab-people" else None
        person = self.own.person(selected) if selected else None
        first = person.label if person else ""
        self.app.push_screen(TieDialog(check, self._labels(), self._kinds(), first=first), added)

    def action_remove(self) -> None:
        """Remove the selected person (with their ties) or tie; `u` brings it back."""
        if not self._editable():
            return
        if self._tab() == "tab-ties":
            pair = self._selected_tie()
            if pair is not None:
                self._change(self.own.without_tie(*pair))
                self.notify(self.t("network.removed_tie"))
            return
        if self._tab() != "tab-people":
            return
        key = self._selected_person()
        person = self.own.person(key) if key else None
        if person is not None:
            self._change(self.own.without_person(person.key))
            self.notify(self.t("network.removed_person", label=person.label))

    def action_toggle_offer(self) -> None:
        """Mark or unmark the selected person as using the learner's offer."""
        if not self._editable():
            return
        key = self._selected_person()
        person = self.own.person(key) if key else None
        if person is not None:
            self._change(self.own.with_changed_person(key or "", uses_offer=not person.uses_offer))

    def action_undo(self) -> None:
        """Take back the last change to the map."""
        if not self._editable() or not self._undo:
            return
        previous = self._undo.pop()
        self._change(previous)
        self._undo.pop()  # the undo itself is no change to take back

    # Looking at it --------------------------------------------------------------------

    def action_focus_person(self) -> None:
        """Show the selected person with all their ties, or the whole map again."""
        key = self._selected_person()
        focus = None if self.view.focus is not None or key is None else key
        self.view = PictureView(self.view.detail, focus)
        self._draw_picture()

    def action_zoom(self) -> None:
        """Show each person with their tags, or the compact picture again."""
        self.view = PictureView(not self.view.detail, self.view.focus)
        self._draw_picture()

    @on(LessonTable.RowHighlighted, "#people")
    def person_highlighted(self) -> None:
        """A focused picture follows the highlighted person."""
        key = self._selected_person()
        if self.view.focus is not None and key is not None and key != self.view.focus:
            self.view = PictureView(self.view.detail, key)
            self._draw_picture()

    def action_switch_map(self) -> None:
        """Switch between the practice map and the learner's own map."""
        if self.activity.practice is None and not self.practicing:
            self.notify(self.t("network.no_practice"))
            return
        self.action_save_answers()
        self.practicing = not self.practicing
        self.view = PictureView(self.view.detail)
        self._fill()

    async def action_tab(self, number: int) -> None:
        """Show one of the tabs: people, ties, answers, snapshots."""
        await self._build(TABS[number])
        self.query_one("#wb-tabs", TabRow).active = TABS[number]
        self._show_tab(TABS[number])
        target = {0: "#people", 1: "#ties", 2: "#answer-0", 3: "#snapshots"}[number]
        found = self.query(target)
        if found:
            # Focused without scrolling to it: each field is at the top of its tab. A tab
            # built just now is not laid out yet, so its field counted as out of sight and
            # was scrolled to the middle, the first question out of view.
            found.first().focus(scroll_visible=False)
            if number == 2:
                self.query_one("#answers", VerticalScroll).scroll_home(animate=False)

    # Answers --------------------------------------------------------------------------

    @on(TextArea.Changed, ".answer")
    def answer_changed(self) -> None:
        if self.practicing:
            return
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(SAVE_DELAY, self.action_save_answers)
        self.query_one("#answers-state", Static).update("…")

    def action_save_answers(self) -> None:
        """Save the answers now (they are also saved as the learner types)."""
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
        if self.practicing or not self.is_mounted or "tab-answers" not in self._built:
            return
        typed = {
            question.id: self.query_one(f"#answer-{number}", TextArea).text
            for number, question in enumerate(self.activity.questions)
        }
        edited = {key: text for key, text in typed.items() if text or key in self.answers}
        if edited == {k: v for k, v in self.answers.items() if k in typed}:
            return
        self.answers.update(edited)
        try:
            self.read(self.maps.save_answers, self.answers)
        except StoreError as error:
            self.notify(str(error), severity="error", timeout=15)
            return
        self.query_one("#answers-state", Static).update(self.t("network.answers_saved"))

    def keep_unsaved(self) -> None:
        self.action_save_answers()

    def on_screen_suspend(self) -> None:
        self.action_save_answers()

    # Snapshots ------------------------------------------------------------------------

    def action_snapshot(self) -> None:
        """Keep a dated copy of the learner's map, to compare later."""
        if not self._editable():
            return
        default = datetime.now().strftime("%Y-%m-%d %H:%M")

        def check(name: object) -> str | None:
            return None if str(name) else self.t("network.error_snapshot_name")

        def named(name: str | None) -> None:
            if name:
                try:
                    self.read(self.maps.take_snapshot, name, self.own)
                except StoreError as error:
                    self.notify(str(error), severity="error", timeout=15)
                    return
                self._fill_snapshots()
                self.notify(self.t("network.snapshot_saved", name=name))

        self.app.push_screen(NameDialog(check, self.t("network.snapshot_title"), default), named)

    @on(OptionList.OptionSelected, "#snapshots")
    def snapshot_marked(self, event: OptionList.OptionSelected) -> None:
        """Enter on a snapshot marks it as the older side of a comparison."""
        chosen = int(event.option.id or 0)
        self._marked = None if self._marked == chosen else chosen
        highlighted = event.option_index
        self._fill_snapshots()
        self.query_one("#snapshots", OptionList).highlighted = highlighted

    async def action_compare(self) -> None:
        """Compare the marked snapshot with the highlighted one, or a snapshot with the
        learner's map as it is now."""
        await self._build("tab-snapshots")
        snapshots = {snapshot.id: snapshot for snapshot in self._snapshots()}
        listing = self.query_one("#snapshots", OptionList)
        if not snapshots:
            self.notify(self.t("network.no_snapshots"))
            return
        index = listing.highlighted if listing.highlighted is not None else 0
        option_id = listing.get_option_at_index(index).id
        highlighted = snapshots[int(option_id or 0)]
        if (
            self._marked is not None
            and self._marked in snapshots
            and self._marked != highlighted.id
        ):
            older, newer = snapshots[self._marked], highlighted
            if older.taken_at > newer.taken_at:
                older, newer = newer, older
            changes = compare(older.network, newer.network)
            heading = self.t("network.compare_two", older=older.name, newer=newer.name)
        else:
            changes = compare(highlighted.network, self.own)
            heading = self.t("network.compare_now", older=highlighted.name)
        self.query_one("#comparison", Static).update(
            "\n".join([heading, *self._changes_text(changes)])
        )
        await self.action_tab(3)

    def _changes_text(self, changes: MapChanges) -> list[str]:
        word_and = self.t("network.and")
        lines = []
        if changes.joined:
            lines.append(self.t("network.changes_joined", people=", ".join(changes.joined)))
        if changes.left:
            lines.append(self.t("network.changes_left", people=", ".join(changes.left)))
        if changes.new_ties:
            ties = ", ".join(f"{a}–{b}" for a, b in changes.new_ties)
            lines.append(self.t("network.changes_new_ties", ties=ties))
        if changes.lost_ties:
            ties = ", ".join(f"{a}–{b}" for a, b in changes.lost_ties)
            lines.append(self.t("network.changes_lost_ties", ties=ties))
        if changes.clusters_before != changes.clusters_after:
            lines.append(
                self.t(
                    "network.changes_groups",
                    before=changes.clusters_before,
                    after=changes.clusters_after,
                )
            )
        if changes.moved:
            moved = f" {word_and} ".join(changes.moved)
            lines.append(self.t("network.changes_moved", people=moved))
        return lines or [self.t("network.changes_none")]

    # Out and in -----------------------------------------------------------------------

    def action_export(self) -> None:
        """Write the map shown as DOT, Mermaid, GraphML or a Markdown summary to a file."""

        def check(entry: object) -> str | None:
            assert isinstance(entry, ExportEntry)
            if not entry.path.name:
                return self.t("network.error_file_name")
            if not entry.path.parent.is_dir():
                return self.t("network.error_folder", folder=str(entry.path.parent))
            return None

        def chosen(entry: ExportEntry | None) -> None:
            if entry is None:
                return
            from course.locations import write_atomically

            try:
                write_atomically(entry.path, self.export_text(entry.form))
            except OSError as error:
                self.notify(
                    self.t("network.export_failed", path=str(entry.path), error=str(error)),
                    severity="error",
                    timeout=15,
                )
                return
            self.notify(self.t("network.exported", path=str(entry.path)))

        self.app.push_screen(ExportDialog(check, default_folder(), "network-map"), chosen)

    def export_text(self, form: str) -> str:
        """The map shown in one of the export formats."""
        from course.interchange import network_formats as formats

        network = self.shown
        if form == "mermaid":
            return formats.to_mermaid(network)
        if form == "graphml":
            return formats.to_graphml(network)
        if form == "markdown":
            self.action_save_answers()
            sentences = describe(network, self.analysis, self.t)
            questions = self.activity.questions
            answers = (
                [] if self.practicing else [(q.text, self.answers.get(q.id, "")) for q in questions]
            )
            title = self.activity.title if self.practicing else self.t("network.own_title")
            return formats.to_markdown(network, self.analysis, sentences, answers, self.t, title)
        return formats.to_dot(network, self.analysis)

    def action_import_csv(self) -> None:
        """Read the learner's map from CSV files (ties, and optionally people with tags).
        The map it replaces is kept as a snapshot first."""
        from course.interchange.network_formats import read_csv_map

        found: list[NetworkMap] = []

        def check(entry: object) -> str | None:
            assert isinstance(entry, ImportEntry)
            texts: list[str | None] = []
            for path in (entry.ties, entry.people):
                if path is None:
                    texts.append(None)
                    continue
                try:
                    texts.append(path.read_text(encoding="utf-8"))
                except (OSError, UnicodeDecodeError) as error:
                    return self.t("network.error_read", path=str(path), error=str(error))
            ties_text = texts[0] or ""
            result = read_csv_map(ties_text, str(entry.ties), texts[1], str(entry.people or ""))
            if result.network is None:
                return "\n".join(result.problems[:3])
            found[:] = [result.network]
            return None

        def chosen(entry: ImportEntry | None) -> None:
            if entry is None or not found:
                return
            try:
                if self.own.people:
                    self.read(self.maps.take_snapshot, self.t("network.before_import"), self.own)
            except StoreError as error:
                self.notify(str(error), severity="error", timeout=15)
                return
            self.practicing = False
            self._change(found[0])
            self._fill()
            self.notify(self.t("network.imported", people=len(found[0].people)))

        self.app.push_screen(ImportDialog(check, default_folder()), chosen)

    # Leaving --------------------------------------------------------------------------

    def action_back(self) -> None:
        """Leave a text field, or go back to the lesson."""
        if isinstance(self.focused, TextArea):
            self.query_one("#people", LessonTable).focus()
            return
        self.action_save_answers()
        self.dismiss()  # a quiz's activity that opened it shows the saved answers again
