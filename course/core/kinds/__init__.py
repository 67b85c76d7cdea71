"""Question kinds as plug-ins: what a question asks for, and everything that follows from it.

Each kind of question (the word in a quiz heading, `## id (single)`) lives in one module of
this package, with its UI part in `course.ui.inputs`. A kind's module defines a subclass of
`QuestionKind` and registers one instance of it with `register`; this package finds the
modules by itself, so adding a kind touches no other file. The rest of the app asks the
registry (`kind_named`, `kind_of`, `all_kinds`) and never names a kind.

A question holds only its kind's name (`Question.kind`), so a loaded course stays plain,
picklable data; the kind is looked up where its rules are needed.
"""

from __future__ import annotations

import importlib
import random
from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar, NamedTuple, Protocol

from course.core.model import Option, Question
from course.core.scoring import Outcome


class OptionFeedback(NamedTuple):
    """Feedback on one option after grading."""

    option: Option
    """The option."""
    chosen: bool
    """Whether the learner chose it (for ordering/matching: placed or paired it rightly)."""
    right: bool
    """Whether choosing it was right (for ordering/matching: whether it is in place)."""


class Grade(NamedTuple):
    """The judgement of one answer."""

    outcome: Outcome
    """Right, wrong, partial, or ungraded (reflection)."""
    points: float
    """Points earned, from 0 to `max_points`."""
    max_points: int
    """Points a fully right answer earns."""
    feedback: tuple[OptionFeedback, ...]
    """Per option: the ones to show the learner (chosen ones and the right ones)."""
    explanation: str
    """The question's explanation."""
    matched_option: Option | None = None
    """Typed answers: the accepted or expected-wrong option the text matched, if any."""
    typo: bool = False
    """Typed answers: whether the text was accepted although it has one typo."""


class Answer(Protocol):
    """What a learner gave: a small immutable value of its kind's answer type, which turns
    into plain JSON (how the store keeps it) and back (`QuestionKind.answer_from_json`)."""

    def to_json(self) -> dict[str, Any]:
        """The answer as plain JSON data."""
        ...


@dataclass(frozen=True)
class ListItem:
    """One item of a question's options list, as the quiz file has it; the kind decides
    what it means."""

    index: int
    """Position in the list, from 0."""
    text: str
    """The item's first line, without its list marker and checkbox."""
    mark: bool | None
    """`[x]` → True, `[ ]` → False, no box → None."""
    feedback: str
    """The lines under the item, without their indentation."""
    line: int
    """1-based line of the item in its file."""


class ItemList(NamedTuple):
    """A question's options list, as the quiz file has it."""

    items: tuple[ListItem, ...]
    """The items in the author's order."""
    numbered: bool
    """Whether it is a numbered list (`1.`) rather than bullets (`-`)."""
    line: int
    """1-based line where the list starts."""


YES_WORDS = frozenset({"yes", "true", "ja", "on"})
"""How a quiz file may say yes to a setting."""
NO_WORDS = frozenset({"no", "false", "nein", "off"})
"""How a quiz file may say no to a setting."""


def yes_or_no(raw: str) -> bool | None:
    """A setting's yes (True) or no (False); None when it is neither."""
    word = raw.strip().lower()
    return True if word in YES_WORDS else False if word in NO_WORDS else None


Report = Callable[[int, str], None]
"""Where a kind reports a problem of a quiz file: the line and the message (the loader adds
the path)."""


def outcome_of(fraction: float) -> Outcome:
    """The outcome of an answer that earned `fraction` (0 to 1) of the points."""
    if fraction >= 1:
        return Outcome.RIGHT
    return Outcome.PARTIAL if fraction > 0 else Outcome.WRONG


def graded(
    question: Question,
    fraction: float,
    feedback: tuple[OptionFeedback, ...],
    hit: Option | None = None,
    typo: bool = False,
) -> Grade:
    """The grade of an answer that earned `fraction` (0 to 1) of the question's points."""
    points = round(question.points * fraction, 2)
    return Grade(
        outcome_of(fraction), points, question.points, feedback, question.explanation, hit, typo
    )


class QuestionKind(ABC):
    """The rules of one kind of question: how the quiz file writes it, what an answer is,
    how it is graded, shown in plain text and counted in a live round.

    A subclass sets the class attributes and implements the abstract methods; its module
    registers one instance with `register`.
    """

    name: ClassVar[str]
    """The word in a quiz heading (`## id (name)`); stored nowhere else."""
    order: ClassVar[int]
    """Where the kind stands in lists (the loader's messages, summaries): lower first."""
    graded: ClassVar[bool] = True
    """Whether answers earn points (a reflection earns none)."""
    takes_options: ClassVar[bool] = True
    """Whether the question has an options list under its text."""
    shuffles: ClassVar[bool] = True
    """Whether its options may be shuffled per attempt (`shuffle: no` pins them too)."""
    settings: ClassVar[tuple[str, ...]] = ()
    """Question settings of this kind only, besides objectives, points and shuffle."""
    languages_may_differ: ClassVar[bool] = False
    """Whether the language versions of a question may have other options (accepted words
    differ between languages); else their number and marks must be alike."""
    catalogue_keys: ClassVar[tuple[str, ...]] = ()
    """The interface texts (`course.i18n`) the kind's core and UI parts use."""
    answer_key: ClassVar[str]
    """The one key of its answers' JSON object (`chosen`, `order`, `pairs`, `text`), which
    an imported file is checked against."""
    one_option_only: ClassVar[bool] = False
    """Whether an answer chooses one option at most (an imported answer with more is
    refused)."""
    item_checks: ClassVar[frozenset[str]] = frozenset()
    """The item-writing checks of `course validate` that apply to its questions, by the
    names `course.content.item_writing` gives them (`longest_key`, `option_length`,
    `catch_all`, `keys_given_away`, `answer_in_question`)."""
    tallies_options: ClassVar[bool] = False
    """The live-tally form: whether a live round counts learners per option (choices) or
    only right, partly right and wrong answers."""
    groups_answers: ClassVar[bool] = False
    """The live-tally form of an open answer (typed words, a reflection): whether a live
    round lists what learners wrote, grouped alike (`course.workshop.live.group_answers`),
    with counts and no names."""
    xapi_interaction: ClassVar[str]
    """Reserved for interchange, not used yet: the xAPI `interactionType` of the kind's
    answers (`choice`, `true-false`, `sequencing`, `matching`, `fill-in`, `long-fill-in`)."""
    gift_form: ClassVar[str | None]
    """Reserved for interchange, not used yet: the Moodle GIFT question type that writes
    this kind (as `course.interchange.gift.GiftKind` names it), or None if GIFT has none."""

    # Reading the quiz file -------------------------------------------------------------

    @abstractmethod
    def read_options(self, listing: ItemList, question_id: str, report: Report) -> list[Option]:
        """The options of a question from its list, checked; every problem goes to
        `report` (an option list may come back even with problems)."""

    def check_settings(self, settings: Mapping[str, str], report: Callable[[str], None]) -> None:
        """Check the values of the kind's own `settings`; `report` takes a message (the
        loader reports it at the question's heading). Nothing to check by default."""
        return None

    def check_files(
        self, question: Question, quiz_path: Path, report: Callable[[Path, int, str], None]
    ) -> None:
        """Check the files a question names (a practice map beside the quiz, read relative
        to `quiz_path`); `report` takes the file, the line and a message. Nothing to check
        by default."""
        return None

    # Answers ---------------------------------------------------------------------------

    @abstractmethod
    def empty_answer(self, question: Question) -> Answer:
        """The answer of a learner who gives none; it grades as wrong."""

    @abstractmethod
    def answer_from_json(self, data: Mapping[str, Any]) -> Answer:
        """The answer that its `to_json` turned into `data`; ValueError if it is not one."""

    @abstractmethod
    def grade(self, question: Question, answer: Answer) -> Grade:
        """Judge `answer` (an answer of another kind is wrong, not an error)."""

    def shown_options(self, question: Question, seed: int) -> tuple[Option, ...]:
        """The options in the order one attempt shows them: shuffled by `seed` (the same
        seed, the same order), unless the kind or the author pins them."""
        if not (self.shuffles and question.shuffle):
            return question.options
        rng = random.Random(f"{seed}:{question.id}")
        options = list(question.options)
        for _ in range(3):  # a shuffle that happens to keep the given order teaches nothing
            rng.shuffle(options)
            if len(options) < 2 or options != list(question.options):
                break
        return tuple(options)

    # Plain-text and tally forms --------------------------------------------------------

    @abstractmethod
    def answer_text(self, question: Question, answer: Answer) -> str:
        """An answer in plain words, for reports: what the learner chose, typed or
        arranged."""

    @abstractmethod
    def solution_text(self, question: Question) -> str:
        """The right answer as one line of inline Markdown ("" when there is none), as
        the presenter reveals it."""

    def gift_value(self, option: Option) -> str:
        """Interchange: an option's answer as GIFT writes it (`3.14:0.01` for a numeric
        range); the option's text by default."""
        return option.text

    def xapi_correct_responses(self, question: Question) -> list[str]:
        """Interchange: the xAPI `correctResponsesPattern` of a question, for an interaction
        type whose pattern the xAPI writer cannot make from the options alone (`numeric`
        ranges); empty by default."""
        return []

    def tally(self, question: Question, answers: Sequence[Answer]) -> tuple[int, ...]:
        """The live-tally form: learners per option in the author's order (empty unless
        `tallies_options`)."""
        return ()


_REGISTRY: dict[str, QuestionKind] = {}
_discovered = False


def register(kind: QuestionKind) -> QuestionKind:
    """Add a kind to the registry (a module calls this once, on import)."""
    known = _REGISTRY.get(kind.name)
    if known is not None and type(known) is not type(kind):
        raise ValueError(f"two question kinds are named {kind.name!r}")
    _REGISTRY[kind.name] = kind
    return kind


def _discover() -> None:
    """Import every module of this package once, so that each kind registers itself."""
    global _discovered
    if _discovered:
        return
    _discovered = True
    import pkgutil  # here, not at the top: only a question needs it, not the start

    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")


def all_kinds() -> tuple[QuestionKind, ...]:
    """Every kind, in a stable order (`QuestionKind.order`, then name)."""
    _discover()
    return tuple(sorted(_REGISTRY.values(), key=lambda kind: (kind.order, kind.name)))


def kind_names() -> tuple[str, ...]:
    """The words of every kind, in the order of `all_kinds`."""
    return tuple(kind.name for kind in all_kinds())


def kind_named(name: str) -> QuestionKind | None:
    """The kind a quiz file calls `name`, or None."""
    _discover()
    return _REGISTRY.get(name)


def kind_of(question: Question) -> QuestionKind:
    """The kind of a loaded question (KeyError if no module registers it)."""
    found = kind_named(question.kind)
    if found is None:
        raise KeyError(f"no question kind named {question.kind!r}")
    return found


__all__ = [
    "NO_WORDS",
    "YES_WORDS",
    "Answer",
    "Grade",
    "ItemList",
    "ListItem",
    "OptionFeedback",
    "Outcome",
    "QuestionKind",
    "Report",
    "all_kinds",
    "graded",
    "kind_named",
    "kind_names",
    "kind_of",
    "outcome_of",
    "register",
    "yes_or_no",
]
