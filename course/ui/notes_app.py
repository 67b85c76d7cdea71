"""The speaker notes app (`course present --notes`): run it in a second terminal, on the
laptop's own screen, while the presenter runs on the projector.

It follows the presenter, another process, through the position the presenter publishes
next to the progress store (`course.workshop.speaker`), read by a `PositionWatcher`
thread. It writes nothing and claims nothing: it may start before the presenter, after
it, and outlive it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from textual.binding import Binding

from course.core.model import Course
from course.store import ProgressStore
from course.ui.base import DARK_THEME, CourseAppBase
from course.ui.room import PositionWatcher, PresenterMoved

if TYPE_CHECKING:
    from rich.console import RenderableType

POSITION_POLL_SECONDS = 0.2
"""How often the notes look for the presenter's position (a tiny file)."""


class SpeakerNotesApp(CourseAppBase):
    """The trainer's notes, following the presenter of the same course and data folder."""

    CSS_PATH = "app.tcss"
    LATER_CSS_PATH = "places.tcss"
    TITLE = "course"
    BINDINGS = [
        Binding("q", "quit", "Quit", show=True),
        Binding("f3", "toggle_theme", "Theme", show=False),
    ]

    def __init__(
        self,
        course: Course,
        store: ProgressStore,
        language: str,
        *,
        data_dir: Path,
        theme: str = DARK_THEME,
        poll_seconds: float = POSITION_POLL_SECONDS,
        clock: Callable[[], float] = time.time,
        now: Callable[[], datetime] = datetime.now,
    ) -> None:
        """`clock` runs the followed timer (wall-clock seconds) and `now` is the time of
        day shown: tests fix both."""
        super().__init__(course, store, language, theme=theme)
        self.clock = clock
        self.now = now
        self.watcher = PositionWatcher(data_dir, course.id, self, interval=poll_seconds)
        """Reads the presenter's position in its own thread."""

    def window_subtitle(self) -> str:
        return self.t("speaker.title")

    def on_mount(self) -> None:
        from course.ui.screens.speaker_notes import SpeakerNotesScreen

        self.push_screen(SpeakerNotesScreen(self.clock, self.now))
        self.watcher.start()

    def on_presenter_moved(self, message: PresenterMoved) -> None:
        """Follow the presenter, in the language of its slides."""
        from course.ui.screens.speaker_notes import SpeakerNotesScreen

        position = message.position
        if position is not None and position.language in self.course.languages:
            self.language = position.language  # the titles read as on the projector
        for screen in self.screen_stack:
            if isinstance(screen, SpeakerNotesScreen):
                screen.follow(position)

    def exit(
        self, result: None = None, return_code: int = 0, message: RenderableType | None = None
    ) -> None:
        """Stop following, then close."""
        self.watcher.stop()
        super().exit(result, return_code, message)


def make_speaker_notes_app(
    course: Course, data_dir: Path, *, language: str, theme: str = DARK_THEME
) -> SpeakerNotesApp:
    """The notes for `course`, following its presenter on the store in `data_dir`."""
    store = ProgressStore.open(data_dir)
    return SpeakerNotesApp(course, store, language, data_dir=data_dir, theme=theme)
