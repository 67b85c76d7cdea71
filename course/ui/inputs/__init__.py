"""The UI part of each question kind: its input widget, its feedback, its slide.

One module per kind (named as the kind, `course.ui.inputs.single` for `single`), beside
the kind's core module in `course.core.kinds`. A module defines a subclass of `KindUI`
and registers one instance with `register_ui`; this package finds the modules by itself.
Screens ask `ui_of(question)` and never name a kind.
"""

from __future__ import annotations

import importlib
from abc import ABC, abstractmethod
from typing import ClassVar

from rich.console import RenderableType

from course.core.grading import Answer, Grade
from course.core.model import Option, Question
from course.ui.widgets.questions import OPTION_LETTERS, QuestionInput, Translate


class KindUI(ABC):
    """How one kind of question looks and is answered on screen."""

    name: ClassVar[str]
    """The kind's name, as in `course.core.kinds`."""
    instruction_key: ClassVar[str]
    """The catalogue key of the line that says how to answer."""

    def instruction(self, question: Question, options: tuple[Option, ...], t: Translate) -> str:
        """How to answer, in the learner's language."""
        return t(self.instruction_key)

    input_class: ClassVar[type[QuestionInput]]
    """The kind's input widget, made by `make_input`."""

    def make_input(
        self,
        question: Question,
        options: tuple[Option, ...],
        t: Translate,
        seed: int,
        given: Answer | None,
    ) -> QuestionInput:
        """The input widget, showing `given` if there is one; `options` in the order this
        attempt shows them, `seed` the attempt's shuffle seed (which most inputs need not
        know: a kind that does overrides this)."""
        return self.input_class(question, options, t, given=given)

    @abstractmethod
    def feedback(self, question: Question, given: Answer, judged: Grade, t: Translate) -> list[str]:
        """The Markdown paragraphs between the verdict and the explanation, after checking."""

    def slide_options(
        self, question: Question, options: tuple[Option, ...], seed: int, revealed: bool
    ) -> tuple[list[str], RenderableType | None]:
        """The presenter's slide: Markdown lines listing the options, and a table to show
        below the slide instead (or None). By default the options, lettered."""
        return [
            f"- **{letter}.** {option.text}"
            for letter, option in zip(OPTION_LETTERS, options, strict=False)
        ], None

    def slide_solution(self, question: Question, t: Translate) -> list[str]:
        """The presenter's lines that reveal the right answer (before the explanation)."""
        return []


_PARTS: dict[str, KindUI] = {}
_discovered = False


def register_ui(part: KindUI) -> KindUI:
    """Add a kind's UI part (a module calls this once, on import)."""
    _PARTS[part.name] = part
    return part


def _discover() -> None:
    global _discovered
    if _discovered:
        return
    _discovered = True
    import pkgutil  # here, not at the top: only a question needs it, not the start

    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")


def ui_named(name: str) -> KindUI | None:
    """The UI part of the kind called `name`, or None."""
    _discover()
    return _PARTS.get(name)


def ui_of(question: Question) -> KindUI:
    """The UI part of a question's kind (KeyError if there is none)."""
    found = ui_named(question.kind)
    if found is None:
        raise KeyError(f"no input for question kind {question.kind!r}")
    return found


def input_for(
    question: Question,
    options: tuple[Option, ...],
    t: Translate,
    seed: int,
    given: Answer | None = None,
) -> QuestionInput:
    """The input widget for a question's kind, showing `given` if there is one."""
    return ui_of(question).make_input(question, options, t, seed, given)


def instruction(question: Question, options: tuple[Option, ...], t: Translate) -> str:
    """How to answer a question, in the learner's language."""
    return ui_of(question).instruction(question, options, t)


def quote(text: str) -> str:
    """Feedback text as the lines of a Markdown block quote."""
    return text.replace("\n", "\n> ")
