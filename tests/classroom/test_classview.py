"""The class view without any UI: what it says about learners and questions, from the store
and from export files alike, and how it is sorted and written."""

from __future__ import annotations

import csv
import inspect
import io
import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from course.core.model import Course
from course.core.scoring import SCORED_MODES, AttemptMode
from course.i18n import Catalogue
from course.store import Place, ProgressStore
from course.store.transfer import validate
from course.workshop import classview

from .classdata import COURSE_ID, REPO, WATER_QUESTIONS, answer, example_course, quiz


def by_name(view: classview.ClassView) -> dict[str, classview.LearnerRow]:
    return {row.name: row for row in view.learners}


def by_question(view: classview.ClassView) -> dict[str, classview.QuestionRow]:
    return {row.question_id: row for row in view.questions}


def test_store_view_has_every_learner_with_lesson_done_scores_and_time(
    store: ProgressStore, course: Course
) -> None:
    view = classview.view_from_store(store, course, "en")

    assert [row.name for row in view.learners] == ["ana", "ben", "cleo"]
    assert [column.label for column in view.quizzes] == ["Q1", "Q2"]
    ana, ben, cleo = view.learners
    assert (ana.current_lesson, ana.lessons_done, ana.lessons_total) == ("Steeping", 1, 2)
    assert ana.scores == {"water-quiz": 100.0, "steeping-quiz": None}
    assert (ana.average, ana.seconds) == (100.0, 720.0)
    assert (ben.current_lesson, ben.scores["water-quiz"], ben.average) == (
        "Water and temperature",
        80.0,
        80.0,
    )
    assert (cleo.lessons_done, cleo.average, cleo.seconds) == (0, None, 300.0)


def test_titles_and_prompts_follow_the_language(store: ProgressStore, course: Course) -> None:
    view = classview.view_from_store(store, course, "de")

    assert view.course_title == "Guten Tee zubereiten"
    assert by_name(view)["ana"].current_lesson == "Ziehen lassen"
    assert by_question(view)["bitter-tea"].prompt == "Was davon macht Tee bitter?"


def test_prompts_are_plain_text_without_their_markdown_markers(
    store: ProgressStore, markdown_course_dir: Path
) -> None:
    view = classview.view_from_store(store, example_course(markdown_course_dir), "en")

    questions = by_question(view)
    assert questions["bitter-tea"].prompt == "Which of these make tea bitter?"
    assert questions["tea-and-water"].prompt == (
        "Match each tea with the water it wants: black, green, white and oolong tea."
    )


def test_learners_with_a_recent_heartbeat_are_online(store: ProgressStore, course: Course) -> None:
    room = store.classroom(COURSE_ID)
    room.heartbeat("tab-ana", store.learner("ana").id, "steeping")
    room.heartbeat("tab-eve", store.learner("eve").id, None)  # joined, not started

    view = classview.view_from_store(store, course, "en")

    assert view.online == {"ana", "eve"}
    assert [view.is_online(row) for row in view.learners] == [True, False, False, True]
    assert view.online_count == 2
    ana = classview.learner_cells(view, view.learners[0])
    assert classview.learner_headers(view, Catalogue("en"))[:3] == [
        "Learner",
        "Online",
        "Current lesson",
    ]
    assert ana[:3] == ["ana", "●", "Steeping"]
    assert classview.learner_cells(view, view.learners[1])[1] == "○"
    assert classview.learner_right_columns(view)[0] == 3  # "Done", after the presence


def test_a_heartbeat_in_another_course_is_not_online_here(
    store: ProgressStore, course: Course
) -> None:
    store.classroom("pottery").heartbeat("tab-ana", store.learner("ana").id, None)

    assert classview.view_from_store(store, course, "en").online == frozenset()


def test_a_view_without_presence_has_no_online_column(store: ProgressStore, course: Course) -> None:
    view = replace(classview.view_from_store(store, course, "en"), online=None)

    assert "Online" not in classview.learner_headers(view, Catalogue("en"))
    assert classview.learner_cells(view, view.learners[0])[:2] == ["ana", "Steeping"]
    assert classview.learner_right_columns(view)[0] == 2
    assert view.online_count == 0


def test_a_retry_scores_the_whole_quiz_but_a_live_question_does_not(
    store: ProgressStore, course: Course
) -> None:
    cleo = store.learner("cleo")
    quiz(store, cleo.id, "water", {"reboiled-water": "right"}, mode="live")

    view = classview.view_from_store(store, course, "en")

    # ben's retry carried his right answers over: 4 of 5 points beat his first 50 %
    assert by_name(view)["ben"].scores["water-quiz"] == 80.0
    # cleo's one live question is no quiz score, but her answer counts for the question
    assert by_name(view)["cleo"].scores["water-quiz"] is None
    assert by_question(view)["reboiled-water"].answers == 3


def test_scores_count_the_attempt_modes_of_the_scoring_rule() -> None:
    default = inspect.signature(ProgressStore.best_scores).parameters["modes"].default

    assert default == SCORED_MODES == {AttemptMode.SELF, AttemptMode.RETRY_WRONG}


def test_share_right_counts_each_learners_latest_answer_and_partial_as_half(
    store: ProgressStore, course: Course
) -> None:
    questions = by_question(classview.view_from_store(store, course, "en"))

    # ana right; ben wrong, then right in his retry: his latest answer counts.
    assert (questions["black-tea-water"].answers, questions["black-tea-water"].share) == (2, 1.0)
    # ana right; ben partly right, then wrong in the retry.
    assert (questions["green-tea-taste"].right, questions["green-tea-taste"].share) == (1.0, 0.5)
    # an answer in an unfinished attempt counts too
    assert (questions["bitter-tea"].answers, questions["bitter-tea"].share) == (1, 0.0)
    assert (questions["tea-steps"].answers, questions["tea-steps"].share) == (0, None)


def test_a_partly_right_latest_answer_counts_as_half(store: ProgressStore, course: Course) -> None:
    cleo = store.learner("cleo")
    quiz(store, cleo.id, "water", {"reboiled-water": "partial"})

    reboiled = by_question(classview.view_from_store(store, course, "en"))["reboiled-water"]

    assert (reboiled.answers, reboiled.right) == (3, 2.5)
    assert reboiled.share == pytest.approx(2.5 / 3)


def test_questions_are_hardest_first_and_the_unanswered_last_in_course_order(
    store: ProgressStore, course: Course
) -> None:
    view = classview.view_from_store(store, course, "en")

    assert [row.question_id for row in view.questions] == [
        "bitter-tea",
        "green-tea-taste",
        "black-tea-water",
        "reboiled-water",
        "tea-and-water",
        "tea-steps",
        "black-tea-time",
        "steep-minutes",
    ]


def test_reflection_questions_are_not_listed(store: ProgressStore, course: Course) -> None:
    ana = store.learner("ana")
    quiz(store, ana.id, "steeping", {"next-cup": "ungraded"})

    view = classview.view_from_store(store, course, "en")

    assert "next-cup" not in by_question(view)


def test_answers_to_questions_the_course_no_longer_has_are_left_out(
    store: ProgressStore, course: Course
) -> None:
    ana = store.learner("ana")
    attempt = store.start_attempt(
        ana.id, COURSE_ID, "0.9", "water-quiz", "water", ["old-question"], 1
    )
    answer(store, attempt.id, "old-question", "wrong")

    view = classview.view_from_store(store, course, "en")

    assert "old-question" not in by_question(view)
    assert len(view.questions) == 8


def test_the_self_study_profile_is_listed_only_with_progress_in_the_course(
    store: ProgressStore, course: Course
) -> None:
    default = store.learner()
    assert "default" not in by_name(classview.view_from_store(store, course, "en"))

    store.save_place(default.id, COURSE_ID, Place("water"))

    assert "default" in by_name(classview.view_from_store(store, course, "en"))


def test_a_new_profile_without_progress_is_listed_as_not_started(
    store: ProgressStore, course: Course
) -> None:
    store.learner("dora")

    dora = by_name(classview.view_from_store(store, course, "en"))["dora"]

    assert (dora.current_lesson, dora.lessons_done, dora.average, dora.seconds) == (
        None,
        0,
        None,
        0.0,
    )


def test_a_place_in_a_lesson_the_course_no_longer_has_shows_no_current_lesson(
    store: ProgressStore, course: Course
) -> None:
    cleo = store.learner("cleo")
    store.save_place(cleo.id, COURSE_ID, Place("removed-lesson"))

    row = by_name(classview.view_from_store(store, course, "en"))["cleo"]

    assert (row.current_lesson, row.current_number) == (None, None)


def test_export_files_give_the_same_view_as_the_store(
    store: ProgressStore, course: Course, tmp_path: Path
) -> None:
    files = []
    for name in ("ana", "ben", "cleo"):
        path = tmp_path / f"{name}.json"
        path.write_text(json.dumps(store.export(name)), encoding="utf-8")
        files.append(classview.read_export(path))
    assert all(isinstance(file, classview.ExportFile) for file in files)

    from_files = classview.view_from_exports(files, course, "en")  # type: ignore[arg-type]

    assert from_files.online is None  # export files know nothing of who is online
    assert from_files == replace(classview.view_from_store(store, course, "en"), online=None)


def test_an_export_without_the_course_gives_a_learner_without_progress(
    store: ProgressStore, course: Course
) -> None:
    document = validate(store.export("ana"))
    other = replace(document, courses=tuple(replace(c, id="other") for c in document.courses))

    progress = classview.progress_from_export(other, COURSE_ID)

    assert progress.name == "ana" and progress.is_empty


def test_read_export_names_the_problem_of_each_bad_file(tmp_path: Path) -> None:
    missing = tmp_path / "missing.json"
    text = tmp_path / "notes.json"
    text.write_text("these are my notes", encoding="utf-8")
    binary = tmp_path / "photo.json"
    binary.write_bytes(b"\xff\xd8\xff\xe0")
    wrong = tmp_path / "wrong.json"
    wrong.write_text('{"format": "something-else"}', encoding="utf-8")

    problems = [classview.read_export(path) for path in (missing, text, binary, wrong)]

    assert all(isinstance(problem, classview.FileProblem) for problem in problems)
    shown = [str(problem) for problem in problems]
    assert shown[0].startswith(f"{missing}: cannot be read")
    assert shown[1].startswith(f"{text}: not JSON (line 1, column 1")
    assert shown[2].startswith(f"{binary}: not UTF-8 text")
    assert shown[3].startswith(f"{wrong}: format: expected 'course-progress'")


# -- sorting ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("name", ["ana", "ben", "cleo"]),
        ("lesson", ["ben", "cleo", "ana"]),
        ("done", ["cleo", "ana", "ben"]),
        ("score", ["ben", "ana", "cleo"]),
        ("time", ["cleo", "ana", "ben"]),
    ],
)
def test_learners_sort_by_each_column_ties_by_name(
    store: ProgressStore, course: Course, key: str, expected: list[str]
) -> None:
    view = classview.view_from_store(store, course, "en")

    assert [row.name for row in classview.sort_learners(view.learners, key)] == expected


def test_reversed_sort_keeps_learners_without_a_value_last(
    store: ProgressStore, course: Course
) -> None:
    view = classview.view_from_store(store, course, "en")

    rows = classview.sort_learners(view.learners, "score", reverse=True)

    assert [row.name for row in rows] == ["ana", "ben", "cleo"]
    with pytest.raises(ValueError, match="unknown sort key"):
        classview.sort_learners(view.learners, "age")


# -- writing ----------------------------------------------------------------------------------


def test_csv_holds_learners_questions_item_analysis_and_options_each_after_an_empty_line(
    store: ProgressStore, course: Course
) -> None:
    view = classview.view_from_store(store, course, "en")

    rows = list(csv.reader(io.StringIO(classview.to_csv(view))))

    assert rows[0] == [
        "learner",
        "current_lesson",
        "lessons_done",
        "lessons_total",
        "water-quiz %",
        "steeping-quiz %",
        "average %",
        "seconds",
        "live_answered",
        "live_right",
    ]
    assert rows[1] == ["ana", "Steeping", "1", "2", "100", "", "100", "720", "0", "0"]
    assert rows[3] == ["cleo", "Water and temperature", "0", "2", "", "", "", "300", "0", "0"]
    assert rows[4] == []
    assert rows[5][0] == "question_id" and rows[5][-3:] == [
        "share_right %",
        "live_answered",
        "live_right",
    ]
    assert rows[6] == [
        "bitter-tea",
        "steeping-quiz",
        "Steeping",
        "Which of these make tea bitter?",
        "1",
        "0",
        "0",
        "0",
        "0",
    ]
    assert rows[14] == []
    assert rows[15][:2] == ["question_id", "quiz_id"] and "facility" in rows[15]
    assert [row[0] for row in rows[16:24]] == [
        "black-tea-water",
        "reboiled-water",
        "green-tea-taste",
        "tea-and-water",
        "bitter-tea",
        "tea-steps",
        "black-tea-time",
        "steep-minutes",
    ]  # course order
    assert rows[24] == []
    assert rows[25] == ["question_id", "option", "text", "correct", "chosen_by"]


def test_markdown_has_both_tables_escapes_pipes_and_explains_the_share(
    store: ProgressStore, course: Course
) -> None:
    store.learner("x|y")
    view = classview.view_from_store(store, course, "de")

    text = classview.to_markdown(view, Catalogue("de"))

    assert text.startswith("# Kursbericht: Guten Tee zubereiten\n")
    assert "## Lernende (4)" in text and "## Fragen, die schwierigsten zuerst" in text
    assert "| x\\|y | ○ | – | 0/2 |" in text
    assert "| Q2 | bitter-tea | Was davon macht Tee bitter? | 1 | 0 % |" in text
    assert "Q1 = Wasser und Temperatur, Q2 = Ziehen lassen" in text
    assert "zählt halb" in text


def test_long_prompts_are_shortened_with_an_ellipsis() -> None:
    row = classview.QuestionRow("q", "quiz", 1, "Lesson", "x" * 80, 0, 0.0)

    cell = classview.question_cells(row)[2]

    assert len(cell) == classview.PROMPT_WIDTH and cell.endswith("…")
    assert classview.question_cells(row, None)[2] == "x" * 80


@pytest.mark.parametrize(
    ("width", "shown"),
    [
        (30, "Match each tea with the water…"),  # the cut falls right after "water"
        (28, "Match each tea with the…"),  # not "…the wat…"
        (16, "Match each tea…"),
        (12, "Match each…"),
    ],
)
def test_long_prompts_are_shortened_after_a_whole_word(width: int, shown: str) -> None:
    prompt = "Match each tea with the water it wants: black, green, white and oolong tea."

    assert classview.shorten(prompt, width) == shown
    assert len(shown) <= width


# -- the rest ---------------------------------------------------------------------------------


def test_both_languages_have_every_dashboard_text() -> None:
    def dashboard_keys(language: str) -> set[str]:
        known = Catalogue(language).keys()
        return {key for key in known if key.startswith("dashboard.")}

    assert dashboard_keys("de") == dashboard_keys("en")
    assert len(dashboard_keys("en")) > 20


@pytest.mark.slow
def test_the_class_view_and_the_report_import_no_textual() -> None:
    probe = (
        "import sys, course.workshop.classview, course.cli.report, course.cli.classroom; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=REPO, capture_output=True, text=True, timeout=60
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_the_item_analysis_takes_each_learners_first_answer_not_the_retry(
    store: ProgressStore, course: Course
) -> None:
    view = classview.view_from_store(store, course, "en")

    items = {row.question_id: row.figures for row in view.items}
    # ana was right at once; ben was wrong, then right when he retried: one right of two.
    assert (items["black-tea-water"].answered, items["black-tea-water"].right) == (2, 1)
    assert items["black-tea-water"].facility == 0.5
    assert [row.question_id for row in view.items][:4] == list(WATER_QUESTIONS)  # course order
    # the question table still counts each learner's latest answer
    questions = {row.question_id: row for row in view.questions}
    assert questions["black-tea-water"].share == 1.0


def test_learners_with_equal_totals_join_the_groups_in_name_order_even_past_ten(
    course: Course,
) -> None:
    # Eleven learners a to k, each with one right answer: a, b and c got the first
    # question, the others the second. All totals are equal, so the upper group is a, b,
    # c and the lower i, j, k, by name: the first question discriminates fully.
    names = "abcdefghijk"
    learners = [
        classview.LearnerProgress(
            name,
            first_answers={
                "black-tea-water": classview.FirstGiven(1.0 if name in "abc" else 0.0),
                "black-tea-time": classview.FirstGiven(0.0 if name in "abc" else 1.0),
            },
        )
        for name in names
    ]

    view = classview.build_view(course, "en", learners)

    items = {row.question_id: row.figures for row in view.items}
    assert items["black-tea-water"].discrimination == 1.0
    assert items["black-tea-time"].discrimination == -1.0
