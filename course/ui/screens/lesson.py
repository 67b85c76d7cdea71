"""The lesson reader: the text at a readable width, key takeaways, the learner's reflection."""

from __future__ import annotations

import time
import uuid

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.timer import Timer
from textual.widgets import Button, Static, TextArea

from course.core.model import Lesson
from course.study import StudySession
from course.ui.screens.base import CourseScreen
from course.ui.widgets.key_bar import KeyBar
from course.ui.widgets.markdown_text import MarkdownText
from course.ui.widgets.title_bar import TitleBar

SAVE_DELAY = 0.8
"""Seconds of quiet typing after which a reflection is saved."""
RENDER_AHEAD_DELAY = 0.5
"""Seconds after a lesson is shown before the lessons next to it are rendered ahead, so
that the learner's first moments of reading are never held up by it."""


class LessonScreen(CourseScreen):
    """One lesson, read top to bottom."""

    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("n", "next_lesson", "Next"),
        Binding("p", "previous_lesson", "Previous"),
        Binding("s", "start_quiz", "Quiz"),
        Binding("l", "links", "Links"),
        Binding("r", "write", "Reflect", show=False),
        Binding("w", "network_workbench", "Network"),
        Binding("ctrl+s", "save_reflection", "Save", show=False),
    ]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer "next_lesson" only where it does something, and the network workbench
        only in a lesson whose exercise has one (its text tells the learner to press w)."""
        if action == "next_lesson":
            return self._offers_next()
        if action == "network_workbench":
            return self._has_workbench()
        return True

    def _offers_next(self) -> bool:
        """Whether "Next" does something: open the following lesson, or complete a last
        lesson without a quiz. On a last lesson with a quiz it only said there is none."""
        return self._neighbour(1) is not None or self.lesson.quiz is None

    def __init__(self, lesson_id: str) -> None:
        super().__init__()
        self.lesson_id = lesson_id
        self._session = uuid.uuid4().hex
        self._opened = time.monotonic()
        self._save_timer: Timer | None = None
        self._restored = False

    @property
    def lesson(self) -> Lesson:
        """The lesson in the current language."""
        lesson = self.course_app.text.lesson(self.lesson_id)
        assert lesson is not None
        return lesson

    def compose(self) -> ComposeResult:
        # Every part a lesson may have is composed, empty; `_fill` shows the lesson in them
        # (and hides what it lacks), so that the next lesson reuses this screen.
        yield TitleBar()
        with VerticalScroll(id="reader"), Vertical(classes="page"):
            yield Static("", id="lesson-position", classes="lesson-position")
            yield Static("", id="lesson-title", classes="lesson-title")
            yield MarkdownText("", id="lesson-body")
            yield MarkdownText("", id="exercise", classes="boxed")
            yield MarkdownText("", id="takeaways", classes="boxed")
            yield Static(self.t("lesson.reflection"), classes="section-title")
            yield MarkdownText("", id="reflection-prompt")
            yield TextArea(
                "",
                id="reflection",
                soft_wrap=True,
                show_line_numbers=False,
                placeholder=self.t("lesson.reflection_hint"),
            )
            yield Static("", id="saved-state")
            yield Static(self.t("lesson.sources"), id="sources-title", classes="section-title")
            yield MarkdownText("", id="sources")
            with Horizontal(classes="lesson-buttons"):
                yield Button(self.t("lesson.previous"), id="previous")
                yield Button(self.t("lesson.open_workbench"), id="open-workbench")
                yield Button(self.t("lesson.start_quiz"), id="start-quiz", variant="primary")
                yield Button(self.t("lesson.next"), id="next")
        yield KeyBar()

    def _fill(self) -> None:
        """Show the lesson `lesson_id` in the composed widgets."""
        lesson = self.lesson
        text = self.course_app.text
        number = text.lesson_index(lesson.id) + 1
        self.query_one("#lesson-position", Static).update(
            f"{self.t('lesson.position', number=number, total=len(text.lessons))}"
            f" · {self.t('lesson.minutes', minutes=lesson.minutes)}"
        )
        self.query_one("#lesson-title", Static).update(lesson.title)
        self.query_one("#lesson-body", MarkdownText).show(self._titled(lesson.body))
        exercise = self.query_one("#exercise", MarkdownText)
        exercise.show(self._titled(lesson.exercise))
        exercise.border_title = self.t("lesson.exercise")
        exercise.display = bool(lesson.exercise)
        takeaways = self.query_one("#takeaways", MarkdownText)
        takeaways.show(self._titled(lesson.takeaways))
        takeaways.border_title = self.t("lesson.takeaways")
        self.query_one("#reflection-prompt", MarkdownText).show(self._titled(lesson.reflection))
        area = self.query_one("#reflection", TextArea)
        reflection, self._saved_position = self.read(_saved_state, self.study, lesson.id)
        with area.prevent(TextArea.Changed):  # loading the saved text is no edit to save
            area.load_text(reflection)
        area.move_cursor(area.document.end)  # what comes next is added, not put in front
        self.query_one("#saved-state", Static).update("")
        self.query_one("#sources-title").display = bool(lesson.sources)
        sources = self.query_one("#sources", MarkdownText)
        sources.show(self._titled(lesson.sources))
        sources.display = bool(lesson.sources)
        self.query_one("#start-quiz").display = lesson.quiz is not None
        self.query_one("#next").display = self._offers_next()
        self.refresh_bindings()
        self.query_one("#open-workbench").display = self._has_workbench()

    _workbench: tuple[str, bool] | None = None
    """Whether the lesson shown has a network workbench, by its id (asked at every
    refresh of the key bar)."""

    def _has_workbench(self) -> bool:
        if self._workbench is None or self._workbench[0] != self.lesson_id:
            from course.content.network_practice import activity_in

            found = activity_in(self.course_app.course, self.lesson_id) is not None
            self._workbench = (self.lesson_id, found)
        return self._workbench[1]

    @on(Button.Pressed, "#open-workbench")
    def action_network_workbench(self) -> None:
        """Open the network-map workbench of this lesson's exercise."""
        if self._has_workbench():
            self.learner_app.open_network_workbench(self.lesson_id)

    def on_mount(self) -> None:
        super().on_mount()
        self._fill()
        self.write(self.study.open_lesson, self.lesson_id)
        reader = self.query_one("#reader", VerticalScroll)
        reader.focus()
        self.call_after_refresh(self._restore_position)

    def show_lesson(self, lesson_id: str) -> None:
        """Show another lesson (or this one again) in this screen, as "Next" does.

        The learner's place, time and reflection in the lesson shown so far are saved
        first. The screen, its key bindings and so its footer stay: only the lesson's
        parts change, which is much faster than replacing the screen.
        """
        self._record_visit()  # also saves the reflection and stops its timer
        self.lesson_id = lesson_id
        self._session = uuid.uuid4().hex
        self._opened = time.monotonic()
        self._fill()
        self.write(self.study.open_lesson, lesson_id)
        reader = self.query_one("#reader", VerticalScroll)
        reader.scroll_to(y=0, animate=False, immediate=True)
        reader.focus()
        self._restored = False
        self.call_after_refresh(self._restore_position)

    def after_relabel(self) -> None:
        self._fill()
        self.query_one("#reader").focus()
        self._restored = False
        self.call_after_refresh(self._restore_position)

    def _restore_position(self) -> None:
        if self._restored:
            return
        self._restored = True
        self.set_timer(RENDER_AHEAD_DELAY, self._render_neighbours_ahead)
        reader = self.query_one("#reader", VerticalScroll)
        position = self._saved_position
        if position > 0 and reader.max_scroll_y > 0:
            reader.scroll_to(y=round(position * reader.max_scroll_y), animate=False)

    def _render_neighbours_ahead(self) -> None:
        """Render the next and the previous lesson into the shared cache of rendered text,
        at this screen's widths, so that "Next" and "Previous" show them at once."""
        for step in (1, -1):
            neighbour = self._neighbour(step)
            if neighbour is None or not self.is_attached:
                continue
            for part, markdown in (
                ("#lesson-body", neighbour.body),
                ("#exercise", neighbour.exercise),
                ("#takeaways", neighbour.takeaways),
                ("#reflection-prompt", neighbour.reflection),
                ("#sources", neighbour.sources),
            ):
                self.query_one(part, MarkdownText).render_ahead(self._titled(markdown))

    # Leaving: save the place, the time and the reflection ------------------------------

    def _record_visit(self) -> None:
        reader = self.query_one("#reader", VerticalScroll)
        position = reader.scroll_y / reader.max_scroll_y if reader.max_scroll_y else 0.0
        now = time.monotonic()
        self.write(self.study.leave_lesson, self.lesson_id, position, now - self._opened)
        self._opened = now
        self.action_save_reflection()

    def on_screen_suspend(self) -> None:
        self._record_visit()

    def on_screen_resume(self) -> None:
        self._opened = time.monotonic()

    def keep_unsaved(self) -> None:
        self._record_visit()

    # Reflection -------------------------------------------------------------------------

    @on(TextArea.Changed, "#reflection")
    def reflection_changed(self) -> None:
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(SAVE_DELAY, self.action_save_reflection)
        self.query_one("#saved-state", Static).update("…")

    def action_save_reflection(self) -> None:
        """Save the reflection now (it is also saved as the learner types)."""
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
        area = self.query_one("#reflection", TextArea)
        self.write(self.study.save_reflection, self.lesson_id, area.text, self._session)
        if area.text:
            self.query_one("#saved-state", Static).update(self.t("lesson.saved"))

    def action_write(self) -> None:
        """Jump to the reflection."""
        area = self.query_one("#reflection", TextArea)
        area.scroll_visible()
        area.focus()

    # Moving on --------------------------------------------------------------------------

    def action_back(self) -> None:
        """Leave the text field, or go back to the outline."""
        if isinstance(self.focused, TextArea):
            self.query_one("#reader").focus()
        else:
            self.app.pop_screen()

    def _neighbour(self, step: int) -> Lesson | None:
        lessons = self.course_app.text.lessons
        index = self.course_app.text.lesson_index(self.lesson_id) + step
        return lessons[index] if 0 <= index < len(lessons) else None

    @on(Button.Pressed, "#next")
    def action_next_lesson(self) -> None:
        """Open the next lesson."""
        following = self._neighbour(1)
        if self.lesson.quiz is None:
            self.write(self.study.complete_lesson, self.lesson_id)
        if following is None:
            self.notify(self.t("lesson.last"))
        else:
            self.learner_app.open_lesson(following.id)

    @on(Button.Pressed, "#previous")
    def action_previous_lesson(self) -> None:
        """Open the previous lesson."""
        previous = self._neighbour(-1)
        if previous is None:
            self.notify(self.t("lesson.first"))
        else:
            self.learner_app.open_lesson(previous.id)

    @on(Button.Pressed, "#start-quiz")
    def action_start_quiz(self) -> None:
        """Take the lesson's quiz."""
        if self.lesson.quiz is None:
            self.notify(self.t("quiz.no_quiz"))
        else:
            self.learner_app.open_quiz(self.lesson_id)

    def _lesson_titles(self) -> dict[str, str]:
        """Lesson file name to the lesson's title, in the current language."""
        return {
            lesson.path.name: lesson.title
            for lesson in self.course_app.text.lessons
            if lesson.path is not None
        }

    def _titled(self, markdown: str) -> str:
        """The text with links to other lessons shown by the lessons' titles."""
        from course.content.lessons import lesson_links_as_titles

        return lesson_links_as_titles(markdown, self._lesson_titles()) if markdown else markdown

    def action_links(self) -> None:
        """List the lesson's links; a lesson link opens that lesson, a web link asks first."""
        from course.content.lessons import find_links, is_relative_link, linked_lesson_file
        from course.ui.screens.dialogs import LinksScreen

        lesson = self.lesson
        titles = self._lesson_titles()
        links = [
            (f"{label} — {titles.get(linked_lesson_file(target), target)}", target)
            if is_relative_link(target)
            else (f"{label}  ({target})", target)
            for label, target in find_links(
                "\n\n".join((lesson.body, lesson.exercise, lesson.sources))
            )
        ]

        def follow(target: str | None) -> None:
            if not target:
                return
            if is_relative_link(target):
                self._open_lesson_file(linked_lesson_file(target))
            else:
                self.app.open_url(target)

        self.app.push_screen(LinksScreen(links), follow)

    def _open_lesson_file(self, file_name: str) -> None:
        for lesson in self.course_app.text.lessons:
            if lesson.path is not None and lesson.path.name == file_name:
                self.learner_app.open_lesson(lesson.id)
                return


def _saved_state(study: StudySession, lesson_id: str) -> tuple[str, float]:
    """The learner's reflection on a lesson and where they were in it (store thread)."""
    return study.reflection(lesson_id), study.position(lesson_id)
