"""The presenter app: slides for the projector, and the room of learners it leads.

One presenter owns a course's room at a time (`Classroom.claim_presenter`). The claim is
made by `make_presenter_app`, before the event loop runs, so that a second presenter is
refused before anything is drawn. While the app runs, a `RoomWatcher` thread gives the
presenter's sign of life and posts the room and the live question's answers as
`RoomChanged`; every write to the room goes through the store thread. The presenter also
publishes where it is (`course.workshop.speaker`) for the speaker notes in a second
terminal (`course present --notes`).
"""

from __future__ import annotations

import uuid
from contextlib import suppress
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.screen import Screen

from course.core.model import Course
from course.store import ProgressStore, StoreError
from course.store.classroom import Classroom
from course.ui.base import DARK_THEME, CourseAppBase, recovered_notice
from course.ui.room import RoomChanged, RoomLost, RoomTaken, RoomWatcher
from course.workshop import speaker

if TYPE_CHECKING:
    from rich.console import RenderableType

PRESENTER_HEARTBEAT_SECONDS = 3.0
"""How often the presenter tells the store it still runs (see `Classroom.claim_presenter`)."""
ROOM_POLL_SECONDS = 0.5
"""How often the presenter looks for new answers."""
ONLINE_REREAD_SECONDS = 5.0
"""How often the presenter reads the room even when nothing was written: a learner whose
app vanished without a word drops out of the lobby's "online"."""


class PresenterApp(CourseAppBase):
    """The trainer's presenter view of a course."""

    CSS_PATH = "app.tcss"
    LATER_CSS_PATH = "places.tcss"
    TITLE = "course"
    BINDINGS = [
        Binding("q", "quit", "Quit", show=True),
        Binding("f1", "help", "Help", show=True),
        Binding("question_mark", "help", "Help", show=False),
        Binding("f2", "switch_language", "Language", show=False),
        Binding("f3", "toggle_theme", "Theme", show=False),
        Binding("f4", "about", "About", show=False),
    ]

    def __init__(
        self,
        course: Course,
        store: ProgressStore,
        language: str,
        *,
        session: str,
        refusal: str | None = None,
        theme: str = DARK_THEME,
        notice: str | None = None,
    ) -> None:
        """`session` has claimed the room, unless `refusal` says why it could not."""
        super().__init__(course, store, language, theme=theme, notice=notice)
        self.session = session
        """This presenter, as the room knows it."""
        self.refusal = refusal
        """Why this presenter may not run (another one does), or None."""
        self.owns_room = refusal is None
        """Whether this presenter owns the room (only then does it write to it)."""
        self.classroom: Classroom = store.classroom(course.id)
        """The room; called only in the store thread."""
        self.room_watcher = RoomWatcher(
            store,
            course.id,
            self,
            interval=ROOM_POLL_SECONDS,
            beat=lambda classroom: classroom.presenter_heartbeat(self.session),
            beat_every=PRESENTER_HEARTBEAT_SECONDS,
            with_answers=True,
            reread_every=ONLINE_REREAD_SECONDS,
        )
        """Gives this presenter's sign of life and reads the answers as they come."""
        self.data_dir = store.path.parent
        """The data folder, where the position for the speaker notes is published."""
        self._published: speaker.PresenterPosition | None = None

    def help_screen(self) -> Screen[object]:
        from course.ui.screens.presenter import PresenterHelp

        return PresenterHelp()

    def about_screen(self) -> Screen[object]:
        from course.ui.screens.about import AboutScreen

        return AboutScreen()

    def confirm_screen(self, question: str, detail: str) -> Screen[bool | None]:
        from course.ui.screens.dialogs import ConfirmScreen

        return ConfirmScreen(question, detail)

    def on_mount(self) -> None:
        # CourseAppBase.on_mount runs too, after this one (Textual calls the handler of
        # every class): the title, the keys' descriptions, the notice.
        if self.refusal is not None:
            # Two presenters would fight over the room, and the one quitting would clear
            # what the other shows: the second one stops before it writes anything.
            self.exit(return_code=1, message=self.refusal)
            return
        from course.ui.screens.presenter import PresenterScreen

        self.push_screen(PresenterScreen())
        self.room_watcher.start()

    def room_write(self, call: str, *args: object) -> None:
        """Queue `Classroom.<call>(*args)` and have the watcher post the room after it."""
        if not self.owns_room:
            return
        method = getattr(self.classroom, call)

        def write() -> None:
            method(*args)
            self.room_watcher.poke()

        self.storage.write(write)

    def publish_position(self, position: speaker.PresenterPosition) -> None:
        """Tell the speaker notes in another terminal where this presenter is (in the
        store thread: the file is synced to disk, which may take a moment)."""
        if not self.owns_room or position.same_place(self._published):
            return
        self._published = position
        self.storage.write(speaker.publish, self.data_dir, position)

    def on_room_changed(self, message: RoomChanged) -> None:
        from course.ui.screens.presenter import PresenterScreen

        for screen in self.screen_stack:
            if isinstance(screen, PresenterScreen):
                screen.follow_room(message.state, message.answers, message.online)

    def on_room_lost(self, message: RoomLost) -> None:
        self.notify(str(message.error), severity="error", timeout=20)

    def on_room_taken(self, message: RoomTaken) -> None:
        self.owns_room = False
        self.exit(return_code=1, message=self.t("presenter.taken_over"))

    def open_lesson(self, lesson_id: str) -> None:
        """Show a lesson's title slide."""
        from course.ui.screens.presenter import PresenterScreen

        if isinstance(self.screen, PresenterScreen):
            self.screen.go_to_lesson(lesson_id)

    def release_room(self) -> None:
        """End the live question, release the hold and the presented lesson, if this
        presenter owns the room; once (queued: `exit` waits for it)."""
        if not self.owns_room:
            return
        self.owns_room = False
        classroom, session = self.classroom, self.session
        data_dir, course_id = self.data_dir, self.course.id

        def release() -> None:
            # Closing: if it fails, the room simply goes back to its own pace.
            with suppress(StoreError):
                classroom.release_presenter(session)
            with suppress(OSError):  # the notes then say nobody presents
                speaker.withdraw(data_dir, course_id)

        self.storage.write(release)

    def exit(
        self, result: None = None, return_code: int = 0, message: RenderableType | None = None
    ) -> None:
        """Give the room back, then close (waiting for the writes)."""
        self.room_watcher.stop()
        self.release_room()
        super().exit(result, return_code, message)

    def hang_up(self) -> None:
        """The terminal closed: release the room first (drawing the exit may fail)."""
        self.exit()


def claim_room(store: ProgressStore, course: Course, session: str, language: str) -> str | None:
    """Make `session` the presenter of `course`'s room (`Classroom.claim_presenter`); when
    another presenter runs, nothing changes and the reason is returned, to be shown."""
    from course.i18n import Catalogue

    classroom = store.classroom(course.id)
    seen = classroom.claim_presenter(session)
    if seen is None:
        return None
    return Catalogue(course.best_language(language))(
        "presenter.other_running",
        time=_local_time(seen),
        seconds=round(classroom.PRESENTER_STALE_SECONDS),
    )


def _local_time(stamp: str) -> str:
    """A store time as the local wall-clock time."""
    return datetime.fromisoformat(stamp).astimezone().strftime("%H:%M:%S")


def make_presenter_app(
    course: Course, data_dir: Path, *, language: str, theme: str = DARK_THEME
) -> PresenterApp:
    """Build the presenter for `course` and claim its room (before the event loop runs).

    Raises the store's `StoreError` when the data folder cannot be used; a presenter that
    may not run (another one does) is returned with its `refusal`.
    """
    store = ProgressStore.open(data_dir)
    session = uuid.uuid4().hex
    try:
        refusal = claim_room(store, course, session, language)
    except StoreError:
        store.close()
        raise
    return PresenterApp(
        course,
        store,
        language,
        session=session,
        refusal=refusal,
        theme=theme,
        notice=recovered_notice(course, store, language),
    )
