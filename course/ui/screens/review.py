"""A review session: the questions due, one per screen, each in a new option order, and at
the end what was strong and what still needs work, numbered: a question's number opens it
again with the answer, the feedback and the explanation (as on a quiz's results).

Each question is asked in an attempt of its own, of mode review: the answer reviews the
question's card and counts for mastery, never for the quiz's score.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Static

from course.core.grading import Answer, Grade, Outcome, grade, shuffled_options
from course.core.model import Question, Quiz
from course.store import Attempt
from course.study import ReviewItem, StudySession
from course.ui.inputs import input_for, instruction
from course.ui.number_keys import NumberKeys
from course.ui.screens.base import CourseScreen
from course.ui.screens.result import summary_line
from course.ui.widgets.feedback import feedback_markdown
from course.ui.widgets.key_bar import KeyBar
from course.ui.widgets.markdown_text import MarkdownText
from course.ui.widgets.questions import QuestionInput
from course.ui.widgets.title_bar import TitleBar


class ReviewScreen(CourseScreen):
    """The questions of one review session."""

    BINDINGS = [
        Binding("escape", "outline", "Back"),
        Binding("ctrl+s", "check", "Check"),
        Binding("y", "was_sure", "I was sure"),
        Binding("n", "next_question", "Next"),
        *(Binding(str(n), f"number_key({n})", show=False) for n in range(10)),
    ]

    def __init__(self, items: list[ReviewItem]) -> None:
        super().__init__()
        self.items = items
        """The questions due, in the order they are asked."""
        self.index = 0
        """Which of them is shown; `len(items)` once the session is over."""
        self.attempt: Attempt | None = None
        """The attempt of the question shown."""
        self.checked: tuple[Answer, Grade] | None = None
        """The shown question's answer once checked."""
        self.outcomes: dict[str, Outcome] = {}
        """Question id to how it was answered in this session."""
        self.sure = False
        """Whether the learner said "I was sure" of the shown question."""
        self.given: dict[str, tuple[Answer, int]] = {}
        """Question id to the answer given in this session and its attempt's seed."""
        self.listed: list[ReviewItem] = []
        """The questions of the session's end, in the order they are numbered there."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Check before the answer is checked, Next after; "I was sure" after a right one."""
        over = self.index >= len(self.items)
        if action == "check":
            return not over and self.checked is None
        if action == "next_question":
            return not over and self.checked is not None
        if action in ("study", "number_key"):
            return over
        if action == "was_sure":
            return (
                not over
                and not self.sure
                and self.checked is not None
                and self.checked[1].outcome is Outcome.RIGHT
            )
        return True

    @property
    def question(self) -> Question | None:
        """The question shown, in the current language; None once the session is over."""
        if self.index >= len(self.items):
            return None
        return self._question(self.items[self.index])

    def _quiz(self, item: ReviewItem) -> Quiz:
        lesson = self.course_app.text.lesson(item.lesson_id)
        assert lesson is not None and lesson.quiz is not None
        return lesson.quiz

    def _question(self, item: ReviewItem) -> Question:
        """The item's question in the current language."""
        return self._quiz(item).question(item.question.id) or item.question

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield KeyBar()
        if self.index >= len(self.items):
            yield from self._summary()
            return
        item = self.items[self.index]
        question = self._question(item)
        if self.attempt is None:
            self.attempt = self.read(self.study.start_review, item, self._quiz(item))
        lesson = self.course_app.text.lesson(item.lesson_id)
        assert lesson is not None
        position = self.t("review.position", number=self.index + 1, total=len(self.items))
        yield Static(
            f"{position} · {self.t('review.from_lesson', lesson=lesson.title)}",
            classes="quiz-position",
        )
        seed = self.attempt.seed
        options = shuffled_options(question, seed)
        given = self.checked[0] if self.checked else None
        with VerticalScroll(id="quiz-scroll"), Vertical(classes="page"):
            yield MarkdownText(question.prompt, id="prompt")
            yield Static(Text(instruction(question, options, self.t)), classes="instructions")
            yield input_for(question, options, self.t, seed, given)
            yield MarkdownText("", id="feedback", classes="boxed")
            with Horizontal(classes="quiz-buttons"):
                yield Button(self.t("quiz.check"), id="check", variant="primary")
                last = self.index == len(self.items) - 1
                label = self.t("review.finish" if last else "review.next")
                yield Button(label, id="next-question", variant="success")

    def _summary(self) -> ComposeResult:
        right = [i for i in self.items if self.outcomes.get(i.question.id) is Outcome.RIGHT]
        work = [i for i in self.items if i not in right and i.question.id in self.outcomes]
        self.listed = right + work
        with VerticalScroll(id="review-summary"), Vertical(classes="page"):
            yield Static(
                self.t("review.done", right=len(right), total=len(self.outcomes)),
                classes="lesson-title",
            )
            for key, found in (("review.strong", right), ("review.needs_work", work)):
                yield Static(self.t(key), classes="section-title")
                lines = [
                    f"{self.listed.index(i) + 1}. {summary_line(self._question(i).prompt)}"
                    for i in found
                ]
                yield MarkdownText("\n".join(lines) or self.t("review.nothing"))
            if self.listed:
                yield Static(self.t("result.study_hint"), classes="instructions")
            with Horizontal(classes="result-buttons"):
                yield Button(self.t("review.outline"), id="outline", variant="primary")

    def on_mount(self) -> None:
        super().on_mount()
        self._show_state()

    def after_relabel(self) -> None:
        self._show_state()

    def _show_state(self) -> None:
        if self.index >= len(self.items):
            self.query_one("#outline", Button).focus()
            return
        if self.checked is not None:
            item = self.items[self.index]
            question = self._question(item)
            given = self.checked[0]
            self.checked = (given, grade(question, given))
            self._show_feedback(question, *self.checked)
        else:
            self.query_one("#next-question").display = False
            self.query_one("#feedback").display = False
            self.query_one(QuestionInput).focus_input()

    def _show_feedback(self, question: Question, given: Answer, judged: Grade) -> None:
        self.query_one(QuestionInput).freeze()
        self.query_one("#check").display = False
        feedback = self.query_one("#feedback", MarkdownText)
        feedback.show(feedback_markdown(question, given, judged, self.t))
        feedback.display = True
        feedback.set_class(True, f"outcome-{judged.outcome.value}")
        next_button = self.query_one("#next-question", Button)
        next_button.display = True
        next_button.focus()

    @on(QuestionInput.Submitted)
    @on(Button.Pressed, "#check")
    def action_check(self) -> None:
        """Grade the answer and save it with its review, then show the feedback."""
        if self.checked is not None or self.attempt is None or self.index >= len(self.items):
            return
        given = self.query_one(QuestionInput).answer()
        if given is None:
            self.notify(self.t("quiz.nothing_chosen"), severity="warning")
            return
        item = self.items[self.index]
        question = self._question(item)
        judged = self.read(_answer, self.study, self.attempt, question, given)
        self.checked = (given, judged)
        self.outcomes[question.id] = judged.outcome
        self.given[question.id] = (given, self.attempt.seed)
        self._show_feedback(question, given, judged)
        self.refresh_bindings()

    def action_was_sure(self) -> None:
        """The learner was sure of the right answer: it comes back later."""
        if not self.check_action("was_sure", ()):
            return
        self.sure = True
        self.write(self.study.was_sure, self._question(self.items[self.index]))
        self.notify(self.t("quiz.sure_noted"))
        self.refresh_bindings()

    @on(Button.Pressed, "#next-question")
    async def action_next_question(self) -> None:
        """The next question due, or what the session showed."""
        if self.checked is None:
            return
        self.index += 1
        self.attempt = None
        self.checked = None
        self.sure = False
        self.refresh_bindings()
        await self.recompose()
        self._show_state()

    def action_number_key(self, digit: int) -> None:
        """A digit of the number of a question at the session's end ("1", "2": 12)."""
        if self._numbers is None:
            self._numbers = NumberKeys(self, lambda: len(self.listed), self.action_study)
        self._numbers.digit(digit)

    _numbers: NumberKeys | None = None

    def action_study(self, number: int) -> None:
        """Open question `number` of the session's end again, with the answer given, the
        feedback and the explanation."""
        from course.ui.screens.study_question import StudyQuestionScreen

        if not 1 <= number <= len(self.listed):
            return
        item = self.listed[number - 1]
        answered = self.given.get(item.question.id)
        if answered is None:
            return
        given, seed = answered
        quiz = self._quiz(item)
        place = next(
            (n for n, q in enumerate(quiz.questions, start=1) if q.id == item.question.id), 1
        )
        self.app.push_screen(
            StudyQuestionScreen(item.lesson_id, item.question.id, given.to_json(), seed, place)
        )

    @on(Button.Pressed, "#outline")
    def action_outline(self) -> None:
        """Back to the outline; what was answered is saved."""
        self.app.pop_screen()


def _answer(study: StudySession, attempt: Attempt, question: Question, given: Answer) -> Grade:
    """Grade and save a review answer and close its attempt (in the store thread)."""
    judged = study.answer(attempt, question, given)
    study.finish_review(attempt)
    return judged
