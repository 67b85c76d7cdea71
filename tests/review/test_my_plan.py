""" "My plan" without a screen: the network map's closing answers in course order, edited
commitments, follow-up days typed as people type them, check-ins by the course clock, and
the Markdown page with all of it."""

from __future__ import annotations

import random
import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from course.core.follow_up import FollowUpError, FollowUpProblem, parse_follow_up
from course.core.grading import answer_from_json
from course.core.review import parse_retention
from course.i18n import Catalogue
from course.store import ProgressStore
from course.store.schema import MIGRATIONS, SCHEMA_VERSION, migrate, schema_version
from course.study import PlanKind, StudySession, plan_markdown

from .test_review_store import EXAMPLE_COURSE, Clock, example

PLAN_VERSION = next(
    number
    for number, statements in enumerate(MIGRATIONS, start=1)
    if any("CREATE TABLE follow_ups" in statement for statement in statements)
)
"""The migration that adds the plan's tables (found, so that renumbering keeps this)."""
TODAY = date(2026, 12, 4)


@pytest.fixture
def study(data_dir: Path) -> StudySession:
    store = ProgressStore.open(data_dir)
    clock = Clock(datetime(2026, 12, 4, 12, 0, tzinfo=UTC))
    return StudySession(example(), store, store.learner(), random.Random(3), clock)


def write_the_steeping_plan(study: StudySession) -> None:
    """A reflection, the next-cup commitment, the network map's answers, and the map's
    own answer in the quiz (which the plan must not show twice)."""
    text = study.course.text("en")
    steeping = text.lesson("steeping")
    assert steeping is not None and steeping.quiz is not None
    study.save_reflection("water", "Soft water from now on.", "s1")
    study.save_reflection("steeping", "A timer on the kettle.", "s2")
    attempt = study.attempt(steeping.quiz)
    cup = steeping.quiz.question("next-cup")
    circle = steeping.quiz.question("tea-circle")
    assert cup is not None and circle is not None
    study.answer(attempt, cup, answer_from_json(cup, {"text": "Buy a scale."}))
    study.store.network_maps(study.learner.id, study.course.id).save_answers(
        {"whom": "Ana and Ben.", "shared": "Green tea.", "platform": " "}
    )
    study.answer(attempt, circle, answer_from_json(circle, {"text": "Green tea.\nAna and Ben."}))


def test_my_plan_gathers_the_network_maps_closing_answers_in_course_order(
    study: StudySession,
) -> None:
    write_the_steeping_plan(study)
    entries = study.plan(study.course.text("en"))
    assert [(e.lesson_id, e.kind, e.text) for e in entries] == [
        ("water", PlanKind.REFLECTION, "Soft water from now on."),
        ("steeping", PlanKind.REFLECTION, "A timer on the kettle."),
        ("steeping", PlanKind.COMMITMENT, "Buy a scale."),
        # In the order of the closing questions, not of saving; the blank one left out.
        ("steeping", PlanKind.NETWORK_MAP, "Green tea."),
        ("steeping", PlanKind.NETWORK_MAP, "Ana and Ben."),
    ]
    assert entries[3].prompt.startswith("Which taste do these people share")


def test_the_markdown_plan_has_the_network_answers_and_the_command_writes_it(
    study: StudySession, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from course.cli import main as cli

    write_the_steeping_plan(study)
    text = study.course.text("en")
    page = plan_markdown("Tea", text, study.plan(text), Catalogue("en"))
    assert page.count("### Your network map") == 1  # one heading for all its answers
    assert page.index("Buy a scale.") < page.index("Green tea.") < page.index("Ana and Ben.")
    assert "> Which taste do these people share" in page
    study.store.close()
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    out = tmp_path / "plan.md"
    argv = ["--course", str(EXAMPLE_COURSE), "--lang", "de", "plan", "-o", str(out)]
    assert cli.main(argv) == 0
    written = out.read_text()
    assert written.startswith("# Mein Plan: ")
    assert "### Ihre Netzwerkkarte" in written and "Ana and Ben." in written


def test_an_edited_commitment_is_shown_until_a_newer_answer_replaces_it(
    study: StudySession,
) -> None:
    write_the_steeping_plan(study)
    text = study.course.text("en")
    clock = study.clock
    assert isinstance(clock, Clock)
    clock.move(minutes=5)
    study.save_commitment("next-cup", "Buy a scale and a timer.")
    assert [e.text for e in study.plan(text) if e.kind is PlanKind.COMMITMENT] == [
        "Buy a scale and a timer."
    ]
    clock.move(days=2)
    steeping = text.lesson("steeping")
    assert steeping is not None and steeping.quiz is not None
    cup = steeping.quiz.question("next-cup")
    assert cup is not None
    again = study.retry(steeping.quiz, study.attempt(steeping.quiz), wrong_only=False)
    study.answer(again, cup, answer_from_json(cup, {"text": "Weigh the leaves."}))
    assert [e.text for e in study.plan(text) if e.kind is PlanKind.COMMITMENT] == [
        "Weigh the leaves."
    ]


def test_a_follow_up_comes_due_by_the_course_clock_and_its_answer_stays_in_the_plan(
    study: StudySession,
) -> None:
    write_the_steeping_plan(study)
    text = study.course.text("en")
    clock = study.clock
    assert isinstance(clock, Clock)
    study.set_follow_up("next-cup", parse_follow_up("+7d", study.today()))
    assert study.due_check_ins(text) == []
    clock.move(days=6)
    assert study.due_check_ins(text) == []
    clock.move(days=1)
    due = study.due_check_ins(text)
    assert [(f.due, entry.text) for f, entry in due] == [(date(2026, 12, 11), "Buy a scale.")]
    study.answer_check_in(due[0][0].id, "Bought one; the tea is steadier.")
    assert study.due_check_ins(text) == []
    commitment = next(e for e in study.plan(text) if e.kind is PlanKind.COMMITMENT)
    assert [(f.due, f.answer) for f in commitment.follow_ups] == [
        (date(2026, 12, 11), "Bought one; the tea is steadier.")
    ]
    assert commitment.open_follow_up is None
    page = plan_markdown("Tea", text, study.plan(text), Catalogue("en"))
    assert "**Check-in (2026-12-11):** Bought one; the tea is steadier." in page


def test_a_new_follow_up_day_moves_the_open_one_and_a_blank_one_removes_it(
    study: StudySession,
) -> None:
    write_the_steeping_plan(study)
    plans = study.plans
    study.set_follow_up("next-cup", date(2026, 12, 20))
    study.set_follow_up("next-cup", date(2026, 12, 24))
    assert [f.due for f in plans.follow_ups()] == [date(2026, 12, 24)]
    page = plan_markdown(
        "Tea", study.course.text("en"), study.plan(study.course.text("en")), Catalogue("en")
    )
    assert "*Follow-up on 2026-12-24*" in page
    study.set_follow_up("next-cup", None)
    assert plans.follow_ups() == []


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("2026-12-20", date(2026, 12, 20)),
        ("20.12.2026", date(2026, 12, 20)),
        ("+7d", date(2026, 12, 11)),
        ("+7", date(2026, 12, 11)),
        ("+2w", date(2026, 12, 18)),
        ("in 2 weeks", date(2026, 12, 18)),
        ("In 2 Wochen", date(2026, 12, 18)),
        ("in 3 Tagen", date(2026, 12, 7)),
        ("in a week", date(2026, 12, 11)),
        ("tomorrow", date(2026, 12, 5)),
        ("morgen", date(2026, 12, 5)),
        ("today", TODAY),
        ("  ", None),
    ],
)
def test_a_follow_up_day_is_read_as_people_type_it(typed: str, day: date | None) -> None:
    assert parse_follow_up(typed, TODAY) == day


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("20", FollowUpProblem.FORMAT),
        ("next friday", FollowUpProblem.FORMAT),
        ("31.02.2027", FollowUpProblem.FORMAT),
        ("2026-12-01", FollowUpProblem.PAST),
        ("2099-01-01", FollowUpProblem.FAR),
    ],
)
def test_a_follow_up_day_that_cannot_be_taken_says_why(
    typed: str, problem: FollowUpProblem
) -> None:
    with pytest.raises(FollowUpError) as raised:
        parse_follow_up(typed, TODAY)
    assert raised.value.problem is problem


@pytest.mark.parametrize(
    ("typed", "value"), [("0.9", 0.9), ("0,85", 0.85), ("90", 0.9), ("97 %", 0.97), ("0.7", 0.7)]
)
def test_a_desired_retention_is_read_as_people_type_it(typed: str, value: float) -> None:
    assert parse_retention(typed) == value


@pytest.mark.parametrize("typed", ["", "much", "0.5", "98", "nan"])
def test_a_desired_retention_outside_its_range_is_refused(typed: str) -> None:
    with pytest.raises(ValueError):
        parse_retention(typed)


def test_a_database_before_the_plan_tables_gains_them_with_its_data_kept(
    data_dir: Path,
) -> None:
    data_dir.mkdir(parents=True)
    path = data_dir / ProgressStore.DB_NAME
    old = sqlite3.connect(path, isolation_level=None)
    migrate(old, target=PLAN_VERSION - 1)
    old.execute("INSERT INTO learners (id, name, created_at) VALUES (1, 'ana', '2025-01-01')")
    old.execute(
        "INSERT INTO reflections (uid, learner_id, course_id, lesson_id, session, text, "
        "saved_at) VALUES ('r1', 1, 'course', 'water', 's', 'Soft water.', '2025-01-01')"
    )
    old.close()
    with ProgressStore.open(path.parent) as store:
        assert store.recovered_from is None
        ana = store.find_learner("ana")
        assert ana is not None
        assert store.reflection(ana.id, "course", "water") == "Soft water."
        plans = store.plans(ana.id, "course")
        at = datetime(2026, 12, 4, tzinfo=UTC)
        plans.save_commitment("next-cup", "Buy a scale.", at)
        plans.set_follow_up("next-cup", date(2026, 12, 20), at)
        assert plans.commitments()["next-cup"].text == "Buy a scale."
        assert [f.due for f in plans.due_follow_ups(date(2026, 12, 20))] == [date(2026, 12, 20)]
        store.reset("ana")
        assert plans.commitments() == {} and plans.follow_ups() == []
    check = sqlite3.connect(path)
    try:
        assert schema_version(check) == SCHEMA_VERSION >= PLAN_VERSION
    finally:
        check.close()


def test_the_plan_travels_in_a_private_export_and_a_second_import_changes_nothing(
    study: StudySession, tmp_path: Path
) -> None:
    import json

    write_the_steeping_plan(study)
    clock = study.clock
    assert isinstance(clock, Clock)
    clock.move(minutes=5)
    study.save_commitment("next-cup", "Buy a scale and a timer.")
    study.set_follow_up("next-cup", date(2026, 12, 6))
    clock.move(days=3)
    (due,) = study.plans.due_follow_ups(study.today())
    study.answer_check_in(due.id, "Bought both.")
    study.set_follow_up("next-cup", date(2027, 1, 8))
    text = study.course.text("en")
    before = study.plan(text)

    public = study.store.export(study.learner.name)
    assert "commitments" not in public["courses"][0]
    assert "follow_ups" not in public["courses"][0]
    data = json.loads(json.dumps(study.store.export(study.learner.name, include_private=True)))
    with ProgressStore.open(tmp_path / "laptop") as laptop:
        assert laptop.import_data(data).plans == 3  # one commitment, two follow-ups
        moved = StudySession(study.course, laptop, laptop.learner(), clock=clock)
        assert moved.plan(text) == before
        again = laptop.import_data(data)
        assert again.changed == 0
        assert moved.plan(text) == before


def test_an_export_with_a_follow_up_day_that_is_no_day_is_refused(study: StudySession) -> None:
    from course.store import StoreError

    write_the_steeping_plan(study)
    study.set_follow_up("next-cup", date(2026, 12, 6))
    data = study.store.export(study.learner.name, include_private=True)
    data["courses"][0]["follow_ups"][0]["due"] = "soon"
    with pytest.raises(StoreError, match=r"follow_ups\[0\]\.due.*expected a day"):
        study.store.import_data(data, learner_name="other")
