"""The speaker notes on a second screen (`course present --notes`): the slide the presenter
shows in another terminal, its notes, the next slide and the exercise timer."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Footer, Static

from course.core.grading import shuffled_options
from course.ui.inputs import ui_of
from course.ui.screens.base import CourseScreen
from course.ui.widgets.clocks import CountdownLabel, WallClock
from course.ui.widgets.markdown_text import MarkdownText
from course.workshop.countdown import Countdown
from course.workshop.slides import Slide, build_slides
from course.workshop.speaker import PresenterPosition, find_slide, slide_title


class SpeakerNotesScreen(CourseScreen):
    """Follows the presenter: what the room sees now, what the trainer says, what comes."""

    BINDINGS = [Binding("q", "app.quit", "Quit")]

    def __init__(
        self,
        clock: Callable[[], float] = time.time,
        now: Callable[[], datetime] = datetime.now,
    ) -> None:
        """`clock` runs the followed timer (wall-clock seconds), `now` shows the time of
        day: tests fix both."""
        super().__init__()
        self.clock = clock
        self.now = now
        self.position: PresenterPosition | None = None
        """Where the presenter is, as last published; None while nobody presents."""
        self.countdown = Countdown(clock=clock)
        """The presenter's exercise timer, going on here."""
        self._rebuilding = False
        """Whether the language switch is rebuilding the screen (nothing to draw into)."""

    def compose(self) -> ComposeResult:
        with Vertical(id="speaker"):
            with Horizontal(id="speaker-top"):
                yield Static("", id="speaker-place")
                yield CountdownLabel(
                    lambda: self.countdown, lambda: self.t("presenter.time_up"), id="countdown"
                )
                yield WallClock(self.now, id="wall-clock")
            yield Static("", id="speaker-now")
            yield Static("", id="speaker-blank")
            with VerticalScroll(id="speaker-scroll"):
                yield MarkdownText("", id="speaker-notes")
            yield Static("", id="speaker-next")
        yield Footer()

    def on_mount(self) -> None:
        super().on_mount()
        self.show()

    async def relabel(self) -> None:
        """Rebuild in the new language; what is followed meanwhile is drawn once rebuilt."""
        self._rebuilding = True
        try:
            await super().relabel()
        finally:
            self._rebuilding = False
        if self.is_attached:  # not when the app was closed meanwhile: nothing to draw into
            self.show()

    def follow(self, position: PresenterPosition | None) -> None:
        """The presenter moved (or stopped): show where it is now."""
        self.position = position
        if position is None:
            self.countdown = Countdown(clock=self.clock)
        else:
            self.countdown = position.timer.countdown(position.published_at, self.clock)
        self.show()

    def show(self) -> None:
        """Draw the position last followed."""
        if self._rebuilding:
            return
        slides = build_slides(self.course_app.text)
        position = self.position
        index = find_slide(slides, position) if position is not None else None
        place = self.query_one("#speaker-place", Static)
        now = self.query_one("#speaker-now", Static)
        blank = self.query_one("#speaker-blank", Static)
        notes = self.query_one("#speaker-notes", MarkdownText)
        upcoming = self.query_one("#speaker-next", Static)
        for clock in self.query(CountdownLabel):
            clock.show_time()
        if position is None or index is None:
            place.update(self.t("speaker.title"))
            now.update(self.t("speaker.waiting"))
            blank.display = False
            notes.show("")
            upcoming.update("")
            return
        slide = slides[index]
        place.update(
            f"{self.t('speaker.title')} · "
            + self.t("presenter.slide", number=index + 1, total=len(slides))
        )
        now.update(f"{self.t('speaker.now')}: {slide_title(slide, self.t)}")
        blank.display = position.blanked
        blank.update(self.t("speaker.blanked"))
        notes.show(self._notes(slide, position.seed))
        if index + 1 < len(slides):
            upcoming.update(f"{self.t('speaker.next')}: {slide_title(slides[index + 1], self.t)}")
        else:
            upcoming.update(self.t("speaker.last"))

    def _notes(self, slide: Slide, seed: int) -> str:
        """The lesson's facilitator notes; on a question slide first its options as the
        projector letters them, the right ones marked, for the trainer's eyes only."""
        notes = slide.lesson.facilitator or self.t("presenter.no_notes")
        question = slide.question
        if question is None:
            return notes
        shown = ui_of(question)
        listed, _ = shown.slide_options(question, shuffled_options(question, seed), seed, True)
        return "\n".join([*listed, *shown.slide_solution(question, self.t), "", notes])
