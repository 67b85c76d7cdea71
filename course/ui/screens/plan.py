"""My plan: every reflection, the network map's closing answers and every commitment the
learner wrote, in course order, on one page.

The lessons' reflections and the commitments (answers to a quiz's reflection questions)
can be edited here, saved as the learner types (in the store thread, as in the lesson);
a commitment can carry a follow-up day, typed as "2026-12-20", "+7d" or "in 2 weeks".
The network map's answers are shown as saved in its workbench. `course plan -o plan.md`
writes the same page as Markdown.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.timer import Timer
from textual.widgets import Button, Input, Static, TextArea

from course.core.follow_up import FollowUpError, parse_follow_up
from course.study import PlanEntry, PlanKind
from course.ui.screens.base import CourseScreen
from course.ui.widgets.key_bar import KeyBar
from course.ui.widgets.markdown_text import MarkdownText
from course.ui.widgets.title_bar import TitleBar

SAVE_DELAY = 0.8
"""Seconds of quiet typing after which a reflection or a commitment is saved."""


@dataclass(frozen=True)
class _Field:
    """What a text field of the page edits."""

    kind: PlanKind
    """A lesson's reflection or a commitment."""
    target: str
    """The lesson id (a reflection) or the question id (a commitment)."""


class PlanScreen(CourseScreen):
    """Everything the learner wrote about their own practice, on one page."""

    BINDINGS = [Binding("escape", "back", "Back")]

    AUTO_FOCUS = None
    """Nothing focused at first: the page opens at its top, and the keys work until the
    learner clicks or tabs into a field."""

    def __init__(self) -> None:
        super().__init__()
        self._session = uuid.uuid4().hex
        """Groups this visit's saves in each reflection's history."""
        self._timer: Timer | None = None
        self._changed: set[str] = set()
        """Ids of the text areas changed and not saved yet."""
        self._fields: dict[str, _Field] = {}
        """Text area or follow-up field id to what it edits."""
        self._follow_ups: dict[str, str] = {}
        """Follow-up field id to the day kept for it, as the page shows a day ("" for
        none)."""

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
            yield Static(self.t("plan.edit_hint"), classes="instructions")
            for index, lesson in enumerate(text.lessons):
                found = by_lesson.get(lesson.id, [])
                if not lesson.reflection and not found:
                    continue
                yield Static(lesson.title, classes="section-title")
                if lesson.reflection:
                    reflection = next((e for e in found if e.kind is PlanKind.REFLECTION), None)
                    yield MarkdownText(f"*{' '.join(lesson.reflection.split())}*")
                    yield self._area(
                        f"plan-reflection-{index}",
                        _Field(PlanKind.REFLECTION, lesson.id),
                        reflection.text if reflection else "",
                    )
                network = [e for e in found if e.kind is PlanKind.NETWORK_MAP]
                for number, entry in enumerate(found):  # in the order of the quiz
                    if entry.kind is PlanKind.COMMITMENT:
                        yield from self._commitment(f"{index}-{number}", entry)
                    elif entry is next(iter(network), None):
                        yield from self._network_answers(network)
            yield Static(self.t("plan.key_hint"), classes="instructions")
            with Horizontal(classes="result-buttons"):
                yield Button(self.t("result.outline"), id="back", variant="primary")
        yield KeyBar()

    def _area(self, area_id: str, field: _Field, value: str) -> TextArea:
        self._fields[area_id] = field
        return TextArea(
            value,
            id=area_id,
            classes="plan-text",
            soft_wrap=True,
            show_line_numbers=False,
            placeholder=self.t("lesson.reflection_hint"),
        )

    def _network_answers(self, entries: list[PlanEntry]) -> ComposeResult:
        yield Static(self.t("plan.network_map"), classes="plan-heading")
        yield MarkdownText(
            "\n\n".join(f"*{' '.join(e.prompt.split())}*\n\n{e.text.strip()}" for e in entries)
        )
        yield Static(self.t("plan.network_hint"), classes="instructions")

    def _commitment(self, key: str, entry: PlanEntry) -> ComposeResult:
        yield MarkdownText(f"*{' '.join(entry.prompt.split())}*")
        yield self._area(
            f"plan-commitment-{key}", _Field(PlanKind.COMMITMENT, entry.question_id), entry.text
        )
        for done in entry.follow_ups:
            if done.answer is not None:
                day = self._day(done.due.isoformat())
                yield MarkdownText(
                    f"**{self.t('plan.check_in_on', date=day)}** {done.answer.strip()}",
                    classes="plan-check-in",
                )
        waiting = entry.open_follow_up
        value = self._day(waiting.due.isoformat()) if waiting else ""
        field_id = f"plan-follow-{key}"
        self._fields[field_id] = _Field(PlanKind.COMMITMENT, entry.question_id)
        self._follow_ups[field_id] = value
        with Horizontal(classes="plan-follow-up"):
            yield Static(self.t("plan.follow_up_label"), classes="plan-follow-label")
            yield Input(
                value,
                id=field_id,
                classes="plan-follow-input",
                placeholder=self.t("plan.follow_up_placeholder"),
            )
        yield Static(
            self._follow_up_state(field_id, value)[0],
            id=f"{field_id}-state",
            classes="plan-follow-state",
        )

    def _day(self, iso: str) -> str:
        """A day as the page shows it: 2026-12-20 in English, 20.12.2026 in German."""
        if self.course_app.text.language == "de":
            year, month, day = iso.split("-")
            return f"{day}.{month}.{year}"
        return iso

    def _follow_up_state(self, field_id: str, value: str) -> tuple[str, bool]:
        """What the line under a follow-up field says about the day typed in it, and
        whether that day cannot be taken. The day already kept is shown as kept even once
        it has passed (its check-in is waiting for the next start)."""
        kept = self._follow_ups.get(field_id)
        if kept and value.strip() == kept:
            return self.t("plan.follow_up_set", date=kept), False
        try:
            day = parse_follow_up(value, self.study.today())
        except FollowUpError as error:
            message = self.t(f"plan.follow_up_{error.problem.value}", given=error.given.strip())
            return message, True
        if day is None:
            return self.t("plan.follow_up_none"), False
        return self.t("plan.follow_up_set", date=self._day(day.isoformat())), False

    # Saving ---------------------------------------------------------------------------

    @on(TextArea.Changed, ".plan-text")
    def text_changed(self, event: TextArea.Changed) -> None:
        """Save what the learner writes once they pause."""
        if event.text_area.id is not None:
            self._changed.add(event.text_area.id)
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(SAVE_DELAY, self.keep_unsaved)

    @on(Input.Changed, ".plan-follow-input")
    def follow_up_typed(self, event: Input.Changed) -> None:
        """Say at once whether the day typed can be taken."""
        if event.input.id is None:
            return
        state = self.query_one(f"#{event.input.id}-state", Static)
        shown, wrong = self._follow_up_state(event.input.id, event.value)
        state.update(shown)
        state.set_class(wrong, "plan-follow-error")

    @on(Input.Submitted, ".plan-follow-input")
    @on(Input.Blurred, ".plan-follow-input")
    def follow_up_done(self, event: Input.Submitted | Input.Blurred) -> None:
        """Keep the day once the learner presses Enter or leaves the field."""
        field = event.input
        if field.id is None:
            return
        self._save_follow_up(field.id, field.value)
        kept = self._follow_ups.get(field.id, "")
        if (
            kept
            and field.value.strip() != kept
            and not self._follow_up_state(field.id, field.value)[1]
        ):
            field.value = kept  # "+7d" shown as the day it names

    def _save_follow_up(self, field_id: str, value: str) -> None:
        """Keep a follow-up day typed in a field, when it can be taken and has changed."""
        if self._follow_ups.get(field_id) == value.strip():
            return
        try:
            day = parse_follow_up(value, self.study.today())
        except FollowUpError:
            return  # the line under the field says why; nothing is changed
        shown = self._day(day.isoformat()) if day else ""
        if self._follow_ups.get(field_id) != shown:
            self.write(self.study.set_follow_up, self._fields[field_id].target, day)
        self._follow_ups[field_id] = shown

    def keep_unsaved(self) -> None:
        """Save every text changed since the last save, and every follow-up day typed."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        for area_id in sorted(self._changed):
            found = self.query(f"#{area_id}")
            if not found:
                continue
            area = found.first(TextArea)
            field = self._fields[area_id]
            if field.kind is PlanKind.REFLECTION:
                self.write(self.study.save_reflection, field.target, area.text, self._session)
            else:
                self.write(self.study.save_commitment, field.target, area.text)
        self._changed.clear()
        for field_id in self._follow_ups:
            found = self.query(f"#{field_id}")
            if found:
                self._save_follow_up(field_id, found.first(Input).value)

    def on_screen_suspend(self) -> None:
        self.keep_unsaved()

    @on(Button.Pressed, "#back")
    def action_back(self) -> None:
        """Back to the outline; what was written is saved."""
        self.keep_unsaved()
        self.app.pop_screen()
