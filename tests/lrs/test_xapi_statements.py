"""A learner's history as xAPI 1.0.3 statements: their shape, their ids and privacy."""

from __future__ import annotations

import json
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from course.interchange.xapi import XapiSettings, statements
from course.store import ProgressStore

from .conftest import ralph_venv
from .history import REFLECTION, anna_history, example_course


@pytest.fixture
def history(tmp_path: Path) -> list[dict[str, Any]]:
    with ProgressStore.open(tmp_path / "data") as store:
        anna_history(store)
        document = store.export_document("anna", "example")
    return statements(document, example_course())


def by_verb(found: list[dict[str, Any]]) -> Counter[str]:
    return Counter(statement["verb"]["display"]["en-US"] for statement in found)


def test_every_part_of_the_history_becomes_a_statement(history: list[dict[str, Any]]) -> None:
    assert by_verb(history) == {
        "experienced": 2,
        "completed": 2,
        "attempted": 2,
        "answered": 7,  # eight answers, the reflection question's left out as private
        "passed": 1,
        "failed": 1,
    }


def test_the_actor_is_an_account_or_a_hashed_address_never_a_plain_one(tmp_path: Path) -> None:
    with ProgressStore.open(tmp_path / "data") as store:
        anna_history(store)
        document = store.export_document("anna", "example")
    account = statements(document, example_course())[0]["actor"]
    assert account["account"] == {"homePage": "https://course-app.invalid/learners", "name": "anna"}
    hashed = statements(document, example_course(), XapiSettings(email="Anna@Example.org"))
    assert hashed[0]["actor"]["mbox_sha1sum"] == "9e9a2b9c6e0b1be7a0f2c26f5f0a75c16d5b5a5f" or (
        len(hashed[0]["actor"]["mbox_sha1sum"]) == 40
    )
    assert "Anna@Example.org" not in json.dumps(hashed) and 'mbox"' not in json.dumps(hashed)


def test_questions_are_interactions_of_their_type(history: list[dict[str, Any]]) -> None:
    answered = {
        s["object"]["id"].rsplit("/", 1)[-1]: s
        for s in history
        if s["verb"]["display"]["en-US"] == "answered" and "/question/" in s["object"]["id"]
    }
    types = {qid: s["object"]["definition"]["interactionType"] for qid, s in answered.items()}
    assert types == {
        "black-tea-water": "choice",
        "reboiled-water": "true-false",
        "green-tea-taste": "fill-in",
        "tea-and-water": "matching",
        "bitter-tea": "choice",
        "tea-steps": "sequencing",
        "black-tea-time": "choice",
    }
    partial = answered["bitter-tea"]["result"]
    assert partial["response"] == "o0" and partial["success"] is False
    assert partial["score"] == {"scaled": 0.67, "raw": 0.67, "min": 0, "max": 1}
    matching = answered["tea-and-water"]["object"]["definition"]
    assert matching["correctResponsesPattern"] == ["s0[.]t0[,]s1[.]t1[,]s2[.]t2"]
    assert {"en", "de"} <= set(matching["description"])


def test_every_statement_names_the_course_as_a_parent_and_answers_their_quiz_too(
    history: list[dict[str, Any]],
) -> None:
    course_ids = set()
    for statement in history:
        parents = [a["id"] for a in statement["context"]["contextActivities"]["parent"]]
        course_ids.add(parents[-1])
        if "/question/" in statement["object"]["id"]:
            assert "/quiz/" in parents[0], statement["object"]["id"]
        assert statement["context"]["language"]
    assert len(course_ids) == 1  # the same course everywhere, last among the parents
    (course_id,) = course_ids
    assert "/quiz/" not in course_id and "/lesson/" not in course_id


def test_a_finished_quiz_passes_or_fails_by_the_pass_mark(history: list[dict[str, Any]]) -> None:
    finished = [s for s in history if s["verb"]["display"]["en-US"] in ("passed", "failed")]
    water, steeping = sorted(finished, key=lambda s: s["object"]["id"], reverse=True)
    assert water["result"]["success"] is True and water["result"]["score"]["scaled"] == 1.0
    assert steeping["verb"]["display"]["en-US"] == "failed"
    assert steeping["result"]["duration"].startswith("PT")
    registrations = {
        s["context"].get("registration") for s in history if "registration" in s["context"]
    }
    assert len(registrations) == 2  # one per attempt


def test_private_texts_go_only_with_include_private(tmp_path: Path) -> None:
    with ProgressStore.open(tmp_path / "data") as store:
        anna_history(store)
        public = store.export_document("anna", "example")
        private = store.export_document("anna", "example", include_private=True)
    text = json.dumps(statements(public, example_course()))
    assert REFLECTION not in text and "freshly boiled" not in text
    shared = statements(private, example_course(), XapiSettings(include_private=True))
    assert REFLECTION in json.dumps(shared) and "freshly boiled" in json.dumps(shared)


def test_the_same_history_always_gives_the_same_statement_ids(tmp_path: Path) -> None:
    with ProgressStore.open(tmp_path / "data") as store:
        anna_history(store)
        document = store.export_document("anna", "example")
    first = [s["id"] for s in statements(document, example_course())]
    assert first == [s["id"] for s in statements(document, example_course())]
    assert len(set(first)) == len(first)


@pytest.mark.slow
def test_every_statement_passes_ralphs_own_validation(history: list[dict[str, Any]]) -> None:
    python = ralph_venv() / "bin" / "python"
    if not python.exists():
        pytest.skip("Ralph is not installed (see .ci/run)")
    lines = "\n".join(json.dumps(statement) for statement in history) + "\n"
    checked = subprocess.run(
        [str(python), str(Path(__file__).with_name("ralph_validate.py"))],
        input=lines,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert checked.returncode == 0, checked.stdout[-3000:] + checked.stderr[-2000:]
    assert checked.stdout.strip().endswith("0 invalid")
