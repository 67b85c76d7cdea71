"""Matching on screen: pick a left item, then its partner on the right; feedback per pair."""

from __future__ import annotations

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import OptionList
from textual.widgets.option_list import Option as ListOption

from course.core.grading import Answer, Grade
from course.core.kinds.matching import MatchAnswer, shuffled_matches
from course.core.model import Option, Question
from course.core.plaintext import plain_text
from course.ui.inputs import KindUI, register_ui
from course.ui.widgets.questions import OPTION_LETTERS, QuestionInput, Translate, marked, plain


class MatchingInput(QuestionInput):
    """Pick a left item (Enter or click), then its partner on the right."""

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
        with Horizontal(classes="side-by-side"):
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


class MatchingUI(KindUI):
    """Two columns to pair; feedback says which pairs belong otherwise."""

    name = "matching"
    instruction_key = "quiz.match"

    def make_input(
        self,
        question: Question,
        options: tuple[Option, ...],
        t: Translate,
        seed: int,
        given: Answer | None,
    ) -> QuestionInput:
        return MatchingInput(question, options, t, seed, given=given)

    def feedback(self, question: Question, given: Answer, judged: Grade, t: Translate) -> list[str]:
        if not isinstance(given, MatchAnswer):
            return []
        lines = []
        for option in question.options:
            chosen_index = given.pairs.get(option.index)
            if chosen_index == option.index:
                lines.append(f"- ✓ {option.text} → {option.match}")
            else:
                picked = (
                    question.options[chosen_index].match
                    if chosen_index is not None
                    else t("quiz.unmatched")
                )
                lines.append(
                    f"- ✗ {option.text} → {picked} — {t('quiz.matched_wrong', match=option.match)}"
                )
                if option.feedback:
                    lines[-1] += f"\\\n  *{option.feedback}*"
        return ["\n".join(lines)]

    def slide_options(
        self, question: Question, options: tuple[Option, ...], seed: int, revealed: bool
    ) -> tuple[list[str], RenderableType | None]:
        if revealed:
            return [
                f"- **{letter}.** {option.text} → {option.match}"
                for letter, option in zip(OPTION_LETTERS, options, strict=False)
            ], None
        # Both columns, the right one shuffled as on the learners' screens: the room
        # cannot match against a column it does not see.
        matches = Table.grid(padding=(0, 4))
        matches.add_column()
        matches.add_column()
        for letter, option, (number, partner) in zip(
            OPTION_LETTERS,
            options,
            enumerate(shuffled_matches(question, seed), start=1),
            strict=False,
        ):
            matches.add_row(
                Text.assemble((f"{letter}. ", "bold"), plain_text(option.text)),
                Text.assemble((f"{number}. ", "bold"), plain_text(partner.match)),
            )
        return [], matches


register_ui(MatchingUI())
