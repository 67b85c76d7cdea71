"""A question the trainer opened for the whole room, on a learner's own screen."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Button, Static

from course.core.grading import Answer, Grade, answer_from_json, grade, shuffled_options
from course.core.kinds import kind_of
from course.core.model import Question
from course.store import Learner, LiveRound, ProgressStore
from course.store.classroom import LiveAnswer, RoundState
from course.ui.inputs import input_for, instruction
from course.ui.screens.base import CourseModal
from course.ui.widgets.clocks import LiveCountdownLabel, minutes_and_seconds
from course.ui.widgets.feedback import feedback_markdown
from course.ui.widgets.key_bar import KeyBar
from course.ui.widgets.light_button import LightButton
from course.ui.widgets.markdown_text import MarkdownText
from course.ui.widgets.questions import QuestionInput


class LiveQuestionScreen(CourseModal):
    """Answer the room's live question; the feedback comes when the trainer reveals it."""

    BINDINGS = [
        # Not a letter: letters choose options (`a` the first), so Check has its own key.
        Binding("ctrl+s", "check", "Check"),
    ]
    # The focus is put where the learner answers in `on_mount`. Textual's own first focus
    # went to the scrolling frame, and moving it on restyled the whole dialog once more:
    # a fifth of showing the question on 40 screens at once (benchmarks/class_serve.py).
    AUTO_FOCUS = ""

    def __init__(self, live: LiveRound | None = None, question: Question | None = None) -> None:
        """The dialog for `live`, asking `question`; without them, a dialog made ahead of
        the round, which `ask` gives its question (`CourseApp.prepare_live_question`)."""
        super().__init__()
        self._live = live
        self._question = question
        self.given: tuple[Answer, Grade] | None = None
        self._shown_once = False
        self.clock: Callable[[], datetime] = lambda: datetime.now(UTC)
        """The time now in UTC, for the question's time limit (a test sets another)."""

    @property
    def live(self) -> LiveRound:
        """The round shown (the dialog is not shown before it has one)."""
        assert self._live is not None, "a live question dialog without its round"
        return self._live

    @property
    def question(self) -> Question:
        """The round's question."""
        assert self._question is not None, "a live question dialog without its question"
        return self._question

    @property
    def asked(self) -> bool:
        """Whether the dialog has its round (a dialog made ahead has none until `ask`)."""
        return self._live is not None

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog wide live-question"):
            yield Static(self.t("live.title"), classes="dialog-title")
            if self.asked:
                privacy = self._privacy_note()
                if privacy:
                    yield Static(Text(privacy, style="italic"), id="live-privacy")
            yield MarkdownText(self.question.prompt if self.asked else "", id="live-prompt")
            yield Static(self._instruction(), classes="instructions")
            yield LiveCountdownLabel(self._seconds_left, self._time_words, id="live-countdown")
            if self.asked:
                yield self._input()
            yield LightButton(self.t("quiz.check"), id="live-check", variant="primary")
            yield Static("", id="live-state")
            yield MarkdownText("", id="live-feedback")
        yield KeyBar()

    def _instruction(self) -> Text:
        if not self.asked:
            return Text()
        options = shuffled_options(self.question, self.live.seed)
        return Text(instruction(self.question, options, self.t))

    def _input(self) -> QuestionInput:
        """The question's input, showing the learner's answer if they gave one: a learner
        who comes back sees their answer marked, not an empty question."""
        self.given = self._saved_answer()
        given = self.given[0] if self.given else None
        options = shuffled_options(self.question, self.live.seed)
        return input_for(self.question, options, self.t, self.live.seed, given=given)

    def ask(self, live: LiveRound, question: Question) -> Coroutine[Any, Any, None]:
        """Give a dialog made ahead its round and question at once; await what is returned
        (the question's parts mounted) before showing it.

        Made ahead (composed, mounted and styled while the learner read a lesson), the
        dialog needs only the question's parts when the trainer opens a round: showing it
        then cost about half of making a new one, and 40 learners' apps do it at once
        (benchmarks/class_serve.py).
        """
        self._live, self._question = live, question
        return self._mount_question()

    async def _mount_question(self) -> None:
        question = self.question
        frame = self.query_one(VerticalScroll)
        privacy = self._privacy_note()
        if privacy:
            await frame.mount(
                Static(Text(privacy, style="italic"), id="live-privacy"), before="#live-prompt"
            )
        self.query_one("#live-prompt", MarkdownText).show(question.prompt)
        self.query_one(".instructions", Static).update(self._instruction())
        await frame.mount(self._input(), before="#live-check")
        self._begin()

    @on(events.ScreenResume)
    def _styled_already(self, event: events.ScreenResume) -> None:
        # Its widgets were styled as they were mounted, a moment before: styling them all
        # again when the dialog is first shown was a tenth of showing a live question on
        # 40 screens at once (benchmarks/class_serve.py). When it is back from a dialog
        # above it, the styles may have changed meanwhile (the theme): then they are.
        if not self._shown_once:
            self._shown_once = True
            event.refresh_styles = False
            # Being shown lays the whole dialog out (Textual's own handler, next): the
            # layouts asked for while a dialog made ahead got its question would only
            # lay it out and paint it a second time (Textual 8.2 keeps them in this flag).
            self._layout_required = False

    def on_mount(self) -> None:
        super().on_mount()
        if self.asked:
            self._begin()

    def _begin(self) -> None:
        """Show the round's state, and take the keys where the learner answers."""
        self.follow(self.live)
        if self.given is None:
            target = self.query_one(QuestionInput).focus_target()
        else:
            target = self.query_one(VerticalScroll)
        if self.is_mounted:
            # At once, not after the next paint (as `focus` does): a dialog made ahead is
            # shown focused, instead of being styled and painted once more.
            self.set_focus(target, scroll_visible=False)
        elif target is not None:
            target.focus(scroll_visible=False)

    def _privacy_note(self) -> str:
        """What the room learns of the learner's answer, when that is worth saying: an
        anonymous round keeps no name; open answers are shown to the room, without names."""
        if self.live.anonymous:
            return self.t("open_answers.anonymous_note")
        if kind_of(self.question).groups_answers:
            return self.t("open_answers.shown_note")
        return ""

    def _saved_answer(self) -> tuple[Answer, Grade] | None:
        """The learner's answer to this round, if they gave one (before a restart, say; in
        an anonymous round only this app knows it)."""
        app = self.learner_app
        if self.live.anonymous:
            data = app.anonymous_answers.get(self.live.id)
        else:
            given = self.read(
                _given_answer, app.store, app.course.id, self.live.id, self.study.learner
            )
            data = given.answer if given is not None else None
        if data is None:
            return None
        answer = answer_from_json(self.question, data)
        return answer, grade(self.question, answer)

    def _seconds_left(self) -> float | None:
        """Time left to answer (the same moment on every screen of the room); None without
        a time limit or once answers are closed."""
        if self._live is None or self._live.state is not RoundState.OPEN:
            return None
        return self._live.seconds_left(self.clock())

    def _time_words(self, seconds: int) -> str:
        if seconds <= 0:
            return f"⏰ {self.t('live.time_up')}"
        return f"⏱ {self.t('live.time_left', time=minutes_and_seconds(seconds))}"

    @on(LiveCountdownLabel.Finished)
    def time_up(self) -> None:
        """The time limit ran out: no more answers (the store refuses them too)."""
        if self.live.state is RoundState.OPEN:
            self.follow(replace(self.live, state=RoundState.CLOSED))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer "check" while the learner can answer, "close" once they may leave."""
        if not self.asked:
            return action not in ("check", "close")
        can_answer = self.live.state is RoundState.OPEN and self.given is None
        if action == "check":
            return can_answer
        if action == "close":
            return not can_answer
        return True

    def follow(self, live: LiveRound) -> None:
        """Show the round's state: open for answers, closed, or revealed."""
        if live.state is RoundState.OPEN and live.seconds_left(self.clock()) == 0:
            live = replace(live, state=RoundState.CLOSED)  # its time limit ran out
        self._live = live
        if not self.is_mounted or not self.query(QuestionInput):
            return  # news before the dialog is built: `on_mount` or `ask` shows it
        answered = self.given is not None
        can_answer = live.state is RoundState.OPEN and not answered
        self.query_one(QuestionInput).disabled = not can_answer
        self.query_one("#live-check").display = can_answer
        state = self.query_one("#live-state", Static)
        feedback = self.query_one("#live-feedback", MarkdownText)
        if live.state is RoundState.REVEALED:
            state.update("")
            if self.given is not None:
                feedback.show(feedback_markdown(self.question, *self.given, self.t))
                # Framed in the outcome's colour, as in the quiz: right is green.
                feedback.add_class(f"outcome-{self.given[1].outcome.value}")
            else:
                right = ", ".join(o.text for o in self.question.right_options)
                # A reflection has no right answer to show, only its explanation.
                lines = [f"**{self.t('quiz.right_answer')}:** {right}"] if right else []
                lines.append(f"**{self.t('quiz.explanation')}:** {self.question.explanation}")
                feedback.show("\n\n".join(lines))
        elif answered:
            # A reflection has no right answer to wait for, only the room's answers.
            graded = self.question.max_points > 0
            state.update(self.t("live.waiting" if graded else "live.waiting_ungraded"))
        elif live.state is RoundState.CLOSED:
            timed_out = live.seconds_left(self.clock()) == 0
            state.update(self.t("live.time_up" if timed_out else "live.closed"))
        # Empty while the learner may answer: its lines are left to the countdown, so that
        # a question with a time limit still fits a browser's 80x24 without scrolling.
        state.display = not can_answer and live.state is not RoundState.REVEALED
        self.query_one(LiveCountdownLabel).show_time()
        self.refresh_bindings()

    @on(QuestionInput.Submitted)
    @on(Button.Pressed, "#live-check")
    def action_check(self) -> None:
        """Send the answer to the room's tally (once; speed does not count)."""
        if self.given is not None or self.live.state is not RoundState.OPEN:
            return
        answer = self.query_one(QuestionInput).answer()
        if answer is None:
            self.notify(self.t("quiz.nothing_chosen"), severity="warning")
            return
        judged = grade(self.question, answer)
        # Waited for: whether the answer counts (the round may have closed meanwhile).
        saved = self.read(self.study.answer_live, self.live.id, answer, judged)
        if saved:
            self.given = (answer, judged)
            if self.live.anonymous:
                self.learner_app.anonymous_answers[self.live.id] = answer.to_json()
        self.follow(self.live if saved else replace(self.live, state=RoundState.CLOSED))

    def action_close(self) -> None:
        """Close the question once answered (it comes back if the trainer reveals it)."""
        if self.given is not None or self.live.state is not RoundState.OPEN:
            self.dismiss(None)


def _given_answer(
    store: ProgressStore, course_id: str, round_id: int, learner: Learner
) -> LiveAnswer | None:
    """A learner's answer to a live round, if they gave one (in the store thread)."""
    classroom = store.classroom(course_id)
    if not classroom.has_answered(round_id, learner.id):
        return None
    answers = classroom.answers(round_id)
    return next((given for given in answers if given.learner == learner.name), None)
