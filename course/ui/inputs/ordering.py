"""Ordering on screen: select an item, then move it up or down; feedback per position."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, OptionList
from textual.widgets.option_list import Option as ListOption

from course.core.grading import Answer, Grade
from course.core.kinds import kind_of
from course.core.kinds.ordering import OrderAnswer
from course.core.model import Option, Question
from course.ui.inputs import KindUI, register_ui
from course.ui.widgets.questions import QuestionInput, Translate, marked, plain


class OrderingInput(QuestionInput):
    """Select an item, then move it up or down (Ctrl+↑/↓, u/d, or the buttons)."""

    BINDINGS = [
        Binding("ctrl+up,u", "move_up", "Up"),
        Binding("ctrl+down,d", "move_down", "Down"),
    ]

    def __init__(
        self,
        question: Question,
        options: tuple[Option, ...],
        t: Translate,
        given: Answer | None = None,
    ) -> None:
        super().__init__(question, options, t, given)
        self.order = list(options)
        if isinstance(given, OrderAnswer):
            by_index = {option.index: option for option in options}
            if sorted(given.order) == sorted(by_index):
                self.order = [by_index[index] for index in given.order]

    def compose(self) -> ComposeResult:
        with Horizontal(classes="list-and-buttons"):
            yield OptionList(*self._items(), id="items")
            with Vertical(classes="move-buttons"):
                yield Button(f"▲ {self.t('quiz.move_up')}", id="up")
                yield Button(f"▼ {self.t('quiz.move_down')}", id="down")

    def _items(self) -> list[ListOption]:
        return [
            ListOption(marked(f"{n}.", plain(o.text)), id=str(o.index))
            for n, o in enumerate(self.order, start=1)
        ]

    def action_move(self, step: int) -> None:
        """Move the highlighted item by `step` places."""
        items = self.query_one("#items", OptionList)
        at = items.highlighted
        if at is None or not 0 <= at + step < len(self.order):
            return
        self.order[at], self.order[at + step] = self.order[at + step], self.order[at]
        items.clear_options()
        items.add_options(self._items())
        items.highlighted = at + step
        items.focus()

    @on(Button.Pressed, "#up")
    def action_move_up(self) -> None:
        """Move the highlighted item one place up."""
        self.action_move(-1)

    @on(Button.Pressed, "#down")
    def action_move_down(self) -> None:
        """Move the highlighted item one place down."""
        self.action_move(1)

    def on_mount(self) -> None:
        self.query_one("#items", OptionList).highlighted = 0

    def answer(self) -> Answer | None:
        return OrderAnswer(tuple(option.index for option in self.order))


class OrderingUI(KindUI):
    """A list to arrange; feedback says where each misplaced item belongs."""

    name = "ordering"
    instruction_key = "quiz.order"
    input_class = OrderingInput

    def feedback(self, question: Question, given: Answer, judged: Grade, t: Translate) -> list[str]:
        if not isinstance(given, OrderAnswer):
            return []
        positions = {option.index: n for n, option in enumerate(question.options, start=1)}
        lines = []
        for n, index in enumerate(given.order, start=1):
            option = question.options[index]
            if positions[index] == n:
                lines.append(f"{n}. ✓ {option.text} — {t('quiz.in_place')}")
            else:
                lines.append(
                    f"{n}. ✗ {option.text} — {t('quiz.out_of_place', position=positions[index])}"
                )
            if option.feedback and positions[index] != n:
                lines[-1] += f"\\\n   *{option.feedback}*"
        return ["\n".join(lines)]

    def slide_solution(self, question: Question, t: Translate) -> list[str]:
        return [
            "",
            f"**{t('presenter.right_answer')}:** {kind_of(question).solution_text(question)}",
        ]


register_ui(OrderingUI())
