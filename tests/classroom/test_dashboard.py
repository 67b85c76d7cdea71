"""The live class dashboard (`course class`) with three learners fed through the store:
Pilot tests of what it shows and what its keys do, and snapshots of how it looks."""

from __future__ import annotations

import argparse
import asyncio
import csv
import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Tab

from course.cli import main as cli
from course.core.model import Course
from course.store import Place, ProgressStore
from course.store.classroom import Classroom
from course.ui.dashboard import ClassDashboardApp

from .classdata import COURSE_ID, EXAMPLE_COURSE, example_course, quiz

SnapCompare = Callable[..., bool]
FIXED_NOW = datetime(2025, 3, 1, 9, 30, 5)


def make_dashboard(store: ProgressStore, course: Course, language: str = "en") -> ClassDashboardApp:
    """The dashboard on `store`, with a fixed clock for file names."""
    return ClassDashboardApp(course, store, language, now=lambda: FIXED_NOW)


def table_rows(app: ClassDashboardApp, table_id: str) -> list[list[str]]:
    """The cells of a table, as plain text, top to bottom."""
    table: DataTable[Any] = app.query_one(f"#{table_id}", DataTable)
    return [[str(cell) for cell in table.get_row_at(index)] for index in range(table.row_count)]


def names(app: ClassDashboardApp) -> list[str]:
    return [row[0] for row in table_rows(app, "learners")]


async def poll(app: ClassDashboardApp, pilot: Pilot[None]) -> None:
    """Run one refresh, as the timer would, and wait until it is shown."""
    app.poll()
    await asyncio.to_thread(app.storage.drain)
    await pilot.pause()


async def test_dashboard_shows_every_learner_and_the_hardest_questions(
    store: ProgressStore, course: Course
) -> None:
    app = make_dashboard(store, course)
    async with app.run_test(size=(120, 35)):
        assert table_rows(app, "learners") == [
            ["ana", "○", "Steeping", "1/2", "100 %", "–", "100 %", "12 min"],
            ["ben", "○", "Water and temperature", "1/2", "80 %", "–", "80 %", "15 min"],
            ["cleo", "○", "Water and temperature", "0/2", "–", "–", "–", "5 min"],
        ]
        questions = table_rows(app, "questions")
        assert questions[0] == ["Q2", "bitter-tea", "Which of these make tea bitter?", "1", "0 %"]
        assert questions[1][1:] == [
            "green-tea-taste",
            "Green tea made with water that is too hot tastes ___.",
            "2",
            "50 %",
        ]
        assert [row[1] for row in questions[-3:]] == [
            "tea-steps",
            "black-tea-time",
            "steep-minutes",
        ]
        assert app.title == "Class: Making good tea"
        summary = str(app.query_one("#summary").render())
        assert summary == "3 learners · 0 online · 2 lessons · sorted by name ↑"
        assert not app.query_one("#empty").display


async def test_long_titles_and_prompts_are_cut_to_fit_a_narrow_terminal(
    store: ProgressStore, course: Course
) -> None:
    app = make_dashboard(store, course)
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.resize_terminal(60, 24)
        await pilot.pause()

        prompts = [row[2] for row in table_rows(app, "questions")]
        assert max(len(prompt) for prompt in prompts) == 15
        assert "Which of these…" in prompts
        questions: DataTable[Any] = app.query_one("#questions", DataTable)
        assert questions.virtual_size.width <= questions.size.width  # no sideways scrolling


async def test_prompts_show_as_plain_text_cut_after_a_whole_word(
    store: ProgressStore, markdown_course_dir: Path
) -> None:
    app = make_dashboard(store, example_course(markdown_course_dir))
    async with app.run_test(size=(80, 24)):
        prompts = {row[1]: row[2] for row in table_rows(app, "questions")}

        assert prompts["bitter-tea"] == "Which of these make tea bitter?"
        assert prompts["tea-and-water"] == "Match each tea with the water it…"


async def test_s_cycles_the_sort_column_and_r_reverses_it(
    store: ProgressStore, course: Course
) -> None:
    app = make_dashboard(store, course)
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.press("s")
        assert (app.sort_key, names(app)) == ("lesson", ["ben", "cleo", "ana"])
        await pilot.press("s")
        assert (app.sort_key, names(app)) == ("done", ["cleo", "ana", "ben"])
        await pilot.press("s")
        assert (app.sort_key, names(app)) == ("score", ["ben", "ana", "cleo"])
        assert "sorted by score ↑" in str(app.query_one("#summary").render())
        await pilot.press("r")
        assert names(app) == ["ana", "ben", "cleo"]  # cleo has no score: still last
        assert "sorted by score ↓" in str(app.query_one("#summary").render())
        await pilot.press("s")
        assert (app.sort_key, names(app)) == ("time", ["cleo", "ana", "ben"])
        await pilot.press("s")
        assert (app.sort_key, names(app)) == ("name", ["ana", "ben", "cleo"])


async def test_w_writes_both_tables_as_csv_to_the_working_folder(
    store: ProgressStore, course: Course, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    app = make_dashboard(store, course)
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.press("w")
        await pilot.pause()
        written = tmp_path / "class-example-20250301-093005.csv"
        assert [note.message for note in app._notifications] == [f"Wrote {written}"]

    assert [path.name for path in tmp_path.iterdir()] == [written.name]
    rows = list(csv.reader(written.open(encoding="utf-8")))
    assert [row[0] for row in rows[1:4]] == ["ana", "ben", "cleo"]
    assert rows[4] == [] and rows[5][0] == "question_id" and rows[6][0] == "bitter-tea"


async def test_a_csv_that_cannot_be_written_is_reported(
    store: ProgressStore, course: Course, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    gone = tmp_path / "gone"
    gone.mkdir()
    monkeypatch.chdir(gone)
    gone.rmdir()
    app = make_dashboard(store, course)
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.press("w")
        await pilot.pause()
        (note,) = app._notifications
        assert note.severity == "error" and note.message.startswith("Could not write")


async def test_new_progress_from_another_process_shows_on_the_next_refresh(
    class_dir: Path, store: ProgressStore, course: Course
) -> None:
    app = make_dashboard(store, course)
    async with app.run_test(size=(120, 35)) as pilot:
        reads = app.reads
        await poll(app, pilot)
        assert app.reads == reads  # nothing changed: nothing read

        with ProgressStore.open(class_dir) as learner_side:  # another connection, as a learner
            dora = learner_side.learner("dora")
            learner_side.lesson_completed(dora.id, COURSE_ID, "water")
            learner_side.save_place(dora.id, COURSE_ID, Place("steeping"))
            quiz(learner_side, dora.id, "water", {"black-tea-water": "wrong"})
        await poll(app, pilot)

        assert app.reads == reads + 1
        assert table_rows(app, "learners")[3] == [
            "dora",
            "○",
            "Steeping",
            "1/2",
            "0 %",
            "–",
            "0 %",
            "–",
        ]
        black_tea = next(row for row in table_rows(app, "questions") if row[1] == "black-tea-water")
        assert black_tea[3:] == ["3", "67 %"]


def heartbeat(data_dir: Path, *names: str) -> None:
    """Learner apps that are open, as their heartbeats say (from another connection)."""
    with ProgressStore.open(data_dir) as learner_side:
        room = learner_side.classroom(COURSE_ID)
        for name in names:
            room.heartbeat(f"tab-{name}", learner_side.learner(name).id, None)


def online_column(app: ClassDashboardApp) -> dict[str, str]:
    return {row[0]: row[1] for row in table_rows(app, "learners")}


def summary(app: ClassDashboardApp) -> str:
    return str(app.query_one("#summary").render())


async def test_a_learner_app_that_opens_shows_its_learner_online_on_the_next_refresh(
    class_dir: Path, store: ProgressStore, course: Course
) -> None:
    app = make_dashboard(store, course)
    async with app.run_test(size=(120, 35)) as pilot:
        heartbeat(class_dir, "ana", "cleo")
        await poll(app, pilot)

        assert online_column(app) == {"ana": "●", "ben": "○", "cleo": "●"}
        assert summary(app).startswith("3 learners · 2 online · ")


async def test_a_learner_whose_heartbeats_stopped_goes_offline_though_nothing_was_written(
    class_dir: Path, store: ProgressStore, course: Course, monkeypatch: pytest.MonkeyPatch
) -> None:
    heartbeat(class_dir, "ben")
    app = make_dashboard(store, course)
    async with app.run_test(size=(120, 35)) as pilot:
        assert online_column(app)["ben"] == "●"
        reads = app.reads

        # Half a minute later: ben's app was killed, so its last heartbeat is too old to
        # count, and nothing was committed that would make the dashboard read again.
        active = Classroom.active_learners
        monkeypatch.setattr(
            Classroom, "active_learners", lambda room, within_seconds=30: active(room, -1)
        )
        await poll(app, pilot)

        assert online_column(app)["ben"] == "○"
        assert summary(app).startswith("3 learners · 0 online · ")
        assert app.reads == reads  # the progress itself was not read again


async def test_the_cursor_stays_on_the_same_learner_when_the_rows_move(
    class_dir: Path, store: ProgressStore, course: Course
) -> None:
    app = make_dashboard(store, course)
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.press("down")  # on ben
        with ProgressStore.open(class_dir) as learner_side:
            learner_side.learner("aaron")  # sorts before ben
        await poll(app, pilot)

        table: DataTable[Any] = app.query_one("#learners", DataTable)
        assert str(table.get_row_at(table.cursor_row)[0]) == "ben"


async def test_an_empty_class_says_so(data_dir: Path, course: Course) -> None:
    with ProgressStore.open(data_dir) as store:
        app = make_dashboard(store, course, "de")
        async with app.run_test(size=(100, 30)):
            assert app.query_one("#empty").display
            assert table_rows(app, "learners") == []
            assert str(app.query_one("#summary").render()).startswith("0 Lernende")


async def test_keys_are_described_in_the_dashboards_language(
    store: ProgressStore, course: Course
) -> None:
    app = make_dashboard(store, course, "de")
    async with app.run_test(size=(120, 35)):
        described = {
            binding.key: binding.description for _, binding, _, _ in app.active_bindings.values()
        }
        assert {key: described[key] for key in "srwq"} == {
            "s": "Sortieren",
            "r": "Umkehren",
            "w": "CSV schreiben",
            "q": "Beenden",
        }


def shown_keys(app: ClassDashboardApp) -> dict[str, str]:
    """The keys the footer shows, with their descriptions."""
    return {
        binding.key: binding.description
        for _, binding, enabled, _ in app.active_bindings.values()
        if binding.show and enabled
    }


async def test_f2_switches_texts_keys_and_course_content_to_the_other_language(
    store: ProgressStore, course: Course
) -> None:
    app = make_dashboard(store, course, "en")
    async with app.run_test(size=(120, 35)) as pilot:
        assert shown_keys(app)["f2"] == "Deutsch"
        await pilot.press("down", "s")  # on ben, sorted by lesson
        reads = app.reads

        await pilot.press("f2")

        assert app.title == "Kurs: Guten Tee zubereiten"
        assert (
            summary(app)
            == "3 Lernende · 0 online · 2 Lektionen · sortiert nach aktueller Lektion ↑"
        )
        assert table_rows(app, "learners")[0][:3] == ["ben", "○", "Wasser und Temperatur"]
        questions = app.query_one("#questions", DataTable)
        assert [str(column.label) for column in questions.columns.values()][2] == "Frage"
        assert table_rows(app, "questions")[0][2] == "Was davon macht Tee bitter?"
        assert [str(tab.label) for tab in app.query("#lower-tabs Tab").results(Tab)] == [
            "Fragen, die schwierigsten zuerst",
            "Aufgabenanalyse",
        ]
        assert shown_keys(app) == {
            "s": "Sortieren",
            "r": "Umkehren",
            "w": "CSV schreiben",
            "f2": "English",
            "q": "Beenden",
            "p": "PIN zurücksetzen",
            "x": "Entfernen",
        }
        learners: DataTable[Any] = app.query_one("#learners", DataTable)
        assert str(learners.get_row_at(learners.cursor_row)[0]) == "ben"  # cursor kept
        assert app.reads == reads  # what was read is shown anew, not read again

        await pilot.press("f2")

        assert app.title == "Class: Making good tea"
        assert shown_keys(app)["f2"] == "Deutsch"
        assert table_rows(app, "questions")[0][2] == "Which of these make tea bitter?"


async def test_f2_is_not_offered_for_a_course_in_one_language(
    store: ProgressStore, course: Course
) -> None:
    english_only = course._replace(languages=("en",))
    app = make_dashboard(store, english_only, "en")
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.press("f2")

        assert "f2" not in shown_keys(app)
        assert app.title == "Class: Making good tea"


def test_course_class_opens_the_dashboard_on_the_data_folder(
    class_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[ClassDashboardApp] = []

    def run(app: ClassDashboardApp) -> None:
        shown.append(app)
        assert [row.name for row in app.store.learners()] == ["ana", "ben", "cleo"]

    monkeypatch.setattr(ClassDashboardApp, "run", run)

    code = cli.main(["--course", str(EXAMPLE_COURSE), "class", "--lang", "de", "--refresh", "1"])

    assert code == 0
    (app,) = shown
    assert (app.language, app.refresh_seconds, app.course.id) == ("de", 1.0, "example")


def test_course_class_refuses_a_refresh_of_zero(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        cli.main(["class", "--refresh", "0"])

    assert exit_.value.code == 1
    assert "--refresh needs a number of seconds above 0" in capsys.readouterr().err


def test_class_is_a_registered_command() -> None:
    parser = cli.build_parser()
    args = parser.parse_args(["class"])
    assert isinstance(args, argparse.Namespace) and args.command == "class"


# -- snapshots ----------------------------------------------------------------------------


def test_dashboard_snapshot_english(
    snap_compare: SnapCompare, class_dir: Path, store: ProgressStore, course: Course
) -> None:
    heartbeat(class_dir, "ben")
    assert snap_compare(make_dashboard(store, course, "en"), terminal_size=(120, 35))


def test_dashboard_snapshot_item_analysis_english(
    snap_compare: SnapCompare, store: ProgressStore, course: Course
) -> None:
    assert snap_compare(make_dashboard(store, course, "en"), press=["i"], terminal_size=(120, 35))


def test_dashboard_snapshot_german_small_sorted_by_score(
    snap_compare: SnapCompare, store: ProgressStore, course: Course
) -> None:
    app = make_dashboard(store, course, "de")
    assert snap_compare(app, press=["s", "s", "s"], terminal_size=(80, 24))


def checkpoint_fully(data_dir: Path) -> tuple[int, int]:
    """A TRUNCATE checkpoint from a connection of its own, as any process may run one:
    (1 if a reader kept it from finishing else 0, size of the WAL file afterwards)."""
    connection = sqlite3.connect(data_dir / ProgressStore.DB_NAME, isolation_level=None)
    try:
        busy = int(connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0])
    finally:
        connection.close()
    return busy, (data_dir / f"{ProgressStore.DB_NAME}-wal").stat().st_size


async def test_between_refreshes_the_dashboard_keeps_no_snapshot_so_the_wal_is_emptied(
    class_dir: Path, store: ProgressStore, course: Course
) -> None:
    app = make_dashboard(store, course)
    async with app.run_test(size=(120, 35)) as pilot:
        for round_ in range(3):
            with ProgressStore.open(class_dir) as learner_side:  # learners at work
                dora = learner_side.learner("dora")
                learner_side.save_position(dora.id, COURSE_ID, "water", round_ / 10)
                learner_side.classroom(COURSE_ID).heartbeat("tab-dora", dora.id, "water")
            await poll(app, pilot)
            assert checkpoint_fully(class_dir) == (0, 0)


def shown_lines(app: ClassDashboardApp, table_id: str) -> list[str]:
    """The lines a table draws on the screen now (not its cells: what is painted)."""
    table: DataTable[Any] = app.query_one(f"#{table_id}", DataTable)
    return [strip.text for strip in table.render_lines(table.region.reset_offset)]


async def test_after_the_terminal_shrinks_the_learner_cells_are_whole_again(
    store: ProgressStore, course: Course
) -> None:
    app = make_dashboard(store, course)
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.pause()

        ana = next(line for line in shown_lines(app, "learners") if "ana" in line)
        assert "100 %" in ana and "12 min" in ana
