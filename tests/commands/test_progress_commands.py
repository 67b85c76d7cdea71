"""The progress commands through the real command line: progress, export, import, reset,
profiles. Each test has its own data folder (COURSE_DATA_DIR, set by tests/conftest.py)."""

from __future__ import annotations

import io
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from course.cli import main as cli
from course.store import Place, ProgressStore

REPO = Path(__file__).resolve().parents[2]
EXAMPLE_COURSE = REPO / "docs" / "example-course"
MINE = ("progress", "export", "importing", "reset", "profiles")


@pytest.fixture(autouse=True)
def english_system(monkeypatch: pytest.MonkeyPatch) -> None:
    """The commands print in the system locale's language: these tests read English."""
    for variable in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")


@pytest.fixture(autouse=True)
def registered(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make sure the CLI knows these commands, whether or not the lead has added them yet."""
    known = tuple(cli.COMMAND_MODULES)
    monkeypatch.setattr(cli, "COMMAND_MODULES", known + tuple(m for m in MINE if m not in known))


def course_main(*argv: str, stdin: str | None = None) -> int:
    """Run `course ARGV`; SystemExit is turned into its code."""
    if stdin is not None:
        sys.stdin = io.StringIO(stdin)
    try:
        return cli.main(list(argv))
    except SystemExit as exit_:
        return int(exit_.code or 0)
    finally:
        sys.stdin = sys.__stdin__


@pytest.fixture
def filled(data_dir: Path) -> Path:
    """The default profile has completed lesson "water" and passed its quiz."""
    with ProgressStore.open(data_dir) as store:
        learner = store.learner()
        store.lesson_opened(learner.id, "example", "water")
        store.add_time(learner.id, "example", "water", 754)
        store.lesson_completed(learner.id, "example", "water")
        store.lesson_opened(learner.id, "example", "removed-lesson")
        attempt = store.start_attempt(
            learner.id, "example", "1.0.0", "water-quiz", "water", ["q1", "q2"], seed=1
        )
        store.record_answer(attempt.id, "q1", {"chosen": [0]}, "right", 1, 1)
        store.record_answer(attempt.id, "q2", {"chosen": [1]}, "right", 2, 3)
        store.finish_attempt(attempt.id)
        store.save_place(learner.id, "example", Place("water"))
        store.save_reflection(learner.id, "example", "water", "Soft water is best.", "s1")
    return data_dir


# -- progress ---------------------------------------------------------------------------------


def test_progress_shows_each_lesson_with_status_score_and_time(
    filled: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert course_main("--course", str(EXAMPLE_COURSE), "--lang", "en", "progress") == 0
    out = capsys.readouterr().out
    assert "Making good tea (example 1.0.0), profile 'default'" in out
    water = next(line for line in out.splitlines() if line.startswith("1 "))
    assert "completed" in water and "3/4 (75 %) passed" in water and "13 min" in water
    steeping = next(line for line in out.splitlines() if line.startswith("2 "))
    assert "not started" in steeping
    assert "Lessons completed: 1 of 2. Quizzes passed: 1 of 2 (pass mark 70 %)." in out
    assert "no longer in this course: removed-lesson" in out


def test_progress_of_a_new_learner_is_an_empty_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert course_main("--course", str(EXAMPLE_COURSE), "progress") == 0
    out = capsys.readouterr().out
    assert "Lessons completed: 0 of 2." in out


def test_progress_of_an_unknown_profile_fails_with_a_message(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert course_main("--course", str(EXAMPLE_COURSE), "progress", "--profile", "Zoe") == 1
    assert "no profile named 'Zoe'" in capsys.readouterr().err


def test_progress_with_a_broken_course_prints_its_problems(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "course.toml").write_text("id = \n", encoding="utf-8")
    assert course_main("--course", str(tmp_path), "progress") == 1
    err = capsys.readouterr().err
    assert "course.toml" in err and "could not be loaded" in err


def test_a_damaged_progress_file_is_reported_and_moved_aside(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir.mkdir()
    (data_dir / ProgressStore.DB_NAME).write_bytes(b"garbage" * 100)
    assert course_main("profiles") == 0
    err = capsys.readouterr().err
    assert "could not be used" in err and "moved to" in err and "nothing was deleted" in err


def test_an_unwritable_data_folder_exits_1_with_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert course_main("--data-dir", str(blocker / "data"), "profiles") == 1
    err = capsys.readouterr().err
    assert err.startswith("course: Cannot create the data folder") and "Traceback" not in err


# -- export and import ------------------------------------------------------------------------


def test_export_writes_json_atomically_and_import_round_trips(
    filled: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "anna.json"
    assert course_main("export", "-o", str(target)) == 0
    document = json.loads(target.read_text(encoding="utf-8"))
    assert document["learner"]["name"] == "default"
    assert "reflections" not in document["courses"][0]
    assert [p.name for p in tmp_path.iterdir()] == ["anna.json"]  # no temporary file left
    if os.name == "posix":
        assert stat.S_IMODE(target.stat().st_mode) == 0o600

    other = tmp_path / "other-machine"
    assert course_main("--data-dir", str(other), "import", str(target)) == 0
    assert "Imported" in capsys.readouterr().out
    assert course_main("--data-dir", str(other), "import", str(target)) == 0
    assert "Nothing new" in capsys.readouterr().out
    with ProgressStore.open(other) as store:
        learner = store.learner()
        assert store.lessons(learner.id, "example")["water"].completed


def test_export_to_stdout_with_reflections(
    filled: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert course_main("export", "--include-reflections") == 0
    document = json.loads(capsys.readouterr().out)
    (course,) = document["courses"]
    assert [r["text"] for r in course["reflections"]] == ["Soft water is best."]


def test_export_as_csv(filled: Path, tmp_path: Path) -> None:
    target = tmp_path / "progress.csv"
    assert course_main("export", "-o", str(target)) == 0  # the suffix picks CSV
    lines = target.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("kind,learner,course_id")
    assert sum(line.startswith("answer,") for line in lines) == 2


def test_export_of_an_unknown_profile_fails(capsys: pytest.CaptureFixture[str]) -> None:
    assert course_main("export", "--profile", "Zoe") == 1
    assert "no profile named 'Zoe'" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"format": "course-progress",\n "format_version": ', "bad.json:2:20: not valid JSON"),
        ('{"format": "other"}', "bad.json: format: expected 'course-progress'"),
        (
            '{"format": "course-progress", "format_version": 1, "learner": {"name": "A"}, '
            '"courses": [{"id": "x", "attempts": [{"uid": 3}]}]}',
            "bad.json: courses[0].attempts[0].uid: expected a non-empty text",
        ),
    ],
)
def test_import_of_a_malformed_file_says_what_and_where_without_a_traceback(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    content: str,
    message: str,
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert course_main("import", "bad.json") == 1
    err = capsys.readouterr().err
    assert err.startswith(f"course: {message}"), err
    assert "Traceback" not in err


def test_import_of_a_missing_file_fails_with_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert course_main("import", str(tmp_path / "nope.json")) == 1
    assert "cannot read" in capsys.readouterr().err


def test_import_as_a_subprocess_exits_1_without_a_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("[1, 2", encoding="utf-8")
    code = (
        "import sys; from course.cli import main as cli; "
        f"cli.COMMAND_MODULES = tuple(dict.fromkeys(cli.COMMAND_MODULES + {MINE!r})); "
        "sys.exit(cli.main(sys.argv[1:]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, "import", str(bad)],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )
    assert result.returncode == 1
    assert "not valid JSON" in result.stderr and "Traceback" not in result.stderr


# -- reset ------------------------------------------------------------------------------------


def test_reset_asks_and_does_nothing_without_a_yes(
    filled: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert course_main("reset", stdin="") == 1  # end of input means no
    assert course_main("reset", stdin="n\n") == 1
    assert "Nothing was deleted" in capsys.readouterr().out
    with ProgressStore.open(filled) as store:
        assert store.lessons(store.learner().id, "example")


@pytest.mark.parametrize("how", [("--yes",), ()])
def test_reset_deletes_the_progress_and_keeps_the_profile(
    filled: Path, how: tuple[str, ...]
) -> None:
    assert course_main("reset", *how, stdin="y\n") == 0
    with ProgressStore.open(filled) as store:
        learner = store.find_learner("default")
        assert learner is not None
        assert store.lessons(learner.id, "example") == {}
        assert store.attempts(learner.id, "example") == []


def test_reset_of_an_unknown_profile_fails(capsys: pytest.CaptureFixture[str]) -> None:
    assert course_main("reset", "--profile", "Zoe", "--yes") == 1
    assert "no profile named 'Zoe'" in capsys.readouterr().err


# -- profiles ---------------------------------------------------------------------------------


def test_profiles_are_created_listed_renamed_and_deleted(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert course_main("profiles") == 0
    assert "No profiles yet" in capsys.readouterr().out
    assert course_main("profiles", "create", "Anna") == 0
    assert course_main("profiles", "create", "Bert") == 0
    assert course_main("profiles", "create", "Anna") == 1
    assert "already exists" in capsys.readouterr().err
    assert course_main("profiles", "rename", "Bert", "Berta") == 0
    assert course_main("profiles", "rename", "Anna", "Berta") == 1
    capsys.readouterr()
    assert course_main("profiles", "list") == 0
    listing = capsys.readouterr().out.splitlines()
    assert listing[0].split()[:2] == ["Profile", "Created"]
    assert [line.split()[0] for line in listing[2:]] == ["Anna", "Berta"]
    assert course_main("profiles", "delete", "Anna", stdin="") == 1
    assert course_main("profiles", "delete", "Anna", "--yes") == 0
    assert course_main("profiles", "delete", "Anna", "--yes") == 1
    capsys.readouterr()
    assert course_main("profiles") == 0
    assert "Anna" not in capsys.readouterr().out


def test_the_global_profile_option_works_before_the_command(
    filled: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert course_main("profiles", "create", "Anna") == 0
    assert course_main("--profile", "Anna", "export") == 0
    assert json.loads(capsys.readouterr().out.split("\n", 1)[1])["learner"]["name"] == "Anna"
