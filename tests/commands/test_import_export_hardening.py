"""`course export` and `course import` against a careless or hostile user, through the real
command line: an import touches only the profile it names, private texts stay out of exports
unless asked for, and a file outside the documented schema or its limits is refused whole."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from course.cli import main as cli
from course.store import ProgressStore

REPO = Path(__file__).resolve().parents[2]
EXAMPLE_COURSE = REPO / "docs" / "example-course"
QUIZ_REFLECTION = "Honestly, I rush my tea because mornings make me anxious."
LESSON_REFLECTION = "I never liked green tea; now I know why."


@pytest.fixture(autouse=True)
def english_system(monkeypatch: pytest.MonkeyPatch) -> None:
    """The commands print in the system locale's language: these tests read English."""
    for variable in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")


def course_main(*argv: str) -> int:
    """Run `course ARGV`; SystemExit is turned into its code."""
    try:
        return cli.main(list(argv))
    except SystemExit as exit_:
        return int(exit_.code or 0)


@pytest.fixture
def bob(data_dir: Path) -> Path:
    """Bob answered the steeping quiz, its reflection question included, and wrote a lesson
    reflection."""
    with ProgressStore.open(data_dir) as store:
        learner = store.learner("Bob")
        store.lesson_opened(learner.id, "example", "steeping")
        attempt = store.start_attempt(
            learner.id,
            "example",
            "1.0.0",
            "steeping-quiz",
            "steeping",
            ["bitter-tea", "next-cup"],
            seed=1,
        )
        store.record_answer(attempt.id, "bitter-tea", {"chosen": [0]}, "right", 1, 1)
        store.record_answer(attempt.id, "next-cup", {"text": QUIZ_REFLECTION}, "ungraded", 0, 0)
        store.finish_attempt(attempt.id)
        store.save_reflection(learner.id, "example", "steeping", LESSON_REFLECTION, "s1")
    return data_dir


def bobs_progress(data_dir: Path) -> Any:
    with ProgressStore.open(data_dir) as store:
        learner = store.learner("Bob")
        return (
            [a.answers for a in store.attempts(learner.id, "example")],
            store.reflection(learner.id, "example", "steeping"),
            sorted(one.name for one in store.learners()),
        )


def exported(tmp_path: Path, *options: str) -> dict[str, Any]:
    target = tmp_path / "bob.json"
    assert course_main("export", "--profile", "Bob", *options, "-o", str(target)) == 0
    document: dict[str, Any] = json.loads(target.read_text(encoding="utf-8"))
    return document


# -- 12.1 -------------------------------------------------------------------------------------


def test_import_refuses_a_file_that_would_change_another_profiles_answers(
    bob: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    forged = exported(tmp_path, "--include-reflections")
    forged["learner"]["name"] = "Mallory"
    (course,) = forged["courses"]
    for attempt in course["attempts"]:
        attempt["uid"] = "mallory-" + attempt["uid"]  # a new attempt, but Bob's answer uids
        for answer in attempt["answers"]:
            answer["answered_at"] = "2030-01-01T00:00:00Z"
            answer["answer"] = (
                {"text": "overwritten"} if "text" in answer["answer"] else {"chosen": [1]}
            )
    for reflection in course["reflections"]:
        reflection["text"] = "overwritten"
        reflection["saved_at"] = "2030-01-01T00:00:00Z"
    path = tmp_path / "mallory.json"
    path.write_text(json.dumps(forged), encoding="utf-8")
    before = bobs_progress(bob)
    capsys.readouterr()

    assert course_main("import", str(path)) == 1

    err = capsys.readouterr().err
    assert "belongs to the profile 'Bob', not 'Mallory'" in err and "Traceback" not in err
    assert bobs_progress(bob) == before
    assert "Mallory" not in before[2]


# -- 12.2 -------------------------------------------------------------------------------------


def test_export_leaves_out_every_private_text_unless_asked_for(
    bob: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plain = json.dumps(exported(tmp_path), ensure_ascii=False)
    assert course_main("export", "--profile", "Bob", "--format", "csv") == 0
    spreadsheet = capsys.readouterr().out

    for private in (QUIZ_REFLECTION, LESSON_REFLECTION):
        assert private not in plain
        assert private not in spreadsheet


@pytest.mark.parametrize("flag", ["--include-private", "--include-reflections"])
def test_include_private_and_its_old_name_export_every_private_text(
    bob: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], flag: str
) -> None:
    written = json.dumps(exported(tmp_path, flag), ensure_ascii=False)
    assert course_main("export", "--profile", "Bob", "--format", "csv", flag) == 0
    spreadsheet = capsys.readouterr().out

    for private in (QUIZ_REFLECTION, LESSON_REFLECTION):
        assert private in written
        assert private in spreadsheet


# -- 12.3 -------------------------------------------------------------------------------------


def one_answer(**changes: Any) -> dict[str, Any]:
    """An export of the example course with one answer to its 2-point single choice."""
    answer = {
        "uid": "n1",
        "question_id": "black-tea-water",
        "answer": {"chosen": [0]},
        "outcome": "right",
        "points": 2,
        "max_points": 2,
        "answered_at": "2025-01-01T00:01:00Z",
        **changes,
    }
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
                        "answers": [answer],
                    }
                ],
            }
        ],
    }


def nothing_imported(data_dir: Path) -> bool:
    with ProgressStore.open(data_dir) as store:
        return [one.name for one in store.learners()] == []


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"points": 4000, "max_points": 4}, "answers[0].max_points: 4 points, but the question"),
        ({"points": 4000}, "answers[0].points: expected a number from 0 to 2, found 4000"),
        ({"points": -3}, "answers[0].points: expected a number from 0 to 2, found -3"),
        ({"answer": {"text": "boiling"}}, "answers[0].answer.text: the question"),
        ({"answer": ["A"]}, "answers[0].answer: expected an object, found a list"),
        ({"question_id": "q" * 5000}, "answers[0].question_id: a text of 5,000 characters"),
    ],
)
def test_import_refuses_absurd_values_saying_where_and_writes_nothing(
    data_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    changes: dict[str, Any],
    message: str,
) -> None:
    path = tmp_path / "anna.json"
    path.write_text(json.dumps(one_answer(**changes)), encoding="utf-8")

    assert course_main("--course", str(EXAMPLE_COURSE), "import", str(path)) == 1

    err = capsys.readouterr().err
    assert f"{path}: courses[0].attempts[0].{message}" in err, err
    assert "export it again" in err and "Traceback" not in err
    assert nothing_imported(data_dir)


def test_import_refuses_a_file_over_20_mb_unread(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "huge.json"
    text = json.dumps(one_answer())
    path.write_text(text[:-1] + " " * (20 * 1024 * 1024) + "}", encoding="utf-8")

    assert course_main("import", str(path)) == 1

    err = capsys.readouterr().err
    assert "more than the 20 MB an export may have" in err
    assert nothing_imported(data_dir)


def test_import_accepts_a_file_that_starts_with_a_byte_order_mark(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "from-windows.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(one_answer()).encode("utf-8"))

    assert course_main("--course", str(EXAMPLE_COURSE), "import", str(path)) == 0

    assert "Imported" in capsys.readouterr().out
    assert not nothing_imported(data_dir)
