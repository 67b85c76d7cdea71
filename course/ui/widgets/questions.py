"""What every question input offers the quiz screen, whatever the kind of question.

Each kind's own input widget lives in its module of `course.ui.inputs`. Every input works
with the keyboard alone and with the mouse, and turns what the learner did into an answer
of its kind. An input never grades: the screen asks it for `answer()` and shows the grade.
"""

from __future__ import annotations

from collections.abc import Callable
from string import ascii_uppercase
from typing import cast

from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
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


class Marked:
    """An option with its marker before it, wrapped lines aligned under its first word
    (a hanging indent), as a two-column `rich.table.Table` grid draws it.

    Drawn by hand: a grid measured and rendered each of its cells for every line the
    option list asked for, a sixth of the work of showing a live question on a
    learner's screen (benchmarks/class_serve.py, where 40 learners do it at once).
    """

    def __init__(self, marker: str, text: Text) -> None:
        self.marker = Text(marker)  # Text: a marker such as "[x]" is no Rich markup
        self.text = text
        self._drawn: dict[int, Text] = {}
        """The option as drawn at each width: the option list asks for it again at every
        layout and paint (some fifty times while a live question is shown)."""

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        indent = self.marker.cell_len + 1
        text = Measurement.get(console, options, self.text)
        return Measurement(indent + text.minimum, indent + text.maximum).clamp(
            max_width=options.max_width
        )

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        drawn = self._drawn.get(options.max_width)
        if drawn is None:
            drawn = self._draw(console, options.max_width)
            self._drawn[options.max_width] = drawn
        yield drawn.copy()

    def _draw(self, console: Console, max_width: int) -> Text:
        indent = self.marker.cell_len + 1
        lines = self.text.wrap(console, max(1, max_width - indent))
        width = max((line.cell_len for line in lines), default=0)
        blank = Text(" " * indent)
        drawn = Text(no_wrap=True)
        for number, line in enumerate(lines):
            if number:
                drawn.append("\n")
            drawn.append_text(Text.assemble(self.marker, " ") if number == 0 else blank)
            line.pad_right(width - line.cell_len)
            drawn.append_text(line)
        return drawn


def marked(marker: str, text: Text) -> Marked:
    """An option with its marker in a column of its own, so that wrapped lines align."""
    return Marked(marker, text)


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

    def focus_target(self) -> Widget | None:
        """Where the learner answers: the first part of the input that takes the keys."""
        return next((w for w in self.query("*") if w.can_focus), None)

    def focus_input(self) -> None:
        """Put the keyboard focus where the learner answers, without scrolling to it: a
        long question opens at its top, where its text begins."""
        focusable = self.focus_target()
        if focusable is not None:
            focusable.focus(scroll_visible=False)


__all__ = ["OPTION_LETTERS", "HasCatalogue", "QuestionInput", "Translate", "marked", "plain"]
