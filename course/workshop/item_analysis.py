"""Item analysis of a class: which question, and which wrong option, fooled the room.

The classical figures of test theory, computed from each learner's first attempt at each
question (a retry after feedback says little about the question):

- **facility**: the mean share of the question's points the class earned, from 0 (nobody
  right) to 1 (everybody right); for a right/wrong question it is the share who got it
  right. Questions near 1 teach nothing new to test; near 0, they may be unclear.
- **discrimination**: the facility among the upper 27 % of the class (by total score over
  the questions they answered; of equal totals at a group's edge, the `learner` keys
  that sort first go up: the class view's keys follow the names) less the facility among
  the lower 27 %. A good question is answered better by those who did well overall (0.3
  and more is usually good); a negative figure means the strong learners were misled,
  often by a flawed key.
- **option counts**: per option of a choice question, how many chose it; a wrong option
  that many chose is a misconception worth discussing.

Pure functions over plain records: the class view (`course.workshop.classview`) feeds it
for `course class` and `course report`, and shows its `ItemRow`s with the cells below.
Options are named by their number in the quiz file ("#2"), not by a letter: each learner
saw the options shuffled, under letters of their own.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from course.core.kinds import kind_of
from course.core.model import Question

GROUP_SHARE = 0.27
"""The share of the class in the upper and in the lower group (Kelley's 27 %)."""


@dataclass(frozen=True)
class FirstAnswer:
    """A learner's first answer to a question."""

    learner: str
    """Who answered (a profile name; never shown with the figures)."""
    question_id: str
    """Which question."""
    fraction: float
    """Share of the question's points earned, 0 to 1."""
    chosen: frozenset[int] = frozenset()
    """Choice questions: the author-order indexes of the options chosen."""


@dataclass(frozen=True)
class OptionCount:
    """How many learners chose one option."""

    index: int
    """The option's author-order index."""
    chosen_by: int
    """How many learners chose it."""
    correct: bool
    """Whether it is a right option."""


@dataclass(frozen=True)
class ItemFigures:
    """The figures of one question."""

    question_id: str
    """Which question."""
    answered: int
    """How many learners answered it."""
    right: int
    """How many got it fully right on their first attempt."""
    facility: float | None
    """Mean share of points earned, 0 to 1; None when nobody answered."""
    discrimination: float | None
    """Upper-group facility less lower-group facility, -1 to 1; None when the groups are
    too small (fewer than two learners in each) to say anything."""
    options: tuple[OptionCount, ...] = ()
    """Choice questions: each option with how many chose it, in author order."""

    @property
    def fooling_option(self) -> OptionCount | None:
        """The wrong option chosen most often, if anybody chose a wrong one."""
        wrong = [option for option in self.options if not option.correct and option.chosen_by]
        return max(wrong, key=lambda option: (option.chosen_by, -option.index), default=None)


def item_analysis(
    answers: Iterable[FirstAnswer],
    questions: Sequence[str],
    right_options: Mapping[str, Sequence[bool]] | None = None,
) -> list[ItemFigures]:
    """The figures of each question in `questions` (in that order), from first answers.

    `right_options` gives, for each choice question, whether each option (in author
    order) is right; questions not in it get no option counts."""
    by_question: dict[str, list[FirstAnswer]] = {question: [] for question in questions}
    totals: dict[str, float] = defaultdict(float)
    for answer in answers:
        if answer.question_id in by_question:
            by_question[answer.question_id].append(answer)
            totals[answer.learner] += answer.fraction
    ranked = sorted(totals, key=lambda learner: (-totals[learner], learner))
    size = math.floor(len(ranked) * GROUP_SHARE + 0.5)  # Kelley's 27 %, rounded
    upper, lower = set(ranked[:size]), set(ranked[len(ranked) - size :]) if size else set()
    figures = []
    for question in questions:
        given = by_question[question]
        facility = _mean(answer.fraction for answer in given)
        discrimination = None
        if size >= 2:
            top = _mean(a.fraction for a in given if a.learner in upper)
            bottom = _mean(a.fraction for a in given if a.learner in lower)
            if top is not None and bottom is not None:
                discrimination = round(top - bottom, 4)
        options: tuple[OptionCount, ...] = ()
        if right_options and question in right_options:
            counts = Counter(index for answer in given for index in answer.chosen)
            options = tuple(
                OptionCount(index, counts[index], correct)
                for index, correct in enumerate(right_options[question])
            )
        figures.append(
            ItemFigures(
                question,
                len(given),
                sum(1 for answer in given if answer.fraction >= 1),
                None if facility is None else round(facility, 4),
                discrimination,
                options,
            )
        )
    return figures


def chosen_options(question: Question, answer: Mapping[str, Any]) -> frozenset[int]:
    """The options an answer chose, by their author-order indexes (as its kind counts
    them in a live tally); none for a kind that does not choose among options, or an
    answer its kind cannot read (one given to another version of the course)."""
    kind = kind_of(question)
    if not kind.tallies_options:
        return frozenset()
    try:
        counts = kind.tally(question, [kind.answer_from_json(answer)])
    except (ValueError, TypeError, KeyError):
        return frozenset()
    return frozenset(index for index, count in enumerate(counts) if count)


def _mean(values: Iterable[float]) -> float | None:
    kept = list(values)
    return sum(kept) / len(kept) if kept else None


# -- showing it -------------------------------------------------------------------------------

Translate = Callable[..., str]
"""An interface text by key, with fields filled in (a `course.i18n.Catalogue`)."""

RIGHT_MARK = "✓"
"""Marks a right option in the options cell."""


@dataclass(frozen=True)
class ItemRow:
    """One graded question's line of the item analysis."""

    question_id: str
    """The question id."""
    quiz_id: str
    """Its quiz."""
    prompt: str
    """Its whole prompt as one line of plain text."""
    figures: ItemFigures
    """Facility, discrimination and the options chosen."""
    option_texts: tuple[str, ...] = ()
    """Choice questions: each option as plain text, in the quiz file's order."""

    @property
    def fooling_text(self) -> str | None:
        """The wrong option chosen most often, as "#1 its text"; None if nobody chose a
        wrong one."""
        option = self.figures.fooling_option
        if option is None:
            return None
        text = self.option_texts[option.index] if option.index < len(self.option_texts) else ""
        return f"#{option.index + 1} {text}".rstrip()


def item_rows(
    questions: Sequence[tuple[Question, str]],
    answers: Iterable[FirstAnswer],
    plain: Callable[[str], str],
) -> tuple[ItemRow, ...]:
    """The item analysis of `questions` (each with its quiz id, in course order) from
    first answers; `plain` turns a prompt or an option into one
    line of plain text."""
    choosing = {
        question.id: [option.correct for option in question.options]
        for question, _ in questions
        if kind_of(question).tallies_options
    }
    figures = item_analysis(answers, [question.id for question, _ in questions], choosing)
    return tuple(
        ItemRow(
            question.id,
            quiz_id,
            plain(question.prompt),
            found,
            tuple(plain(option.text) for option in question.options)
            if question.id in choosing
            else (),
        )
        for (question, quiz_id), found in zip(questions, figures, strict=True)
    )


def figure_text(value: float | None, mark: str = ".") -> str:
    """A facility or discrimination for a person: two decimals with the language's
    decimal mark ("0,45"), a minus sign for a negative one, "–" when there is none."""
    if value is None:
        return "–"
    text = f"{abs(value):.2f}".replace(".", mark)
    return f"−{text}" if value < 0 and text.strip("0,.") else text


def options_text(figures: ItemFigures) -> str:
    """Per option how many chose it, in the quiz file's order, right ones marked (short,
    so that the table fits 80 columns): "3·6✓·1"; "–" for a question without options
    to choose."""
    if not figures.options:
        return "–"
    return "·".join(
        f"{option.chosen_by}{RIGHT_MARK if option.correct else ''}" for option in figures.options
    )


def right_text(figures: ItemFigures) -> str:
    """Fully right first answers of all first answers: "6/10"; "–" when nobody answered."""
    return f"{figures.right}/{figures.answered}" if figures.answered else "–"


def item_headers(t: Translate) -> list[str]:
    """The item analysis table's column headers."""
    return [
        t("dashboard.question_id"),
        t("analysis.right"),
        t("analysis.facility"),
        t("analysis.discrimination"),
        t("analysis.options"),
        t("analysis.fooled_by"),
    ]


ITEM_RIGHT = (1, 2, 3)
"""The item analysis table's numeric columns."""
ITEM_FLEXIBLE = 5
"""The column cut to fit a narrow table: the wrong option chosen most."""


def item_cells(row: ItemRow, t: Translate) -> list[str]:
    """One question's cells of the item analysis, as shown (the wrong option's text
    whole: a table cuts it to its room)."""
    mark = t("decimal_mark")
    figures = row.figures
    return [
        row.question_id,
        right_text(figures),
        figure_text(figures.facility, mark),
        figure_text(figures.discrimination, mark),
        options_text(figures),
        row.fooling_text or "–",
    ]


def _plain(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


ITEM_CSV_HEADER = [
    "question_id",
    "quiz_id",
    "prompt",
    "first_answers",
    "right",
    "facility",
    "discrimination",
    "most_chosen_wrong_option",
]
"""The header of the CSV's item analysis section (fixed English names, for spreadsheets)."""

OPTION_CSV_HEADER = ["question_id", "option", "text", "correct", "chosen_by"]
"""The header of the CSV's option section: one line per option of a choice question."""


def item_csv_rows(rows: Iterable[ItemRow]) -> list[list[str]]:
    """The item analysis section of the CSV: its header, one line per question."""
    lines = [list(ITEM_CSV_HEADER)]
    for row in rows:
        fooling = row.figures.fooling_option
        lines.append(
            [
                row.question_id,
                row.quiz_id,
                row.prompt,
                str(row.figures.answered),
                str(row.figures.right),
                _plain(row.figures.facility),
                _plain(row.figures.discrimination),
                "" if fooling is None else str(fooling.index + 1),
            ]
        )
    return lines


def option_csv_rows(rows: Iterable[ItemRow]) -> list[list[str]]:
    """The option section of the CSV: its header, one line per option of each choice
    question (numbered in the quiz file's order, from 1)."""
    lines = [list(OPTION_CSV_HEADER)]
    for row in rows:
        for option in row.figures.options:
            text = row.option_texts[option.index] if option.index < len(row.option_texts) else ""
            lines.append(
                [
                    row.question_id,
                    str(option.index + 1),
                    text,
                    "yes" if option.correct else "no",
                    str(option.chosen_by),
                ]
            )
    return lines
