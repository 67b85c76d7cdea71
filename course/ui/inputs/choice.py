"""What the UI parts of the kinds where a learner picks among options share: a lettered
list where a letter key, Enter, Space or a click chooses, and feedback per option."""

from __future__ import annotations

from rich.console import RenderableType
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option as ListOption

from course.core.grading import Answer, Grade
from course.core.kinds.choice import ChoiceAnswer
from course.core.model import Option, Question
from course.ui.inputs import KindUI, quote
from course.ui.widgets.questions import OPTION_LETTERS, QuestionInput, Translate, marked, plain


class ChoiceList(OptionList):
    """The options of a choice question: Enter (and Space, and a letter) choose at once,
    not through a message. Through a message, a check typed right after Enter was handled
    before the choice arrived, and the learner was told nothing was chosen: a lost key."""

    def action_select(self) -> None:
        owner = self.parent
        if isinstance(owner, ChoiceListInput) and self.highlighted is not None:
            owner.choose_at(self.highlighted)
        else:
            super().action_select()


class ChoiceListInput(QuestionInput):
    """A list of options, each with its mark and letter, where the letter's key, Enter,
    Space or a click chooses one.

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
        yield ChoiceList(*self._items(), id="choices")

    def _items(self) -> list[ListOption]:
        # Lettered as on the projector, so that "B is right" means the same to everyone.
        return [
            ListOption(marked(f"{self.mark(o)} {letter}.", plain(o.text)), id=str(o.index))
            for letter, o in zip(OPTION_LETTERS, self.options, strict=False)
        ]

    def letter_keys(self) -> dict[str, int]:
        """Key to the place of the option it chooses: `a` the first shown, `b` the second…
        A letter that the screen or the app binds keeps its binding (so `q` still quits
        in a list of seventeen options): a letter never means two things."""
        # Every key the screen or the app declares, also those hidden for now (Next until
        # the answer is checked): a key's meaning must not change while the learner works.
        taken = {key for node in (self.screen, self.app) for key in node._bindings.key_to_bindings}
        return {
            letter.lower(): place
            for place, letter in enumerate(OPTION_LETTERS[: len(self.options)])
            if letter.lower() not in taken
        }

    def on_key(self, event: events.Key) -> None:
        """A letter chooses its option, as Enter on it would (checking is another key)."""
        place = self.letter_keys().get(event.key)
        if place is None or self.disabled:
            return
        event.stop()
        event.prevent_default()
        choices = self.query_one("#choices", OptionList)
        choices.highlighted = place
        choices.action_select()

    @on(OptionList.OptionSelected, "#choices")
    def option_chosen(self, event: OptionList.OptionSelected) -> None:
        self.choose_at(event.option_index)

    def choose_at(self, position: int) -> None:
        """Choose the option shown at `position`, and show the marks anew.

        The marks change in place: a mark is as wide as the one it replaces, so the list
        is painted again and not laid out. Emptied and filled again, it was laid out and
        the dialog with it, which a check typed next waited for when 40 learners answered
        a live question at once (benchmarks/class_serve.py).
        """
        choices = self.query_one("#choices", OptionList)
        self.choose(int(choices.get_option_at_index(position).id or 0))
        for place, item in enumerate(self._items()):
            choices.replace_option_prompt_at_index(place, item.prompt)
        choices.highlighted = position

    def action_choose(self) -> None:
        """Choose the highlighted option (Space, like Enter)."""
        choices = self.query_one("#choices", OptionList)
        if choices.highlighted is not None:
            choices.action_select()

    def on_mount(self) -> None:
        self.query_one("#choices", OptionList).highlighted = 0

    def answer(self) -> Answer | None:
        return ChoiceAnswer(frozenset(self.chosen)) if self.chosen else None


class OneChoiceInput(ChoiceListInput):
    """Choosing an option unchooses the one before."""

    def mark(self, option: Option) -> str:
        return "●" if option.index in self.chosen else "○"

    def choose(self, index: int) -> None:
        self.chosen = {index}


class ChoiceUI(KindUI):
    """Feedback and slide of a choice: the chosen and the right options, each with its
    feedback; on the slide, the right ones ticked when revealed."""

    def feedback(self, question: Question, given: Answer, judged: Grade, t: Translate) -> list[str]:
        chosen = given.chosen if isinstance(given, ChoiceAnswer) else frozenset()
        parts = []
        for item in judged.feedback:
            mark = "✓" if item.right else "✗"
            label = t("quiz.you_chose") if item.option.index in chosen else t("quiz.right_answer")
            parts.append(
                f"{mark} **{label}:** {item.option.text}\n\n> {quote(item.option.feedback)}"
            )
        return parts

    def slide_options(
        self, question: Question, options: tuple[Option, ...], seed: int, revealed: bool
    ) -> tuple[list[str], RenderableType | None]:
        return [
            f"- **{letter}.** {option.text}" + (" ✓" if revealed and option.correct else "")
            for letter, option in zip(OPTION_LETTERS, options, strict=False)
        ], None
