"""A live answer is timed by the same course clock (`COURSE_NOW`) as quiz answers and
reviews, so that trying spaced review with a moved clock keeps its answers in order."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from textual import events

from course.store import ProgressStore

from .helpers import build_app, build_presenter, settle
from .test_presenter_live import LEARNER, PROJECTOR, go_to_question, live_dialog

MOVED_CLOCK = "2027-03-01T10:00:00+00:00"


async def test_a_live_answer_and_its_review_carry_the_course_clock(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COURSE_NOW", MOVED_CLOCK)
    trainer = build_presenter(data_dir)
    async with trainer.run_test(size=PROJECTOR) as pilot:
        await pilot.pause()
        await go_to_question(pilot, "black-tea-water")
        await pilot.press("l")
        learner = build_app(data_dir, profile="ana")
        async with learner.run_test(size=LEARNER) as learner_pilot:
            await settle(learner, learner_pilot)
            learner.post_message(events.Key("enter", "\r"))
            learner.post_message(events.Key("ctrl+s", "\x13"))
            await settle(learner, learner_pilot)
            dialog = live_dialog(learner)
            assert dialog is not None and dialog.given is not None
    check = sqlite3.connect(data_dir / ProgressStore.DB_NAME)
    try:
        answered = check.execute(
            "SELECT a.answered_at, t.started_at FROM answers a JOIN attempts t "
            "ON t.id = a.attempt_id WHERE t.mode = 'live'"
        ).fetchall()
        reviewed = check.execute("SELECT reviewed_at FROM review_logs").fetchall()
    finally:
        check.close()
    assert [row[0][:16] for row in answered] == ["2027-03-01T10:00"]
    assert [row[1][:16] for row in answered] == ["2027-03-01T10:00"]
    assert [row[0][:16] for row in reviewed] == ["2027-03-01T10:00"]
