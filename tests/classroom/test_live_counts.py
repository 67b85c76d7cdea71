"""Answers given in live rounds are counted as live attempts, apart from the quiz scores, in
`course progress`, the `course class` dashboard and `course report`."""

from __future__ import annotations

import asyncio
import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import DataTable

from course.cli import main as cli
from course.cli import progress
from course.core.grading import Outcome
from course.core.model import Course
from course.core.scoring import LiveCount
from course.store import ProgressStore
from course.ui.dashboard import ClassDashboardApp
from course.workshop import classview

from .classdata import COURSE_ID, EXAMPLE_COURSE, VERSION

# Two live rounds on the class of classdata: black-tea-time, where ana is right and ben
# is not; bitter-tea, where only ana answers, rightly. ana: 2 answered, 2 right; ben: 1
# answered, 0 right. Per question: black-tea-time 1 right of 2, bitter-tea 1 of 1.
LIVE = {
    "black-tea-time": {"ana": Outcome.RIGHT, "ben": Outcome.WRONG},
    "bitter-tea": {"ana": Outcome.RIGHT},
}


def answer_live(data_dir: Path) -> None:
    """The live rounds of LIVE, as the presenter and the learner apps write them."""
    with ProgressStore.open(data_dir) as store:
        room = store.classroom(COURSE_ID)
        for question_id, outcomes in LIVE.items():
            live = room.open_round("steeping", "steeping-quiz", question_id, seed=7)
            for name, outcome in outcomes.items():
                points = 1.0 if outcome is Outcome.RIGHT else 0.0
                learner = store.learner(name)
                assert room.answer_round(
                    live.id, learner.id, VERSION, {"chosen": [1]}, outcome, points, 1.0
                )
            room.end_round()


def answer_anonymously(data_dir: Path) -> None:
    """An anonymous round on black-tea-time: ana right, ben and cleo not. Nobody's."""
    with ProgressStore.open(data_dir) as store:
        room = store.classroom(COURSE_ID)
        live = room.open_round("steeping", "steeping-quiz", "black-tea-time", 8, anonymous=True)
        for name, outcome in (
            ("ana", Outcome.RIGHT),
            ("ben", Outcome.WRONG),
            ("cleo", Outcome.WRONG),
        ):
            points = 1.0 if outcome is Outcome.RIGHT else 0.0
            learner = store.learner(name)
            assert room.answer_round(
                live.id, learner.id, VERSION, {"chosen": [1]}, outcome, points, 1.0
            )
        room.end_round()


def progress_text(data_dir: Path, course: Course, name: str, language: str = "en") -> str:
    with ProgressStore.open(data_dir) as store:
        learner = store.find_learner(name)
        assert learner is not None
        return progress.report(store, course, learner.id, name, language)


# -- course progress --------------------------------------------------------------------------


def test_progress_counts_live_answers_apart_and_leaves_the_scores_as_they_were(
    class_dir: Path, course: Course
) -> None:
    before = {name: progress_text(class_dir, course, name) for name in ("ana", "ben")}

    answer_live(class_dir)

    ana = progress_text(class_dir, course, "ana")
    assert ana == before["ana"] + "\n" + "\n".join(
        [
            "Live questions: 2 answered, 2 right (not part of the quiz scores).",
            "  black-tea-time: 1 answered, 1 right",
            "  bitter-tea: 1 answered, 1 right",
        ]
    )
    ben = progress_text(class_dir, course, "ben")
    assert ben.startswith(before["ben"])  # no score, verdict or "unfinished" changed
    assert ben.endswith(
        "Live questions: 1 answered, 0 right (not part of the quiz scores).\n"
        "  black-tea-time: 1 answered, 0 right"
    )


def test_progress_says_nothing_of_live_answers_when_there_were_none_and_speaks_german(
    class_dir: Path, course: Course
) -> None:
    assert "Live" not in progress_text(class_dir, course, "cleo")
    answer_live(class_dir)
    assert "Live-Fragen: 2 beantwortet, 2 richtig" in progress_text(class_dir, course, "ana", "de")


def test_course_progress_prints_the_live_answers(
    class_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answer_live(class_dir)

    code = cli.main(
        ["--course", str(EXAMPLE_COURSE), "--lang", "en", "progress", "--profile", "ben"]
    )

    assert code == 0
    assert "Live questions: 1 answered, 0 right" in capsys.readouterr().out


# -- the dashboard ----------------------------------------------------------------------------


def rows_by_key(app: ClassDashboardApp, table_id: str, key: int) -> dict[str, list[str]]:
    table: DataTable[Any] = app.query_one(f"#{table_id}", DataTable)
    rows = [[str(cell) for cell in table.get_row_at(index)] for index in range(table.row_count)]
    return {row[key]: row for row in rows}


def headers(app: ClassDashboardApp, table_id: str) -> list[str]:
    table: DataTable[Any] = app.query_one(f"#{table_id}", DataTable)
    return [str(column.label) for column in table.columns.values()]


async def test_the_dashboard_shows_live_answers_per_learner_and_question_on_the_next_refresh(
    class_dir: Path, store: ProgressStore, course: Course
) -> None:
    app = ClassDashboardApp(course, store, "en")
    async with app.run_test(size=(140, 40)) as pilot:
        assert "Live" not in headers(app, "learners")  # no live round yet: no column
        before = rows_by_key(app, "learners", 0)

        answer_live(class_dir)  # from other connections, as presenter and learners
        answer_anonymously(class_dir)
        app.poll()
        await asyncio.to_thread(app.storage.drain)
        await pilot.pause()

        learner_headers = headers(app, "learners")
        live = learner_headers.index("Live")
        assert learner_headers[live - 1] == "Avg"
        learners = rows_by_key(app, "learners", 0)
        assert {name: row[live] for name, row in learners.items()} == {
            "ana": "2/2",
            "ben": "0/1",
            "cleo": "–",  # her answer to the anonymous round is nobody's
        }
        for name, row in learners.items():  # the scores are what they were
            assert row[:live] == before[name][:live]
        questions = rows_by_key(app, "questions", 1)
        column = headers(app, "questions").index("Live")
        assert questions["black-tea-time"][column] == "2/5"  # 1 of 2 named, 1 of 3 anonymous
        assert questions["bitter-tea"][column] == "1/1"
        assert questions["tea-steps"][column] == "–"
        assert "they are no part of any quiz score" in str(app.query_one("#share-note").render())


# -- course report ----------------------------------------------------------------------------


@pytest.fixture
def live_exports(class_dir: Path, tmp_path: Path) -> list[str]:
    answer_live(class_dir)
    paths = []
    with ProgressStore.open(class_dir) as store:
        for name in ("ana", "ben", "cleo"):
            path = tmp_path / f"{name}.json"
            path.write_text(json.dumps(store.export(name)), encoding="utf-8")
            paths.append(str(path))
    return paths


def report(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert cli.main(["--course", str(EXAMPLE_COURSE), "--lang", "en", "report", *argv]) == 0
    return capsys.readouterr().out


def test_the_report_shows_live_answers_apart_from_the_scores(
    live_exports: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    out = report(capsys, *live_exports)

    learner_lines = {line.split()[0]: line.split() for line in out.splitlines()[4:9] if line}
    assert learner_lines["Learner"][-3:] == ["Avg", "Live", "Time"]
    assert learner_lines["ana"][-5:] == ["100", "%", "2/2", "12", "min"]  # Avg 100 %, as before
    assert learner_lines["ben"][-5:] == ["80", "%", "0/1", "15", "min"]
    black_tea = next(line for line in out.splitlines() if line.startswith("Q2    black-tea-time"))
    assert black_tea.split()[-1] == "1/2"
    assert "Live: answers given in live rounds, right of answered" in out


def test_the_report_csv_and_markdown_carry_the_live_answers(
    live_exports: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    rows = list(csv.reader(io.StringIO(report(capsys, *live_exports, "--format", "csv"))))
    learners = {row[0]: row for row in rows[1:4]}
    assert rows[0][-2:] == ["live_answered", "live_right"]
    assert learners["ana"][-2:] == ["2", "2"] and learners["ben"][-2:] == ["1", "0"]
    assert learners["ana"][6] == "100"  # the average of the quiz scores, untouched
    black_tea = next(row for row in rows if row[:2] == ["black-tea-time", "steeping-quiz"])
    assert black_tea[-2:] == ["2", "1"]

    markdown = report(capsys, *live_exports, "--format", "md")
    assert "| ana | Steeping | 1/2 | 100 % | – | 100 % | 2/2 | 12 min |" in markdown
    assert "right of answered" in markdown


def test_anonymous_answers_count_per_question_and_for_no_learner(
    class_dir: Path, course: Course
) -> None:
    before = progress_text(class_dir, course, "cleo")
    answer_anonymously(class_dir)

    with ProgressStore.open(class_dir) as store:
        view = classview.view_from_store(store, course, "en")
    questions = {row.question_id: row.live for row in view.questions}
    assert questions["black-tea-time"] == LiveCount(answered=3, right=1)
    assert all(not row.live for row in view.learners)
    assert progress_text(class_dir, course, "cleo") == before
    # the item analysis knows nothing of them: they are nobody's first answer
    items = {row.question_id: row.figures for row in view.items}
    assert items["black-tea-time"].answered == 0
