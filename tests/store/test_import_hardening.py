"""Export and import against a hostile or careless file: an import touches only the profile
it names, private texts stay out of exports unless asked for, and every value of a file is
checked against the documented schema, with limits, before anything is written."""

from __future__ import annotations

import copy
import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

import pytest

from course.content import load_course
from course.core.model import Course
from course.store import Learner, ProgressStore, StoreError
from course.store.export_format import (
    ID_LIMIT,
    TEXT_LIMIT,
    ExportDocument,
    ExportedCourse,
    ExportRecord,
)
from course.store.transfer import to_csv

REPO = Path(__file__).resolve().parents[2]
EXAMPLE_COURSE = REPO / "docs" / "example-course"

QUIZ_REFLECTION = "Honestly, I rush my tea because mornings make me anxious."
"""What a learner wrote in the steeping quiz's reflection question."""
LESSON_REFLECTION = "I never liked green tea; now I know why."
"""What a learner wrote in a lesson's reflection."""


@pytest.fixture(scope="module")
def course() -> Course:
    result = load_course(EXAMPLE_COURSE)
    assert result.course is not None
    return result.course


def fill(store: ProgressStore, learner: Learner) -> None:
    """A finished steeping quiz with a partly right answer and a quiz reflection, a water
    quiz answer, and a lesson reflection."""
    store.lesson_opened(learner.id, "example", "water")
    water = store.start_attempt(
        learner.id, "example", "1.0.0", "water-quiz", "water", ["black-tea-water"], seed=1
    )
    store.record_answer(water.id, "black-tea-water", {"chosen": [0]}, "right", 2, 2)
    steeping = store.start_attempt(
        learner.id, "example", "1.0.0", "steeping-quiz", "steeping", ["bitter-tea", "next-cup"], 2
    )
    store.record_answer(steeping.id, "bitter-tea", {"chosen": [0]}, "partial", 0.67, 1)
    store.record_answer(steeping.id, "next-cup", {"text": QUIZ_REFLECTION}, "ungraded", 0, 0)
    store.finish_attempt(steeping.id)
    store.save_reflection(learner.id, "example", "water", LESSON_REFLECTION, "s1")


@pytest.fixture
def bob(store: ProgressStore) -> Learner:
    learner = store.learner("Bob")
    fill(store, learner)
    return learner


def bobs_state(store: ProgressStore, bob: Learner) -> tuple[Any, ...]:
    return (
        store.attempts(bob.id, "example"),
        store.reflection(bob.id, "example", "water"),
        store.export("Bob", include_private=True)["courses"],
    )


# -- 12.1: an import touches only the profile it names -------------------------------------------


def mallory_from(document: dict[str, Any], keep: str) -> dict[str, Any]:
    """Bob's export made over as Mallory's, newer in every part, keeping the uids of one
    kind ("attempt", "answer" or "reflection") and giving the others new ones."""
    forged = copy.deepcopy(document)
    forged["learner"] = {"name": "Mallory", "created_at": "2030-01-01T00:00:00Z"}
    (course,) = forged["courses"]
    for attempt in course["attempts"]:
        if keep != "attempt":
            attempt["uid"] = "forged-" + attempt["uid"]
        for answer in attempt["answers"]:
            if keep != "answer":
                answer["uid"] = "forged-" + answer["uid"]
            answer["answered_at"] = "2030-01-01T00:00:00Z"
            answer["points"] = answer["max_points"]
            answer["outcome"] = "right" if answer["max_points"] else "ungraded"
    for reflection in course["reflections"]:
        if keep != "reflection":
            reflection["uid"] = "forged-" + reflection["uid"]
        reflection["text"] = "Mallory was here."
        reflection["saved_at"] = "2030-01-01T00:00:00Z"
    course["place"] = None
    return forged


@pytest.mark.parametrize("keep", ["attempt", "answer", "reflection"])
def test_an_import_that_carries_another_profiles_uid_is_refused_and_writes_nothing(
    store: ProgressStore, bob: Learner, keep: str
) -> None:
    before = bobs_state(store, bob)
    forged = mallory_from(store.export("Bob", include_private=True), keep)

    with pytest.raises(StoreError) as raised:
        store.import_data(forged)

    message = str(raised.value)
    assert "already belongs to the profile 'Bob', not 'Mallory'" in message
    assert "Nothing was imported" in message
    assert bobs_state(store, bob) == before
    assert [learner.name for learner in store.learners()] == ["Bob"]


def test_an_import_into_a_named_profile_cannot_reach_another_one_either(
    store: ProgressStore, bob: Learner
) -> None:
    forged = mallory_from(store.export("Bob", include_private=True), "answer")
    store.learner("Mallory")

    with pytest.raises(StoreError, match="belongs to the profile 'Bob'"):
        store.import_data(forged, "Mallory")

    assert store.attempts(store.learner("Mallory").id, "example") == []


def test_the_profile_itself_still_takes_its_own_export_back(
    store: ProgressStore, bob: Learner
) -> None:
    document = store.export("Bob", include_private=True)

    assert store.import_data(document).changed == 0


# -- 12.2: private texts only with --include-private ---------------------------------------------


def test_no_private_text_is_exported_without_asking(store: ProgressStore, bob: Learner) -> None:
    document = store.export("Bob")
    written = json.dumps(document, ensure_ascii=False)
    spreadsheet = to_csv(store.export_document("Bob"))

    for private in (QUIZ_REFLECTION, LESSON_REFLECTION):
        assert private not in written
        assert private not in spreadsheet
    (course,) = document["courses"]
    assert "reflections" not in course
    steeping = next(a for a in course["attempts"] if a["quiz_id"] == "steeping-quiz")
    assert [a["question_id"] for a in steeping["answers"]] == ["bitter-tea"]
    assert steeping["points"] == 0.67 and steeping["max_points"] == 1  # the score is the same


def test_every_private_text_is_exported_when_asked_for(store: ProgressStore, bob: Learner) -> None:
    written = json.dumps(store.export("Bob", include_private=True), ensure_ascii=False)
    spreadsheet = to_csv(store.export_document("Bob", include_private=True))
    rows = list(csv.DictReader(io.StringIO(spreadsheet)))

    for private in (QUIZ_REFLECTION, LESSON_REFLECTION):
        assert private in written
    assert any(QUIZ_REFLECTION in row["answer"] for row in rows)
    assert any(row["text"] == LESSON_REFLECTION for row in rows)


@dataclass(frozen=True)
class Plan(ExportRecord):
    """A private text of a later issue: a learner's plan."""

    PRIVATE: ClassVar[bool] = True

    text: str


@dataclass(frozen=True)
class CourseWithPlans(ExportedCourse):
    """A course record of a later format version that also holds plans."""

    plans: tuple[Plan, ...] = ()


def test_a_new_kind_of_private_text_is_left_out_by_the_flag_on_its_record_type() -> None:
    document = ExportDocument(
        "Bob", None, (CourseWithPlans("example", plans=(Plan("Move to Lisbon."),)),)
    )

    (course,) = document.without_private().courses

    assert isinstance(course, CourseWithPlans) and course.plans == ()


# -- 12.3: the file is checked against the schema, with limits -----------------------------------


def valid() -> dict[str, Any]:
    """A small export of the example course: one answer to a 2-point single choice."""
    return {
        "format": "course-progress",
        "format_version": 1,
        "learner": {"name": "Anna", "created_at": "2025-01-01T00:00:00Z"},
        "courses": [
            {
                "id": "example",
                "attempts": [
                    {
                        "uid": "a1",
                        "quiz_id": "water-quiz",
                        "lesson_id": "water",
                        "course_version": "1.0.0",
                        "mode": "self",
                        "seed": 1,
                        "question_order": ["black-tea-water"],
                        "started_at": "2025-01-01T00:00:00Z",
                        "finished_at": "2025-01-01T00:05:00Z",
                        "answers": [
                            {
                                "uid": "n1",
                                "question_id": "black-tea-water",
                                "answer": {"chosen": [0]},
                                "outcome": "right",
                                "points": 2,
                                "max_points": 2,
                                "answered_at": "2025-01-01T00:01:00Z",
                            }
                        ],
                    }
                ],
                "reflections": [
                    {
                        "uid": "r1",
                        "lesson_id": "water",
                        "session": "s1",
                        "text": "Soft water.",
                        "saved_at": "2025-01-01T00:00:00Z",
                    }
                ],
            }
        ],
    }


ANSWER = "courses.0.attempts.0.answers.0"


def changed(path: str, value: Any) -> dict[str, Any]:
    """`valid()` with the value at a dotted path replaced."""
    document = valid()
    *parents, last = path.split(".")
    target: Any = document
    for key in parents:
        target = target[int(key)] if key.isdigit() else target[key]
    target[int(last) if last.isdigit() else last] = value
    return document


def test_the_valid_file_imports(store: ProgressStore, course: Course) -> None:
    assert store.import_data(valid(), course=course).answers == 1


WHERE = "courses[0].attempts[0].answers[0]"


@pytest.mark.parametrize(
    ("document", "message"),
    [
        (changed(f"{ANSWER}.points", 4000), f"{WHERE}.points: expected a number from 0 to 2"),
        (changed(f"{ANSWER}.points", -1), f"{WHERE}.points: expected a number from 0 to 2"),
        (
            changed(f"{ANSWER}.max_points", 10**6),
            f"{WHERE}.max_points: expected a number from 0 to 1000",
        ),
        (changed(f"{ANSWER}.answer", {"chosen": "A"}), f"{WHERE}.answer.chosen: expected a list"),
        (
            changed(f"{ANSWER}.answer", {"chosen": [0, True]}),
            f"{WHERE}.answer.chosen[1]: expected an option number",
        ),
        (
            changed(f"{ANSWER}.answer", {"colour": "red"}),
            f"{WHERE}.answer: expected an object with one of the keys chosen, order, pairs, text",
        ),
        (changed(f"{ANSWER}.answer", {"text": 5}), f"{WHERE}.answer.text: expected a text"),
        (
            changed(f"{ANSWER}.answer", {"text": "x" * (TEXT_LIMIT + 1)}),
            f"{WHERE}.answer.text: a text of 100,001 characters; at most 100,000 fit",
        ),
        (
            changed(f"{ANSWER}.answer", {"pairs": {"0": 1, "zero": 2}}),
            f"{WHERE}.answer.pairs: expected option numbers as keys",
        ),
        (
            changed(f"{ANSWER}.uid", "u" * (ID_LIMIT + 1)),
            f"{WHERE}.uid: a text of 201 characters; at most 200 fit",
        ),
        (
            changed("courses.0.reflections.0.text", "x" * (TEXT_LIMIT + 1)),
            "courses[0].reflections[0].text: a text of 100,001 characters",
        ),
        (
            changed("courses.0.reflections.0.uid", "n1"),
            f"courses[0].reflections[0].uid: the uid 'n1' was already used at {WHERE}.uid",
        ),
        (
            changed("courses.0.attempts.0.question_order", ["q"] * 1001),
            "courses[0].attempts[0].question_order: 1001 questions; at most 1000 fit",
        ),
    ],
)
def test_values_outside_the_schema_or_its_limits_are_refused_naming_where(
    store: ProgressStore, document: Any, message: str
) -> None:
    with pytest.raises(StoreError) as raised:
        store.import_data(document)

    assert str(raised.value).startswith(message), str(raised.value)
    assert "correct the file or export it again" in str(raised.value)
    assert store.learners() == []


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (f"{ANSWER}.max_points", 3, f"{WHERE}.max_points: 3 points, but the question"),
        (
            f"{ANSWER}.answer",
            {"text": "boiling"},
            f"{WHERE}.answer.text: the question 'black-tea-water' is a single question; "
            "its answers are written as 'chosen'",
        ),
        (
            f"{ANSWER}.answer",
            {"chosen": [0, 1]},
            f"{WHERE}.answer.chosen: 2 options chosen; a single question takes one",
        ),
        (
            f"{ANSWER}.answer",
            {"chosen": [3]},
            f"{WHERE}.answer.chosen[0]: expected an option number from 0 to 2, found the number 3",
        ),
    ],
)
def test_answers_are_checked_against_the_question_in_the_course(
    store: ProgressStore, course: Course, path: str, value: Any, message: str
) -> None:
    with pytest.raises(StoreError) as raised:
        store.import_data(changed(path, value), course=course)

    assert str(raised.value).startswith(message), str(raised.value)
    assert store.learners() == []


def test_answers_of_another_course_version_are_only_checked_on_their_own(
    store: ProgressStore, course: Course
) -> None:
    document = changed("courses.0.attempts.0.course_version", "0.9.0")
    document["courses"][0]["attempts"][0]["answers"][0]["max_points"] = 3
    document["courses"][0]["attempts"][0]["answers"][0]["points"] = 3

    assert store.import_data(document, course=course).answers == 1
