"""The outline: every lesson with its status, the overall progress, and "Continue"."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Button, Static

from course.core.review import Mastery
from course.store import Place, QuizScore
from course.study import LessonStatus, StudySession
from course.ui.screens.base import CourseScreen
from course.ui.widgets.key_bar import KeyBar
from course.ui.widgets.lesson_table import CELL_PADDING, Column, LessonTable, Row
from course.ui.widgets.light_button import LightButton
from course.ui.widgets.outline_header import OutlineHeader
from course.ui.widgets.title_bar import TitleBar

STATUS_MARKS = {
    LessonStatus.NOT_STARTED: "○",
    LessonStatus.IN_PROGRESS: "◐",
    LessonStatus.DONE: "●",
}
SCORE_SAMPLE = "100 %"
"""The widest quiz score the table shows."""
OUTLINE_WIDTH = 110
"""The outline's widest layout, margins included (app.tcss: the outline's parts are at
most 108 cells wide, with a cell of margin on each side)."""


class OutlineScreen(CourseScreen):
    """The course at a glance; where a learner starts and comes back to."""

    BINDINGS = [
        Binding("c", "continue", "Continue"),
        Binding("r", "review", "Review"),
        Binding("m", "mastery", "Mastery"),
        Binding("p", "plan", "My plan"),
        Binding("o", "review_settings", "Review settings", show=False),
        Binding("enter", "open_lesson", "Open", show=False),
        Binding("f2", "app.switch_language", "Language"),
    ]

    AUTO_FOCUS = "#lessons"
    """Focus the table from the start: focusing it later styles and paints it again."""

    due = 0
    """Questions due for review when the outline last looked."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer "Review" only while questions are due."""
        if action == "review":
            return self.due > 0
        return True

    _header: OutlineHeader
    _lessons: LessonTable
    _review: LightButton | None = None
    """The Review button, once mounted."""
    _end: Static | None = None
    """What the learner holds at the course's end, once mounted."""

    _shown: tuple[object, ...] | None = None
    """What the progress widgets show: language, columns, statuses, scores, "Continue", the
    due count and what is held at the course's end."""

    def compose(self) -> ComposeResult:
        text = self.course_app.text
        course = self.course_app.course
        # Kept, not looked up: a query walks the screen's widgets, at every refresh.
        self._review = None
        self._end = None
        yield TitleBar()
        # With the Continue button, which takes no focus: the lesson table keeps the
        # keys (Tab took them to a focusable button, where ↓ did nothing and Enter
        # continued instead of opening the highlighted lesson). `c` or a click continue.
        self._header = OutlineHeader(
            course.title.get(text.language, course.id),
            course.description.get(text.language, ""),
            id="outline-header",
        )
        yield self._header
        # The Review button (#review) and the word at the course's end (#course-end)
        # come in here once they have something to show (`_show_review`, `_show_end`):
        # for a new learner they were composed, styled and laid out for nothing.
        self._lessons = lessons = LessonTable(id="lessons")
        # Styled focused from the start, since it takes the focus at once (AUTO_FOCUS,
        # `on_mount`): styled unfocused, it was styled again when focused a moment later.
        lessons.set_reactive(LessonTable.has_focus, True)
        yield lessons
        yield KeyBar()

    def on_mount(self) -> None:
        super().on_mount()
        self.refresh_progress()
        lessons = self._lessons
        if self.focused is not lessons:
            # Focused already, as a rule (AUTO_FOCUS): not while the terminal has no focus.
            # Asking again costs a round of the app's messages and a bindings refresh.
            lessons.focus()

    def after_relabel(self) -> None:
        self._shown = None  # the recompose emptied every widget
        self.refresh_progress()
        self._lessons.focus()

    _shown_before = False
    """Whether the outline was on screen before (its first showing is its start)."""

    @on(events.ScreenResume)
    def _styled_already(self, event: events.ScreenResume) -> None:
        """Textual styles a screen and all its widgets again whenever it is shown, for what
        changed while it lay under another; on its first showing every widget was styled a
        moment ago, when composed and focused, so that would only do it twice (about 2 %
        of the start). Runs before Textual's own handler (the subclass's come first)."""
        if not self._shown_before:
            self._shown_before = True
            event.refresh_styles = False

    def on_screen_resume(self) -> None:
        self.refresh_progress()

    def on_resize(self) -> None:
        self.refresh_progress(read_again=False)  # the width changed, not the progress

    _progress: OutlineProgress | None = None
    """What the outline last read from the store."""

    def _read_progress(self, read_again: bool = True) -> OutlineProgress:
        """The learner's progress: read from the store, or as read last time."""
        if read_again or self._progress is None:
            ahead = self.learner_app.take_outline_ahead()
            # Read ahead while the app started (in the store thread): taken once, at the
            # first look, so that the outline does not wait for the store on the way to its
            # first paint. Every later look reads again.
            self._progress = (
                ahead.result() if ahead is not None else self.read(outline_progress, self.study)
            )
        return self._progress

    def refresh_progress(self, read_again: bool = True) -> None:
        """Read the learner's progress from the store and show it.

        It runs on mount, on every return to the outline and on every resize (the title
        column follows the width); the widgets are filled again only when what they would
        show has changed, since refilling the table makes it lay out and paint again.
        """
        statuses, scores, place, due, held = self._read_progress(read_again)
        if due != self.due:
            self.due = due
            self.refresh_bindings()
        done = sum(1 for status in statuses.values() if status is LessonStatus.DONE)
        total = len(statuses)
        page_width = min(self.size.width, OUTLINE_WIDTH) - 2  # the page's margins
        columns = self._columns(page_width)
        shown = (
            self.course_app.language,
            columns,
            tuple(statuses.items()),
            tuple(sorted(scores.items())),
            self._continue_label(place),
            due,
            held,
        )
        if shown == self._shown:
            return
        self._shown = shown
        header = self._header
        header.show_progress(done, total, self.t("outline.progress", done=done, total=total))
        header.continue_label = self._continue_label(place)
        self._show_review(due)
        self._show_end(due, held)
        self._fill_table(columns, statuses, scores)

    def _show_review(self, due: int) -> None:
        """The Review button under "Continue" while questions are due (mounted the first
        time they are, hidden when none are left)."""
        review = self._review
        if review is None:
            if due > 0:
                label = self.t("outline.review_due", count=due)
                self._review = LightButton(label, id="review")
                self.mount(self._review, after="#outline-header")
            return
        review.label = self.t("outline.review_due", count=due)
        review.display = due > 0

    def _show_end(self, due: int, held: tuple[int, int, int] | None) -> None:
        """Once the course is finished, what the learner holds, above the lessons
        (mounted the first time, hidden should it ever be unfinished again)."""
        end = self._end
        if held is None:
            if end is not None:
                end.display = False
            return
        secure, shaky, untested = held
        said = self.t("outline.finished", secure=secure, shaky=shaky, untested=untested, due=due)
        if end is None:
            self._end = Static(said, id="course-end")
            self.mount(self._end, before="#lessons")
        else:
            end.update(said)
            end.display = True

    def _continue_label(self, place: Place | None) -> str:
        text = self.course_app.text
        if place is None:
            return self.t("outline.start", lesson=text.lessons[0].title)
        lesson = text.lesson(place.lesson_id)
        assert lesson is not None
        shown = lesson.title
        if place.question_id and lesson.quiz and place.attempt_id is not None:
            ids = [q.id for q in lesson.quiz.questions]
            if place.question_id in ids:
                shown = self.t(
                    "outline.question_place",
                    lesson=lesson.title,
                    number=ids.index(place.question_id) + 1,
                    total=len(ids),
                )
        return self.t("outline.continue", place=shown)

    _columns_made: tuple[tuple[str, int], tuple[Column, ...]] | None = None
    """The columns last made, with the language and page width they were made for."""

    def _columns(self, page_width: int) -> tuple[Column, ...]:
        """The table's columns: each as wide as its widest text in this language, and the
        lesson titles the rest of the page (less a scroll bar's room), so that as much of
        them shows as the terminal allows."""
        # Asked for at every resize of the screen (three at the start, of the same size).
        made_for = (self.course_app.language, page_width)
        if self._columns_made is None or self._columns_made[0] != made_for:
            self._columns_made = (made_for, self._make_columns(page_width))
        return self._columns_made[1]

    def _make_columns(self, page_width: int) -> tuple[Column, ...]:
        lessons = self.course_app.text.lessons

        def widest(*texts: str) -> int:
            return max(cell_len(text) for text in texts)

        t = self.t
        others = (
            Column("mark", "", 1),
            Column("number", "#", widest("#", str(len(lessons)))),
            Column(
                "time",
                t("outline.time_column"),
                widest(
                    t("outline.time_column"),
                    *(t("outline.minutes", minutes=lesson.minutes) for lesson in lessons),
                ),
            ),
            Column(
                "quiz",
                t("outline.quiz_column"),
                widest(t("outline.quiz_column"), SCORE_SAMPLE, t("outline.no_quiz")),
            ),
            Column(
                "status",
                t("outline.status_column"),
                widest(
                    t("outline.status_column"), *(t(f"outline.{s.value}") for s in LessonStatus)
                ),
            ),
        )
        used = sum(column.width + 2 * CELL_PADDING for column in others) + 2 * CELL_PADDING
        title_width = max(16, min(60, page_width - used - 2))
        title = Column("title", t("outline.lesson_column"), title_width)
        return (*others[:2], title, *others[2:])

    def _fill_table(
        self,
        columns: tuple[Column, ...],
        statuses: dict[str, LessonStatus],
        scores: dict[str, QuizScore],
    ) -> None:
        rows: list[Row] = []
        for number, lesson in enumerate(self.course_app.text.lessons, start=1):
            status = statuses[lesson.id]
            score = scores.get(lesson.quiz.id) if lesson.quiz else None
            quiz = f"{score.shown_percent} %" if score else self.t("outline.no_quiz")
            style = "bold" if status is LessonStatus.DONE else ""
            cells = (
                Text(STATUS_MARKS[status], style="green" if status is LessonStatus.DONE else ""),
                str(number),
                Text(lesson.title, style=style, overflow="ellipsis", no_wrap=True),
                self.t("outline.minutes", minutes=lesson.minutes),
                quiz,
                self.t(f"outline.{status.value}"),
            )
            rows.append(Row(lesson.id, cells))
        self._lessons.show(columns, rows)

    @on(LessonTable.RowSelected, "#lessons")
    def lesson_chosen(self, event: LessonTable.RowSelected) -> None:
        self.learner_app.open_lesson(event.row_key)

    def action_open_lesson(self) -> None:
        """Open the lesson under the cursor."""
        table = self._lessons
        self.learner_app.open_lesson(self.course_app.text.lessons[table.cursor_row].id)

    def action_plan(self) -> None:
        """Show every reflection, network-map answer and commitment on one page."""
        from course.ui.screens.plan import PlanScreen

        self.app.push_screen(PlanScreen())

    def action_review_settings(self) -> None:
        """Choose the desired retention of the review schedule."""
        self.learner_app.open_review_settings()

    def action_mastery(self) -> None:
        """Show how well each learning objective is held."""
        from course.ui.screens.mastery import MasteryScreen

        self.app.push_screen(MasteryScreen())

    @on(Button.Pressed, "#review")
    def action_review(self) -> None:
        """Open a review session of the questions due now."""
        items = self.read(self.study.review_session, self.course_app.text)
        if not items:
            self.notify(self.t("review.nothing_due"))
            self.refresh_progress()
            return
        from course.ui.screens.review import ReviewScreen

        self.app.push_screen(ReviewScreen(items))

    @on(OutlineHeader.ContinuePressed)
    def action_continue(self) -> None:
        """Go where the learner left off (a lesson or a quiz question), or to the start."""
        place = self.read(self.study.continue_place)
        if place is None:
            self.learner_app.open_lesson(self.course_app.text.lessons[0].id)
        elif place.question_id and place.attempt_id is not None:
            self.learner_app.open_quiz(place.lesson_id)
        else:
            self.learner_app.open_lesson(place.lesson_id)


OutlineProgress = tuple[
    dict[str, LessonStatus], dict[str, QuizScore], Place | None, int, tuple[int, int, int] | None
]
"""Lesson statuses, quiz scores, the place to continue, the due count, and (once the course
is finished) the objectives secure, shaky and not yet tested."""


def outline_progress(study: StudySession) -> OutlineProgress:
    """What the outline shows, read at once (in the store thread); the last item, once the
    course is finished: objectives secure, shaky and not yet tested."""
    statuses = study.statuses()
    held = None
    if all(status is LessonStatus.DONE for status in statuses.values()):
        found = study.mastery(study.course.text(study.course.languages[0]))
        held = (
            sum(o.mastery is Mastery.SECURE for o in found),
            sum(o.mastery is Mastery.SHAKY for o in found),
            sum(o.mastery is Mastery.NOT_TESTED for o in found),
        )
    return statuses, study.quiz_scores(), study.continue_place(), study.due_count(), held
