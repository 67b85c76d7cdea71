"""Every question kind has all of its parts: a core module, a UI module, a section in the
authoring guide, its interface texts in every language, and its answers survive JSON.

Adding a kind means adding its two modules, its section and its tests; this test walks the
registry and names the part a kind lacks."""

from __future__ import annotations

import json
import re

import pytest
from conftest import REPO

from course.core.kinds import (
    Outcome,
    QuestionKind,
    all_kinds,
    kind_named,
    kind_names,
)
from course.core.model import Option, Question
from course.i18n import Catalogue, available_languages
from course.interchange.gift import GiftKind
from course.interchange.xapi import interaction

KINDS = all_kinds()
AUTHORING = (REPO / "docs" / "authoring.md").read_text(encoding="utf-8")


def a_question(kind: QuestionKind) -> Question:
    """A small question of `kind`: two options, the first right."""
    options = (
        Option(0, "first", correct=True, feedback="why", match="one"),
        Option(1, "second", feedback="why not", match="two"),
    )
    return Question(
        id="q",
        kind=kind.name,
        prompt="Which?",
        options=options if kind.takes_options else (),
        explanation="Because.",
        objectives=("O1",),
        points=1 if kind.graded else 0,
    )


def test_the_registry_holds_the_nine_kinds_in_their_order() -> None:
    assert kind_names() == (
        "single",
        "multiple",
        "truefalse",
        "ordering",
        "matching",
        "short",
        "numeric",
        "reflection",
        "network-map",
    )
    assert kind_named("essay") is None


@pytest.mark.parametrize("kind", KINDS, ids=[kind.name for kind in KINDS])
def test_a_kind_lives_in_its_own_core_module(kind: QuestionKind) -> None:
    module = kind.name.replace("-", "_")  # `network-map` lives in `network_map.py`
    assert type(kind).__module__ == f"course.core.kinds.{module}"
    assert (REPO / "course" / "core" / "kinds" / f"{module}.py").is_file()
    assert re.fullmatch(r"[a-z]+(-[a-z]+)?", kind.name), (
        "a kind's name is a lower-case word, or two joined by '-'"
    )


@pytest.mark.parametrize("kind", KINDS, ids=[kind.name for kind in KINDS])
def test_a_kind_names_its_interchange_forms(kind: QuestionKind) -> None:
    assert kind.xapi_interaction in {
        "true-false",
        "choice",
        "fill-in",
        "long-fill-in",
        "matching",
        "performance",
        "sequencing",
        "likert",
        "numeric",
        "other",
    }
    if kind.gift_form is not None:
        GiftKind(kind.gift_form)  # a type Moodle's GIFT has
    question = a_question(kind)
    assert interaction(question, {"en": question})["interactionType"] == kind.xapi_interaction


@pytest.mark.parametrize("kind", KINDS, ids=[kind.name for kind in KINDS])
def test_a_kind_grades_its_empty_answer_and_reads_its_answers_back(kind: QuestionKind) -> None:
    question = a_question(kind)
    empty = kind.empty_answer(question)

    judged = kind.grade(question, empty)

    assert judged.outcome is (Outcome.WRONG if kind.graded else Outcome.UNGRADED)
    assert judged.points == 0
    assert kind.answer_from_json(json.loads(json.dumps(empty.to_json()))) == empty
    assert isinstance(kind.answer_text(question, empty), str)
    assert isinstance(kind.solution_text(question), str)
    counts = kind.tally(question, [empty])
    assert len(counts) == (len(question.options) if kind.tallies_options else 0)


@pytest.mark.parametrize("kind", KINDS, ids=[kind.name for kind in KINDS])
def test_a_kind_has_a_ui_module(kind: QuestionKind) -> None:
    from course.ui.inputs import KindUI, ui_named

    part = ui_named(kind.name)

    assert isinstance(part, KindUI), f"course/ui/inputs/{kind.name}.py registers no UI part"
    assert type(part).__module__ == f"course.ui.inputs.{kind.name.replace('-', '_')}"
    assert part.instruction_key in kind.catalogue_keys


@pytest.mark.parametrize("kind", KINDS, ids=[kind.name for kind in KINDS])
def test_a_kind_has_a_section_in_the_authoring_guide(kind: QuestionKind) -> None:
    assert re.search(rf"^### `{kind.name}`", AUTHORING, re.MULTILINE), (
        f"docs/authoring.md has no '### `{kind.name}`' section"
    )


@pytest.mark.parametrize("kind", KINDS, ids=[kind.name for kind in KINDS])
@pytest.mark.parametrize("language", available_languages())
def test_a_kind_has_its_interface_texts_in_every_language(
    kind: QuestionKind, language: str
) -> None:
    known = Catalogue(language).keys()

    assert [key for key in kind.catalogue_keys if key not in known] == []
