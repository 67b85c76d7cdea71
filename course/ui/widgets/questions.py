"""What every question input offers the quiz screen, whatever the kind of question.

Each kind's own input widget lives in its module of `course.ui.inputs`. Every input works
with the keyboard alone and with the mouse, and turns what the learner did into an answer
of its kind. An input never grades: the screen asks it for `answer()` and shows the grade.
"""

from __future__ import annotations

from collections.abc import Callable
from string import ascii_uppercase
from typing import cast

from rich.table import Table
from rich.text import Text
from textual.message import Message
from textual.widget import Widget

from course.core.grading import Answer
from course.core.model import Option, Question
from course.core.plaintext import plain_text
from course.ui.bindings import HasCatalogue, localize_bindings

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

    def on_mount(self) -> None:
        if hasattr(self.app, "catalogue"):  # the course's apps; a bare test app has none
            localize_bindings(self, cast(HasCatalogue, self.app))

    def freeze(self) -> None:
        """Stop changes once the answer is checked."""
        self.disabled = True

    def focus_input(self) -> None:
        """Put the keyboard focus where the learner answers, without scrolling to it: a
        long question opens at its top, where its text begins."""
        focusable = next((w for w in self.query("*") if w.can_focus), None)
        if focusable is not None:
            focusable.focus(scroll_visible=False)


__all__ = ["OPTION_LETTERS", "HasCatalogue", "QuestionInput", "Translate", "marked", "plain"]
