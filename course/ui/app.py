"""The Textual app: the course for one learner, in one language, on one store.

`make_app` builds it; the CLI and the tests both call it. The app owns the language and
the theme; screens own places (outline, lesson, quiz, result) and widgets own parts.
"""

from __future__ import annotations

import asyncio
import random
import signal
import sys
import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.reactive import var
from textual.screen import ModalScreen, Screen

from course.core.model import Course, CourseText
from course.i18n import Catalogue
from course.store import Learner, ProgressStore, StoreError
from course.study import StudySession
from course.ui.bindings import localize_bindings
from course.ui.screens.base import CoursePlace

if TYPE_CHECKING:
    from rich.console import RenderableType

    from course.store import LiveRound
    from course.store.classroom import RoundState
    from course.ui.screens.live_question import LiveQuestionScreen

LIGHT_THEME = "textual-light"
DARK_THEME = "textual-dark"


class CourseApp(App[None]):
    """A course in the terminal for one learner."""

    CSS_PATH = "app.tcss"
    TITLE = "course"
    BINDINGS = [
        Binding("q", "quit", "Quit", show=True),
        Binding("f1", "help", "Help", show=True),
        Binding("question_mark", "help", "Help", show=False),
        # Shown in the outline's footer only: at 80 columns the others have no room for it.
        Binding("f2", "switch_language", "Language", show=False),
        Binding("f3", "toggle_theme", "Theme", show=False),
        Binding("f4", "about", "About", show=False),
    ]

    language: var[str] = var("en", init=False)
    """The language of content and interface; changing it redraws every screen."""

    def __init__(
        self,
        course: Course,
        store: ProgressStore,
        learner: Learner | None,
        language: str,
        *,
        theme: str = DARK_THEME,
        notice: str | None = None,
        shuffle_seed: int | None = None,
        presenter: bool = False,
    ) -> None:
        super().__init__()
        self.presenter = presenter
        """Whether this is the trainer's presenter view rather than a learner's app."""
        self.session = uuid.uuid4().hex
        """This process, for the room's list of who is here."""
        self._room_version = -1
        self._room_ticks = 0
        self._live_set_aside: tuple[int, RoundState] | None = None
        """The live round the learner closed, and its state then: it is not shown again."""
        self._hold_waiting = False
        """Whether a move to the held lesson waits for a dialog to close."""
        self.course = course
        self.store = store
        self._shuffler = random.Random(shuffle_seed) if shuffle_seed is not None else None
        self.study: StudySession = (
            StudySession(course, store, learner, self._shuffler) if learner else None  # type: ignore[assignment]
        )
        """The learner's session; in a served classroom it exists once the learner joined."""
        self.catalogue = Catalogue(course.best_language(language))
        self.set_reactive(CourseApp.language, course.best_language(language))
        self.theme = theme
        self._notice = notice

    # Language -------------------------------------------------------------------------

    @property
    def text(self) -> CourseText:
        """The course content in the current language."""
        return self.course.text(self.language)

    def t(self, key: str, **fields: object) -> str:
        """An interface text in the current language."""
        return self.catalogue(key, **fields)

    def other_language(self) -> str:
        """The next of the course's languages, for the language switch."""
        languages = self.course.languages
        return languages[(languages.index(self.language) + 1) % len(languages)]

    def exit(
        self, result: None = None, return_code: int = 0, message: RenderableType | None = None
    ) -> None:
        """Close the app, after every screen saved what the learner entered and what is
        waiting for a debounce: once the app closes, its widgets are gone."""
        for screen in reversed(self.screen_stack):
            if isinstance(screen, CoursePlace) and screen.is_mounted:
                try:
                    screen.keep_unsaved()
                except StoreError as error:
                    message = message or str(error)
                    return_code = return_code or 1
        super().exit(result, return_code, message)

    async def watch_language(self, language: str) -> None:
        self.catalogue = Catalogue(language)
        self.title = self.course.title.get(language, self.course.id)
        localize_bindings(self, self)
        self.refresh_bindings()
        for screen in self.screen_stack:
            if hasattr(screen, "relabel"):
                await screen.relabel()

    def action_switch_language(self) -> None:
        """Switch content and interface to the next language."""
        self.language = self.other_language()

    # Theme ----------------------------------------------------------------------------

    def action_toggle_theme(self) -> None:
        """Switch between the light and the dark theme."""
        self.theme = LIGHT_THEME if self.theme == DARK_THEME else DARK_THEME

    # Places ---------------------------------------------------------------------------

    def get_default_screen(self) -> Screen[object]:
        """The outline, for a learner: the bottom of the stack, made with the app.

        Pushed over Textual's empty default screen, it was styled again on being shown
        and laid out and painted once more after its first paint: about 15 ms of a start.
        """
        if self.study is not None and not self.presenter:
            from course.ui.screens.outline import OutlineScreen

            return OutlineScreen()
        return super().get_default_screen()

    def on_mount(self) -> None:
        self.title = self.course.title.get(self.language, self.course.id)
        localize_bindings(self, self)
        if self.presenter:
            from course.ui.screens.presenter import PresenterScreen

            self.push_screen(PresenterScreen())
        elif self.study is None:
            from course.ui.screens.join import JoinScreen

            self.push_screen(JoinScreen(), self.joined)
        else:
            # The outline is already there (the default screen). The room is polled once
            # it is painted: the poll writes a heartbeat, which waits for the disk.
            self.call_after_refresh(self.join_room)
        if self._notice:
            self.notify(self._notice, severity="warning", timeout=15)
        if not self.is_headless:
            self._catch_hang_up()

    def _catch_hang_up(self) -> None:
        """End the app as `q` does when its terminal closes (SIGHUP) or it is told to stop
        (SIGTERM): by default the process just dies, and a presenter left the room locked
        with its live question open for good."""
        loop = asyncio.get_running_loop()
        for name in ("SIGHUP", "SIGTERM"):
            number = getattr(signal, name, None)
            if number is None:  # Windows has no SIGHUP
                continue
            try:
                loop.add_signal_handler(number, self.hang_up)
            except (NotImplementedError, RuntimeError, ValueError):
                return  # no signal handlers in this event loop or thread: nothing to catch

    def hang_up(self) -> None:
        """Release the room first (the terminal may be gone, and drawing the exit with it),
        then close as `q` does."""
        if self.presenter:
            from course.ui.screens.presenter import PresenterScreen

            for screen in self.screen_stack:
                if isinstance(screen, PresenterScreen):
                    screen.release_room()
        self.exit()

    def joined(self, name: str | None) -> None:
        """A learner of a served classroom joined under `name`: their profile, their place."""
        from course.ui.screens.outline import OutlineScreen

        if not name:
            self.exit()
            return
        try:
            learner = self.store.learner(name)
        except StoreError as error:  # the trainer's data folder failed: say so, ask again
            from course.ui.screens.join import JoinScreen

            self.notify(str(error), severity="error", timeout=20)
            self.push_screen(JoinScreen(), self.joined)
            return
        self.study = StudySession(self.course, self.store, learner, self._shuffler)
        self.push_screen(OutlineScreen())
        self.join_room()

    # The room: live questions and the trainer's hold, from the shared store ---------------

    ROOM_POLL_SECONDS = 1.0
    HEARTBEAT_EVERY = 5
    """Polls between two heartbeats."""

    def join_room(self) -> None:
        """Follow the workshop state that a presenter on this machine writes to the store."""
        self.poll_room()
        self.set_interval(self.ROOM_POLL_SECONDS, self.poll_room)

    def poll_room(self) -> None:
        """Check the shared store (cheaply) and follow what the trainer set."""
        classroom = self.store.classroom(self.course.id)
        if self._room_ticks % self.HEARTBEAT_EVERY == 0:
            classroom.heartbeat(self.session, self.study.learner.id, self._current_lesson())
        self._room_ticks += 1
        version = self.store.data_version()
        if version == self._room_version and not self._hold_waiting:
            return
        self._room_version = version
        self.follow_room()

    def _current_lesson(self) -> str | None:
        # The lesson under any dialog: Help open over a lesson is still that lesson.
        return next(
            (s.lesson_id for s in reversed(self.screen_stack) if hasattr(s, "lesson_id")), None
        )

    def follow_room(self) -> None:
        """Show the live question, take it away, or bring the learner to the held lesson."""
        state = self.store.classroom(self.course.id).state()
        shown = self._live_question_shown()
        live = state.live
        if live is None:
            if shown is not None:
                shown.dismiss(None)
                shown = None
        elif shown is not None and shown.live.id == live.id:
            shown.follow(live)
        elif self._wants_live_question(live):
            if shown is not None:
                shown.dismiss(None)
                shown = None
            lesson = self.text.lesson(live.lesson_id)
            question = lesson.quiz.question(live.question_id) if lesson and lesson.quiz else None
            if question is not None:
                from course.ui.screens.live_question import LiveQuestionScreen

                shown = LiveQuestionScreen(live, question)
                self.push_screen(shown, lambda _, closed=shown: self._live_question_closed(closed))
        held = state.presented_lesson if state.locked else None
        self._hold_waiting = False
        if held and self._current_lesson() != held:
            # A dialog the learner has open (the live question, Help, About, a link) is not
            # closed under them: the move waits until it is closed; polls try again.
            if shown is not None or isinstance(self.screen, ModalScreen):
                self._hold_waiting = True
            else:
                self.open_lesson(held)

    def _wants_live_question(self, live: LiveRound) -> bool:
        """Whether to show a live question: not again once the learner closed it, unless the
        trainer revealed it since (the reveal is news; anything else written is not)."""
        from course.store.classroom import RoundState  # the room's code, only when in a room

        if self._live_set_aside is None or self._live_set_aside[0] != live.id:
            return True
        revealed = RoundState.REVEALED
        return live.state is revealed and self._live_set_aside[1] is not revealed

    def _live_question_closed(self, closed: LiveQuestionScreen) -> None:
        self._live_set_aside = (closed.live.id, closed.live.state)
        self._hold_waiting = True  # a held move that waited for the dialog can happen now

    def _live_question_shown(self) -> LiveQuestionScreen | None:
        """The live question on the screen stack, if any.

        Its module (with every question widget) is imported only when a question goes
        live: it costs about 90 ms, most of the start, and most learners never see one.
        Until then no live question can be shown.
        """
        module = sys.modules.get("course.ui.screens.live_question")
        if module is None:
            return None
        kind: type[LiveQuestionScreen] = module.LiveQuestionScreen
        return next((s for s in self.screen_stack if isinstance(s, kind)), None)

    def held_lesson(self) -> str | None:
        """The lesson the trainer holds the room to, if any."""
        if self.presenter or self.study is None:
            return None
        state = self.store.classroom(self.course.id).state()
        return state.presented_lesson if state.locked else None

    def action_command_palette(self) -> None:
        """The command palette, its search field in the learner's language."""
        from textual.command import CommandPalette

        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(
                CommandPalette(id="--command-palette", placeholder=self.t("commands.search"))
            )

    def action_help(self) -> None:
        """Show every key."""
        from course.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_about(self) -> None:
        """Show the about page with the sources."""
        from course.ui.screens.about import AboutScreen

        if not isinstance(self.screen, AboutScreen):
            self.push_screen(AboutScreen())

    def open_lesson(self, lesson_id: str) -> None:
        """Show a lesson on top of the outline (in place of any lesson or quiz shown)."""
        from course.ui.screens.lesson import LessonScreen

        if self.presenter:
            from course.ui.screens.presenter import PresenterScreen

            if isinstance(self.screen, PresenterScreen):
                self.screen.go_to_lesson(lesson_id)
            return
        held = self.held_lesson()
        if held and held != lesson_id:
            number = self.text.lesson_index(held) + 1
            self.notify(self.t("live.held", number=number), severity="warning")
            lesson_id = held
        if isinstance(self.screen, LessonScreen):
            self.screen.show_lesson(lesson_id)  # "Next" and "Previous": the screen stays
            return
        self._back_to_outline()
        self.push_screen(LessonScreen(lesson_id))

    def open_quiz(self, lesson_id: str) -> None:
        """Show a lesson's quiz, resuming its unfinished attempt."""
        from course.ui.screens.quiz import QuizScreen

        self._back_to_outline()
        self.push_screen(QuizScreen(lesson_id))

    def _back_to_outline(self) -> None:
        """Close every screen above the outline (the default screen, or pushed after
        joining a classroom)."""
        from course.ui.screens.outline import OutlineScreen

        if not any(isinstance(screen, OutlineScreen) for screen in self.screen_stack):
            return
        while not isinstance(self.screen, OutlineScreen):
            self.pop_screen()

    def workbench_lesson(self) -> str | None:
        """The first lesson with a network-map exercise (lesson 6 of the bundled course)."""
        from course.content.network_practice import activity_in

        return next((x.id for x in self.text.lessons if activity_in(self.course, x.id)), None)

    def open_network_workbench(self, lesson_id: str) -> None:
        """Open the network-map workbench of a lesson over what is shown."""
        from course.content.network_practice import activity_in
        from course.ui.screens.network_map import NetworkMapScreen

        activity = activity_in(self.course, lesson_id)
        if activity is not None and self.study is not None:
            self.push_screen(NetworkMapScreen(self.course, lesson_id, activity))

    def open_url(self, url: str, *, new_tab: bool = True) -> None:
        """Open a web link, but only after the learner confirms."""
        from course.ui.screens.dialogs import ConfirmScreen

        def opened(confirmed: bool | None) -> None:
            if confirmed:
                super(CourseApp, self).open_url(url, new_tab=new_tab)

        self.push_screen(ConfirmScreen(self.t("lesson.open_link"), url), opened)

    # Command palette ------------------------------------------------------------------

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        for lesson in self.text.lessons:
            yield SystemCommand(
                self.t("commands.open_lesson", title=lesson.title),
                lesson.title,
                lambda lesson_id=lesson.id: self.open_lesson(lesson_id),
            )
        for language in self.course.languages:
            if language != self.language:
                name = Catalogue(language)("language_name")
                yield SystemCommand(
                    self.t("commands.switch_language", name=name),
                    name,
                    lambda code=language: setattr(self, "language", code),
                )
        yield SystemCommand(
            self.t("commands.light_theme"), "", lambda: setattr(self, "theme", LIGHT_THEME)
        )
        yield SystemCommand(
            self.t("commands.dark_theme"), "", lambda: setattr(self, "theme", DARK_THEME)
        )
        workbench = self.workbench_lesson() if self.study is not None else None
        if workbench is not None:
            yield SystemCommand(
                self.t("commands.network_workbench"),
                "",
                lambda: self.open_network_workbench(workbench),
            )
        yield SystemCommand(self.t("commands.show_about"), "", self.action_about)
        yield SystemCommand(self.t("commands.show_help"), "", self.action_help)
        # Textual's own entries, in the learner's language; its key panel is left out, as
        # the help screen lists every key.
        yield SystemCommand(self.t("commands.change_theme"), "", self.action_change_theme)
        yield SystemCommand(
            self.t("commands.screenshot"), "", lambda: self.set_timer(0.1, self.deliver_screenshot)
        )
        yield SystemCommand(self.t("commands.quit"), "", self.action_quit)


def make_app(
    course: Course,
    data_dir: Path,
    *,
    language: str,
    profile: str = "default",
    theme: str = DARK_THEME,
    shuffle_seed: int | None = None,
    join: bool = False,
    presenter: bool = False,
) -> CourseApp:
    """Build the app for `course`, with the progress store in `data_dir`.

    Raises the store's `StoreError` when the data folder cannot be used. A `shuffle_seed`
    makes option order repeatable (for tests and screenshots). With `join`, the learner
    first gives the join code and their name (a classroom served by `course serve`).
    """
    store = ProgressStore.open(data_dir)
    learner = None if join or presenter else store.learner(profile)
    notice = None
    if store.recovered_from is not None:
        notice = Catalogue(course.best_language(language))(
            "outline.recovered", path=str(store.recovered_from)
        )
    return CourseApp(
        course,
        store,
        learner,
        language,
        theme=theme,
        notice=notice,
        shuffle_seed=shuffle_seed,
        presenter=presenter,
    )
