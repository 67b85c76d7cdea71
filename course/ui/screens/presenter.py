"""The presenter view for a projector: large slides, notes the trainer toggles, a countdown,
a wall clock, questions in reveal mode, and the live group quiz."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.css.query import NoMatches
from textual.events import Key
from textual.reactive import reactive
from textual.widgets import Button, Footer, Input, Static

from course.core.grading import Outcome, answer_from_json, grade, shuffled_options
from course.core.kinds import kind_of
from course.core.model import Question
from course.core.network_map import NetworkMap, analyse, describe
from course.store import LiveRound
from course.store.classroom import LiveAnswer, RoundState, WorkshopState
from course.ui.inputs import ui_of
from course.ui.screens.base import CourseModal, CourseScreen
from course.ui.screens.moderation import ModerationScreen
from course.ui.widgets.clocks import (
    CountdownLabel,
    LiveCountdownLabel,
    WallClock,
    minutes_and_seconds,
)
from course.ui.widgets.map_picture import draw_map
from course.ui.widgets.markdown_text import MarkdownText
from course.ui.widgets.questions import OPTION_LETTERS
from course.workshop.countdown import Countdown
from course.workshop.live import AnswerGroup, Tally, shown_groups, tally
from course.workshop.lobby import Lobby, joined_so_far
from course.workshop.slides import Slide, SlideKind, build_slides
from course.workshop.speaker import position_of

if TYPE_CHECKING:
    from textual.widget import Widget

    from course.ui.presenter_app import PresenterApp

BAR_WIDTH = 30
"""Columns of the longest bar in the answer distribution."""
LIVE_SECONDS = 30
"""The time limit a live question is first offered with (`L`), in seconds."""
LIVE_SECONDS_MAX = 3600
"""The longest time limit of a live question, in seconds."""


def utc_clock() -> datetime:
    """The time now, in UTC: the moment a live question's time limit is compared with."""
    return datetime.now(UTC)


class TimerDialog(CourseModal):
    """Ask for the minutes of the exercise timer."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.t("presenter.timer_prompt"), classes="dialog-title")
            yield Input(placeholder="5", id="minutes", type="number")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.t("presenter.start"), id="start", variant="primary")
                yield Button(self.t("presenter.cancel"), id="cancel")

    @on(Input.Submitted)
    @on(Button.Pressed, "#start")
    def start(self) -> None:
        raw = self.query_one("#minutes", Input).value.strip().replace(",", ".")
        try:
            minutes = float(raw)
        except ValueError:
            minutes = 0
        if not 0 < minutes <= 180:
            self.notify(self.t("presenter.timer_bad"), severity="warning")
            return
        self.dismiss(minutes)

    @on(Button.Pressed, "#cancel")
    def cancel(self) -> None:
        self.dismiss(None)


class LiveLimitDialog(CourseModal):
    """Ask for the seconds a live question stays open for answers."""

    def __init__(self, seconds: int) -> None:
        super().__init__()
        self.seconds = seconds
        """The time limit offered (the last one chosen)."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.t("presenter.live_limit_prompt"), classes="dialog-title")
            yield Input(str(self.seconds), id="seconds", type="integer")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.t("presenter.start"), id="start", variant="primary")
                yield Button(self.t("presenter.cancel"), id="cancel")

    @on(Input.Submitted)
    @on(Button.Pressed, "#start")
    def start(self) -> None:
        raw = self.query_one("#seconds", Input).value.strip()
        seconds = int(raw) if raw.isdigit() else 0
        if not 5 <= seconds <= LIVE_SECONDS_MAX:
            self.notify(
                self.t("presenter.live_limit_bad", most=LIVE_SECONDS_MAX), severity="warning"
            )
            return
        self.dismiss(seconds)

    @on(Button.Pressed, "#cancel")
    def cancel(self) -> None:
        self.dismiss(None)


PRESENTER_KEYS: tuple[tuple[str, str], ...] = (
    ("→ Space PgDn, ← PgUp", "help.k_slides"),
    ("Home End, 1–9 Enter", "help.k_jump"),
    ("b", "help.k_blank"),
    ("n", "help.k_notes"),
    ("t, p, r", "help.k_timer"),
    ("a", "help.k_reveal"),
    ("l, d", "help.k_live"),
    ("L", "help.k_live_limit"),
    ("o", "help.k_live_anonymous"),
    ("m", "help.k_moderate"),
    ("e", "help.k_end"),
    ("w", "help.k_lobby"),
    ("j", "help.k_joining"),
    ("k", "help.k_hold"),
    ("F2", "help.k_language"),
    ("F3", "help.k_theme"),
    ("q", "help.k_quit"),
)
"""The presenter's keys for its help: the learners' help lists keys the presenter lacks."""


def _accepted(question: Question, group: AnswerGroup) -> bool:
    """Whether an open answer group is an accepted answer of the question."""
    judged = grade(question, answer_from_json(question, {"text": group.text}))
    return judged.outcome is Outcome.RIGHT


class PresenterHelp(CourseModal):
    """Every key of the presenter view."""

    BINDINGS = [("escape,f1,question_mark", "close", "Close")]

    def compose(self) -> ComposeResult:
        lines = [f"# {self.t('help.presenter')}", ""]
        lines.extend(f"- **{key}** — {self.t(text)}" for key, text in PRESENTER_KEYS)
        lines += ["", f"*{self.t('help.close')}*"]
        with VerticalScroll(classes="dialog wide"):
            yield MarkdownText("\n".join(lines), id="presenter-help")


class PresenterScreen(CourseScreen):
    """Slides for the room; the trainer's notes, timer and live quiz alongside."""

    BINDINGS = [
        Binding("right,space,pagedown", "next_slide", "Next"),
        Binding("left,pageup", "previous_slide", "Back"),
        Binding("home", "first_slide", "First", show=False),
        Binding("end", "last_slide", "Last", show=False),
        Binding("b", "blank", "Blank"),
        Binding("n", "notes", "Notes"),
        Binding("t", "timer", "Timer"),
        Binding("p", "pause_timer", "Pause", show=False),
        Binding("r", "reset_timer", "Reset", show=False),
        Binding("a", "reveal", "Reveal"),
        Binding("l", "live", "Live"),
        Binding("L,shift+l", "live_with_limit", "Time limit", show=False),
        Binding("o", "live_anonymous", "Anonymous", show=False),
        Binding("m", "moderate", "Moderate"),
        Binding("e", "end_live", "End"),
        Binding("d", "distribution", "Bars", show=False),
        Binding("w", "lobby", "Room", show=False),
        Binding("j", "lock_joining", "Joining", show=False),
        Binding("k", "lock", "Hold", show=False),
        Binding("escape", "cancel_jump", show=False),
        Binding("f1,question_mark", "presenter_help", "Help"),
    ]

    index: reactive[int] = reactive(0, init=False)
    """The slide shown."""

    def __init__(self, countdown: Countdown | None = None, clock: datetime | None = None) -> None:
        super().__init__()
        self.countdown = countdown or Countdown()
        self.fixed_clock = clock
        """A wall-clock time to show instead of the real one (for screenshots)."""
        self.notes_shown = False
        self.blanked = False
        self.revealed = False
        self.show_distribution = False
        self.jump_digits = ""
        self.live: LiveRound | None = None
        self.shown_tally: Tally | None = None
        """The distribution last drawn as bars."""
        self._alarmed = False
        self.room: WorkshopState | None = None
        """The room as the app's watcher last posted it."""
        self.room_answers: tuple[LiveAnswer, ...] = ()
        """The answers to the room's live question, as last posted."""
        self.locked = False
        """Whether learners are held to the presented lesson (as this presenter set it)."""
        self.joining_locked = False
        """Whether joining is closed to newcomers (as this presenter set it)."""
        self.room_online: tuple[str, ...] = ()
        """The learners with an app open, as last posted."""
        self.joined: tuple[str, ...] = ()
        """Everyone seen online since this presenter started, first come first."""
        self.lobby_shown = False
        """Whether the lobby panel (who joined, who answered) is shown."""
        self.live_seconds = LIVE_SECONDS
        """The time limit last chosen for a live question (offered again by `L`)."""
        self.live_clock: Callable[[], datetime] = utc_clock
        """The time now in UTC, for a live question's time limit (a test sets another)."""
        self._presented: str | None = None
        """The lesson last told to the room as the one presented."""
        self._drawn_answers: tuple[LiveAnswer, ...] | None = None
        self.hidden_groups: set[str] = set()
        """The open answers of the live question the trainer hid from the room, by their
        `group_key` (a new live question starts with none hidden)."""
        self._rebuilding = False
        """Whether the language switch is rebuilding the screen (nothing to draw into)."""

    @property
    def presenter_app(self) -> PresenterApp:
        """The presenter app, typed."""
        from course.ui.presenter_app import PresenterApp

        assert isinstance(self.app, PresenterApp)
        return self.app

    @property
    def slides(self) -> list[Slide]:
        """The slides in the current language."""
        return build_slides(self.course_app.text)

    @property
    def slide(self) -> Slide:
        """The slide shown."""
        return self.slides[self.index]

    def compose(self) -> ComposeResult:
        with Horizontal(id="presenter"):
            with Vertical(id="stage"):
                with Horizontal(id="stage-top"):
                    yield Static("", id="slide-place")
                    yield LiveCountdownLabel(
                        self._live_seconds_left, self._live_time_words, id="live-countdown"
                    )
                    yield CountdownLabel(
                        lambda: self.countdown, lambda: self.t("presenter.time_up"), id="countdown"
                    )
                    yield WallClock(lambda: self.fixed_clock or datetime.now(), id="wall-clock")
                with VerticalScroll(id="slide-scroll"):
                    yield Static("", id="slide-heading")
                    yield MarkdownText("", id="slide-body")
                    yield Static("", id="slide-extra")
                yield Static("", id="live-status")
            with VerticalScroll(id="lobby-panel"):
                yield Static(self.t("presenter.lobby"), classes="section-title")
                yield Static("", id="lobby")
            with VerticalScroll(id="notes-panel"):
                yield Static(self.t("presenter.notes"), classes="section-title")
                yield MarkdownText("", id="notes")
        yield Footer()

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#notes-panel").display = self.notes_shown
        self.query_one("#lobby-panel").display = self.lobby_shown
        self.show_slide()

    def _part(self, selector: str, kind: type[Widget]) -> Widget | None:
        """A part of the screen, or None while the language switch rebuilds it (it is
        drawn again once rebuilt: `after_relabel`)."""
        try:
            return self.query_one(selector, kind)
        except NoMatches:
            return None

    async def relabel(self) -> None:
        """Rebuild in the new language; a key or a message meanwhile draws nothing (the
        parts are being replaced), and the slide is drawn once they are back."""
        self._rebuilding = True
        try:
            await super().relabel()
        finally:
            self._rebuilding = False
        self.query_one("#notes-panel").display = self.notes_shown
        self.query_one("#lobby-panel").display = self.lobby_shown
        self.show_slide()

    # Drawing ------------------------------------------------------------------------------

    def watch_index(self) -> None:
        # A live question belongs to its slide, as in Mentimeter or Kahoot: going on ends it,
        # so no learner is left with a question the room has moved past.
        self._end_live()
        self.revealed = False
        self.show_distribution = False
        self.show_slide()

    def show_slide(self) -> None:
        """Draw the current slide, the notes and the status lines."""
        if self._rebuilding:
            return
        slide = self.slide
        lesson = slide.lesson
        if self._presented != lesson.id:
            self._presented = lesson.id
            self.presenter_app.room_write("present", lesson.id)
        heading, body, extra = self._slide_parts(slide)
        self.query_one("#slide-heading", Static).update(heading)
        self.query_one("#slide-body", MarkdownText).show(body)
        self.query_one("#slide-extra", Static).update(extra)
        # Blank means nothing at all on the projector: no status line, keys or notes either.
        for part in ("#slide-scroll", "#stage-top", "#live-status", "Footer"):
            self.query_one(part).display = not self.blanked
        self.query_one("#notes-panel").display = self.notes_shown and not self.blanked
        self.query_one("#lobby-panel").display = self.lobby_shown and not self.blanked
        place = self.t("presenter.slide", number=self.index + 1, total=len(self.slides))
        if self.jump_digits:
            place = self.t("presenter.go_to", number=self.jump_digits)
        self.query_one("#slide-place", Static).update(place)
        self.query_one("#notes", MarkdownText).show(
            lesson.facilitator or self.t("presenter.no_notes")
        )
        self.tick()
        self.publish()

    def publish(self) -> None:
        """Tell the speaker notes in a second terminal where the presentation is."""
        question = self.slide.question
        self.presenter_app.publish_position(
            position_of(
                self.slides,
                self.index,
                course_id=self.course_app.course.id,
                language=self.course_app.language,
                blanked=self.blanked,
                countdown=self.countdown,
                seed=self._seed(question.id) if question is not None else 0,
            )
        )

    def _slide_parts(self, slide: Slide) -> tuple[Text, str, RenderableType]:
        lesson = slide.lesson
        label = self.t("presenter.lesson", number=slide.number_in_course)
        if slide.kind is SlideKind.TITLE:
            objectives = [
                o.text.get(self.course_app.language, "")
                for o in self.course_app.course.objectives
                if o.id in lesson.objectives
            ]
            body = f"*{self.t('presenter.minutes', minutes=lesson.minutes)}*"
            if objectives:
                body += f"\n\n**{self.t('presenter.objectives')}**\n\n" + "\n".join(
                    f"- {text}" for text in objectives
                )
            return Text(f"{label}\n\n{lesson.title}", style="bold"), body, ""
        if slide.kind is SlideKind.QUESTION and slide.question is not None:
            return self._question_parts(slide)
        if slide.kind is SlideKind.PRACTICE_MAP and slide.network is not None:
            return self._practice_map_parts(slide, slide.network)
        titles = {
            SlideKind.KEY_POINTS: "presenter.key_points",
            SlideKind.QUOTATION: "presenter.quotation",
            SlideKind.EXERCISE: "presenter.exercise",
        }
        heading = Text(f"{lesson.title} · {self.t(titles[slide.kind])}", style="bold")
        return heading, slide.markdown, ""

    def _practice_map_parts(
        self, slide: Slide, network: NetworkMap
    ) -> tuple[Text, str, RenderableType]:
        """The course's practice map: what its analysis says, and its picture."""
        analysis = analyse(network)
        heading = Text(
            f"{slide.lesson.title} · {slide.markdown or self.t('presenter.practice_map')}",
            style="bold",
        )
        body = "\n".join(f"- {sentence}" for sentence in describe(network, analysis, self.t))
        width = max(self.query_one("#slide-scroll").size.width - 2, 40)
        return heading, body, draw_map(network, analysis, width, self.t)

    def _question_parts(self, slide: Slide) -> tuple[Text, str, RenderableType]:
        question = slide.question
        assert question is not None
        heading = Text(f"{slide.lesson.title} · {self.t('presenter.question')}", style="bold")
        seed = self._seed(question.id)
        options = shuffled_options(question, seed)
        shown = ui_of(question)
        listed, table = shown.slide_options(question, options, seed, self.revealed)
        lines = [question.prompt, "", *listed]
        if self.revealed:
            lines += shown.slide_solution(question, self.t)
            lines += ["", f"**{self.t('quiz.explanation')}:** {question.explanation}"]
        extra: RenderableType = ""
        if self.show_distribution and self.live is not None:
            extra = self._results(tally(question, self._answers()))
        elif not self.revealed and self.live is None:
            extra = Text(self.t("presenter.reveal_hint"), style="dim italic")
        if table is not None:
            extra = Group(table, Text(), extra)
        return heading, "\n".join(lines), extra

    def _seed(self, question_id: str) -> int:
        """The shuffle seed of a question: the live round's when it is live, else fixed, so
        the projector and the learners' screens list the options in the same order."""
        if self.live is not None and self.live.question_id == question_id:
            return self.live.seed
        return sum(ord(c) for c in question_id)

    def _results(self, counted: Tally) -> RenderableType:
        """How the room answered, for the projector: the open answers grouped (without
        the groups the trainer hid), or bars."""
        question = self.slide.question
        if question is None or not kind_of(question).groups_answers:
            return self._bars(counted)
        self.shown_tally = counted
        table = Table.grid(padding=(0, 2))
        table.add_column(justify="right", no_wrap=True)
        table.add_column()
        for group in shown_groups(counted.groups, self.hidden_groups):
            # Once revealed, the accepted answers stand out, as the right bar does.
            accepted = self.revealed and question.right_options and _accepted(question, group)
            table.add_row(
                Text(str(group.count), style="bold green" if accepted else "bold cyan"),
                Text(f"{group.text} ✓" if accepted else group.text),
            )
        if not table.row_count:
            return Text(self.t("open_answers.none_yet"), style="dim italic")
        return table

    def _bars(self, counted: Tally) -> RenderableType:
        """How the room answered. Before the reveal only how many chose each option (no
        option marked right), or for kinds without options only how many answered: the
        room learns nothing of the right answer before `a`."""
        self.shown_tally = counted
        if not counted.options and not self.revealed:
            return Text(self.t("presenter.bars_before_reveal", answered=counted.answered))
        table = Table.grid(padding=(0, 1))
        table.add_column(no_wrap=True)
        table.add_column()
        table.add_column(justify="right")
        if counted.options:
            most = max((o.count for o in counted.options), default=0) or 1
            for letter, option in zip(OPTION_LETTERS, self._shown_counts(counted), strict=False):
                bar = "█" * round(BAR_WIDTH * option.count / most)
                style = "green" if option.correct and self.revealed else "cyan"
                table.add_row(f"{letter}.", Text(bar or "▏", style=style), str(option.count))
        else:
            most = max(counted.right, counted.partial, counted.wrong) or 1
            for label, count, style in (
                (self.t("quiz.right"), counted.right, "green"),
                (self.t("quiz.partial"), counted.partial, "yellow"),
                (self.t("quiz.wrong"), counted.wrong, "red"),
            ):
                table.add_row(
                    label,
                    Text("█" * round(BAR_WIDTH * count / most) or "▏", style=style),
                    str(count),
                )
        return table

    def _shown_counts(self, counted: Tally) -> list:  # type: ignore[type-arg]
        """Option counts in the order the slide lists the options."""
        question = self.slide.question
        assert question is not None
        by_text = {o.text: o for o in counted.options}
        return [by_text[o.text] for o in shuffled_options(question, self._seed(question.id))]

    def _answers(self) -> list[LiveAnswer]:
        """The answers to this presenter's live question, as the watcher last read them."""
        room = self.room
        if self.live is None or room is None or room.live is None or room.live.id != self.live.id:
            return []
        return list(self.room_answers)

    def follow_room(
        self,
        state: WorkshopState,
        answers: tuple[LiveAnswer, ...],
        online: tuple[str, ...] = (),
    ) -> None:
        """The room as the watcher read it: the live count, the bars and the lobby
        follow."""
        self.room = state
        self.room_answers = answers
        self.room_online = online
        self.joined = joined_so_far(self.joined, online)
        live = self.live
        if (
            live is not None
            and live.state is RoundState.OPEN
            and state.live is not None
            and state.live.id == live.id
            and state.live.state is RoundState.CLOSED
        ):
            # Its time limit ran out: the store counts it closed (`_round`).
            self.live = replace(live, state=RoundState.CLOSED)
        self._show_live_status()
        if isinstance(self.app.screen, ModerationScreen):
            self.app.screen.show_groups(self._groups())

    @property
    def lobby(self) -> Lobby:
        """Who joined, who is online and who answered the live question, as last read."""
        answers = self._answers()
        if self._anonymous():  # counts only: the store keeps no names with the answers
            return Lobby(self.joined, self.room_online, (), len(answers), anonymous=True)
        answered = tuple(dict.fromkeys(a.learner for a in answers))
        return Lobby(self.joined, self.room_online, answered)

    def _anonymous(self) -> bool:
        """Whether the live question is answered anonymously: then the lobby shows counts
        only, never who has or has not answered."""
        return self.live is not None and self.live.anonymous

    def _show_lobby(self) -> None:
        panel = self._part("#lobby", Static)
        if not isinstance(panel, Static) or not self.lobby_shown:
            return
        lobby = self.lobby
        lines = [
            Text(
                self.t(
                    "presenter.joining_closed" if self.joining_locked else "presenter.joining_open"
                ),
                style="bold",
            ),
            Text(""),
            Text(self.t("presenter.lobby_online", count=len(lobby.online)), style="bold"),
            Text(", ".join(lobby.online) or "–"),
        ]
        if lobby.gone:
            lines += [
                Text(""),
                Text(self.t("presenter.lobby_gone", count=len(lobby.gone)), style="bold"),
                Text(", ".join(lobby.gone), style="dim"),
            ]
        if self.live is not None:
            lines += [
                Text(""),
                Text(
                    self.t(
                        "presenter.lobby_answered",
                        answered=lobby.answer_count,
                        total=lobby.expected,
                    ),
                    style="bold",
                ),
            ]
            if lobby.missing and not self._anonymous():
                lines += [
                    Text(self.t("presenter.lobby_missing"), style="bold"),
                    Text(", ".join(lobby.missing)),
                ]
        panel.update(Group(*lines))

    def tick(self) -> None:
        """The clock, the countdowns and the live count, now (each also redraws itself)."""
        for clock in self.query(WallClock):
            clock.show_time()
        for countdown in self.query(CountdownLabel):
            countdown.show_time()
        for limit in self.query(LiveCountdownLabel):
            limit.show_time()
        self._show_live_status()

    def _live_seconds_left(self) -> float | None:
        """Time left to answer the live question of this slide; None without a limit or
        once answers are closed."""
        live = self.live
        if live is None or live.state is not RoundState.OPEN:
            return None
        return live.seconds_left(self.live_clock())

    def _live_time_words(self, seconds: int) -> str:
        if seconds <= 0:
            return f"⏰ {self.t('presenter.live_time_up')}"
        return f"⏱ {self.t('presenter.live_time_left', time=minutes_and_seconds(seconds))}"

    @on(LiveCountdownLabel.Finished)
    def live_time_up(self) -> None:
        """The live question's time limit ran out: answers close, on every screen (the
        store refuses late answers already; this marks the round closed)."""
        if self.live is not None and self.live.state is RoundState.OPEN:
            self._set_round_state(RoundState.CLOSED)
            self.show_slide()

    @on(CountdownLabel.Finished)
    def time_up(self) -> None:
        """Ring once when the exercise timer runs out."""
        if not self._alarmed:
            self._alarmed = True
            self.app.bell()
            self.notify(self.t("presenter.time_up"), severity="warning", timeout=10)

    def _show_live_status(self) -> None:
        self._show_lobby()
        status = self._part("#live-status", Static)
        if not isinstance(status, Static):
            return
        held = [self.t("presenter.locked")] if self.locked else []
        if self.joining_locked:
            held.append(self.t("presenter.joining_closed_short"))
        hold = "\n".join(held)
        if (
            self.live is None
            or self.slide.question is None
            or self.live.question_id != self.slide.question.id
        ):
            status.update(hold)
            return
        answers = self._answers()
        counted = tally(self.slide.question, answers)
        key = {
            RoundState.OPEN: "presenter.live_open",
            RoundState.CLOSED: "presenter.live_closed",
        }.get(self.live.state, "presenter.live_revealed")
        lines = [self.t(key, answered=counted.answered, total=self.lobby.expected)]
        if self.live.anonymous:
            lines.append(self.t("open_answers.anonymous_status"))
        if kind_of(self.slide.question).groups_answers and self.live.state is RoundState.OPEN:
            lines.append(self.t("open_answers.moderate_hint"))
        # Right and wrong wait for the reveal: before it, the room sees only how many
        # answered (and, with the bars, how many chose each option). A reflection has no
        # right answer: its counts of right and wrong say nothing.
        if self.revealed and kind_of(self.slide.question).graded:
            lines.append(
                self.t(
                    "presenter.live_counts",
                    right=counted.right,
                    partial=counted.partial,
                    wrong=counted.wrong,
                )
            )
        if hold:
            lines.append(hold)
        status.update("\n".join(lines))
        extra = self._part("#slide-extra", Static)
        changed = self._drawn_answers != self.room_answers
        if self.show_distribution and changed and isinstance(extra, Static):
            self._drawn_answers = self.room_answers
            extra.update(self._results(counted))

    # Moving -----------------------------------------------------------------------------

    def action_next_slide(self) -> None:
        """The next slide."""
        self.index = min(self.index + 1, len(self.slides) - 1)

    def action_previous_slide(self) -> None:
        """The previous slide."""
        self.index = max(self.index - 1, 0)

    def action_first_slide(self) -> None:
        """The first slide."""
        self.index = 0

    def action_last_slide(self) -> None:
        """The last slide."""
        self.index = len(self.slides) - 1

    def on_key(self, event: Key) -> None:
        """A number, then Enter, jumps to that slide."""
        if event.character and event.character.isdigit():
            self.jump_digits = (self.jump_digits + event.character)[-4:]
            event.stop()
            self.show_slide()
        elif event.key == "enter" and self.jump_digits:
            target = int(self.jump_digits) - 1
            self.jump_digits = ""
            event.stop()
            if 0 <= target < len(self.slides):
                self.index = target
            self.show_slide()

    def action_cancel_jump(self) -> None:
        """Forget a slide number being typed."""
        self.jump_digits = ""
        self.show_slide()

    def go_to_lesson(self, lesson_id: str) -> None:
        """Show a lesson's title slide."""
        self.index = next((i for i, s in enumerate(self.slides) if s.lesson.id == lesson_id), 0)

    # Room ---------------------------------------------------------------------------------

    def action_blank(self) -> None:
        """Blank the screen, or show the slide again."""
        self.blanked = not self.blanked
        self.show_slide()

    def action_notes(self) -> None:
        """Show or hide the facilitator notes here (hidden at start: the screen is often
        mirrored; `course present --notes` shows them in a second terminal instead)."""
        self.notes_shown = not self.notes_shown
        self.query_one("#notes-panel").display = self.notes_shown and not self.blanked

    def action_timer(self) -> None:
        """Set the exercise timer and start it."""

        def chosen(minutes: float | None) -> None:
            if minutes:
                self.countdown.set(minutes)
                self._alarmed = False
                self.tick()
                self.publish()

        self.app.push_screen(TimerDialog(), chosen)

    def action_pause_timer(self) -> None:
        """Pause or resume the timer."""
        self.countdown.toggle()
        self.tick()
        self.publish()

    def action_reset_timer(self) -> None:
        """Reset the timer to its full length (paused); again to clear it."""
        if self.countdown.is_set and self.countdown.remaining() == self.countdown.total:
            self.countdown.clear()
        else:
            self.countdown.reset()
        self._alarmed = False
        self.tick()
        self.publish()

    def action_reveal(self) -> None:
        """Show the right answer and the explanation (to the room's screens too, if live)."""
        if self.slide.question is None:
            return
        self.revealed = True
        if self.live is not None and self.live.question_id == self.slide.question.id:
            self._set_round_state(RoundState.REVEALED)
        self.show_slide()

    def action_live_anonymous(self) -> None:
        """Open the question for the room anonymously: no names are kept with the answers
        (`Classroom.answer_round`); as `l` otherwise."""
        self.action_live(anonymous=True)

    def action_live_with_limit(self) -> None:
        """Open the question for the room with a time limit (asked, the last one offered);
        on a question already live, as `l`."""
        question = self.slide.question
        if question is None:
            return
        if self.live is not None and self.live.question_id == question.id:
            self.action_live()
            return

        def chosen(seconds: int | None) -> None:
            if seconds:
                self.live_seconds = seconds
                self.action_live(seconds)

        self.app.push_screen(LiveLimitDialog(self.live_seconds), chosen)

    def action_live(self, seconds: int | None = None, anonymous: bool = False) -> None:
        """Open the question on every learner's screen (with `seconds`, answers close by
        themselves after that long; `anonymous`, without names); again to close answers.
        A closed or revealed question stays as it is: a reveal once shown is never taken
        back."""
        question = self.slide.question
        if question is None:
            return
        app = self.presenter_app
        if self.live is not None and self.live.question_id == question.id:
            if self.live.state is RoundState.OPEN:
                self._set_round_state(RoundState.CLOSED)
        else:
            quiz = self.slide.lesson.quiz
            assert quiz is not None
            if not app.owns_room:
                return
            # The slide's own seed: the options keep the order the room already sees. The
            # store thread opens it after the presented lesson was written, and the screen
            # waits for the round: its id is what the learners answer to.
            self.live = app.storage.run(
                app.classroom.open_round,
                self.slide.lesson.id,
                quiz.id,
                question.id,
                seed=self._seed(question.id),
                seconds=seconds,
                anonymous=anonymous,
            )
            app.room_watcher.poke()
            self.hidden_groups = set()
            self.revealed = False
            self.refresh_bindings()
        self.show_slide()

    def action_end_live(self) -> None:
        """Take the live question off the learners' screens (their answers stay)."""
        self._end_live()
        self.show_slide()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer "End" only while a question is live, "Moderate" only while its answers
        are open ones."""
        if action == "end_live":
            return self.live is not None
        if action == "moderate":
            return self._groups_live()
        return True

    def _groups_live(self) -> bool:
        """Whether the slide's question is live and its answers are grouped open ones."""
        question = self.slide.question
        return (
            self.live is not None
            and question is not None
            and self.live.question_id == question.id
            and kind_of(question).groups_answers
        )

    def _groups(self) -> tuple[AnswerGroup, ...]:
        """The open answers of the live question so far, grouped (all, hidden or not)."""
        question = self.slide.question
        if not self._groups_live() or question is None:
            return ()
        return tally(question, self._answers()).groups

    def action_moderate(self) -> None:
        """Look at the live question's open answers before the room does, and hide a
        group from the projector (or show it again)."""
        if not self._groups_live():
            return
        self.app.push_screen(ModerationScreen(self._groups(), self.hidden_groups, self._rehide))

    def _rehide(self) -> None:
        """The trainer hid or showed a group: the projector follows at once."""
        self._drawn_answers = None
        self._show_live_status()

    def _set_round_state(self, state: RoundState) -> None:
        assert self.live is not None
        self.presenter_app.room_write("set_round_state", self.live.id, state)
        self.live = replace(self.live, state=state)

    def _end_live(self) -> None:
        if self.live is None:
            return
        self.live = None
        self.presenter_app.room_write("end_round")
        self.refresh_bindings()

    def action_presenter_help(self) -> None:
        """Show the presenter's keys."""
        self.app.push_screen(PresenterHelp())

    def action_distribution(self) -> None:
        """Show or hide the bars of how the room answered."""
        self.show_distribution = not self.show_distribution
        self._drawn_answers = None
        self.show_slide()

    def action_lobby(self) -> None:
        """Show or hide the lobby: who joined, who is online, who has answered."""
        self.lobby_shown = not self.lobby_shown
        self.query_one("#lobby-panel").display = self.lobby_shown and not self.blanked
        self._show_lobby()

    def action_lock_joining(self) -> None:
        """Close joining to newcomers (learners who joined before still get back in), or
        open it again."""
        self.joining_locked = not self.joining_locked
        self.presenter_app.room_write("set_joining_locked", self.joining_locked)
        self.tick()

    def action_lock(self) -> None:
        """Hold learners to the presented lesson, or release them."""
        self.locked = not self.locked
        self.presenter_app.room_write("set_locked", self.locked)
        self.tick()

    def on_unmount(self) -> None:
        self.presenter_app.release_room()
