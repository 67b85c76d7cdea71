"""Network-map activity on screen: the instructions, a button (and `w`) that opens the
workbench, and the closing answers the learner saved there, which are the answer.

Once checked, the answer is the quiz's record of that moment: the input then shows the
answers as they were checked, saying so, while the workbench (and My plan) keep the
learner's current answers, which later edits change."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, cast

from rich.console import RenderableType
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Button, Static

from course.core.grading import Answer, Grade
from course.core.kinds.network_map import answers_text, closing_questions
from course.core.kinds.text import TextAnswer
from course.core.model import Course, CourseText, Option, Question
from course.study import StudySession
from course.ui.inputs import KindUI, register_ui
from course.ui.store_thread import StoreThread
from course.ui.widgets.questions import QuestionInput, Translate


class LearnerApp(Protocol):
    """What the input needs of the learner's app (the inputs do not import the app)."""

    course: Course
    text: CourseText
    study: StudySession | None
    storage: StoreThread

    def open_network_workbench(
        self, lesson_id: str, returned: Callable[[], None] | None = None
    ) -> None:
        """Open the workbench of a lesson; `returned` is called when the learner leaves."""


class NetworkMapInput(QuestionInput):
    """Opens the workbench; shows the learner's saved closing answers when they come back."""

    BINDINGS = [Binding("w", "network_workbench", "Network")]

    def compose(self) -> ComposeResult:
        yield Button(self.t("quiz.network_map_open"), id="open-activity-workbench")
        yield Static(id="activity-answers", markup=False)

    def on_mount(self) -> None:
        super().on_mount()
        self.saved: dict[str, str] = {}
        """The closing answers as saved by the workbench, by question id."""
        self.show_saved()

    @property
    def _app(self) -> LearnerApp | None:
        # A bare test app, the presenter and a room follower have no learner's store.
        return cast(LearnerApp, self.app) if hasattr(self.app, "open_network_workbench") else None

    def _lesson_id(self) -> str | None:
        app = self._app
        if app is None:
            return None
        return next(
            (
                lesson.id
                for lesson in app.text.lessons
                if lesson.quiz is not None and lesson.quiz.question(self.question.id) is not None
            ),
            None,
        )

    def show_saved(self) -> None:
        """Read the saved closing answers and show them (or say that there are none); once
        the answer is checked, show it as checked instead."""
        if self.disabled:
            self._show_checked()
            return
        app = self._app
        if app is not None and app.study is not None:
            store, learner, course = app.study.store, app.study.learner.id, app.course.id
            # In the store thread, off the event loop, as every store call of the app.
            self.saved = app.storage.run(lambda: store.network_maps(learner, course).answers())
        text = answers_text(closing_questions(self.question), self.saved)
        shown = (
            f"{self.t('quiz.network_map_saved')}\n\n{text}"
            if text
            else self.t("quiz.network_map_nothing")
        )
        self.query_one("#activity-answers", Static).update(shown)

    def freeze(self) -> None:
        super().freeze()
        self._show_checked()

    def _show_checked(self) -> None:
        """The answers as this attempt recorded them, said to be that record: the learner
        may have changed them in the workbench since."""
        given = self.given if isinstance(self.given, TextAnswer) else self.answer()
        text = given.text if isinstance(given, TextAnswer) else ""
        shown = (
            f"{self.t('quiz.network_map_checked')}\n\n{text}"
            if text
            else self.t("quiz.network_map_nothing")
        )
        self.query_one("#activity-answers", Static).update(shown)

    @on(Button.Pressed, "#open-activity-workbench")
    def action_network_workbench(self) -> None:
        """Open the workbench of this activity; its answers are shown again on return."""
        app, lesson_id = self._app, self._lesson_id()
        if app is not None and lesson_id is not None and not self.disabled:
            app.open_network_workbench(lesson_id, returned=self.show_saved)

    def answer(self) -> Answer | None:
        text = answers_text(closing_questions(self.question), getattr(self, "saved", {}))
        return TextAnswer(text) if text else None


class NetworkMapUI(KindUI):
    """A button to the workbench and the saved answers; the feedback is the verdict "saved"
    and the explanation alone."""

    name = "network-map"
    instruction_key = "quiz.network_map"
    input_class = NetworkMapInput

    def feedback(self, question: Question, given: Answer, judged: Grade, t: Translate) -> list[str]:
        return []

    def slide_options(
        self, question: Question, options: tuple[Option, ...], seed: int, revealed: bool
    ) -> tuple[list[str], RenderableType | None]:
        # The closing questions, for the room to think about; each learner's map and
        # answers stay on their own machine.
        return [f"- {option.text}" for option in options], None


register_ui(NetworkMapUI())
