"""One input widget per question type. Each turns what the learner did into an `Answer`.

Every type works with the keyboard alone and with the mouse. A widget never grades: the
quiz screen asks it for `answer()` and shows the grade.
"""

from __future__ import annotations

from collections.abc import Callable
from string import ascii_uppercase

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import (
    Button,
    Input,
    OptionList,
    TextArea,
)
from textual.widgets.option_list import Option as ListOption

from course.core.grading import (
    Answer,
    ChoiceAnswer,
    MatchAnswer,
    OrderAnswer,
    TextAnswer,
    shuffled_matches,
)
from course.core.model import Option, Question, QuestionType
from course.core.plaintext import plain_text

Translate = Callable[..., str]

OPTION_LETTERS = ascii_uppercase
"""The letters of options in the order shown, here and on the projector."""


def plain(markdown: str) -> Text:
    """An option's inline Markdown as text: emphasis markers dropped, words kept."""
    return Text(plain_text(markdown))


def marked(marker: str, text: Text) -> Table:
    """An option with its marker in a column of its own, so that wrapped lines align."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_row(Text(marker), text)  # Text: a marker such as "[x]" is no Rich markup
    return grid


class QuestionInput(Widget):
    """What every question input offers the quiz screen."""

    DEFAULT_CSS = "QuestionInput { height: auto; }"

    class Submitted(Message):
        """The learner asked to check the answer from inside the input (Enter in a field)."""

    def __init__(
        self,
        question: Question,
        options: tuple[Option, ...],
        t: Translate,
        given: Answer | None = None,
    ) -> None:
        super().__init__(classes="question-input")
        self.question = question
        self.options = options
        """The options in the order this attempt shows them."""
        self.t = t
        self.given = given
        """The answer to show from the start: the checked one, or what the learner had
        entered when the input was last built (before a language switch)."""

    def answer(self) -> Answer | None:
        """The learner's answer, or None when they have not given one yet."""
        raise NotImplementedError

    def _given_text(self) -> str:
        return self.given.text if isinstance(self.given, TextAnswer) else ""

    def on_mount(self) -> None:
        from course.ui.screens.base import localize_bindings

        localize_bindings(self, self.app)  # type: ignore[arg-type]

    def freeze(self) -> None:
        """Stop changes once the answer is checked."""
        self.disabled = True

    def focus_input(self) -> None:
        """Put the keyboard focus where the learner answers."""
        focusable = next((w for w in self.query("*") if w.can_focus), None)
        if focusable is not None:
            focusable.focus()


class ChoiceListInput(QuestionInput):
    """A list of options, each with its mark, where Enter, Space or a click chooses one.

    An option list rather than radio buttons or a `SelectionList`, because their labels
    are cut to one line, the options of a scenario question are often longer, and a
    choice the learner cannot read in full cannot be judged. The mark is drawn in a
    column of its own, so that wrapped lines align.
    """

    BINDINGS = [Binding("space", "choose", "Choose", show=False)]

    def __init__(
        self,
        question: Question,
        options: tuple[Option, ...],
        t: Translate,
        given: Answer | None = None,
    ) -> None:
        super().__init__(question, options, t, given)
        self.chosen: set[int] = set(given.chosen) if isinstance(given, ChoiceAnswer) else set()
        """The indexes of the options chosen."""

    def mark(self, option: Option) -> str:
        """The mark in front of `option`, chosen or not."""
        raise NotImplementedError

    def choose(self, index: int) -> None:
        """What choosing the option `index` does to the chosen ones."""
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        yield OptionList(*self._items(), id="choices")

    def _items(self) -> list[ListOption]:
        # Lettered as on the projector, so that "B is right" means the same to everyone.
        return [
            ListOption(marked(f"{self.mark(o)} {letter}.", plain(o.text)), id=str(o.index))
            for letter, o in zip(OPTION_LETTERS, self.options, strict=False)
        ]

    @on(OptionList.OptionSelected, "#choices")
    def option_chosen(self, event: OptionList.OptionSelected) -> None:
        self.choose(int(event.option.id or 0))
        choices = self.query_one("#choices", OptionList)
        at = event.option_index
        choices.clear_options()
        choices.add_options(self._items())
        choices.highlighted = at

    def action_choose(self) -> None:
        """Choose the highlighted option (Space, like Enter)."""
        choices = self.query_one("#choices", OptionList)
        if choices.highlighted is not None:
            choices.action_select()

    def on_mount(self) -> None:
        self.query_one("#choices", OptionList).highlighted = 0

    def answer(self) -> Answer | None:
        return ChoiceAnswer(frozenset(self.chosen)) if self.chosen else None


class SingleChoiceInput(ChoiceListInput):
    """Single choice and true/false: choosing an option unchooses the one before."""

    def mark(self, option: Option) -> str:
        return "●" if option.index in self.chosen else "○"

    def choose(self, index: int) -> None:
        self.chosen = {index}


class MultipleChoiceInput(ChoiceListInput):
    """Multiple choice: boxes that choosing ticks or unticks."""

    def mark(self, option: Option) -> str:
        return "[x]" if option.index in self.chosen else "[ ]"

    def choose(self, index: int) -> None:
        self.chosen ^= {index}


class OrderingInput(QuestionInput):
    """Ordering: select an item, then move it up or down (Ctrl+↑/↓, u/d, or the buttons)."""

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
        with Horizontal(classes="ordering"):
            yield OptionList(*self._items(), id="items")
            with Vertical(classes="ordering-buttons"):
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


class MatchingInput(QuestionInput):
    """Matching: pick a left item (Enter or click), then its partner on the right."""

    def __init__(
        self,
        question: Question,
        options: tuple[Option, ...],
        t: Translate,
        seed: int,
        given: Answer | None = None,
    ) -> None:
        super().__init__(question, options, t, given)
        self.rights = shuffled_matches(question, seed)
        self.pairs: dict[int, int] = dict(given.pairs) if isinstance(given, MatchAnswer) else {}
        self.picking: int | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(classes="matching"):
            yield OptionList(*self._lefts(), id="lefts")
            yield OptionList(
                *(
                    ListOption(marked(f"{n}.", plain(o.match)), id=str(o.index))
                    for n, o in enumerate(self.rights, start=1)
                ),
                id="rights",
            )

    def _number_of(self, index: int) -> int:
        return next(n for n, o in enumerate(self.rights, start=1) if o.index == index)

    def _lefts(self) -> list[ListOption]:
        items = []
        for letter, option in zip(OPTION_LETTERS, self.options, strict=False):
            paired = self.pairs.get(option.index)
            tail = f"  → {self._number_of(paired)}" if paired is not None else ""
            marker = "▶ " if option.index == self.picking else ""
            items.append(
                ListOption(
                    marked(f"{marker}{letter}.", Text.assemble(plain(option.text), (tail, "bold"))),
                    id=str(option.index),
                )
            )
        return items

    def _redraw_lefts(self, highlight: int) -> None:
        lefts = self.query_one("#lefts", OptionList)
        lefts.clear_options()
        lefts.add_options(self._lefts())
        lefts.highlighted = highlight

    @on(OptionList.OptionSelected, "#lefts")
    def left_chosen(self, event: OptionList.OptionSelected) -> None:
        self.picking = int(event.option.id or 0)
        self._redraw_lefts(event.option_index)
        rights = self.query_one("#rights", OptionList)
        if rights.highlighted is None:
            rights.highlighted = 0
        rights.focus()

    @on(OptionList.OptionSelected, "#rights")
    def right_chosen(self, event: OptionList.OptionSelected) -> None:
        if self.picking is None:
            return
        right = int(event.option.id or 0)
        for left, partner in list(self.pairs.items()):
            if partner == right:  # a right side belongs to one left side at a time
                del self.pairs[left]
        self.pairs[self.picking] = right
        self.picking = None
        unmatched = [i for i, o in enumerate(self.options) if o.index not in self.pairs]
        self._redraw_lefts(unmatched[0] if unmatched else 0)
        self.query_one("#lefts", OptionList).focus()

    def on_mount(self) -> None:
        self.query_one("#lefts", OptionList).highlighted = 0

    def answer(self) -> Answer | None:
        return MatchAnswer(dict(self.pairs)) if self.pairs else None


class ShortAnswerInput(QuestionInput):
    """Short answer / cloze: a text field; Enter checks."""

    def compose(self) -> ComposeResult:
        # Not selected on focus: a kept draft is continued, not replaced by the next key.
        yield Input(
            self._given_text(),
            placeholder=self.t("quiz.answer_placeholder"),
            id="short-answer",
            select_on_focus=False,
        )

    @on(Input.Submitted, "#short-answer")
    def submitted(self) -> None:
        self.post_message(self.Submitted())

    def answer(self) -> Answer | None:
        text = self.query_one(Input).value
        return TextAnswer(text) if text.strip() else None


class ReflectionInput(QuestionInput):
    """Reflection: free text, saved, not graded."""

    def compose(self) -> ComposeResult:
        yield TextArea(
            self._given_text(), id="reflection-answer", soft_wrap=True, show_line_numbers=False
        )

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.move_cursor(area.document.end)  # a kept draft is continued at its end

    def answer(self) -> Answer | None:
        text = self.query_one(TextArea).text
        return TextAnswer(text) if text.strip() else None


def input_for(
    question: Question,
    options: tuple[Option, ...],
    t: Translate,
    seed: int,
    given: Answer | None = None,
) -> QuestionInput:
    """The input widget for a question's type, showing `given` if there is one."""
    kind = question.type
    if kind in (QuestionType.SINGLE, QuestionType.TRUE_FALSE):
        return SingleChoiceInput(question, options, t, given=given)
    if kind is QuestionType.MULTIPLE:
        return MultipleChoiceInput(question, options, t, given=given)
    if kind is QuestionType.ORDERING:
        return OrderingInput(question, options, t, given=given)
    if kind is QuestionType.MATCHING:
        return MatchingInput(question, options, t, seed, given=given)
    if kind is QuestionType.SHORT:
        return ShortAnswerInput(question, options, t, given=given)
    return ReflectionInput(question, options, t, given=given)
