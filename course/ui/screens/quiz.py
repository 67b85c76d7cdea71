"""A quiz, one question per screen: answer, check, read the feedback, go on."""

from __future__ import annotations

from time import monotonic

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.timer import Timer
from textual.widgets import Button, Input, OptionList, Static, TextArea

from course.core.grading import Answer, Grade, Outcome, answer_from_json, grade, shuffled_options
from course.core.model import Lesson, Question, Quiz
from course.core.scoring import format_points
from course.store import Attempt
from course.study import StudySession
from course.ui.inputs import input_for, instruction
from course.ui.screens.base import CourseScreen
from course.ui.widgets.feedback import feedback_markdown
from course.ui.widgets.key_bar import KeyBar
from course.ui.widgets.markdown_text import MarkdownText
from course.ui.widgets.questions import QuestionInput
from course.ui.widgets.title_bar import TitleBar

DRAFT_SAVE_DELAY = 0.8
"""Seconds of quiet after which an unchecked answer is saved."""


class QuizScreen(CourseScreen):
    """The questions of one attempt at a lesson's quiz."""

    BINDINGS = [
        Binding("escape", "back", "Back"),
        # Not a letter: letters choose options (`a` the first), so Check has its own key.
        Binding("ctrl+s", "check", "Check"),
        Binding("n", "next_question", "Next"),
        # Only once the answer is checked and right: before, letters choose options.
        Binding("y", "was_sure", "I was sure"),
    ]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer "check" until the answer is checked and "next" after, not both at once."""
        if action == "check":
            return self.checked is None
        if action == "next_question":
            return self.checked is not None
        if action == "was_sure":
            return (
                not self._sure
                and self.checked is not None
                and self.checked[1].outcome is Outcome.RIGHT
                and self.attempt.answer(self.checked_question_id or "") is not None
            )
        return True

    def __init__(self, lesson_id: str, attempt: Attempt | None = None) -> None:
        super().__init__()
        self.lesson_id = lesson_id
        self._attempt = attempt
        self.question: Question | None = None
        self.checked: tuple[Answer, Grade] | None = None
        self._draft: Answer | None = None
        """What the learner entered but did not check, as last saved."""
        self._save_timer: Timer | None = None
        self._sure = False
        """Whether the learner said "I was sure" of the question shown."""
        self._since = monotonic()
        """When the current stretch of work on the quiz began (counted as the lesson's)."""

    @property
    def lesson(self) -> Lesson:
        """The lesson in the current language."""
        lesson = self.course_app.text.lesson(self.lesson_id)
        assert lesson is not None
        return lesson

    @property
    def quiz(self) -> Quiz:
        """The quiz in the current language."""
        assert self.lesson.quiz is not None
        return self.lesson.quiz

    @property
    def attempt(self) -> Attempt:
        """The attempt being worked on (an unfinished one is resumed)."""
        if self._attempt is None:
            self._attempt = self.read(self.study.attempt, self.quiz)
        return self._attempt

    def compose(self) -> ComposeResult:
        study = self.study
        attempt = self.attempt
        if self.question is None:
            self.question = study.next_question(attempt, self.quiz)
        question = self.question
        yield TitleBar()
        yield KeyBar()  # docked, so it may come before the page
        if question is not None:
            # Keep the question object of the current language (ids are shared).
            question = self.quiz.question(question.id) or question
            self.question = question
            questions = study.questions_of(attempt, self.quiz)
            number = next(i for i, q in enumerate(questions, start=1) if q.id == question.id)
            points = (
                self.t("quiz.one_point")
                if question.max_points == 1
                else self.t(
                    "quiz.points",
                    points=format_points(question.max_points, self.t("decimal_mark")),
                )
            )
            position = self.t("quiz.position", number=number, total=len(questions))
            # Outside the scrolling page: the learner always sees where they are.
            yield Static(
                f"{self.quiz.title} · {position}" + (f" · {points}" if question.max_points else ""),
                classes="quiz-position",
            )
        with VerticalScroll(id="quiz-scroll"), Vertical(classes="page"):
            if question is None:
                return
            yield MarkdownText(question.prompt, id="prompt")
            options = shuffled_options(question, attempt.seed)
            yield Static(Text(instruction(question, options, self.t)), classes="instructions")
            yield input_for(question, options, self.t, attempt.seed, self._shown_answer(question))
            yield MarkdownText("", id="feedback", classes="boxed")
            with Horizontal(classes="quiz-buttons"):
                yield Button(self.t("quiz.check"), id="check", variant="primary")
                yield Button(self._next_label(), id="next-question", variant="success")

    def _shown_answer(self, question: Question) -> Answer | None:
        """The answer the question's input starts with: the checked one, else a draft."""
        if self.checked is not None:
            return self.checked[0]
        answered = self.attempt.answer(question.id)
        if answered is not None:
            return answer_from_json(question, answered.answer)
        if self._draft is not None:
            return self._draft
        return self.read(self.study.draft, self.attempt, question)

    def _count_time(self) -> None:
        """Count the time since the stretch began as time spent in the lesson, as reading
        it counts: "Time spent" left out every minute in quizzes."""
        now = monotonic()
        self.write(self.study.spend_time, self.lesson_id, now - self._since)
        self._since = now

    def on_screen_resume(self) -> None:
        self._since = monotonic()

    def keep_unsaved(self) -> None:
        """Save what the learner entered but has not checked, to find it again after a
        language switch, a return from the lesson, a quit or a crash; and count the time."""
        self._count_time()
        self._save_draft()

    def _save_draft(self) -> None:
        """Save the unchecked answer, if it changed."""
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
        if self.checked is not None or self.question is None:
            return
        inputs = self.query(QuestionInput)
        if not inputs:
            return
        draft = inputs.first().answer()
        if draft != self._draft:
            self._draft = draft
            self.write(self.study.save_draft, self.attempt, self.question, draft)

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(OptionList.OptionSelected)
    def answer_changed(self) -> None:
        """Save the unchecked answer once the learner pauses, as the lesson's reflection."""
        if self.checked is not None:
            return
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(DRAFT_SAVE_DELAY, self._save_draft)

    def on_screen_suspend(self) -> None:
        self.keep_unsaved()

    def _next_label(self) -> str:
        """The button's label: "See results" when no other question waits, else "Next".

        Asked both before and after this question's answer is saved, so this question is
        left out of the count: counting it once saved offered the results one too early.
        """
        current = self.question.id if self.question is not None else None
        questions = self.study.questions_of(self.attempt, self.quiz)
        waiting = [q for q in questions if q.id != current and self.attempt.answer(q.id) is None]
        return self.t("quiz.next") if waiting else self.t("quiz.finish")

    def on_mount(self) -> None:
        super().on_mount()
        self._show_state()

    def after_relabel(self) -> None:
        self._show_state()

    def _show_state(self) -> None:
        if self.question is None:
            self._finish()
            return
        self.write(self.study.mark_question_place, self.attempt, self.question)
        answered = self.attempt.answer(self.question.id)
        if self.checked is None and answered is not None:
            given = answer_from_json(self.question, answered.answer)
            self.checked = (given, grade(self.question, given))
        if self.checked is not None:
            # Graded again: the grade holds the options' feedback in the language it was
            # made in, and the language may have changed since.
            given = self.checked[0]
            self.checked = (given, grade(self.question, given))
            self._show_feedback(*self.checked)
        else:
            self.query_one("#next-question").display = False
            self.query_one("#feedback").display = False
            self.query_one(QuestionInput).focus_input()

    def _show_feedback(self, given: Answer, judged: Grade) -> None:
        assert self.question is not None
        self.query_one(QuestionInput).freeze()
        self.query_one("#check").display = False
        feedback = self.query_one("#feedback", MarkdownText)
        feedback.show(feedback_markdown(self.question, given, judged, self.t))
        feedback.display = True
        feedback.set_class(True, f"outcome-{judged.outcome.value}")
        next_button = self.query_one("#next-question", Button)
        next_button.label = self._next_label()
        next_button.display = True
        next_button.focus()
        self.call_after_refresh(
            lambda: self.query_one("#quiz-scroll", VerticalScroll).scroll_end(animate=False)
        )

    @on(QuestionInput.Submitted)
    @on(Button.Pressed, "#check")
    def action_check(self) -> None:
        """Grade the answer, save it at once, and show the feedback."""
        if self.checked is not None or self.question is None:
            return
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
        given = self.query_one(QuestionInput).answer()
        if given is None:
            self.notify(self.t("quiz.nothing_chosen"), severity="warning")
            return
        # Waited for: the feedback shows only once the answer is on disk.
        judged, self._attempt = self.read(_answer, self.study, self.attempt, self.question, given)
        self.checked = (given, judged)
        self._show_feedback(given, judged)
        self.refresh_bindings()

    @property
    def checked_question_id(self) -> str | None:
        """The question whose answer is checked, if one is."""
        return self.question.id if self.checked is not None and self.question else None

    def action_was_sure(self) -> None:
        """ "I was sure" of the right answer: its review becomes Easy, it comes back later."""
        if self.question is None or not self.check_action("was_sure", ()):
            return
        self._sure = True
        self.write(self.study.was_sure, self.question)
        self.notify(self.t("quiz.sure_noted"))
        self.refresh_bindings()

    @on(Button.Pressed, "#next-question")
    async def action_next_question(self) -> None:
        """Go to the next unanswered question, or to the results."""
        if self.checked is None:
            return
        self.checked = None
        self._draft = None
        self._sure = False
        self.refresh_bindings()
        self.question = self.study.next_question(self.attempt, self.quiz)
        if self.question is None:
            self._finish()
            return
        await self.recompose()
        self._show_state()

    def _finish(self) -> None:
        from course.ui.screens.result import ResultScreen

        self._count_time()
        result = self.read(self.study.finish, self.attempt, self.course_app.text)
        self.app.switch_screen(ResultScreen(self.lesson_id, result))

    def action_back(self) -> None:
        """Back to the lesson; the attempt waits, answered questions stay answered."""
        self.app.pop_screen()


def _answer(
    study: StudySession, attempt: Attempt, question: Question, given: Answer
) -> tuple[Grade, Attempt]:
    """Grade and save an answer; the attempt with it (in the store thread)."""
    judged = study.answer(attempt, question, given)
    return judged, study.refreshed(attempt)
