"""Spaced review in the store: every graded answer reviews its question's card in the
same transaction, "I was sure" makes it Easy, and missed questions come due a day later."""

from __future__ import annotations

import random
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from course.content import load_course
from course.core.grading import Answer, answer_from_json, grade
from course.core.model import Course, Question
from course.core.review import Rating
from course.core.scoring import AttemptMode
from course.store import ProgressStore
from course.store.schema import MIGRATIONS, SCHEMA_VERSION, migrate, schema_version
from course.study import StudySession

EXAMPLE_COURSE = Path(__file__).resolve().parents[2] / "docs" / "example-course"
START = datetime(2026, 12, 4, 9, 0, tzinfo=UTC)
REVIEW_VERSION = next(
    number
    for number, statements in enumerate(MIGRATIONS, start=1)
    if any("CREATE TABLE review_cards" in statement for statement in statements)
)
"""The migration that adds the review tables (found, so that renumbering keeps this)."""


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, now: datetime = START) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def move(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def example() -> Course:
    result = load_course(EXAMPLE_COURSE)
    assert result.course is not None
    return result.course


def answer_for(question: Question, right: bool) -> Answer:
    """A right or a wrong answer to a choice question."""
    options = (
        question.right_options
        if right
        else [o for o in question.options if o not in question.right_options][:1]
    )
    given = answer_from_json(question, {"chosen": [o.index for o in options]})
    assert (grade(question, given).outcome.value == "right") is right
    return given


def choice_questions(course: Course) -> list[tuple[str, Question]]:
    text = course.text(course.languages[0])
    return [
        (lesson.id, q)
        for lesson in text.lessons
        if lesson.quiz
        for q in lesson.quiz.questions
        if is_choice(q)
    ]


def quiz_lesson(course: Course) -> str:
    """The lesson whose quiz has the most choice questions."""
    found = [lesson_id for lesson_id, _ in choice_questions(course)]
    return max(found, key=found.count)


def is_choice(question: Question) -> bool:
    """A single or multiple choice question with options to shuffle."""
    return question.kind in ("single", "multiple") and len(question.options) > 2


@pytest.fixture
def study(data_dir: Path) -> StudySession:
    store = ProgressStore.open(data_dir)
    return StudySession(example(), store, store.learner(), random.Random(3), Clock())


def quiz_with_two_mistakes(study: StudySession) -> list[str]:
    """Answer the first quiz with choice questions, its first two wrong; the wrong ids."""
    text = study.course.text(study.course.languages[0])
    lesson = text.lesson(quiz_lesson(study.course))
    assert lesson is not None and lesson.quiz is not None
    attempt = study.attempt(lesson.quiz)
    wrong: list[str] = []
    for question in study.questions_of(attempt, lesson.quiz):
        if not is_choice(question):
            continue
        right = len(wrong) >= 2
        study.answer(attempt, question, answer_for(question, right))
        if not right:
            wrong.append(question.id)
    study.finish(study.refreshed(attempt), text)
    return wrong


def test_a_new_database_has_the_review_tables_and_the_due_index(data_dir: Path) -> None:
    with ProgressStore.open(data_dir):
        pass
    check = sqlite3.connect(data_dir / ProgressStore.DB_NAME)
    try:
        tables = {r[0] for r in check.execute("SELECT name FROM sqlite_master")}
        assert {"review_cards", "review_logs", "review_settings", "review_cards_by_due"} <= tables
        plan = " ".join(
            str(row)
            for row in check.execute(
                "EXPLAIN QUERY PLAN SELECT count(*) FROM review_cards "
                "WHERE learner_id = 1 AND course_id = 'c' AND due <= 'x'"
            )
        )
        assert "review_cards_by_due" in plan
    finally:
        check.close()


def test_an_older_database_gains_the_review_tables_and_keeps_its_answers(
    data_dir: Path,
) -> None:
    data_dir.mkdir()
    old = sqlite3.connect(data_dir / ProgressStore.DB_NAME, isolation_level=None)
    migrate(old, target=REVIEW_VERSION - 1)
    old.execute("INSERT INTO learners (id, name, created_at) VALUES (1, 'Anna', '2025-01-01')")
    old.close()
    with ProgressStore.open(data_dir) as store:
        anna = store.find_learner("Anna")
        assert anna is not None
        reviews = store.reviews(anna.id, "course")
        assert reviews.retention() == 0.9
        assert reviews.due_count(START) == 0
    check = sqlite3.connect(data_dir / ProgressStore.DB_NAME)
    assert schema_version(check) == SCHEMA_VERSION
    check.close()


def test_two_mistakes_come_due_the_next_day_and_the_right_answers_later(
    study: StudySession,
) -> None:
    wrong = quiz_with_two_mistakes(study)
    assert study.due_count() == 0
    clock = study.clock
    assert isinstance(clock, Clock)
    clock.move(days=1)
    assert study.due_count() == 2
    text = study.course.text("en")
    assert sorted(item.question.id for item in study.review_session(text)) == sorted(wrong)


def test_every_graded_answer_logs_a_review_with_its_rating(study: StudySession) -> None:
    wrong = quiz_with_two_mistakes(study)
    logs = study.reviews.logs()
    assert {log.question_id for log in logs if log.rating == Rating.Again} == set(wrong)
    assert all(log.source == "quiz" for log in logs)
    assert set(study.reviews.cards()) == {log.question_id for log in logs}


def test_i_was_sure_turns_a_right_answer_into_easy_and_pushes_it_further(
    study: StudySession,
) -> None:
    lesson_id = quiz_lesson(study.course)
    first, second = [q for lid, q in choice_questions(study.course) if lid == lesson_id][:2]
    text = study.course.text("en")
    lesson = text.lesson(lesson_id)
    assert lesson is not None and lesson.quiz is not None
    attempt = study.attempt(lesson.quiz)
    study.answer(attempt, first, answer_for(first, True))
    study.answer(attempt, second, answer_for(second, True))
    assert study.was_sure(first)
    cards = study.reviews.cards()
    assert cards[first.id].due > cards[second.id].due
    assert [log.rating for log in study.reviews.logs() if log.question_id == first.id] == [4]


def test_i_was_sure_after_a_wrong_answer_changes_nothing(study: StudySession) -> None:
    wrong = quiz_with_two_mistakes(study)
    question = next(q for _, q in choice_questions(study.course) if q.id == wrong[0])
    assert not study.was_sure(question)


def test_a_review_asks_each_question_with_a_new_option_order_and_keeps_the_quiz_score(
    study: StudySession,
) -> None:
    from course.core.grading import shuffled_options

    wrong = quiz_with_two_mistakes(study)
    scores = study.quiz_scores()
    clock = study.clock
    assert isinstance(clock, Clock)
    clock.move(days=1)
    text = study.course.text("en")
    shuffled = 0
    for item in study.review_session(text):
        lesson = text.lesson(item.lesson_id)
        assert lesson is not None and lesson.quiz is not None
        before = next(
            a
            for a in study.store.attempts(study.learner.id, study.course.id)
            if a.mode == AttemptMode.SELF
        )
        attempt = study.start_review(item, lesson.quiz)
        assert attempt.mode == AttemptMode.REVIEW
        shuffled += item.question.shuffle
        now_shown = [o.index for o in shuffled_options(item.question, attempt.seed)]
        last_shown = [o.index for o in shuffled_options(item.question, before.seed)]
        assert not item.question.shuffle or now_shown != last_shown
        study.answer(attempt, item.question, answer_for(item.question, True))
        study.finish_review(attempt)
    assert shuffled  # the author pinned one question's options, not both
    assert study.quiz_scores() == scores
    assert study.due_count() == 0
    assert {log.question_id for log in study.reviews.logs() if log.source == "review"} == set(wrong)


def test_a_desired_retention_outside_0_7_to_0_97_is_refused(study: StudySession) -> None:
    with pytest.raises(ValueError, match=r"0\.7"):
        study.reviews.set_retention(0.99)
    study.reviews.set_retention(0.8)
    assert study.reviews.retention() == 0.8


def test_a_higher_retention_brings_the_cards_back_sooner(study: StudySession) -> None:
    lesson_id = quiz_lesson(study.course)
    lesson = study.course.text("en").lesson(lesson_id)
    assert lesson is not None and lesson.quiz is not None
    attempt = study.attempt(lesson.quiz)
    for question in [q for lid, q in choice_questions(study.course) if lid == lesson_id]:
        study.answer(attempt, question, answer_for(question, True))
    before = study.reviews.cards()
    study.reviews.set_retention(0.97)
    after = study.reviews.cards()
    assert all(after[q].due <= before[q].due for q in before)
    assert any(after[q].due < before[q].due for q in before)


def test_a_reset_deletes_the_cards_and_logs(study: StudySession) -> None:
    quiz_with_two_mistakes(study)
    study.store.reset(study.learner.name)
    assert study.reviews.cards() == {} and study.reviews.logs() == []


def test_the_objectives_of_two_missed_questions_are_shaky_and_the_others_untested(
    study: StudySession,
) -> None:
    wrong = quiz_with_two_mistakes(study)
    found = {held.objective_id: held for held in study.mastery(study.course.text("en"))}
    missed = {
        objective
        for _, q in choice_questions(study.course)
        if q.id in wrong
        for objective in q.objectives
    }
    assert missed
    assert all(found[o].mastery == "shaky" for o in missed)
    assert all(held.mastery == "not_tested" for o, held in found.items() if o not in missed)


def test_objectives_answered_right_and_fresh_are_secure(study: StudySession) -> None:
    lesson_id = quiz_lesson(study.course)
    text = study.course.text("en")
    lesson = text.lesson(lesson_id)
    assert lesson is not None and lesson.quiz is not None
    attempt = study.attempt(lesson.quiz)
    for question in lesson.quiz.questions:
        if is_choice(question):
            study.answer(attempt, question, answer_for(question, True))
    answered = {q.id for q in lesson.quiz.questions if is_choice(q)}
    for held in study.mastery(text):
        if {q for q, _ in held.questions} <= answered and held.questions:
            assert held.mastery == "secure"


def test_course_progress_objectives_lists_each_objective_with_its_questions(
    study: StudySession, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from course.cli import main as cli

    monkeypatch.setenv("LANG", "en_US.UTF-8")
    wrong = quiz_with_two_mistakes(study)
    study.store.close()
    code = cli.main(["--course", str(EXAMPLE_COURSE), "--lang", "en", "progress", "--objectives"])
    assert code == 0
    out = capsys.readouterr().out
    assert "shaky" in out and "not yet tested" in out
    for question_id in wrong:
        assert f"{question_id}: ✗ Not right" in out
    assert out.rstrip().endswith("0 secure, 1 shaky, 1 not yet tested")


def test_export_then_import_on_an_empty_store_gives_the_same_due_list(
    study: StudySession, tmp_path: Path
) -> None:
    import json

    quiz_with_two_mistakes(study)
    study.reviews.set_retention(0.85)
    clock = study.clock
    assert isinstance(clock, Clock)
    data = json.loads(json.dumps(study.store.export(study.learner.name)))  # as a file holds it
    assert data["learner"]["desired_retention"] == 0.85
    assert len(data["courses"][0]["review_logs"]) == len(study.reviews.logs())
    assert data["courses"][0]["review_cards"]
    with ProgressStore.open(tmp_path / "elsewhere") as other:
        summary = other.import_data(data)
        assert summary.reviews == len(study.reviews.logs())
        there = StudySession(study.course, other, other.learner(), random.Random(1), clock)
        assert there.reviews.retention() == 0.85
        assert there.reviews.cards() == study.reviews.cards()
        clock.move(days=1)
        text = study.course.text("en")
        assert [i.question.id for i in there.review_session(text)] == [
            i.question.id for i in study.review_session(text)
        ]
        assert there.due_count() == study.due_count() == 2


def test_importing_the_same_file_twice_changes_nothing(study: StudySession, tmp_path: Path) -> None:
    quiz_with_two_mistakes(study)
    data = study.store.export(study.learner.name)
    with ProgressStore.open(tmp_path / "elsewhere") as other:
        assert other.import_data(data).changed
        learner = other.learner()
        logs = other.reviews(learner.id, study.course.id).logs()
        cards = other.reviews(learner.id, study.course.id).cards()
        again = other.import_data(data)
        assert again.changed == 0 and again.reviews == 0
        assert other.reviews(learner.id, study.course.id).logs() == logs
        assert other.reviews(learner.id, study.course.id).cards() == cards


def test_reviews_from_two_machines_merge_into_one_card_without_duplicates(
    study: StudySession, tmp_path: Path
) -> None:
    wrong = quiz_with_two_mistakes(study)
    data = study.store.export(study.learner.name)
    clock = study.clock
    assert isinstance(clock, Clock)
    with ProgressStore.open(tmp_path / "laptop") as laptop:
        laptop.import_data(data)
        there = StudySession(study.course, laptop, laptop.learner(), random.Random(1), clock)
        clock.move(days=1)
        text = study.course.text("en")
        for item in there.review_session(text):  # reviewed on the laptop only
            lesson = text.lesson(item.lesson_id)
            assert lesson is not None and lesson.quiz is not None
            attempt = there.start_review(item, lesson.quiz)
            there.answer(attempt, item.question, answer_for(item.question, True))
        back = laptop.export(laptop.learner().name)
    summary = study.store.import_data(back)
    assert summary.reviews == len(wrong)
    logs = study.reviews.logs()
    assert len(logs) == len({log.uid for log in logs})
    assert study.due_count() == 0  # the laptop's reviews moved the cards on here too


def test_my_plan_gathers_reflections_and_commitments_in_course_order(
    study: StudySession, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from course.cli import main as cli
    from course.core.grading import answer_from_json
    from course.i18n import Catalogue
    from course.study import plan_markdown

    text = study.course.text("en")
    steeping = next(
        lesson
        for lesson in text.lessons
        if lesson.quiz and any(q.kind == "reflection" for q in lesson.quiz.questions)
    )
    assert steeping.quiz is not None
    study.save_reflection(text.lessons[0].id, "Soft water from now on.", "s1")
    study.save_reflection(steeping.id, "Timer on the kettle.", "s2")
    question = next(q for q in steeping.quiz.questions if q.kind == "reflection")
    attempt = study.attempt(steeping.quiz)
    study.answer(attempt, question, answer_from_json(question, {"text": "Buy a scale."}))
    entries = study.plan(text)
    assert [(e.lesson_id, e.kind, e.text) for e in entries] == [
        (text.lessons[0].id, "reflection", "Soft water from now on."),
        (steeping.id, "reflection", "Timer on the kettle."),
        (steeping.id, "commitment", "Buy a scale."),
    ]
    page = plan_markdown("Tea", text, entries, Catalogue("en"))
    assert page.index("Soft water") < page.index("Timer") < page.index("Buy a scale")
    study.store.close()
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    out = tmp_path / "plan.md"
    argv = ["--course", str(EXAMPLE_COURSE), "--lang", "en", "plan", "-o", str(out)]
    assert cli.main(argv) == 0
    written = out.read_text()
    assert written.startswith("# My plan: ") and "Buy a scale." in written


def test_my_plan_shows_the_network_answers_as_the_workbench_keeps_them_now(
    study: StudySession,
) -> None:
    """A quiz attempt records the closing answers as they were when checked; the learner
    goes on editing them in the workbench, and My plan shows them as they are now."""
    from course.core.grading import answer_from_json
    from course.core.kinds.network_map import answers_text, closing_questions
    from course.study import PlanKind

    text = study.course.text("en")
    lesson = next(
        lesson
        for lesson in text.lessons
        if lesson.quiz and any(q.kind == "network-map" for q in lesson.quiz.questions)
    )
    assert lesson.quiz is not None
    question = next(q for q in lesson.quiz.questions if q.kind == "network-map")
    maps = study.store.network_maps(study.learner.id, study.course.id)
    maps.save_answers({"whom": "my neighbours"})
    checked = answers_text(closing_questions(question), maps.answers())
    attempt = study.attempt(lesson.quiz)
    study.answer(attempt, question, answer_from_json(question, {"text": checked}))

    maps.save_answers({"whom": "the tea club", "shared": "green tea"})
    shown = [e.text for e in study.plan(text) if e.kind is PlanKind.NETWORK_MAP]

    assert shown == ["green tea", "the tea club"]
    # The attempt is history: it keeps what was checked.
    (recorded,) = study.store.attempts(study.learner.id, study.course.id)
    given = recorded.answer(question.id)
    assert given is not None and "my neighbours" in str(given.answer)


def test_a_live_answer_counts_for_mastery_only_once_the_trainer_reveals_it(
    study: StudySession,
) -> None:
    lesson_id, question = choice_questions(study.course)[0]
    text = study.course.text("en")
    lesson = text.lesson(lesson_id)
    assert lesson is not None and lesson.quiz is not None
    room = study.store.classroom(study.course.id)
    live = room.open_round(lesson_id, lesson.quiz.id, question.id, seed=3)
    given = answer_for(question, False)
    assert study.answer_live(live.id, given, grade(question, given))

    def held() -> set[str]:
        return {h.mastery for h in study.mastery(text) if h.objective_id in question.objectives}

    # Before the reveal the learner's own screens must not tell a wrong answer.
    assert held() == {"not_tested"}
    room.set_round_state(live.id, "closed")
    assert held() == {"not_tested"}
    room.set_round_state(live.id, "revealed")
    assert held() == {"shaky"}


def test_a_live_answer_counts_for_mastery_once_its_round_ends_without_a_reveal(
    study: StudySession,
) -> None:
    lesson_id, question = choice_questions(study.course)[0]
    text = study.course.text("en")
    lesson = text.lesson(lesson_id)
    assert lesson is not None and lesson.quiz is not None
    room = study.store.classroom(study.course.id)
    live = room.open_round(lesson_id, lesson.quiz.id, question.id, seed=3)
    given = answer_for(question, False)
    assert study.answer_live(live.id, given, grade(question, given))
    room.end_round()
    held = {h.mastery for h in study.mastery(text) if h.objective_id in question.objectives}
    assert held == {"shaky"}


def test_course_progress_objectives_shows_the_questions_without_markdown(
    data_dir: Path,
) -> None:
    from course.cli.progress import objectives_report

    bundled = load_course(Path(__file__).resolve().parents[2]).course
    assert bundled is not None
    emphasised = [
        q
        for lesson in bundled.text("en").lessons
        if lesson.quiz
        for q in lesson.quiz.questions
        if q.prompt.startswith("**")
    ]
    assert emphasised  # the bundled course writes "**Our example:**" before its cases
    with ProgressStore.open(data_dir) as store:
        report = objectives_report(store, bundled, None, "default", "en")
    assert "**" not in report
    assert f"{emphasised[0].id}: " in report
