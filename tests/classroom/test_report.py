"""`course report FILE...` on export files written by a real store (plus broken ones), through
the real command line."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
from pathlib import Path

import pytest

from course.cli import main as cli
from course.store import ProgressStore
from course.store.export_format import FIX_HINT

from .classdata import EXAMPLE_COURSE


def course_main(*argv: str) -> int:
    """Run `course --course EXAMPLE ARGV`; SystemExit is turned into its code."""
    try:
        return cli.main(["--course", str(EXAMPLE_COURSE), *argv])
    except SystemExit as exit_:
        return int(exit_.code or 0)


@pytest.fixture
def exports(store: ProgressStore, tmp_path: Path) -> list[Path]:
    """ana.json, ben.json and cleo.json, as `course export` writes them."""
    paths = []
    for name in ("ana", "ben", "cleo"):
        path = tmp_path / f"{name}.json"
        path.write_text(json.dumps(store.export(name), indent=2), encoding="utf-8")
        paths.append(path)
    return paths


@pytest.fixture
def malformed(exports: list[Path], tmp_path: Path) -> Path:
    """An export whose second attempt has a mode no app writes."""
    document = json.loads(exports[1].read_text(encoding="utf-8"))
    document["learner"]["name"] = "dan"
    document["courses"][0]["attempts"][1]["mode"] = "exam"
    path = tmp_path / "dan.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


@pytest.fixture
def not_json(tmp_path: Path) -> Path:
    """A file that is not JSON at all."""
    path = tmp_path / "eve.json"
    path.write_text("Eve's notes: black tea wants boiling water\n", encoding="utf-8")
    return path


def lines_starting(text: str, start: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith(start)]


def test_report_prints_the_learners_and_the_hardest_questions(
    exports: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert course_main("--lang", "en", "report", *map(str, exports)) == 0

    out, err = capsys.readouterr()
    assert err == ""
    assert out.startswith("Class report: Making good tea\n\nLearners (3)\n")
    assert lines_starting(out, "Learner ")[0].split() == [
        "Learner",
        "Current",
        "lesson",
        "Done",
        "Q1",
        "Q2",
        "Avg",
        "Time",
    ]
    assert lines_starting(out, "ana ")[0].split() == [
        "ana",
        "Steeping",
        "1/2",
        "100",
        "%",
        "–",
        "100",
        "%",
        "12",
        "min",
    ]
    assert lines_starting(out, "ben ")[0].split()[5:7] == ["80", "%"]
    assert "Q1 = Water and temperature, Q2 = Steeping" in out
    questions = out[out.index("Questions, hardest first") :]
    quiz_rows = [line for line in questions.splitlines() if line[:3] in ("Q1 ", "Q2 ")]
    assert [row.split()[1] for row in quiz_rows][:2] == ["bitter-tea", "green-tea-taste"]
    assert quiz_rows[1].endswith("2   50 %")
    assert "a partly right answer counts as half" in out


def test_a_malformed_file_is_named_with_its_problem_and_the_others_are_reported(
    exports: list[Path],
    malformed: Path,
    not_json: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    files = [str(exports[0]), str(malformed), str(not_json), *map(str, exports[1:])]

    assert course_main("--lang", "en", "report", *files) == 1

    out, err = capsys.readouterr()
    assert err.splitlines() == [
        f"{malformed}: courses[0].attempts[1].mode: expected one of live, retry-wrong, "
        f"review, self, found the text 'exam'; {FIX_HINT}.",
        f"{not_json}: not JSON (line 1, column 1: Expecting value): not a progress export",
    ]
    assert "Learners (3)" in out
    assert [line.split()[0] for line in out.splitlines()[6:9]] == ["ana", "ben", "cleo"]
    assert not lines_starting(out, "dan ") and not lines_starting(out, "eve ")


def test_a_missing_file_is_a_problem_too(
    exports: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nobody.json"

    assert course_main("report", str(exports[0]), str(missing)) == 1

    assert capsys.readouterr().err.startswith(f"{missing}: cannot be read: No such file")


def test_report_writes_csv_atomically_with_o(
    exports: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "out" / "class.csv"
    target.parent.mkdir()

    assert course_main("--lang", "en", "report", *map(str, exports), "-o", str(target)) == 0

    out, err = capsys.readouterr()
    assert "Learners (3)" in out  # the tables are still printed
    assert err == f"Wrote the report of 3 learners to {target}.\n"
    lines = target.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("learner,current_lesson,lessons_done,lessons_total,")
    assert lines[1] == "ana,Steeping,1,2,100,,100,720,0,0"
    assert "" in lines and lines[lines.index("") + 1].startswith("question_id,")
    assert os.listdir(target.parent) == ["class.csv"]  # no temporary file left behind


def test_report_writes_markdown_when_the_file_ends_in_md(
    exports: list[Path], tmp_path: Path
) -> None:
    target = tmp_path / "class.md"

    assert course_main("--lang", "de", "report", *map(str, exports), "-o", str(target)) == 0

    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Kursbericht: Guten Tee zubereiten\n")
    assert "| ana | Ziehen lassen | 1/2 | 100 % | – | 100 % | 12 min |" in text


def test_format_without_o_prints_that_format_instead_of_the_tables(
    exports: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert course_main("report", *map(str, exports), "--format", "csv") == 0

    assert capsys.readouterr().out.startswith("learner,current_lesson,")


def test_format_overrides_the_file_name(exports: list[Path], tmp_path: Path) -> None:
    target = tmp_path / "class.txt"

    assert course_main("report", str(exports[0]), "-o", str(target), "--format", "md") == 0

    assert target.read_text(encoding="utf-8").startswith("# ")


def test_a_file_of_another_course_is_noted_and_reported_without_progress(
    exports: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = json.loads(exports[0].read_text(encoding="utf-8"))
    document["courses"][0]["id"] = "pottery"
    other = tmp_path / "ana-pottery.json"
    other.write_text(json.dumps(document), encoding="utf-8")

    assert course_main("--lang", "en", "report", str(other)) == 0

    out, err = capsys.readouterr()
    assert err.startswith(f"{other}: no progress in the course 'example' (the file has 'pottery')")
    assert lines_starting(out, "ana ")[0].split()[1:3] == ["–", "0/2"]


def test_an_unwritable_output_fails_with_a_message(
    exports: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "no-such-folder" / "class.csv"

    assert course_main("report", str(exports[0]), "-o", str(target)) == 1

    assert f"course: cannot write {target}" in capsys.readouterr().err


def test_help_explains_the_exit_status(capsys: pytest.CaptureFixture[str]) -> None:
    assert course_main("report", "--help") == 0

    out = capsys.readouterr().out
    assert "Exit status: 0 when every file was read; 1 when any file could not be used" in out
    assert "a partly right answer counting as half" in out


@pytest.mark.parametrize("form", ["text", "md", "csv"])
def test_prompts_are_reported_as_plain_text_without_markdown_markers(
    form: str, exports: list[Path], markdown_course_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    chosen = [] if form == "text" else ["--format", form]
    argv = ["--course", str(markdown_course_dir), "--lang", "en", "report", *map(str, exports)]

    assert cli.main([*argv, *chosen]) == 0

    out = capsys.readouterr().out
    assert "Which of these make tea bitter?" in out
    assert "Match each tea with the water it wants" in out
    assert not {"*", "`"} & set(out)


def export_copy(source: Path, target: Path, **changes: object) -> Path:
    """`source` written again as `target`, with top-level keys changed."""
    document = json.loads(source.read_text(encoding="utf-8"))
    document.update(changes)
    target.write_text(json.dumps(document), encoding="utf-8")
    return target


def test_the_same_learner_given_twice_is_reported_once_and_the_files_named(
    exports: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ana, ben, cleo = exports
    again = export_copy(ana, tmp_path / "ana (1).json")

    assert course_main("--lang", "en", "report", str(ana), str(again), str(ben), str(cleo)) == 0

    out, err = capsys.readouterr()
    assert err.splitlines() == [
        f"{again}: the same learner ('ana') as {ana}; only the newer export, {ana}, is reported."
    ]
    assert "Learners (3)" in out and len(lines_starting(out, "ana ")) == 1
    questions = out[out.index("Questions, hardest first") :]
    quiz_rows = [line for line in questions.splitlines() if line[:3] in ("Q1 ", "Q2 ")]
    assert quiz_rows[1].endswith("2   50 %")  # her answers count once, as without the copy


def test_a_file_given_twice_is_reported_once_and_said_so(
    exports: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    ana, ben, _ = exports
    assert course_main("--lang", "en", "report", str(ana), str(ben), str(ana)) == 0
    out, err = capsys.readouterr()
    assert err.splitlines() == [f"{ana}: given more than once; it is reported once."]
    assert len(lines_starting(out, "ana ")) == 1


def test_of_two_exports_of_a_learner_the_newest_is_reported_whatever_the_order(
    exports: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ana = exports[0]
    older = export_copy(
        ana, tmp_path / "ana-monday.json", exported_at="2020-01-06T09:00:00Z", courses=[]
    )

    assert course_main("--lang", "en", "report", str(ana), str(older)) == 0

    out, err = capsys.readouterr()
    assert err.startswith(f"{older}: the same learner ('ana') as {ana};")
    assert lines_starting(out, "ana ")[0].split()[1:3] == ["Steeping", "1/2"]


def test_learners_who_each_kept_the_default_name_on_their_laptops_are_all_reported(
    exports: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    laptops = [
        export_copy(
            source,
            tmp_path / f"laptop-{index}.json",
            learner={"name": "default", "created_at": f"2025-01-0{index + 1}T08:00:00Z"},
        )
        for index, source in enumerate(exports)
    ]

    assert course_main("--lang", "en", "report", *map(str, laptops)) == 0

    out, err = capsys.readouterr()
    assert err == ""
    assert "Learners (3)" in out and len(lines_starting(out, "default ")) == 3


LONG_PROMPT = (
    "Which water gives black tea its fullest taste when the leaves are\n"
    "steeped for four minutes in a warmed pot?"
)
"""A prompt wrapped over two lines in the quiz file, as long prompts are."""


@pytest.fixture
def wrapped_prompt_course(tmp_path: Path) -> Path:
    """A copy of the example course whose first question's prompt is LONG_PROMPT."""
    copy = tmp_path / "wrapped-course"
    shutil.copytree(EXAMPLE_COURSE, copy)
    quiz_file = copy / "quizzes" / "en" / "01-water.md"
    text = quiz_file.read_text(encoding="utf-8")
    quiz_file.write_text(
        text.replace("How hot should the water be for black tea?", LONG_PROMPT), encoding="utf-8"
    )
    return copy


def test_the_csv_carries_a_wrapped_prompt_whole(
    exports: list[Path], wrapped_prompt_course: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["--course", str(wrapped_prompt_course), "--lang", "en", "report"]
    assert cli.main([*argv, *map(str, exports), "--format", "csv"]) == 0

    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    question_row, item_row = (row for row in rows if row[:2] == ["black-tea-water", "water-quiz"])
    assert question_row[3] == item_row[2] == " ".join(LONG_PROMPT.split())


@pytest.mark.parametrize("form", ["text", "md"])
def test_tables_cut_a_long_prompt_after_a_whole_word_with_an_ellipsis(
    form: str, exports: list[Path], wrapped_prompt_course: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    chosen = [] if form == "text" else ["--format", form]
    argv = ["--course", str(wrapped_prompt_course), "--lang", "en", "report"]
    assert cli.main([*argv, *map(str, exports), *chosen]) == 0

    line = next(line for line in capsys.readouterr().out.splitlines() if "black-tea-water" in line)
    cells = [cell.strip() for cell in re.split(r"\|| {2,}", line) if cell.strip()]
    assert cells[2] == "Which water gives black tea its fullest taste…"
