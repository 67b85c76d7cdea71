"""The learner app: the course for one learner, in one language, on one store.

`make_app` builds it; the CLI and the tests both call it. What the three apps share
(language, theme, help, the store thread) is in `course.ui.base`; the presenter is
`course.ui.presenter_app`. Screens own places (outline, lesson, quiz, result) and widgets
own parts. In a room, a `RoomWatcher` thread follows the live question and the trainer's
hold and posts `RoomChanged`; this app decides what the learner sees.
"""

from __future__ import annotations

import random
import sys
import uuid
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import SystemCommand
from textual.binding import Binding
from textual.screen import ModalScreen, Screen
from textual.theme import BUILTIN_THEMES

from course.core.gc_pause import collect_as_before, collect_less
from course.core.model import Course, Lesson, Question
from course.store import Learner, ProgressStore, StoreError
from course.study import PlanEntry, StudySession
from course.ui.base import DARK_THEME, LIGHT_THEME, CourseAppBase, recovered_notice

if TYPE_CHECKING:
    from course.store import LiveRound
    from course.store.classroom import Classroom, RoundState, WorkshopState
    from course.store.plans import FollowUp
    from course.ui.room import RoomChanged, RoomLost, RoomTaken, RoomWatcher
    from course.ui.screens.live_question import LiveQuestionScreen
    from course.ui.screens.outline import OutlineProgress

__all__ = ["DARK_THEME", "LIGHT_THEME", "CourseApp", "make_app"]

ROOM_JOIN_DELAY = 0.05
"""Seconds after the outline's first paint until the room is watched."""


class CourseApp(CourseAppBase):
    """A course in the terminal for one learner."""

    CSS_PATH = "app.tcss"
    LATER_CSS_PATH = "places.tcss"
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

    ROOM_POLL_SECONDS = 1.0
    """How often the room watcher looks for news."""
    HEARTBEAT_SECONDS = 5.0
    """How often the learner tells the room they are here."""

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
    ) -> None:
        """Without a `learner` the app asks for the join code and a name first (a
        classroom served by `course serve`)."""
        super().__init__(course, store, language, theme=theme, notice=notice)
        self.session = uuid.uuid4().hex
        """This process, for the room's list of who is here."""
        self._chosen = {"language": self.language, "theme": self.theme}
        """The theme and language as started or last kept: only a change is saved."""
        self._live_set_aside: tuple[int, RoundState] | None = None
        """The live round the learner closed, and its state then: it is not shown again."""
        self._hold_waiting = False
        """Whether a move to the held lesson waits for a dialog to close."""
        self._shuffler = random.Random(shuffle_seed) if shuffle_seed is not None else None
        self.study: StudySession | None = (
            StudySession(course, store, learner, self._shuffler) if learner else None
        )
        """The learner's session; None in a served classroom until the learner joined."""
        self.room: WorkshopState | None = None
        """The room as the watcher last saw it; None before its first look."""
        self.room_watcher: RoomWatcher | None = None
        """Follows the room once the learner is known."""
        self.anonymous_answers: dict[int, dict[str, Any]] = {}
        """This learner's answers to anonymous live rounds, by round id (as JSON data):
        the store keeps them without a name, so only this process knows what the learner
        gave, and that they may not answer again."""
        self.room_bell: int | None = None
        """A pipe on which `course serve` rings when the room changed, if it gave one:
        then the room is looked at when it rings, not every second."""
        self._outline_ahead: Future[OutlineProgress] | None = None
        self._live_ahead: tuple[LiveQuestionScreen, str, str] | None = None
        """A live question dialog made ahead, with the language and theme it was made in."""
        self._live_coming: LiveQuestionScreen | None = None
        """The dialog made ahead that is being given its question, to be shown next."""

    def on_load(self) -> None:
        # The store thread reads what the outline shows while Textual styles and composes
        # it, so that the first paint does not wait for it (SQLite lets go of the GIL
        # meanwhile). Not when the app is made: an app made and never run (a failed start,
        # a test) would leave the thread running, and a process with threads cannot fork.
        if self.study is not None:
            from course.ui.screens.outline import outline_progress

            self._outline_ahead = self.storage.submit(outline_progress, self.study)

    def take_outline_ahead(self) -> Future[OutlineProgress] | None:
        """The outline's first read, made while the app started; None once taken."""
        ahead, self._outline_ahead = self._outline_ahead, None
        return ahead

    # The profile's choices, kept for its next start --------------------------------------

    async def watch_language(self, language: str) -> None:
        await super().watch_language(language)
        self.remember("language", language)

    def watch_theme(self, theme: str) -> None:
        self.remember("theme", theme)

    def remember(self, name: str, value: str) -> None:
        """Keep a choice of the learner's (theme, language) in their profile."""
        study = getattr(self, "study", None)  # the theme is set while the app is made
        if study is None or self._chosen.get(name) == value:
            return
        self._chosen[name] = value
        self.storage.write(self.store.save_setting, study.learner.id, name, value)

    def window_subtitle(self) -> str:
        """The learner's profile: with several on one machine, which one is this?"""
        if self.study is None:
            return ""
        return self.t("app.profile", name=self.study.learner.name)

    def help_screen(self) -> Screen[object]:
        from course.ui.screens.help import HelpScreen

        return HelpScreen()

    def about_screen(self) -> Screen[object]:
        from course.ui.screens.about import AboutScreen

        return AboutScreen()

    def confirm_screen(self, question: str, detail: str) -> Screen[bool | None]:
        from course.ui.screens.dialogs import ConfirmScreen

        return ConfirmScreen(question, detail)

    # Places ---------------------------------------------------------------------------

    def get_default_screen(self) -> Screen[object]:
        """The outline, for a learner: the bottom of the stack, made with the app.

        Pushed over Textual's empty default screen, it was styled again on being shown
        and laid out and painted once more after its first paint: about 15 ms of a start.
        """
        if self.study is not None:
            from course.ui.screens.outline import OutlineScreen

            return OutlineScreen()
        return super().get_default_screen()

    def on_mount(self) -> None:
        # CourseAppBase.on_mount runs too, after this one (Textual calls the handler of
        # every class): the title, the keys' descriptions, the notice.
        if self.study is None:
            from course.ui.screens.join import JoinScreen

            self.push_screen(JoinScreen(), self.joined)
        else:
            # The outline is already there (the default screen). The room is watched a
            # moment after it is painted, not among the first paint's own callbacks: its
            # code is imported then, and its first look writes a heartbeat.
            self.call_after_refresh(self.set_timer, ROOM_JOIN_DELAY, self.join_room)
            self.call_after_refresh(self.ask_check_ins)

    def joined(self, name: str | None) -> None:
        """A learner of a served classroom joined under `name`: their profile, their place."""
        if not name:
            self.exit()
            return
        self.store_then(self._joined_as, self._learner_or_error, name)

    def _learner_or_error(self, name: str) -> Learner | StoreError:
        try:
            return self.store.learner(name)
        except StoreError as error:
            return error

    def _joined_as(self, learner: Learner | StoreError) -> None:
        from course.ui.screens.outline import OutlineScreen

        if isinstance(learner, StoreError):  # the trainer's data folder failed: say so, ask again
            from course.ui.screens.join import JoinScreen

            self.notify(str(learner), severity="error", timeout=20)
            self.push_screen(JoinScreen(), self.joined)
            return
        self.study = StudySession(self.course, self.store, learner, self._shuffler)
        self.sub_title = self.window_subtitle()
        self.push_screen(OutlineScreen())
        self.join_room()
        self.ask_check_ins()

    # "My plan": check-ins and settings ----------------------------------------------------

    def ask_check_ins(self) -> None:
        """Ask about each commitment whose follow-up day has come (read off the event
        loop), one dialog after another; the answers go into the plan."""
        study = self.study
        if study is not None:
            self.store_then(self._show_check_ins, study.due_check_ins, self.text)

    def _show_check_ins(self, due: list[tuple[FollowUp, PlanEntry]]) -> None:
        if not due or self.study is None:
            return
        # Imported only when a check-in is due: it brings the Markdown renderer, which
        # most starts do not need before the first paint.
        from course.ui.screens.check_in import CheckInScreen

        study = self.study
        (follow_up, commitment), rest = due[0], due[1:]

        def answered(answer: str | None) -> None:
            if answer is not None:
                self.storage.write(study.answer_check_in, follow_up.id, answer)
                self.notify(self.t("check_in.saved"))
            self._show_check_ins(rest)

        self.push_screen(CheckInScreen(follow_up, commitment), answered)

    def open_review_settings(self) -> None:
        """Let the learner choose the desired retention of their review schedule."""
        study = self.study
        if study is None:
            return
        from course.ui.screens.review_settings import ReviewSettingsScreen

        def chosen(value: float | None) -> None:
            if value is None:
                return
            self.storage.write(study.reviews.set_retention, value)
            shown = f"{value:.2f}".replace(".", self.t("decimal_mark"))
            self.notify(self.t("settings.saved", value=shown))
            refresh = getattr(self.screen, "refresh_progress", None)
            if callable(refresh):  # the outline: the due count may have changed
                refresh()

        self.push_screen(ReviewSettingsScreen(self.storage.run(study.reviews.retention)), chosen)

    # The room: live questions and the trainer's hold, from the shared store ---------------

    def join_room(self) -> None:
        """Follow the workshop state that a presenter on this machine writes to the store."""
        study = self.study
        if study is None or self.room_watcher is not None or self._closed:
            return
        from course.ui.room import RoomWatcher  # after the first paint: not part of the start

        learner_id = study.learner.id

        def beat(classroom: Classroom) -> bool:
            # False once the trainer removed the learner from the class: RoomTaken.
            return classroom.heartbeat(self.session, learner_id, self._current_lesson())

        self.room_watcher = RoomWatcher(
            self.store,
            self.course.id,
            self,
            interval=self.ROOM_POLL_SECONDS if self.room_bell is None else self.HEARTBEAT_SECONDS,
            beat=beat,
            beat_every=self.HEARTBEAT_SECONDS,
            bell=self.room_bell,
        )
        self.room_watcher.start()
        self.call_after_refresh(self.prepare_live_question)

    def prepare_live_question(self) -> None:
        """Make the live question dialog ahead, while nothing happens, in a classroom that
        `course serve` serves: when the trainer opens a round, 40 learners' apps show it at
        the same moment on two cores, and a dialog made ahead is shown in about half the
        work of a new one (benchmarks/class_serve.py). Apps in a terminal make theirs when
        a round opens: importing the dialog's code would slow every start.
        """
        if self.room_bell is None or self._live_ahead is not None or self._closed:
            return
        from course.ui.screens.live_question import LiveQuestionScreen

        ahead = LiveQuestionScreen()
        # Styled as it is composed, by the rules of the places, which a first paint did
        # without; Textual composes a screen when it registers it, as it does when it
        # shows one (Textual 8.2; the dialog's `ask` says what is left to do).
        self._load_screen_css(ahead)
        self._register(self, ahead)
        self._live_ahead = (ahead, self.language, self.theme)

    def _take_live_ahead(self) -> LiveQuestionScreen | None:
        """The dialog made ahead, if it is ready and still in the language and theme."""
        ahead, self._live_ahead = self._live_ahead, None
        if ahead is None:
            return None
        screen, language, theme = ahead
        if not screen.is_mounted or (language, theme) != (self.language, self.theme):
            return None  # made for another look: a new one is made (it stays till the end)
        return screen

    def on_room_changed(self, message: RoomChanged) -> None:
        self.room = message.state
        self.follow_room()

    def on_room_lost(self, message: RoomLost) -> None:
        self.notify(str(message.error), severity="error", timeout=20)

    def on_room_taken(self, message: RoomTaken) -> None:
        """The trainer removed this learner from the class (`course class`): the profile
        is gone, so the app closes (in a browser, the session ends)."""
        self.exit(return_code=1, message=self.t("app.removed"))

    def screen_resumed(self) -> None:
        """A screen is back on top: a move to the held lesson that waited for a dialog to
        close can happen now."""
        if self._hold_waiting:
            self.follow_room()

    def _current_lesson(self) -> str | None:
        # The lesson under any dialog: Help open over a lesson is still that lesson. Also
        # asked by the watcher's thread, which only reads.
        return next(
            (s.lesson_id for s in reversed(self.screen_stack) if hasattr(s, "lesson_id")), None
        )

    def follow_room(self) -> None:
        """Show the live question, take it away, or bring the learner to the held lesson."""
        state = self.room
        if state is None:
            return
        shown = self._live_question_shown()
        live = state.live
        if live is None:
            if shown is not None:
                self._close_live_question(shown)
                shown = None
        elif shown is not None and shown.live.id == live.id:
            shown.follow(live)
        elif self._wants_live_question(live):
            if shown is not None:
                self._close_live_question(shown)
                shown = None
            lesson = self.text.lesson(live.lesson_id)
            question = lesson.quiz.question(live.question_id) if lesson and lesson.quiz else None
            if question is not None:
                shown = self._show_live_question(live, question)
        held = state.presented_lesson if state.locked else None
        self._hold_waiting = False
        if held and self._current_lesson() != held:
            # A dialog the learner has open (the live question, Help, About, a link) is not
            # closed under them: the move waits until it is closed.
            if shown is not None or isinstance(self.screen, ModalScreen):
                self._hold_waiting = True
            else:
                self.open_lesson(held)

    def _show_live_question(self, live: LiveRound, question: Question) -> LiveQuestionScreen:
        """Show the live question: in the dialog made ahead, once it has its question,
        or else in a new one."""
        from course.ui.screens.live_question import LiveQuestionScreen

        # Until it is painted, the cycle collector walked the young objects some twenty
        # times, a tenth of the work (benchmarks/class_serve.py); the dialog makes no cycles
        # worth collecting meanwhile.
        collect_less()
        ahead = self._take_live_ahead()
        if ahead is None:
            shown = LiveQuestionScreen(live, question)
            self._push_live_question(shown)
            return shown
        self._live_coming = ahead
        building = ahead.ask(live, question)

        async def ask_then_show() -> None:
            await building
            if self._live_coming is ahead:  # not taken away meanwhile
                self._live_coming = None
                self._push_live_question(ahead)

        self.run_worker(ask_then_show(), group="live-question")
        return ahead

    def _push_live_question(self, shown: LiveQuestionScreen) -> None:
        self.push_screen(shown, lambda _, closed=shown: self._live_question_closed(closed))
        self.call_after_refresh(collect_as_before)

    def _close_live_question(self, shown: LiveQuestionScreen) -> None:
        """Take a live question away, also one still being given its question."""
        if shown is self._live_coming:
            self._live_coming = None  # never shown; it goes when the app ends
            self.call_after_refresh(self.prepare_live_question)  # for the next round
        else:
            shown.dismiss(None)

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
        self.follow_room()
        self.call_after_refresh(self.prepare_live_question)  # for the next round

    def _live_question_shown(self) -> LiveQuestionScreen | None:
        """The live question on the screen stack, if any.

        Its module (with every question widget) is imported only when a question goes
        live: it costs about 90 ms, most of the start, and most learners never see one.
        Until then no live question can be shown.
        """
        if self._live_coming is not None:
            return self._live_coming
        module = sys.modules.get("course.ui.screens.live_question")
        if module is None:
            return None
        kind: type[LiveQuestionScreen] = module.LiveQuestionScreen
        return next((s for s in self.screen_stack if isinstance(s, kind)), None)

    def held_lesson(self) -> str | None:
        """The lesson the trainer holds the room to, if any (as last seen)."""
        state = self.room
        return state.presented_lesson if state is not None and state.locked else None

    def open_lesson(self, lesson_id: str) -> None:
        """Show a lesson on top of the outline (in place of any lesson or quiz shown)."""
        from course.ui.screens.lesson import LessonScreen

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
        """Show a lesson's quiz, resuming its unfinished attempt.

        A quiz already passed, with no attempt open, would start a new attempt: the learner
        is asked first, and may see the results of the attempt that passed instead.
        """
        lesson = self.text.lesson(lesson_id)
        study = self.study
        if lesson is None or lesson.quiz is None or study is None:
            return
        passed = self.storage.run(study.passed_result, lesson.quiz)
        if passed is None:
            self._show_quiz(lesson_id)
            return
        from course.ui.screens.dialogs import PassedQuizScreen

        def chosen(choice: str | None) -> None:
            if choice == "again":
                self._show_quiz(lesson_id)
            elif choice == "results":
                from course.ui.screens.result import ResultScreen

                self._back_to_outline()
                self.push_screen(ResultScreen(lesson_id, passed))

        self.push_screen(PassedQuizScreen(lesson.quiz.title, passed.percent), chosen)

    def _show_quiz(self, lesson_id: str) -> None:
        from course.ui.screens.quiz import QuizScreen

        self._back_to_outline()
        self.push_screen(QuizScreen(lesson_id))

    def lesson_commands(self, lesson: Lesson) -> Iterable[SystemCommand]:
        """A lesson's quiz, right after the lesson in the palette."""
        if self.study is not None and lesson.quiz is not None:
            yield SystemCommand(
                self.t("commands.open_quiz", title=lesson.title),
                lesson.quiz.title,
                lambda lesson_id=lesson.id: self.open_quiz(lesson_id),
            )

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

    def open_network_workbench(
        self, lesson_id: str, returned: Callable[[], None] | None = None
    ) -> None:
        """Open the network-map workbench of a lesson over what is shown; `returned` is
        called when the learner leaves it (a quiz's activity then shows the answers)."""
        from course.content.network_practice import activity_in
        from course.ui.screens.network_map import NetworkMapScreen

        activity = activity_in(self.course, lesson_id)
        if activity is not None and self.study is not None:
            self.push_screen(
                NetworkMapScreen(self.course, lesson_id, activity),
                None if returned is None else lambda _: returned(),
            )

    def offers_lessons(self) -> bool:
        """Lessons only for a learner who joined: before, there is nobody to open one for
        (opening one crashed the app)."""
        return self.study is not None

    def extra_commands(self) -> Iterable[SystemCommand]:
        """The network workbench, where the course has one and the learner is known."""
        if self.study is not None:
            yield SystemCommand(self.t("commands.review_settings"), "", self.open_review_settings)
        workbench = self.workbench_lesson() if self.study is not None else None
        if workbench is not None:
            yield SystemCommand(
                self.t("commands.network_workbench"),
                "",
                lambda: self.open_network_workbench(workbench),
            )

    _closed = False
    """Whether the app has unmounted: a room watcher asked for after that is not started
    (an app that quits at once would leave it running with nobody to stop it)."""

    def on_unmount(self) -> None:
        self._closed = True
        if self.room_watcher is not None:
            self.room_watcher.stop()


def make_app(
    course: Course,
    data_dir: Path,
    *,
    language: str,
    language_given: bool = True,
    profile: str = "default",
    theme: str | None = None,
    shuffle_seed: int | None = None,
    join: bool = False,
) -> CourseApp:
    """Build the learner app for `course`, with the progress store in `data_dir`.

    Raises the store's `StoreError` when the data folder cannot be used. A `shuffle_seed`
    makes option order repeatable (for tests and screenshots). With `join`, the learner
    first gives the join code and their name (a classroom served by `course serve`).
    Runs before the event loop does: the store is opened and the learner found here.

    The theme and language the profile last chose in the app are used, unless `theme` is
    given, or `language` was asked for (`language_given`, as `--lang` does): else
    `language` is only the fallback (the system's language, say).
    """
    store = ProgressStore.open(data_dir)
    try:
        learner = None if join else store.learner(profile)
        saved = store.settings(learner.id) if learner is not None else {}
    except StoreError:
        store.close()
        raise
    if not language_given and saved.get("language") in course.languages:
        language = saved["language"]
    if theme is None:
        theme = saved.get("theme", DARK_THEME)
        theme = theme if theme in BUILTIN_THEMES else DARK_THEME
    return CourseApp(
        course,
        store,
        learner,
        language,
        theme=theme,
        notice=recovered_notice(course, store, language),
        shuffle_seed=shuffle_seed,
    )
