"""My plan: every reflection and commitment the learner wrote, in course order, on one page.

The lessons' reflections can be edited here (saved as the learner types, as in the
lesson); answers to a quiz's reflection questions are shown as given. `course plan -o
plan.md` writes the same page as Markdown.
"""

from __future__ import annotations

import uuid

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.timer import Timer
from textual.widgets import Button, Static, TextArea

from course.study import PlanEntry
from course.ui.screens.base import CourseScreen
from course.ui.widgets.key_bar import KeyBar
from course.ui.widgets.markdown_text import MarkdownText
from course.ui.widgets.title_bar import TitleBar

SAVE_DELAY = 0.8
"""Seconds of quiet typing after which a reflection is saved."""


class PlanScreen(CourseScreen):
    """Everything the learner wrote about their own practice, on one page."""

    BINDINGS = [Binding("escape", "back", "Back")]

    AUTO_FOCUS = None
    """Nothing focused at first: the page opens at its top, and the keys work until the
    learner clicks or tabs into a reflection."""

    def __init__(self) -> None:
        super().__init__()
        self._session = uuid.uuid4().hex
        """Groups this visit's saves in each reflection's history."""
        self._timer: Timer | None = None
        self._changed: set[str] = set()
        """Ids of the text areas changed and not saved yet."""
        self._lessons: dict[str, str] = {}
        """Text area id to its lesson id."""

    def compose(self) -> ComposeResult:
        text = self.course_app.text
        entries = self.read(self.study.plan, text)
        course = self.course_app.course
        by_lesson: dict[str, list[PlanEntry]] = {}
        for entry in entries:
            by_lesson.setdefault(entry.lesson_id, []).append(entry)
        yield TitleBar()
        with VerticalScroll(id="plan-scroll"), Vertical(classes="page"):
            title = course.title.get(text.language, course.id)
            yield Static(f"{self.t('plan.title')}: {title}", classes="lesson-title")
            for index, lesson in enumerate(text.lessons):
                found = by_lesson.get(lesson.id, [])
                if not lesson.reflection and not found:
                    continue
                yield Static(lesson.title, classes="section-title")
                if lesson.reflection:
                    reflection = next((e for e in found if e.kind == "reflection"), None)
                    yield MarkdownText(f"*{' '.join(lesson.reflection.split())}*")
                    area_id = f"plan-reflection-{index}"
                    self._lessons[area_id] = lesson.id
                    yield TextArea(
                        reflection.text if reflection else "",
                        id=area_id,
                        classes="plan-reflection",
                        soft_wrap=True,
                        show_line_numbers=False,
                        placeholder=self.t("lesson.reflection_hint"),
                    )
                for entry in found:
                    if entry.kind == "commitment":
                        prompt = " ".join(entry.prompt.split())
                        yield MarkdownText(f"*{prompt}*\n\n{entry.text}")
            yield Static(self.t("plan.key_hint"), classes="instructions")
            with Horizontal(classes="result-buttons"):
                yield Button(self.t("result.outline"), id="back", variant="primary")
        yield KeyBar()

    @on(TextArea.Changed, ".plan-reflection")
    def reflection_changed(self, event: TextArea.Changed) -> None:
        """Save what the learner writes once they pause."""
        if event.text_area.id is not None:
            self._changed.add(event.text_area.id)
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(SAVE_DELAY, self.keep_unsaved)

    def keep_unsaved(self) -> None:
        """Save every reflection changed since the last save."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        for area_id in sorted(self._changed):
            area = self.query_one(f"#{area_id}", TextArea)
            lesson_id = self._lessons[area_id]
            self.write(self.study.save_reflection, lesson_id, area.text, self._session)
        self._changed.clear()

    def on_screen_suspend(self) -> None:
        self.keep_unsaved()

    @on(Button.Pressed, "#back")
    def action_back(self) -> None:
        """Back to the outline; what was written is saved."""
        self.keep_unsaved()
        self.app.pop_screen()
