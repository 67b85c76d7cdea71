"""Item analysis as the trainer reads it: `course report` (table, CSV, Markdown) and the
`course class` dashboard, on a class of ten learners whose answers are known, with
facility and discrimination worked out by hand below."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import DataTable, Tabs

from course.cli import main as cli
from course.core.model import Course
from course.store import ProgressStore
from course.ui.dashboard import ClassDashboardApp

from .classdata import COURSE_ID, EXAMPLE_COURSE, VERSION, WATER_QUESTIONS

# Three choice questions of the example course, right option in the quiz file:
# black-tea-water (single, 2 points): #2 of 3; black-tea-time (single): #2 of 3;
# reboiled-water (true/false): #2 ("False") of 2. "R" is the right option; a number is
# the wrong option chosen (its index in the quiz file, from 0).
R = "R"
ANSWERS: dict[str, dict[str, str | int]] = {
    #         black-tea-water  black-tea-time  reboiled-water   total
    "ana": {"bw": R, "bt": R, "rb": R},  # 3
    "ben": {"bw": R, "bt": R, "rb": R},  # 3
    "cleo": {"bw": R, "bt": R, "rb": 0},  # 2
    "dora": {"bw": R, "bt": 0, "rb": R},  # 2
    "emil": {"bw": R, "bt": R, "rb": 0},  # 2
    "finn": {"bw": 0, "bt": R, "rb": R},  # 2
    "gus": {"bw": R, "bt": 0, "rb": 0},  # 1
    "hana": {"bw": 0, "bt": 2, "rb": R},  # 1
    "ida": {"bw": 0, "bt": 0, "rb": R},  # 1
    "jon": {"bw": 2, "bt": 0, "rb": 0},  # 0
}
QUESTIONS = {"bw": "black-tea-water", "bt": "black-tea-time", "rb": "reboiled-water"}
RIGHT_INDEX = 1  # the right option is the second in all three
POINTS = {"bw": 2.0, "bt": 1.0, "rb": 1.0}

# By hand. Ranked by total: ana, ben (3); cleo, dora, emil, finn (2); gus, hana, ida
# (1); jon (0). 27 % of 10 learners is 2.7: three in each group, ties by name.
UPPER = ("ana", "ben", "cleo")
LOWER = ("hana", "ida", "jon")


def right_share(short: str, learners: tuple[str, ...] | list[str]) -> float:
    return sum(ANSWERS[name][short] == R for name in learners) / len(learners)


FACILITY = {short: right_share(short, list(ANSWERS)) for short in QUESTIONS}
DISCRIMINATION = {
    short: right_share(short, UPPER) - right_share(short, LOWER) for short in QUESTIONS
}
# black-tea-water: 6 of 10 right, upper 3/3, lower 0/3; black-tea-time: 5 of 10, upper
# 3/3, lower 0/3; reboiled-water: 6 of 10, upper 2/3, lower 2/3.
assert FACILITY == {"bw": 0.6, "bt": 0.5, "rb": 0.6}
assert DISCRIMINATION == {"bw": 1.0, "bt": 1.0, "rb": 0.0}


def chose(short: str, index: int) -> int:
    return sum(
        (RIGHT_INDEX if answer[short] == R else answer[short]) == index
        for answer in ANSWERS.values()
    )


def fill(data_dir: Path) -> None:
    """Every learner of ANSWERS with one finished attempt at each quiz."""
    with ProgressStore.open(data_dir) as store:
        for name, given in ANSWERS.items():
            learner = store.learner(name)
            for lesson, shorts in (("water", ("bw", "rb")), ("steeping", ("bt",))):
                order = WATER_QUESTIONS if lesson == "water" else (QUESTIONS["bt"],)
                attempt = store.start_attempt(
                    learner.id, COURSE_ID, VERSION, f"{lesson}-quiz", lesson, order, 1, "self"
                )
                for short in shorts:
                    right = given[short] == R
                    chosen = RIGHT_INDEX if right else given[short]
                    store.record_answer(
                        attempt.id,
                        QUESTIONS[short],
                        {"chosen": [chosen]},
                        "right" if right else "wrong",
                        POINTS[short] if right else 0.0,
                        POINTS[short],
                    )
                store.finish_attempt(attempt.id)


@pytest.fixture
def known_class(data_dir: Path) -> Path:
    fill(data_dir)
    return data_dir


@pytest.fixture
def exports(known_class: Path, tmp_path: Path) -> list[str]:
    paths = []
    with ProgressStore.open(known_class) as store:
        for name in ANSWERS:
            path = tmp_path / f"{name}.json"
            path.write_text(json.dumps(store.export(name)), encoding="utf-8")
            paths.append(str(path))
    return paths


def report(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert cli.main(["--course", str(EXAMPLE_COURSE), *argv]) == 0
    return capsys.readouterr().out


def two(value: float, mark: str = ".") -> str:
    return f"{value:.2f}".replace(".", mark)


def expected_cells(short: str, mark: str = ".") -> list[str]:
    """What every table shows of a question, from the figures worked out by hand."""
    options = "·".join(
        f"{chose(short, index)}{'✓' if index == RIGHT_INDEX else ''}"
        for index in range(2 if short == "rb" else 3)
    )
    return [
        f"{chose(short, RIGHT_INDEX)}/{len(ANSWERS)}",
        two(FACILITY[short], mark),
        two(DISCRIMINATION[short], mark),
        options,
    ]


def test_the_printed_report_shows_facility_discrimination_and_the_options_chosen(
    exports: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    out = report(capsys, "--lang", "en", "report", *exports)

    analysis = out[out.index("Item analysis: which question and which option fooled") :]
    rows = {
        line.split()[0]: [cell.strip() for cell in line.split("  ") if cell.strip()]
        for line in analysis.splitlines()
        if line[:1].islower()
    }
    assert rows["black-tea-water"][1:] == [*expected_cells("bw"), "#1 About 70 °C."]
    assert rows["black-tea-time"][1:] == [*expected_cells("bt"), "#1 One minute."]
    assert rows["reboiled-water"][1:] == [*expected_cells("rb"), "#1 True"]
    assert rows["black-tea-water"][1:5] == ["6/10", "0.60", "1.00", "3·6✓·1"]
    # questions nobody answered have no figures
    assert rows["tea-steps"][1:] == ["–", "–", "–", "–", "–"]
    assert "Discrimination: the facility among the best 27 %" in analysis


def test_the_csv_carries_the_figures_and_one_line_per_option(
    exports: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    rows = list(csv.reader(io.StringIO(report(capsys, "report", *exports, "--format", "csv"))))

    header = rows.index(
        [
            "question_id",
            "quiz_id",
            "prompt",
            "first_answers",
            "right",
            "facility",
            "discrimination",
            "most_chosen_wrong_option",
        ]
    )
    section = rows[header + 1 : rows.index([], header)]
    items = {row[0]: row for row in section}
    for short, question_id in QUESTIONS.items():
        row = items[question_id]
        assert float(row[5]) == pytest.approx(FACILITY[short])
        assert float(row[6]) == pytest.approx(DISCRIMINATION[short])
        assert row[3:5] == ["10", str(chose(short, RIGHT_INDEX))]
        assert row[7] == "1"  # the first option fooled the most
    options = rows[rows.index(["question_id", "option", "text", "correct", "chosen_by"]) + 1 :]
    assert [row for row in options if row[0] == "black-tea-water"] == [
        ["black-tea-water", "1", "About 70 °C.", "no", "3"],
        ["black-tea-water", "2", "Just off the boil, about 95 °C.", "yes", "6"],
        ["black-tea-water", "3", "Lukewarm, about 40 °C, to keep it mild.", "no", "1"],
    ]


def test_the_markdown_report_has_the_item_analysis_in_german(
    exports: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    text = report(capsys, "--lang", "de", "report", *exports, "--format", "md")

    assert "## Aufgabenanalyse" in text
    cells = " | ".join(["black-tea-water", *expected_cells("bw", ","), "#1 Etwa 70 °C."])
    assert f"| {cells} |" in text
    assert "| 0,50 | 1,00 |" in text  # black-tea-time, with the German decimal mark
    assert "Trennschärfe" in text


async def test_the_dashboard_shows_the_item_analysis_on_i(
    known_class: Path, course: Course
) -> None:
    with ProgressStore.open(known_class) as store:
        app = ClassDashboardApp(course, store, "en")
        async with app.run_test(size=(140, 40)) as pilot:
            assert not app.query_one("#items").display
            await pilot.press("i")

            assert app.query_one("#items").display and not app.query_one("#questions").display
            assert app.query_one("#lower-tabs", Tabs).active == "items-tab"
            assert "Discrimination: best 27 % less weakest" in str(
                app.query_one("#share-note").render()
            )
            table: DataTable[Any] = app.query_one("#items", DataTable)
            rows = {
                str(table.get_row_at(index)[0]): [str(cell) for cell in table.get_row_at(index)]
                for index in range(table.row_count)
            }
            assert rows["black-tea-water"][1:] == [*expected_cells("bw"), "#1 About 70 °C."]
            assert rows["reboiled-water"][1:5] == expected_cells("rb")

            await pilot.press("i")
            assert app.query_one("#questions").display and not app.query_one("#items").display
            assert app.query_one("#lower-tabs", Tabs).active == "questions-tab"


async def test_a_click_on_the_tab_shows_the_item_analysis_in_german(
    known_class: Path, course: Course
) -> None:
    with ProgressStore.open(known_class) as store:
        app = ClassDashboardApp(course, store, "de")
        async with app.run_test(size=(140, 40)) as pilot:
            await pilot.click("#items-tab")
            await pilot.pause()

            assert app.query_one("#items").display
            table: DataTable[Any] = app.query_one("#items", DataTable)
            headers = [str(column.label) for column in table.columns.values()]
            assert headers[2:4] == ["Schwierigkeit", "Trennschärfe"]
            row = next(
                [str(cell) for cell in table.get_row_at(index)]
                for index in range(table.row_count)
                if str(table.get_row_at(index)[0]) == "black-tea-time"
            )
            assert row[1:5] == expected_cells("bt", ",")


@pytest.mark.parametrize(("language", "fooled_by"), [("en", "#1 About"), ("de", "#1 Etwa")])
async def test_the_item_analysis_fits_80_columns_without_sideways_scrolling(
    known_class: Path, course: Course, language: str, fooled_by: str
) -> None:
    with ProgressStore.open(known_class) as store:
        app = ClassDashboardApp(course, store, language)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("i")
            await pilot.pause()

            table: DataTable[Any] = app.query_one("#items", DataTable)
            assert table.virtual_size.width <= table.size.width
            cells = [str(cell) for cell in table.get_row_at(0)]
            assert cells[0] == "black-tea-water" and cells[-1].startswith(fooled_by)
