"""The end of a quiz: score, pass or not, a review of every question, and retries."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Static

from course.core.model import Lesson
from course.core.scoring import Outcome, format_points
from course.study import QuizResult
from course.ui.number_keys import NumberKeys
from course.ui.screens.base import CourseScreen
from course.ui.widgets.key_bar import KeyBar
from course.ui.widgets.markdown_text import MarkdownText
from course.ui.widgets.title_bar import TitleBar

REVIEW_WIDTH = 64
"""Characters of a question's text shown in the review, next to a score like "1/1"."""

REVIEW_ROW_WIDTH = REVIEW_WIDTH + len(" 1/1")
"""Characters of a review row after its number and mark: the question's text and its score.
A longer score ("0.25/1", "not graded") takes its room from the text, so that the row stays
on one line at 80 columns."""


def summary_line(prompt: str, width: int = REVIEW_WIDTH) -> str:
    """The start of a question's first paragraph, on one line of at most `width` characters,
    for the review list."""
    paragraph = prompt.strip().split("\n\n", 1)[0]
    words = " ".join(line.lstrip("> ").strip() for line in paragraph.splitlines())
    return words if len(words) <= width else words[: width - 1].rstrip() + "…"


MARKS = {Outcome.RIGHT: "✓", Outcome.WRONG: "✗", Outcome.PARTIAL: "◐", Outcome.UNGRADED: "✎"}


class ResultScreen(CourseScreen):
    """How the attempt went."""

    BINDINGS = [
        Binding("escape", "outline", "Back"),
        Binding("w", "retry_wrong", "Retry wrong"),
        Binding("a", "retry_all", "Retry all"),
        Binding("n", "next_lesson", "Next"),
        Binding("m", "mastery", "Mastery", show=False),  # named on the screen itself
        *(Binding(str(n), f"number_key({n})", show=False) for n in range(10)),
    ]

    def __init__(self, lesson_id: str, result: QuizResult) -> None:
        super().__init__()
        self.lesson_id = lesson_id
        self.result = result

    @property
    def lesson(self) -> Lesson:
        """The lesson in the current language."""
        lesson = self.course_app.text.lesson(self.lesson_id)
        assert lesson is not None
        return lesson

    def _wrong_ids(self) -> list[str]:
        return [
            a.question_id
            for a in self.result.attempt.answers
            if a.outcome in (Outcome.WRONG, Outcome.PARTIAL)
        ]

    def compose(self) -> ComposeResult:
        result = self.result
        quiz = self.lesson.quiz
        assert quiz is not None
        mark = self.course_app.course.pass_mark
        yield TitleBar()
        with VerticalScroll(id="result-scroll"), Vertical(classes="page"):
            yield Static(self.t("result.title", quiz=quiz.title), classes="lesson-title")
            yield Static(
                self.t(
                    "result.score_one" if result.max_points == 1 else "result.score",
                    points=format_points(result.points, self.t("decimal_mark")),
                    max=format_points(result.max_points, self.t("decimal_mark")),
                    percent=result.percent,
                ),
                id="score",
            )
            verdict = self.t("result.passed" if result.passed else "result.failed", mark=mark)
            yield Static(verdict, id="verdict", classes="passed" if result.passed else "failed")
            with Horizontal(classes="result-buttons"):
                if self._wrong_ids():
                    yield Button(self.t("result.retry_wrong"), id="retry-wrong", variant="warning")
                yield Button(self.t("result.retry_all"), id="retry-all")
                if self.study.following_lesson(self.course_app.text, self.lesson_id):
                    yield Button(self.t("result.next_lesson"), id="next-lesson", variant="primary")
                yield Button(self.t("result.outline"), id="outline")
            touched = self._objectives()
            if touched:
                yield Static(self._touched_line(touched), id="objectives-touched")
            yield Static(self.t("result.review"), classes="section-title")
            yield MarkdownText("\n".join(self._review_lines()), id="review")
            yield Static(self.t("result.study_hint"), classes="instructions")
            if result.passed and self.read(self.study.course_done):
                yield Static(self.t("result.all_done"), classes="passed")
        yield KeyBar()

    def _review_lines(self) -> list[str]:
        """One Markdown list item per question, in the quiz's order and with the number the
        quiz showed ("Question 2 of 6"), whatever order the answers were given in: after
        "Retry wrong" the kept answers are saved before the new ones."""
        quiz = self.lesson.quiz
        assert quiz is not None
        answers = {answer.question_id: answer for answer in self.result.attempt.answers}
        lines = []
        questions = self.study.questions_of(self.result.attempt, quiz)
        for number, question in enumerate(questions, start=1):
            answer = answers.get(question.id)
            if answer is None:
                continue
            outcome = answer.outcome
            if outcome is Outcome.UNGRADED or not answer.max_points:
                shown, style = self.t("result.not_graded"), "*"
            else:
                mark = self.t("decimal_mark")
                shown = (
                    f"{format_points(answer.points, mark)}/{format_points(answer.max_points, mark)}"
                )
                style = "**"
            text = summary_line(question.prompt, REVIEW_ROW_WIDTH - len(shown) - 1)
            lines.append(f"{number}. {MARKS[outcome]} {text} {style}{shown}{style}")
        return lines

    def _objectives(self) -> tuple[str, ...]:
        """The objectives that the attempt's graded questions test, in the course's order."""
        quiz = self.lesson.quiz
        assert quiz is not None
        asked = {a.question_id for a in self.result.attempt.answers}
        tested = {
            objective
            for q in quiz.questions
            if q.id in asked and q.max_points
            for objective in q.objectives
        }
        return tuple(o.id for o in self.course_app.course.objectives if o.id in tested)

    def _touched_line(self, touched: tuple[str, ...]) -> str:
        """ "Objectives of this quiz: K1 shaky, K2 secure" (m shows them in full)."""
        held = {
            o.objective_id: o.mastery for o in self.read(self.study.mastery, self.course_app.text)
        }
        shown = ", ".join(
            f"{objective} {self.t('mastery.' + held[objective].value)}"
            if objective in held
            else objective
            for objective in touched
        )
        return self.t("mastery.touched", objectives=shown)

    def action_number_key(self, digit: int) -> None:
        """A digit of the number of a question in the review list ("1", "2": 12)."""
        if self._numbers is None:
            self._numbers = NumberKeys(self, self._question_count, self.action_study)
        self._numbers.digit(digit)

    _numbers: NumberKeys | None = None

    def _question_count(self) -> int:
        quiz = self.lesson.quiz
        return len(self.study.questions_of(self.result.attempt, quiz)) if quiz else 0

    def action_study(self, number: int) -> None:
        """Open question `number` of the review list again, with the answer given, the
        feedback and the explanation."""
        from course.ui.screens.study_question import StudyQuestionScreen

        quiz = self.lesson.quiz
        assert quiz is not None
        questions = self.study.questions_of(self.result.attempt, quiz)
        if not 1 <= number <= len(questions):
            return
        question = questions[number - 1]
        answer = self.result.attempt.answer(question.id)
        if answer is None:
            return
        attempt = self.result.attempt
        self.app.push_screen(
            StudyQuestionScreen(self.lesson_id, question.id, answer.answer, attempt.seed, number)
        )

    def action_mastery(self) -> None:
        """The objectives of this quiz, each with how well it is held."""
        from course.ui.screens.mastery import MasteryScreen

        self.app.push_screen(MasteryScreen(self._objectives()))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer only the keys that do something: "Retry wrong" when an answer was wrong or
        partly right, "Next" when there is a next lesson (their buttons are left out then)."""
        if action == "retry_wrong":
            return bool(self._wrong_ids())
        if action == "next_lesson":
            following = self.study.following_lesson
            return following(self.course_app.text, self.lesson_id) is not None
        return True

    def on_mount(self) -> None:
        super().on_mount()
        buttons = self.query(Button)
        preferred = "#next-lesson" if self.result.passed else "#retry-wrong"
        found = self.query(preferred)
        (found.first() if found else buttons.first()).focus()

    @on(Button.Pressed, "#retry-wrong")
    def action_retry_wrong(self) -> None:
        """Answer the wrong questions again; the right ones are kept."""
        if self._wrong_ids():
            self._retry(wrong_only=True)

    @on(Button.Pressed, "#retry-all")
    def action_retry_all(self) -> None:
        """Take the whole quiz again."""
        self._retry(wrong_only=False)

    def _retry(self, wrong_only: bool) -> None:
        from course.ui.screens.quiz import QuizScreen

        quiz = self.lesson.quiz
        assert quiz is not None
        attempt = self.read(self.study.retry, quiz, self.result.attempt, wrong_only)
        self.app.switch_screen(QuizScreen(self.lesson_id, attempt))

    @on(Button.Pressed, "#next-lesson")
    def action_next_lesson(self) -> None:
        """Open the next lesson."""
        following = self.study.following_lesson(self.course_app.text, self.lesson_id)
        if following is not None:
            self.learner_app.open_lesson(following.id)

    @on(Button.Pressed, "#outline")
    def action_outline(self) -> None:
        """Back to the outline."""
        from course.ui.screens.outline import OutlineScreen

        while not isinstance(self.app.screen, OutlineScreen) and len(self.app.screen_stack) > 1:
            self.app.pop_screen()
