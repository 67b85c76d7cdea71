"""The live class dashboard of `course class`: the trainer's view of every learner.

It reads the learners' progress from the progress store every few seconds, in the app's
store thread (`course.ui.base`: never on the event loop, the first read included), and
only when another process has committed something since the last read
(`ProgressStore.data_version`); who is online is asked every time, because a learner app
that was killed stops its heartbeats without committing anything. So an idle class costs
two tiny queries per refresh. The class view (`course.workshop.classview`) is built from
what was read on the UI thread, in the dashboard's language. It shows no wall-clock time
so that the same data always looks the same.

Below the learners it shows either the questions, hardest first, or the item analysis
(`i` switches): per question the facility, the discrimination and the options chosen.
Answers given in live rounds show in a "Live" column of both tables once there are any,
apart from the quiz scores; answers of anonymous rounds belong to nobody and count in the
questions' column only.

The trainer can reset a learner's PIN (`p`: they set a new one at their next join) and
remove a learner from the class (`x`: their profile goes, so their learner app closes at
its next sign of life and their browser session of `course serve` ends), each after a
confirmation.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Label, Static, Tab, Tabs
from textual.widgets.data_table import CellDoesNotExist

from course.core.model import Course
from course.core.scoring import LiveCount
from course.i18n import Catalogue
from course.locations import write_atomically
from course.store import ProgressStore, StoreError, seats
from course.store.lrs_queue import ForwardingStatus
from course.ui.base import CourseAppBase
from course.workshop import classview, item_analysis

REFRESH_SECONDS = 3.0
"""How often the dashboard looks for new progress."""
FLEXIBLE_MIN = 12
"""The narrowest a lesson title or a question prompt is cut to, in cells."""
QUESTIONS_TAB = "questions-tab"
"""The tab that shows the questions, hardest first, below the learners."""
ITEMS_TAB = "items-tab"
"""The tab that shows the item analysis below the learners."""

Progress = tuple[list[classview.LearnerProgress], dict[str, LiveCount]]
"""What one read of the store gives: every learner's progress, and per question the
answers of anonymous live rounds (which are nobody's)."""
Read = tuple[Progress | None, frozenset[str], ForwardingStatus | None]
"""One poll of the store: the progress (None: unchanged), who is online, the LRS status."""


class ClassDashboardScreen(Screen[None]):
    """The dashboard's one place: the learners above, the questions or the item analysis
    below."""

    @property
    def dashboard(self) -> ClassDashboardApp:
        """The app, typed."""
        assert isinstance(self.app, ClassDashboardApp)
        return self.app

    def compose(self) -> ComposeResult:
        t = self.dashboard.t
        yield Header()
        with Vertical(id="dashboard"):
            yield Label("", id="summary")
            yield Label("", id="lrs")
            yield Static(t("dashboard.empty"), id="empty")
            yield DataTable(id="learners", cursor_type="row", zebra_stripes=True)
            yield Tabs(
                Tab(t("dashboard.questions_heading"), id=QUESTIONS_TAB),
                Tab(t("analysis.tab"), id=ITEMS_TAB),
                id="lower-tabs",
            )
            yield DataTable(id="questions", cursor_type="row", zebra_stripes=True)
            yield DataTable(id="items", cursor_type="row", zebra_stripes=True)
            yield Label(t("dashboard.share_note"), id="share-note")
        yield Footer()

    def on_mount(self) -> None:
        self.dashboard.read_now()
        self.query_one("#learners", DataTable).focus()

    @on(Tabs.TabActivated, "#lower-tabs")
    def _lower_chosen(self, event: Tabs.TabActivated) -> None:
        """The questions or the item analysis below the learners, as the tabs say (a
        click, the arrows on the focused tabs, or `i`)."""
        self.dashboard.showing_items = event.tab.id == ITEMS_TAB
        self.dashboard.show_lower()

    def on_resize(self) -> None:
        """Cut titles and prompts anew when the width changed: once the resize is drawn.
        Tables refilled while it is laid out keep the column widths of that layout, and
        every cell came out cut to its header ("1…" for "100 %")."""
        self.call_after_refresh(self._refit)

    def _refit(self) -> None:
        dashboard = self.dashboard
        if dashboard.view is not None and dashboard.fitted_width != dashboard.size.width:
            dashboard.show(dashboard.view)


class ClassDashboardApp(CourseAppBase):
    """Every learner of a course with their progress, and the hardest questions, live."""

    CSS_PATH = "dashboard.tcss"
    BINDINGS = [
        Binding("s", "sort", "Sort"),
        Binding("r", "reverse", "Reverse"),
        # Not in the footer, which has no room left at 80 columns: the tabs show the way.
        Binding("i", "toggle_items", "Item analysis", show=False),
        Binding("w", "write", "Write CSV"),
        Binding("f2", "switch_language", "Language", key_display="F2"),
        Binding("q", "quit", "Quit"),
        # After Quit: where the footer is too narrow for all, these are the ones cut (the
        # command palette lists them too).
        Binding("p", "reset_pin", "Reset PIN"),
        Binding("x", "remove", "Remove"),
    ]

    def __init__(
        self,
        course: Course,
        store: ProgressStore,
        language: str,
        *,
        refresh_seconds: float = REFRESH_SECONDS,
        now: Callable[[], datetime] = datetime.now,
    ) -> None:
        """`store` stays open and owned by the caller; `now` names the CSV files written."""
        super().__init__(course, store, language)
        self.refresh_seconds = refresh_seconds
        self.now = now
        self.view: classview.ClassView | None = None
        """The class view shown; None until the first read."""
        self.progress: list[classview.LearnerProgress] = []
        """Every learner's progress, as last read."""
        self.anonymous_live: dict[str, LiveCount] = {}
        """Per question, the answers of anonymous live rounds, as last read."""
        self.online: frozenset[str] = frozenset()
        """The learners with an app open, as last read."""
        self.sort_key = classview.SORT_KEYS[0]
        """The column the learners are sorted by, one of `classview.SORT_KEYS`."""
        self.sort_reversed = False
        """Whether that sort is reversed."""
        self.showing_items = False
        """Whether the item analysis is shown below the learners, instead of the
        questions."""
        self.reads = 0
        """How many times the learners' progress was read from the store (for tests)."""
        self.fitted_width = 0
        """The terminal width the tables were last cut to."""
        self.lrs: ForwardingStatus | None = None
        """How forwarding to an LRS goes, as last read; None when the class is not
        forwarded (`course serve --lrs`)."""
        self._seen_version: int | None = None
        self._polling = False

    def get_default_screen(self) -> ClassDashboardScreen:
        return ClassDashboardScreen()

    def on_mount(self) -> None:
        # CourseAppBase.on_mount runs too, after this one (Textual calls the handler of
        # every class): the title, the keys' descriptions, the notice.
        self.call_after_refresh(self.refresh_bindings)  # the footer in the course's language
        self.set_interval(self.refresh_seconds, self.poll)

    def read_now(self) -> None:
        """Read the store and show it, waiting for the read (in the store thread): at
        start, so that the first frame has the data."""
        self._took(self.storage.run(self._read_store))

    def window_title(self) -> str:
        title = self.course.title.get(self.language) or self.course.id
        return self.t("dashboard.title", course=title)

    def key_description(self, action: str) -> str | None:
        if action == "switch_language":
            # the language F2 leads to, in its own words, as the learner app's F2 says it
            return Catalogue(self.other_language())("language_name")
        return self.catalogue.get(f"dashboard.key_{action}")

    # Language -------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """F2 only where the course has another language to switch to."""
        if action == "switch_language":
            return len(self.course.languages) > 1
        return True

    async def watch_language(self, language: str) -> None:
        """Show the dashboard, its course texts and its keys in the course's next language
        (from what was read last: no store read is needed)."""
        await super().watch_language(language)
        self.query_one("#empty", Static).update(self.t("dashboard.empty"))
        self.query_one(f"#{QUESTIONS_TAB}", Tab).label = self.t("dashboard.questions_heading")
        self.query_one(f"#{ITEMS_TAB}", Tab).label = self.t("analysis.tab")
        self.show_lower()
        self._show_lrs()
        if self.view is not None:
            self.show(self.build_view())

    # Reading --------------------------------------------------------------------------

    def _changed(self) -> bool:
        """Whether the store changed since the last read (and remember its version)."""
        version = self.store.data_version()
        if version == self._seen_version:
            return False
        self._seen_version = version
        return True

    def _read(self) -> Progress:
        self.reads += 1
        return (
            classview.progress_from_store(self.store, self.course),
            classview.anonymous_live(self.store, self.course),
        )

    def poll(self) -> None:
        """Read the progress again (in the store thread) if anything was committed since
        the last read, and who is online now; then show it. One read at a time."""
        if not self._polling:
            self._polling = True
            self.store_then(self._took, self._read_store)

    def _read_store(self) -> Read | str:
        """What changed, or the message that says why it could not be read."""
        try:
            progress = self._read() if self._changed() else None
            online = classview.online_now(self.store, self.course)
            return progress, online, classview.lrs_status(self.store, self.course)
        except StoreError as error:
            self._seen_version = None  # so that the next refresh tries again
            return self.t("dashboard.read_failed", error=error)

    def _took(self, read: Read | str) -> None:
        self._polling = False
        if isinstance(read, str):
            self.notify(read, severity="error")
        else:
            self.take(*read)

    def take(
        self,
        progress: Progress | None,
        online: frozenset[str],
        lrs: ForwardingStatus | None = None,
    ) -> None:
        """Show what was read: the progress (None: unchanged), who is online, and how
        forwarding to an LRS goes."""
        if lrs != self.lrs or progress is not None:
            self.lrs = lrs
            self._show_lrs()
        if progress is not None:
            self.progress, self.anonymous_live = progress
        elif online == self.online or self.view is None:
            return
        self.online = online
        self.show(self.build_view())

    def _show_lrs(self) -> None:
        label = self.query_one("#lrs", Label)
        label.display = self.lrs is not None
        if self.lrs is not None:
            label.update(classview.lrs_status_text(self.lrs, self.t))

    def build_view(self) -> classview.ClassView:
        """The class view of what was read last, in the dashboard's language."""
        view = classview.build_view(self.course, self.language, self.progress, self.anonymous_live)
        return replace(view, online=self.online)

    # Showing --------------------------------------------------------------------------

    def show(self, view: classview.ClassView) -> None:
        """Show a class view, keeping the cursors on the same learner and question."""
        self.view = view
        self.query_one("#empty").display = not view.learners
        self._fill_learners()
        self._fill_questions()
        self._fill_items()
        self.show_lower()

    def show_lower(self) -> None:
        """The questions or the item analysis below the learners (`showing_items`), with
        the note that explains their figures."""
        items = self.showing_items
        self.query_one("#questions").display = not items
        self.query_one("#items").display = items
        notes = [self.t("analysis.short_note" if items else "dashboard.share_note")]
        if self.view is not None and not items:
            notes += classview.live_note(self.view, self.t)
        self.query_one("#share-note", Label).update("\n".join(notes))

    def _summary(self) -> str:
        assert self.view is not None
        return self.t(
            "dashboard.summary",
            learners=len(self.view.learners),
            online=self.view.online_count,
            lessons=len(self.course.lesson_ids),
            column=self.t(f"dashboard.sort_{self.sort_key}"),
            direction="↓" if self.sort_reversed else "↑",
        )

    def _fill_learners(self) -> None:
        view = self.view
        assert view is not None
        self.query_one("#summary", Label).update(self._summary())
        table = self.query_one("#learners", DataTable)
        kept = _cursor_key(table)
        table.clear(columns=True)
        right = set(classview.learner_right_columns(view))
        headers = classview.learner_headers(view, self.t)
        for index, header in enumerate(headers):
            table.add_column(_aligned(header, index in right), key=str(index))
        rows = classview.sort_learners(view.learners, self.sort_key, self.sort_reversed)
        cells = self._fit(
            headers,
            [classview.learner_cells(view, row) for row in rows],
            classview.learner_lesson_column(view),
        )
        for row, line in zip(rows, cells, strict=True):
            table.add_row(
                *(_aligned(cell, index in right) for index, cell in enumerate(line)),
                key=row.name,
            )
        _restore_cursor(table, kept, [row.name for row in rows])

    def _fill_questions(self) -> None:
        view = self.view
        assert view is not None
        table = self.query_one("#questions", DataTable)
        kept = _cursor_key(table)
        table.clear(columns=True)
        live = view.has_live
        right = set(classview.question_right_columns(live))
        headers = classview.question_headers(self.t, live)
        for index, header in enumerate(headers):
            table.add_column(_aligned(header, index in right), key=str(index))
        cells = self._fit(
            headers,
            [classview.question_cells(row, None, live) for row in view.questions],
            2,
        )
        for row, line in zip(view.questions, cells, strict=True):
            table.add_row(
                *(_aligned(cell, index in right) for index, cell in enumerate(line)),
                key=row.question_id,
            )
        _restore_cursor(table, kept, [row.question_id for row in view.questions])

    def _fill_items(self) -> None:
        view = self.view
        assert view is not None
        table = self.query_one("#items", DataTable)
        kept = _cursor_key(table)
        table.clear(columns=True)
        right = set(item_analysis.ITEM_RIGHT)
        headers = item_analysis.item_headers(self.t)
        for index, header in enumerate(headers):
            table.add_column(_aligned(header, index in right), key=str(index))
        cells = self._fit(
            headers,
            [item_analysis.item_cells(row, self.t) for row in view.items],
            item_analysis.ITEM_FLEXIBLE,
        )
        for row, line in zip(view.items, cells, strict=True):
            table.add_row(
                *(_aligned(cell, index in right) for index, cell in enumerate(line)),
                key=row.question_id,
            )
        _restore_cursor(table, kept, [row.question_id for row in view.items])

    def _fit(self, headers: list[str], rows: list[list[str]], flexible: int) -> list[list[str]]:
        """The rows with the `flexible` column's texts shortened so that the table fits the
        terminal's width (no sideways scrolling), but never below FLEXIBLE_MIN cells."""
        widths = [
            max([cell_len(header), *(cell_len(row[index]) for row in rows)])
            for index, header in enumerate(headers)
        ]
        # two cells of padding per column, the page's padding and a vertical scrollbar
        others = sum(widths) - widths[flexible] + 2 * len(headers) + 2 + 2
        self.fitted_width = self.size.width
        room = max(FLEXIBLE_MIN, self.size.width - others)
        return [
            [
                classview.shorten(cell, room) if index == flexible else cell
                for index, cell in enumerate(row)
            ]
            for row in rows
        ]

    # Keys -----------------------------------------------------------------------------

    def action_sort(self) -> None:
        """Sort the learners by the next column (name, lesson, done, score, time)."""
        keys = classview.SORT_KEYS
        self.sort_key = keys[(keys.index(self.sort_key) + 1) % len(keys)]
        self.sort_reversed = False
        if self.view is not None:
            self._fill_learners()

    def action_reverse(self) -> None:
        """Reverse the learners' order."""
        self.sort_reversed = not self.sort_reversed
        if self.view is not None:
            self._fill_learners()

    def action_toggle_items(self) -> None:
        """Show the item analysis below the learners instead of the questions, or back
        (through the tabs, which then tell the screen)."""
        tabs = self.query_one("#lower-tabs", Tabs)
        tabs.active = QUESTIONS_TAB if tabs.active == ITEMS_TAB else ITEMS_TAB

    def csv_path(self) -> Path:
        """Where `w` writes: the working folder, named after the course and the time."""
        stamp = self.now().strftime("%Y%m%d-%H%M%S")
        return Path.cwd() / f"class-{self.course.id}-{stamp}.csv"

    def action_write(self) -> None:
        """Write every table (`classview.to_csv`) as one CSV file in the working folder,
        and say where."""
        if self.view is None:
            return
        path: Path | str = self.t("dashboard.working_folder")
        try:
            path = self.csv_path()
            write_atomically(path, classview.to_csv(self.view))
        except OSError as error:
            self.notify(
                self.t("dashboard.write_failed", path=path, error=error.strerror or error),
                severity="error",
            )
            return
        self.notify(self.t("dashboard.written", path=path))

    # The class: a forgotten PIN, a learner to remove --------------------------------------

    def extra_commands(self) -> Iterable[SystemCommand]:
        """The palette offers what `p` and `x` do, for the learner under the cursor."""
        name = self.selected_learner()
        if name is None:
            return
        yield SystemCommand(
            self.t("dashboard.reset_pin_question", name=name), "", self.action_reset_pin
        )
        yield SystemCommand(self.t("dashboard.remove_question", name=name), "", self.action_remove)

    def selected_learner(self) -> str | None:
        """The name of the learner under the cursor, if any."""
        return _cursor_key(self.query_one("#learners", DataTable))

    def action_reset_pin(self) -> None:
        """Ask, then forget the PIN of the learner under the cursor."""
        name = self.selected_learner()
        if name is None:
            return
        self._confirm("reset_pin", name, lambda: self.store_then(self._said, self._reset_pin, name))

    def action_remove(self) -> None:
        """Ask, then remove the learner under the cursor from the class."""
        name = self.selected_learner()
        if name is None:
            return
        self._confirm("remove", name, lambda: self.store_then(self._said, self._remove, name))

    def _confirm(self, what: str, name: str, then: Callable[[], None]) -> None:
        from course.ui.screens.dialogs import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if yes:
                then()

        dialog = ConfirmScreen(
            self.t(f"dashboard.{what}_question", name=name),
            self.t(f"dashboard.{what}_detail", name=name),
            yes=self.t(f"dashboard.{what}_yes"),
            no=self.t("dashboard.cancel"),
        )
        self.push_screen(dialog, answered)

    def _reset_pin(self, name: str) -> tuple[str, bool]:
        """In the store thread: what to say, and whether it went wrong."""
        try:
            had_pin = seats.reset_pin(self.store, name)
        except StoreError as error:
            return self.t("dashboard.action_failed", error=error), True
        return self.t("dashboard.pin_reset" if had_pin else "dashboard.no_pin", name=name), False

    def _remove(self, name: str) -> tuple[str, bool]:
        """In the store thread: what to say, and whether it went wrong."""
        try:
            seats.remove_learner(self.store, name)
        except StoreError as error:
            return self.t("dashboard.action_failed", error=error), True
        self._seen_version = None  # our own commit does not change `data_version`
        return self.t("dashboard.removed", name=name), False

    def _said(self, outcome: tuple[str, bool]) -> None:
        message, failed = outcome
        self.notify(message, severity="error" if failed else "information")
        self.poll()  # the learner gone from the table at once


def _aligned(text: str, right: bool) -> Text:
    return Text(text, justify="right" if right else "left", no_wrap=True, overflow="ellipsis")


def _cursor_key(table: DataTable[Text]) -> str | None:
    """The key of the row under the cursor, if the table has rows."""
    if not table.row_count:
        return None
    try:
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
    except CellDoesNotExist:
        return None


def _restore_cursor(table: DataTable[Text], key: str | None, keys: list[str]) -> None:
    if key in keys:
        table.move_cursor(row=keys.index(key), animate=False)
