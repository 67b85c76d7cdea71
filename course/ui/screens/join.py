"""The first screen of a learner in a served classroom: the join code and their name.

The code is checked against the salted hash `course serve` put in the store. A wrong code
is refused with one message that says nothing about names, and only after a pause, so
codes cannot be tried quickly. The name selects the learner's profile (case and Unicode form
ignored: `ProgressStore.learners_named`), or creates it.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Button, Footer, Header, Input, Label, Static

from course.store import StoreError
from course.store.classroom import served_session
from course.store.progress import NAME_LIMIT, check_learner_name
from course.ui.screens.base import CourseScreen

CODE_FIELD_LENGTH = 32
"""The join code field takes no more characters than the longest code."""


@dataclass(frozen=True)
class JoinOutcome:
    """What the store says about a try to join."""

    problem: str | None
    """The catalogue key of the message to show, or None when the learner may join."""
    name: str = ""
    """The cleaned name when the learner may join."""
    limit: int = 0
    """The learner limit, for the "class is full" message."""


class JoinScreen(CourseScreen):
    """Ask for the join code and the learner's name; dismissed with the name."""

    WRONG_CODE_DELAY = 1.0
    """Seconds before a wrong code is refused (and the next try is possible)."""

    DEFAULT_CSS = """
    /* Only served classrooms show this screen, so its few styles live with it. Compact:
       everything, the message too, fits a browser's 80x24 terminal in either language. */
    JoinScreen #join-title {
        text-style: bold;
        color: $primary;
        padding: 1 0 0 0;
    }
    JoinScreen #join-intro {
        color: $text-muted;
        padding: 0 0 1 0;
    }
    JoinScreen .join-label {
        text-style: bold;
    }
    JoinScreen #join {
        margin: 1 0 0 0;
        width: 100%;
    }
    JoinScreen #join-message {
        margin: 1 0 0 0;
        height: auto;
    }
    JoinScreen #join-message.problem {
        color: $error;
        text-style: bold;
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self._busy = False
        self._message: tuple[str, dict[str, object], bool] | None = None
        """The catalogue key, fields and kind of the message shown (kept for relabel)."""

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="join-page", classes="page"):
            yield Static(self.t("join.title"), id="join-title")
            yield Static(self.t("join.intro"), id="join-intro")
            yield Label(self.t("join.code_label"), classes="join-label")
            yield Input(
                placeholder=self.t("join.code_placeholder"),
                max_length=CODE_FIELD_LENGTH,
                id="join-code",
            )
            yield Label(self.t("join.name_label"), classes="join-label")
            yield Input(
                placeholder=self.t("join.name_placeholder"),
                max_length=NAME_LIMIT,
                id="join-name",
            )
            yield Button(self.t("join.submit"), id="join", variant="primary")
            yield Static("", id="join-message")
        yield Footer()

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#join-code", Input).focus()

    async def relabel(self) -> None:
        """Redraw in the new language, keeping what the learner typed."""
        code = self.query_one("#join-code", Input).value
        name = self.query_one("#join-name", Input).value
        focused = self.focused.id if self.focused is not None else None
        await super().relabel()
        self.query_one("#join-code", Input).value = code
        self.query_one("#join-name", Input).value = name
        self._show()
        if focused:
            self.query_one(f"#{focused}").focus()

    # Submitting -------------------------------------------------------------------------

    @on(Input.Submitted, "#join-code")
    def code_given(self) -> None:
        self.query_one("#join-name", Input).focus()

    @on(Input.Submitted, "#join-name")
    @on(Button.Pressed, "#join")
    def submit(self) -> None:
        """Check the code and the name (once at a time)."""
        if self._busy:
            return
        code = self.query_one("#join-code", Input).value
        name = self.query_one("#join-name", Input).value
        self._set_busy(True)
        self._show_key("join.checking", problem=False)
        self._try_to_join(code, name)

    @work(exclusive=True, group="join")
    async def _try_to_join(self, code: str, name: str) -> None:
        try:
            outcome = await asyncio.to_thread(self._decide, code, name)
        except Exception:  # whatever went wrong, a learner's browser shows no traceback
            outcome = JoinOutcome("join.failed")
        if outcome.problem == "join.wrong_code":
            await asyncio.sleep(self.WRONG_CODE_DELAY)
        self._set_busy(False)
        if outcome.problem is None:
            # The learner takes a browser seat: only these count against the limit.
            app = self.learner_app
            app.session = served_session(app.session)
            self.dismiss(outcome.name)
            return
        self._show_key(outcome.problem, problem=True, count=outcome.limit, limit=NAME_LIMIT)
        field = "#join-code" if outcome.problem == "join.wrong_code" else "#join-name"
        self.query_one(field, Input).focus()

    def _decide(self, code: str, name: str) -> JoinOutcome:
        """Ask the store (in a thread: hashing the code takes a moment)."""
        app = self.course_app
        room = app.store.classroom(app.course.id)
        if not code.strip() or not room.check_join_code(code):
            return JoinOutcome("join.wrong_code")
        try:
            cleaned = check_learner_name(name)
        except StoreError:
            return JoinOutcome(_name_problem(name))
        # "dora" is Dora coming back: her profile, spelt as she first typed it. Where two
        # old profiles differ only in case, the exact spelling wins, else the older one.
        same = app.store.learners_named(cleaned)
        if same:
            cleaned = same[0].name
        state = room.state()
        if state.joining_locked and not same:
            return JoinOutcome("join.joining_closed")  # only learners who joined before
        limit = state.max_learners
        if limit is not None:
            here = room.active_learners(served_only=True)
            if cleaned not in here and len(here) >= limit:
                return JoinOutcome("join.full", limit=limit)
        return JoinOutcome(None, name=cleaned)

    # Showing ----------------------------------------------------------------------------

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.query_one("#join", Button).disabled = busy

    def _show_key(self, key: str, *, problem: bool, **fields: object) -> None:
        self._message = (key, fields, problem)
        self._show()

    def _show(self) -> None:
        if self._message is None:
            return
        key, fields, problem = self._message
        message = self.query_one("#join-message", Static)
        message.update(self.t(key, **fields))
        message.set_class(problem, "problem")


def _name_problem(name: str) -> str:
    """The catalogue key that says why `name` cannot name a profile."""
    cleaned = name.strip()
    if not cleaned:
        return "join.name_empty"
    if len(cleaned) > NAME_LIMIT:
        return "join.name_too_long"
    return "join.name_control"
