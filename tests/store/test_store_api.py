"""What the app calls: profiles, lessons, attempts and answers, reflections, "Continue"."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from course.store import (
    SCHEMA_VERSION,
    AnswerRecord,
    Attempt,
    Learner,
    Place,
    ProgressStore,
    StoreError,
    database,
)

REPO = Path(__file__).resolve().parents[2]


def answer(
    store: ProgressStore,
    attempt: Attempt,
    question: str,
    outcome: str = "right",
    points: float = 1,
    max_points: float = 1,
) -> AnswerRecord:
    return store.record_answer(attempt.id, question, {"chosen": [0]}, outcome, points, max_points)


def start(
    store: ProgressStore,
    learner: Learner,
    quiz: str = "quiz-1",
    mode: str = "self",
    version: str = "1.0",
) -> Attempt:
    return store.start_attempt(
        learner.id, "course", version, quiz, "lesson-1", ["q1", "q2", "q3"], seed=7, mode=mode
    )


def test_the_store_imports_no_ui_code() -> None:
    code = (
        "import sys, course.store, course.cli.common; "
        "bad = [m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')]; "
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=REPO)


def test_schema_version_is_exported_and_current(store: ProgressStore) -> None:
    assert SCHEMA_VERSION >= 2
    assert store.path.name == ProgressStore.DB_NAME


# -- learners ---------------------------------------------------------------------------------


def test_learner_gets_or_creates_the_default_profile(store: ProgressStore) -> None:
    first = store.learner()
    assert first.name == "default" and first.is_default
    assert store.learner() == first
    assert store.learners() == [first]


def test_named_profiles_are_listed_found_renamed_and_deleted(store: ProgressStore) -> None:
    anna, bert = store.learner("Anna"), store.learner("bert")
    assert [learner.name for learner in store.learners()] == ["Anna", "bert"]
    assert store.find_learner("Anna") == anna
    assert store.find_learner("nobody") is None
    renamed = store.rename_learner("Anna", "Anne")
    assert renamed.id == anna.id and renamed.name == "Anne"
    store.lesson_opened(bert.id, "course", "lesson-1")
    store.delete_learner("bert")
    assert store.find_learner("bert") is None
    assert [learner.name for learner in store.learners()] == ["Anne"]


def test_renaming_onto_a_taken_name_or_a_missing_profile_is_refused(
    store: ProgressStore,
) -> None:
    store.learner("Anna")
    store.learner("Bert")
    with pytest.raises(StoreError, match="already exists"):
        store.rename_learner("Anna", "Bert")
    with pytest.raises(StoreError, match="no profile named 'Zoe'"):
        store.rename_learner("Zoe", "Zara")
    with pytest.raises(StoreError, match="no profile named"):
        store.delete_learner("Zoe")


@pytest.mark.parametrize("name", ["", "   ", "x" * 61, "tab\there"])
def test_unusable_profile_names_are_refused(store: ProgressStore, name: str) -> None:
    with pytest.raises(StoreError, match="profile name"):
        store.learner(name)


def test_deleting_a_profile_deletes_its_progress_only(store: ProgressStore) -> None:
    anna, bert = store.learner("Anna"), store.learner("Bert")
    for learner in (anna, bert):
        attempt = start(store, learner)
        answer(store, attempt, "q1")
        store.save_reflection(learner.id, "course", "lesson-1", "mine", "s")
    store.delete_learner("Anna")
    assert len(store.attempts(bert.id, "course")[0].answers) == 1
    assert store.reflection(bert.id, "course", "lesson-1") == "mine"
    assert store.attempts(anna.id, "course") == []


# -- lessons ----------------------------------------------------------------------------------


def test_lesson_progress_keeps_first_opening_completion_position_and_time(
    store: ProgressStore, learner: Learner
) -> None:
    assert store.lessons(learner.id, "course") == {}
    store.lesson_opened(learner.id, "course", "lesson-1")
    first = store.lessons(learner.id, "course")["lesson-1"]
    assert first.status == "opened" and first.position == 0 and first.seconds == 0
    store.save_position(learner.id, "course", "lesson-1", 0.4)
    store.add_time(learner.id, "course", "lesson-1", 30)
    store.add_time(learner.id, "course", "lesson-1", 12.5)
    store.add_time(learner.id, "course", "lesson-1", -5)
    store.lesson_opened(learner.id, "course", "lesson-1")
    store.lesson_completed(learner.id, "course", "lesson-1")
    store.lesson_completed(learner.id, "course", "lesson-1")
    progress = store.lessons(learner.id, "course")["lesson-1"]
    assert progress.opened_at == first.opened_at
    assert progress.completed and progress.status == "completed"
    assert progress.position == 0.4
    assert progress.seconds == 42.5


def test_positions_are_clamped_to_the_lesson(store: ProgressStore, learner: Learner) -> None:
    store.save_position(learner.id, "course", "a", 3)
    store.save_position(learner.id, "course", "b", -1)
    store.save_position(learner.id, "course", "c", float("nan"))
    lessons = store.lessons(learner.id, "course")
    assert [lessons[key].position for key in "abc"] == [1.0, 0.0, 0.0]


def test_lessons_are_kept_per_course_and_learner(store: ProgressStore) -> None:
    anna, bert = store.learner("Anna"), store.learner("Bert")
    store.lesson_opened(anna.id, "one", "intro")
    assert set(store.lessons(anna.id, "one")) == {"intro"}
    assert store.lessons(anna.id, "two") == {}
    assert store.lessons(bert.id, "one") == {}


def test_progress_for_a_deleted_learner_id_raises_a_store_error(store: ProgressStore) -> None:
    with pytest.raises(StoreError, match="no longer exists"):
        store.lesson_opened(999, "course", "lesson-1")


# -- attempts ---------------------------------------------------------------------------------


def test_an_attempt_keeps_order_seed_mode_and_course_version(
    store: ProgressStore, learner: Learner
) -> None:
    attempt = start(store, learner, mode="live", version="2.1")
    assert attempt.question_order == ("q1", "q2", "q3")
    assert attempt.seed == 7 and attempt.mode == "live" and attempt.course_version == "2.1"
    assert attempt.finished_at is None and attempt.answers == ()
    assert store.attempts(learner.id, "course") == [attempt]
    assert store.attempt(attempt.id) == attempt


def test_recording_an_answer_again_replaces_it(store: ProgressStore, learner: Learner) -> None:
    attempt = start(store, learner)
    first = answer(store, attempt, "q1", "wrong", 0)
    second = store.record_answer(attempt.id, "q1", {"chosen": [2]}, "right", 1, 1)
    answer(store, attempt, "q2", "partial", 0.5)
    (stored,) = store.attempts(learner.id, "course")
    assert [a.question_id for a in stored.answers] == ["q1", "q2"]
    assert stored.answer("q1") == second
    assert second.uid == first.uid
    assert second.answer == {"chosen": [2]}
    assert stored.answer("q3") is None
    assert (stored.points, stored.max_points) == (1.5, 2)


def test_answers_must_be_described_properly(store: ProgressStore, learner: Learner) -> None:
    attempt = start(store, learner)
    with pytest.raises(ValueError, match="outcome"):
        store.record_answer(attempt.id, "q1", {}, "maybe", 0, 1)
    with pytest.raises(ValueError, match="JSON"):
        store.record_answer(attempt.id, "q1", {"x": object()}, "right", 1, 1)
    with pytest.raises(ValueError, match="mode"):
        start(store, learner, mode="exam")
    with pytest.raises(StoreError, match="no quiz attempt 999"):
        store.record_answer(999, "q1", {}, "right", 1, 1)


def test_unfinished_attempt_is_the_newest_unfinished_one(
    store: ProgressStore, learner: Learner
) -> None:
    assert store.unfinished_attempt(learner.id, "course", "quiz-1") is None
    older = start(store, learner)
    newer = start(store, learner)
    answer(store, newer, "q1")
    found = store.unfinished_attempt(learner.id, "course", "quiz-1")
    assert found is not None and found.id == newer.id and len(found.answers) == 1
    finished = store.finish_attempt(newer.id)
    assert finished.finished_at is not None
    assert store.finish_attempt(newer.id).finished_at == finished.finished_at
    found = store.unfinished_attempt(learner.id, "course", "quiz-1")
    assert found is not None and found.id == older.id
    assert store.unfinished_attempt(learner.id, "course", "quiz-2") is None


def test_attempts_are_listed_newest_first_and_by_quiz(
    store: ProgressStore, learner: Learner
) -> None:
    first = start(store, learner, "quiz-1")
    second = start(store, learner, "quiz-2")
    third = start(store, learner, "quiz-1")
    assert [a.id for a in store.attempts(learner.id, "course")] == [third.id, second.id, first.id]
    assert [a.id for a in store.attempts(learner.id, "course", "quiz-1")] == [third.id, first.id]


def test_best_scores_take_the_best_finished_whole_quiz_attempt(
    store: ProgressStore, learner: Learner
) -> None:
    weak = start(store, learner)
    for question in ("q1", "q2"):
        answer(store, weak, question, "wrong", 0)
    store.finish_attempt(weak.id)
    good = start(store, learner)
    answer(store, good, "q1", "right", 1)
    answer(store, good, "q2", "wrong", 0)
    store.finish_attempt(good.id)
    unfinished = start(store, learner)
    answer(store, unfinished, "q1")
    answer(store, unfinished, "q2")
    live = start(store, learner, mode="live")  # one question of a group quiz: not a quiz score
    answer(store, live, "q2")
    store.finish_attempt(live.id)

    scores = store.best_scores(learner.id, "course")
    assert set(scores) == {"quiz-1"}
    best = scores["quiz-1"]
    assert (best.attempt_id, best.points, best.max_points, best.percent) == (good.id, 1, 2, 50)
    assert best.passed(50) and not best.passed(70)
    assert store.best_scores(learner.id, "course", modes=("live",))["quiz-1"].percent == 100


def test_a_retry_of_the_wrong_questions_scores_the_whole_quiz(
    store: ProgressStore, learner: Learner
) -> None:
    first = start(store, learner)
    answer(store, first, "q1", "right", 1)
    answer(store, first, "q2", "wrong", 0)
    store.finish_attempt(first.id)
    retry = start(store, learner, mode="retry-wrong")  # the app carries the right answer over
    answer(store, retry, "q1", "right", 1)
    answer(store, retry, "q2", "right", 1)
    store.finish_attempt(retry.id)
    assert store.best_scores(learner.id, "course")["quiz-1"].percent == 100


def test_answers_to_removed_questions_stay_when_the_course_changes(
    store: ProgressStore, learner: Learner
) -> None:
    old = start(store, learner, version="1.0")
    answer(store, old, "removed-question")
    store.finish_attempt(old.id)
    new = store.start_attempt(
        learner.id, "course", "2.0", "quiz-1", "lesson-1", ["q1", "brand-new"], seed=1
    )
    answer(store, new, "brand-new")
    attempts = store.attempts(learner.id, "course", "quiz-1")
    assert [(a.course_version, a.answers[0].question_id) for a in attempts] == [
        ("2.0", "brand-new"),
        ("1.0", "removed-question"),
    ]


# -- reflections ------------------------------------------------------------------------------


def test_reflection_history_keeps_one_entry_per_editing_session(
    store: ProgressStore, learner: Learner
) -> None:
    assert store.reflection(learner.id, "course", "lesson-1") == ""
    store.save_reflection(learner.id, "course", "lesson-1", "First", "session-1")
    store.save_reflection(learner.id, "course", "lesson-1", "First draft", "session-1")
    store.save_reflection(learner.id, "course", "lesson-1", "Second thoughts", "session-2")
    history = store.reflection_history(learner.id, "course", "lesson-1")
    assert [text for _, text in history] == ["First draft", "Second thoughts"]
    assert history[0][0] <= history[1][0]
    assert store.reflection(learner.id, "course", "lesson-1") == "Second thoughts"


def test_an_unchanged_reflection_writes_nothing(data_dir: Path) -> None:
    with ProgressStore.open(data_dir) as store, ProgressStore.open(data_dir) as watcher:
        learner = store.learner()
        store.save_reflection(learner.id, "course", "lesson-1", "Same", "session-1")
        before = watcher.data_version()
        store.save_reflection(learner.id, "course", "lesson-1", "Same", "session-2")
        assert watcher.data_version() == before
        assert len(store.reflection_history(learner.id, "course", "lesson-1")) == 1


def test_an_empty_first_reflection_writes_nothing(store: ProgressStore, learner: Learner) -> None:
    store.save_reflection(learner.id, "course", "lesson-1", "", "session-1")
    assert store.reflection_history(learner.id, "course", "lesson-1") == []


# -- place, reset, polling, threads -----------------------------------------------------------


def test_an_unchecked_answer_is_kept_until_it_is_checked(
    store: ProgressStore, learner: Learner
) -> None:
    attempt = start(store, learner)
    assert store.draft(attempt.id, "q1") is None
    store.save_draft(attempt.id, "q1", '{"text": "first"}')
    store.save_draft(attempt.id, "q1", '{"text": "first thoughts"}')
    store.save_draft(attempt.id, "q2", '{"chosen": [1]}')
    assert store.draft(attempt.id, "q1") == '{"text": "first thoughts"}'
    answer(store, attempt, "q1")
    assert store.draft(attempt.id, "q1") is None  # the answer replaced it
    store.save_draft(attempt.id, "q2", None)
    assert store.draft(attempt.id, "q2") is None


def test_reset_and_deleting_the_attempt_take_the_unchecked_answers_along(
    store: ProgressStore, learner: Learner
) -> None:
    attempt = start(store, learner)
    store.save_draft(attempt.id, "q1", '{"text": "mine"}')
    store.reset(learner.name)
    assert store.draft(attempt.id, "q1") is None


def test_the_last_place_is_kept_per_course(store: ProgressStore, learner: Learner) -> None:
    assert store.place(learner.id, "course") is None
    store.save_place(learner.id, "course", Place("lesson-1"))
    attempt = start(store, learner)
    store.save_place(learner.id, "course", Place("lesson-1", "q2", attempt.id))
    assert store.place(learner.id, "course") == Place("lesson-1", "q2", attempt.id)
    assert store.place(learner.id, "other") is None


def test_reset_deletes_progress_and_keeps_the_profile(store: ProgressStore) -> None:
    anna, bert = store.learner("Anna"), store.learner("Bert")
    for learner in (anna, bert):
        store.lesson_completed(learner.id, "course", "lesson-1")
        answer(store, start(store, learner), "q1")
        store.save_reflection(learner.id, "course", "lesson-1", "text", "s")
        store.save_place(learner.id, "course", Place("lesson-1"))
    store.reset("Anna")
    assert store.find_learner("Anna") == anna
    assert store.lessons(anna.id, "course") == {}
    assert store.attempts(anna.id, "course") == []
    assert store.reflection(anna.id, "course", "lesson-1") == ""
    assert store.place(anna.id, "course") is None
    assert len(store.attempts(bert.id, "course")) == 1
    assert store.place(bert.id, "course") == Place("lesson-1")
    with pytest.raises(StoreError, match="no profile"):
        store.reset("Nobody")


def test_data_version_changes_when_another_connection_commits(data_dir: Path) -> None:
    with ProgressStore.open(data_dir) as app, ProgressStore.open(data_dir) as other:
        before = app.data_version()
        assert app.data_version() == before
        other.learner("Someone")
        assert app.data_version() != before


def test_one_store_can_be_written_from_several_threads(
    store: ProgressStore, learner: Learner
) -> None:
    attempts = [start(store, learner) for _ in range(4)]
    errors: list[BaseException] = []

    def write(attempt: Attempt) -> None:
        try:
            for index in range(50):
                answer(store, attempt, f"q{index}")
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=write, args=(attempt,)) for attempt in attempts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert all(len(a.answers) == 50 for a in store.attempts(learner.id, "course"))


def test_a_closed_store_raises_a_store_error(data_dir: Path) -> None:
    store = ProgressStore.open(data_dir)
    store.close()
    with pytest.raises(StoreError, match="closed"):
        store.learners()


def hold_write_lock(path: Path) -> sqlite3.Connection:
    """Another connection that holds the write lock until it commits."""
    blocker = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    blocker.execute("BEGIN IMMEDIATE")
    return blocker


def test_a_write_retries_while_another_process_holds_the_lock_beyond_the_busy_timeout(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(database, "BUSY_TIMEOUT", 0.02)
    with ProgressStore.open(data_dir) as store:
        learner = store.learner()
        blocker = hold_write_lock(store.path)
        release = threading.Timer(0.3, lambda: blocker.execute("COMMIT"))
        release.start()
        started = time.monotonic()
        store.lesson_opened(learner.id, "course", "lesson-1")
        assert time.monotonic() - started >= 0.25
        release.join()
        blocker.close()
        assert "lesson-1" in store.lessons(learner.id, "course")


def test_a_lock_held_too_long_gives_a_store_error_not_a_crash(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(database, "BUSY_TIMEOUT", 0.02)
    monkeypatch.setattr(database, "RETRY_FOR", 0.2)
    with ProgressStore.open(data_dir) as store:
        learner = store.learner()
        blocker = hold_write_lock(store.path)
        try:
            with pytest.raises(StoreError, match="locked for too long"):
                store.lesson_opened(learner.id, "course", "lesson-1")
        finally:
            blocker.execute("COMMIT")
            blocker.close()
        store.lesson_opened(learner.id, "course", "lesson-1")  # fine again
