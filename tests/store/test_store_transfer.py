"""Export and import: the documented format, a round trip, idempotence, merging, and clear
errors for malformed documents."""

from __future__ import annotations

import copy
import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from course.store import Learner, Place, ProgressStore, StoreError
from course.store.transfer import CSV_COLUMNS, FORMAT, FORMAT_VERSION, to_csv


def fill(store: ProgressStore, learner: Learner) -> None:
    """Some of everything, in two courses."""
    store.lesson_opened(learner.id, "tea", "water")
    store.save_position(learner.id, "tea", "water", 0.6)
    store.add_time(learner.id, "tea", "water", 95)
    store.lesson_completed(learner.id, "tea", "water")
    attempt = store.start_attempt(
        learner.id, "tea", "1.0.0", "water-quiz", "water", ["q1", "q2"], seed=3
    )
    store.record_answer(attempt.id, "q1", {"chosen": [1]}, "right", 1, 1)
    store.record_answer(attempt.id, "q2", {"text": "Grüner Tee"}, "partial", 0.5, 1)
    store.finish_attempt(attempt.id)
    unfinished = store.start_attempt(
        learner.id, "tea", "1.1.0", "water-quiz", "water", ["q2"], seed=4, mode="retry-wrong"
    )
    store.record_answer(unfinished.id, "q2", {"text": "green"}, "right", 1, 1)
    store.save_place(learner.id, "tea", Place("water", "q2", unfinished.id))
    store.save_reflection(learner.id, "tea", "water", "Soft water tastes better.", "s1")
    store.save_reflection(learner.id, "tea", "water", "Soft water, 80 °C.", "s2")
    store.lesson_opened(learner.id, "coffee", "beans")


def without_time(document: dict[str, Any]) -> dict[str, Any]:
    document = copy.deepcopy(document)
    document.pop("exported_at")
    return document


@pytest.fixture
def source(tmp_path: Path) -> ProgressStore:
    store = ProgressStore.open(tmp_path / "source")
    fill(store, store.learner("Anna"))
    return store


def test_an_export_follows_the_documented_format(source: ProgressStore) -> None:
    document = source.export("Anna")
    json.dumps(document)  # JSON-compatible
    assert document["format"] == FORMAT and document["format_version"] == FORMAT_VERSION
    assert document["learner"]["name"] == "Anna"
    assert [course["id"] for course in document["courses"]] == ["coffee", "tea"]
    tea = document["courses"][1]
    assert tea["versions"] == ["1.0.0", "1.1.0"]
    (water,) = tea["lessons"]
    assert water["id"] == "water" and water["completed_at"] and water["seconds"] == 95
    first = tea["attempts"][0]
    assert (first["quiz_id"], first["points"], first["max_points"]) == ("water-quiz", 1.5, 2)
    assert [a["outcome"] for a in first["answers"]] == ["right", "partial"]
    assert first["answers"][1]["answer"] == {"text": "Grüner Tee"}
    assert tea["quizzes"] == [
        {
            "quiz_id": "water-quiz",
            "attempts": 2,
            "best_attempt_uid": first["uid"],
            "points": 1.5,
            "max_points": 2.0,
            "percent": 75.0,
        }
    ]
    assert tea["place"]["attempt_uid"] == tea["attempts"][1]["uid"]
    assert "reflections" not in tea


def test_reflections_are_exported_only_when_asked_for(source: ProgressStore) -> None:
    document = source.export("Anna", "tea", include_private=True)
    (tea,) = document["courses"]
    assert [r["text"] for r in tea["reflections"]] == [
        "Soft water tastes better.",
        "Soft water, 80 °C.",
    ]


def test_export_of_one_course_and_of_an_unknown_profile(source: ProgressStore) -> None:
    assert [c["id"] for c in source.export("Anna", "coffee")["courses"]] == ["coffee"]
    with pytest.raises(StoreError, match="no profile named 'Zoe'"):
        source.export("Zoe")


def test_round_trip_into_a_fresh_store_gives_the_same_export(
    source: ProgressStore, tmp_path: Path
) -> None:
    document = source.export("Anna", include_private=True)
    with ProgressStore.open(tmp_path / "target") as target:
        summary = target.import_data(json.loads(json.dumps(document)))
        assert summary.learner == "Anna" and summary.courses == ("coffee", "tea")
        assert (
            summary.lessons,
            summary.attempts,
            summary.answers,
            summary.reflections,
            summary.places,
        ) == (2, 2, 3, 2, 1)
        again = target.export("Anna", include_private=True)
        assert without_time(again) == without_time(document)
        anna = target.learner("Anna")
        unfinished = target.unfinished_attempt(anna.id, "tea", "water-quiz")
        assert unfinished is not None
        assert target.place(anna.id, "tea") == Place("water", "q2", unfinished.id)
        assert target.reflection(anna.id, "tea", "water") == "Soft water, 80 °C."


def test_importing_the_same_export_twice_changes_nothing(
    source: ProgressStore, tmp_path: Path
) -> None:
    document = source.export("Anna", include_private=True)
    with ProgressStore.open(tmp_path / "target") as target:
        assert target.import_data(document).changed > 0
        before = target.export("Anna", include_private=True)
        summary = target.import_data(document)
        assert summary.changed == 0
        assert without_time(target.export("Anna", include_private=True)) == without_time(before)
    # and into the store it came from
    assert source.import_data(document).changed == 0


def test_import_merges_newer_work_and_keeps_older_work(
    source: ProgressStore, tmp_path: Path
) -> None:
    with ProgressStore.open(tmp_path / "laptop") as laptop:
        laptop.import_data(source.export("Anna", include_private=True))
        anna = laptop.learner("Anna")
        (unfinished,) = [a for a in laptop.attempts(anna.id, "tea") if not a.finished]
        laptop.record_answer(unfinished.id, "q2", {"text": "changed"}, "wrong", 0, 1)
        laptop.finish_attempt(unfinished.id)
        laptop.add_time(anna.id, "tea", "water", 500)
        laptop.save_reflection(anna.id, "tea", "water", "Written on the laptop.", "s3")
        newer = laptop.export("Anna", include_private=True)

    home = source.learner("Anna")
    source.lesson_opened(home.id, "tea", "steeping")  # only at home: kept
    summary = source.import_data(newer)
    assert (summary.attempts, summary.answers, summary.reflections) == (1, 1, 1)
    attempts = source.attempts(home.id, "tea")
    assert all(attempt.finished for attempt in attempts)
    changed = next(a for a in attempts if a.mode == "retry-wrong").answers[0]
    assert changed.answer == {"text": "changed"}
    lessons = source.lessons(home.id, "tea")
    assert lessons["water"].seconds == 595 and "steeping" in lessons
    assert source.reflection(home.id, "tea", "water") == "Written on the laptop."
    assert source.import_data(newer).changed == 0


def test_import_into_another_profile(source: ProgressStore, tmp_path: Path) -> None:
    with ProgressStore.open(tmp_path / "class") as classroom:
        summary = classroom.import_data(source.export("Anna"), learner_name="Anna (home)")
        assert summary.learner == "Anna (home)"
        assert classroom.find_learner("Anna") is None
        learner = classroom.find_learner("Anna (home)")
        assert learner is not None and len(classroom.attempts(learner.id, "tea")) == 2
        with pytest.raises(StoreError, match="already belongs to the profile 'Anna \\(home\\)'"):
            classroom.import_data(source.export("Anna"), learner_name="Other")
        assert classroom.find_learner("Other") is None  # all or nothing


def test_import_finds_the_profile_whatever_the_case_of_its_name(
    source: ProgressStore, tmp_path: Path
) -> None:
    with ProgressStore.open(tmp_path / "class") as classroom:
        classroom.learner("ANNA")
        summary = classroom.import_data(source.export("Anna"))
        assert summary.learner == "ANNA"
        assert [learner.name for learner in classroom.learners()] == ["ANNA"]


def valid() -> dict[str, Any]:
    return {
        "format": FORMAT,
        "format_version": 1,
        "exported_at": "2025-01-01T00:00:00Z",
        "learner": {"name": "Anna", "created_at": "2025-01-01T00:00:00Z"},
        "courses": [
            {
                "id": "tea",
                "lessons": [
                    {
                        "id": "water",
                        "opened_at": "2025-01-01T00:00:00Z",
                        "completed_at": None,
                        "position": 0.5,
                        "seconds": 3,
                        "updated_at": "2025-01-01T00:00:00Z",
                    }
                ],
                "attempts": [
                    {
                        "uid": "a1",
                        "quiz_id": "q",
                        "lesson_id": "water",
                        "course_version": "1",
                        "mode": "self",
                        "seed": 1,
                        "question_order": ["x"],
                        "started_at": "2025-01-01T00:00:00Z",
                        "finished_at": None,
                        "answers": [
                            {
                                "uid": "n1",
                                "question_id": "x",
                                "answer": {"chosen": [0]},
                                "outcome": "right",
                                "points": 1,
                                "max_points": 1,
                                "answered_at": "2025-01-01T00:00:01+00:00",
                            }
                        ],
                    }
                ],
                "place": None,
            }
        ],
    }


def broken(path: str, value: Any) -> dict[str, Any]:
    """`valid()` with the value at a dotted path replaced (or removed, for ...)."""
    document = valid()
    *parents, last = path.split(".")
    target: Any = document
    for key in parents:
        target = target[int(key)] if key.isdigit() else target[key]
    if value is ...:
        del target[last]
    else:
        target[int(last) if last.isdigit() else last] = value
    return document


def test_the_valid_example_imports(store: ProgressStore) -> None:
    summary = store.import_data(valid())
    assert (summary.lessons, summary.attempts, summary.answers) == (1, 1, 1)


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ([], "the document: expected an object, found a list"),
        ({"format": "something"}, "format: expected 'course-progress'"),
        (broken("format_version", 99), "format_version: the file has version 99"),
        (broken("format_version", "1"), "format_version: expected a whole number"),
        (broken("learner", ...), "the document: the key 'learner' is missing"),
        (broken("learner.name", ""), "learner.name: expected a non-empty text"),
        (broken("courses", {}), "courses: expected a list, found an object"),
        (broken("courses.0.id", 5), "courses[0].id: expected a non-empty text, found the number 5"),
        (
            broken("courses.0.lessons.0.updated_at", "yesterday"),
            "courses[0].lessons[0].updated_at: expected an ISO-8601 time, found the text "
            "'yesterday'",
        ),
        (
            broken("courses.0.lessons.0.position", "half"),
            "courses[0].lessons[0].position: expected a number",
        ),
        (
            broken("courses.0.attempts.0.mode", "exam"),
            "courses[0].attempts[0].mode: expected one of live, retry-wrong, review, self",
        ),
        (
            broken("courses.0.attempts.0.seed", 1.5),
            "courses[0].attempts[0].seed: expected a whole number",
        ),
        (
            broken("courses.0.attempts.0.question_order", ["x", 3]),
            "courses[0].attempts[0].question_order[1]: expected a question id",
        ),
        (
            broken("courses.0.attempts.0.answers.0.outcome", "maybe"),
            "courses[0].attempts[0].answers[0].outcome: expected one of",
        ),
        (
            broken("courses.0.attempts.0.answers.0.points", True),
            "courses[0].attempts[0].answers[0].points: expected a number, found true",
        ),
        (
            broken("courses.0.attempts.0.answers.0.points", float("nan")),
            "courses[0].attempts[0].answers[0].points: expected a number",
        ),
        (
            broken("courses.0.attempts.0.answers.0.answer", "A"),
            "courses[0].attempts[0].answers[0].answer: expected an object",
        ),
        (
            broken("courses.0.attempts.0.answers.0.uid", ...),
            "courses[0].attempts[0].answers[0]: the key 'uid' is missing",
        ),
        (
            broken("courses.0.place", {"lesson_id": "water"}),
            "courses[0].place: the key 'saved_at' is missing",
        ),
    ],
)
def test_a_malformed_document_is_refused_naming_where_and_what(
    store: ProgressStore, document: Any, message: str
) -> None:
    with pytest.raises(StoreError) as raised:
        store.import_data(document)
    assert str(raised.value).startswith(message)
    assert store.learners() == []


def test_unknown_keys_are_ignored_for_forward_compatibility(store: ProgressStore) -> None:
    document = valid()
    document["future"] = {"anything": 1}
    document["courses"][0]["attempts"][0]["answers"][0]["confidence"] = 3
    assert store.import_data(document).answers == 1


def test_csv_has_one_row_per_lesson_attempt_answer_and_reflection(
    source: ProgressStore,
) -> None:
    text = to_csv(source.export_document("Anna", "tea", include_private=True))
    rows = list(csv.DictReader(io.StringIO(text)))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert [row["kind"] for row in rows] == [
        "lesson",
        "attempt",
        "answer",
        "answer",
        "attempt",
        "answer",
        "reflection",
        "reflection",
    ]
    answer = rows[3]
    assert (answer["question_id"], answer["outcome"], answer["points"]) == ("q2", "partial", "0.5")
    assert json.loads(answer["answer"]) == {"text": "Grüner Tee"}
    assert all(row["learner"] == "Anna" for row in rows)
