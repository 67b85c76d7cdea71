"""`course class` on a class forwarded to an LRS (`course serve --lrs`): the dashboard says
how many statements wait and when the last were sent, or since when the LRS is
unreachable, or why forwarding stopped; a class that is not forwarded shows no such line."""

from __future__ import annotations

import asyncio

from textual.pilot import Pilot

from course.core.grading import Outcome
from course.core.model import Course
from course.store import ProgressStore
from course.ui.dashboard import ClassDashboardApp
from course.workshop.classview import clock_time

from .classdata import COURSE_ID

LRS = "https://lrs.example.org/xAPI/"


def lrs_line(app: ClassDashboardApp) -> str:
    label = app.query_one("#lrs")
    return str(label.render()) if label.display else ""


async def poll(app: ClassDashboardApp, pilot: Pilot[None]) -> None:
    app.poll()
    await asyncio.to_thread(app.storage.drain)
    await pilot.pause()


def answer_once_more(store: ProgressStore) -> None:
    """ana begins the first quiz again and answers one question: two statements."""
    ana = store.learner("ana")
    attempt = store.start_attempt(
        ana.id, COURSE_ID, "1.0.0", "water-quiz", "water", ("reboiled-water",), 9
    )
    store.record_answer(attempt.id, "reboiled-water", {"chosen": [1]}, Outcome.RIGHT, 1, 1)


async def test_a_class_not_forwarded_shows_no_lrs_line(
    store: ProgressStore, course: Course
) -> None:
    app = ClassDashboardApp(course, store, "en")
    async with app.run_test(size=(120, 35)):
        assert lrs_line(app) == ""


async def test_the_dashboard_shows_how_many_statements_wait_and_when_the_last_went(
    store: ProgressStore, course: Course
) -> None:
    queue = store.lrs_queue(COURSE_ID)
    queue.forward_to(LRS)
    app = ClassDashboardApp(course, store, "en")
    async with app.run_test(size=(120, 35)) as pilot:
        assert lrs_line(app) == "LRS: nothing to send yet"
        answer_once_more(store)
        await poll(app, pilot)
        assert lrs_line(app) == "LRS: statements waiting: 2 · none sent yet"

        queue.sent(LRS, {store.learner("ana").id: ["a-statement-id"]})
        status = queue.status()
        assert status is not None and status.last_sent_at is not None
        sent_at = clock_time(status.last_sent_at)
        await poll(app, pilot)
        assert lrs_line(app) == f"LRS: statements waiting: 2 · last sent {sent_at}"

        queue.done(queue.pending())
        await poll(app, pilot)
        assert lrs_line(app) == f"LRS: all statements sent, last at {sent_at}"

        queue.unreachable("2026-12-04T13:05:00.000Z", "cannot reach the LRS")
        answer_once_more(store)
        await poll(app, pilot)
        since = clock_time("2026-12-04T13:05:00.000Z")
        assert lrs_line(app) == f"LRS unreachable since {since} · statements waiting: 2"

        await pilot.press("f2")
        await pilot.pause()
        assert lrs_line(app) == f"LRS nicht erreichbar seit {since} · wartende Aussagen: 2"


async def test_the_dashboard_says_why_forwarding_stopped(
    store: ProgressStore, course: Course
) -> None:
    queue = store.lrs_queue(COURSE_ID)
    queue.forward_to(LRS)
    answer_once_more(store)
    queue.refused("the LRS refused the statements (401): Invalid authentication credentials")
    app = ClassDashboardApp(course, store, "en")
    async with app.run_test(size=(120, 35)):
        line = lrs_line(app)
        assert line.startswith("LRS: forwarding stopped · statements waiting: 2")
        assert "(401): Invalid authentication credentials" in line
        assert "course serve --lrs" in line
