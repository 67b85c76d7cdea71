"""One score, one verdict: the same attempts at the bundled course's final assessment read the
same in the results screen, `course progress`, the JSON and CSV export, `course report`, the
class view of `course class` and the presenter's live tally.

Ana scores 8.35 of 12 points (69.58 %) against the 70 % pass mark: not passed, shown as 69 %
everywhere (rounding to the nearest percent showed "70 %" next to "not passed", and the app
rounded before comparing and said "passed"). Ben scores 8.4 of 12, exactly 70 %: passed,
shown as 70 %. Both have a partly right multiple-choice answer.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from textual.widgets import Static

from course.cli import main as cli
from course.cli.progress import report as progress_report
from course.core.grading import Answer, Outcome, grade
from course.core.kinds.choice import ChoiceAnswer
from course.core.model import Course, Question
from course.core.scoring import Score
from course.i18n import Catalogue
from course.store import LiveAnswer, ProgressStore
from course.store.transfer import to_csv
from course.ui.screens.result import ResultScreen
from course.workshop import classview
from course.workshop.live import tally

from .helpers import REPO, build_app, load
from .test_snapshots import given_answer

LESSON = "final-assessment"
QUIZ = "final-assessment-quiz"

EXPECTED = {
    # name: (points of 12, shown percent, passed)
    "ana": (8.35, "69 %", False),
    "ben": (8.4, "70 %", True),
}
"""What every view must say of each learner's final assessment."""


def final_questions(course: Course) -> dict[str, Question]:
    """The final assessment's questions by id (in English)."""
    lesson = course.text("en").lesson(LESSON)
    assert lesson is not None and lesson.quiz is not None
    return {question.id: question for question in lesson.quiz.questions}


def right_ones(question: Question, count: int) -> ChoiceAnswer:
    """A multiple-choice answer that ticks the first `count` right options only."""
    return ChoiceAnswer(frozenset(o.index for o in question.right_options[:count]))


def answers_of(name: str, questions: dict[str, Question]) -> dict[str, Answer]:
    """Both: 7 right, one single choice wrong, the matching wrong, and a multiple choice of
    five options (three right) with one right ticked: 3 of 5 judged right (0.6). Ana also
    ticks one of the two right options of four (0.75): 8.35 points. Ben instead ticks one
    of the two right options of five (0.8): 8.4 points."""
    given: dict[str, Answer] = {
        question_id: given_answer(questions[question_id], question_id in RIGHT)
        for question_id in questions
    }
    given["final-drifting-thread"] = right_ones(questions["final-drifting-thread"], 1)  # 0.6
    if name == "ana":
        given["final-word-of-mouth"] = right_ones(questions["final-word-of-mouth"], 1)  # 0.75
    else:
        given["final-party-transfer"] = right_ones(questions["final-party-transfer"], 1)  # 0.8
    return given


RIGHT = {
    "final-shared-dates",
    "final-contradicted",
    "final-niche-forum",
    "final-reading-along",
    "final-old-manifesto",
    "final-client-mention",
    "final-address-list",
}
"""The questions both learners answer fully right."""


def score_row(text: str, title: str) -> str:
    """The row of the lesson titled `title` in `course progress`."""
    return next(line for line in text.splitlines() if title in line)


@pytest.fixture
def course() -> Course:
    return load(REPO)


async def test_the_same_attempts_read_the_same_in_every_view(
    data_dir: Path, tmp_path: Path, course: Course, capsys: pytest.CaptureFixture[str]
) -> None:
    questions = final_questions(course)
    shown_on_screen = {}
    for name in EXPECTED:
        app = build_app(data_dir, root=REPO, profile=name)
        async with app.run_test(size=(100, 40)) as pilot:
            quiz = app.text.lesson(LESSON).quiz  # type: ignore[union-attr]
            assert quiz is not None
            attempt = app.study.attempt(quiz)
            for question_id, answer in answers_of(name, questions).items():
                app.study.answer(attempt, questions[question_id], answer)
            result = app.study.finish(app.study.refreshed(attempt), app.text)
            app.push_screen(ResultScreen(LESSON, result))
            await pilot.pause()
            score = str(app.screen.query_one("#score", Static).render())
            verdict = app.screen.query_one("#verdict", Static)
            shown_on_screen[name] = (score, verdict.has_class("passed"))

    t = Catalogue("en")
    with ProgressStore.open(data_dir) as store:
        view = classview.view_from_store(store, course, "en")
        column = next(c for c in view.quizzes if c.quiz_id == QUIZ)
        class_rows = {
            row.name: classview.learner_cells(view, row)[
                classview.learner_headers(view, t).index(column.label)
            ]
            for row in view.learners
        }
        exports = {}
        for name, (points, percent, passed) in EXPECTED.items():
            verdict_word = "passed" if passed else "not passed"

            # the results screen
            assert shown_on_screen[name] == (f"{points:g}/12 points ({percent})", passed)

            # `course progress`
            learner = store.learner(name)
            title = course.text("en").lesson(LESSON).title  # type: ignore[union-attr]
            row = score_row(progress_report(store, course, learner.id, name, "en"), title)
            assert f"{points:g}/12 ({percent}) {verdict_word} " in row

            # the JSON export: exact numbers that the one rule reads alike
            document = store.export(name)
            (summary,) = (s for s in document["courses"][0]["quizzes"] if s["quiz_id"] == QUIZ)
            exported = Score(summary["points"], summary["max_points"])
            assert (exported.points, exported.max_points) == pytest.approx((points, 12))
            assert f"{exported.shown_percent} %" == percent
            assert exported.passed(course.pass_mark) is passed
            assert f"{int(summary['percent'])} %" == percent  # 69.58 is never shown as 70

            # the CSV export
            rows = list(csv.DictReader(io.StringIO(to_csv(store.export_document(name)))))
            (attempt_row,) = (r for r in rows if r["kind"] == "attempt" and r["quiz_id"] == QUIZ)
            from_csv = Score(float(attempt_row["points"]), float(attempt_row["max_points"]))
            assert (f"{from_csv.shown_percent} %", from_csv.passed(course.pass_mark)) == (
                percent,
                passed,
            )

            # the class view of `course class` (the dashboard shows these cells)
            assert class_rows[name] == percent

            path = tmp_path / f"{name}.json"
            path.write_text(json.dumps(document), encoding="utf-8")
            exports[name] = path

    # `course report` from the export files
    assert (
        cli.main(["--course", str(REPO), "--lang", "en", "report", *map(str, exports.values())])
        == 0
    )
    out = capsys.readouterr().out
    for name, (_, percent, _) in EXPECTED.items():
        line = next(line for line in out.splitlines() if line.startswith(f"{name} "))
        cells = line.split()
        assert percent.split()[0] in cells, line


def test_a_partly_right_multiple_choice_answer_is_partial_for_the_presenter_too(
    course: Course,
) -> None:
    question = final_questions(course)["final-drifting-thread"]
    given = right_ones(question, 1)
    judged = grade(question, given)

    counted = tally(
        question,
        [LiveAnswer("ana", given.to_json(), judged.outcome, "2025-01-01T00:00:00.000Z")],
    )

    assert judged.outcome is Outcome.PARTIAL and judged.points == 0.6
    assert (counted.right, counted.partial, counted.wrong) == (0, 1, 0)
