"""The join screen of a served classroom, driven with Pilot: the right code and a name open
the outline; a wrong code is refused the same way whatever the name; a full class says so."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from textual.widgets import Button, Input, Static

from course.content import load_course
from course.store import Classroom, ProgressStore, StoreError
from course.store.classroom import served_session
from course.study import LessonStatus
from course.ui.app import CourseApp, make_app
from course.ui.screens.join import JoinScreen, _name_problem
from course.ui.screens.outline import OutlineScreen

from .conftest import EXAMPLE_COURSE, JOIN_CODE

SIZE = (80, 24)


@pytest.fixture(autouse=True)
def short_wrong_code_delay(monkeypatch: pytest.MonkeyPatch) -> None:
    """Most tests need not wait a whole second after a wrong code."""
    monkeypatch.setattr(JoinScreen, "WRONG_CODE_DELAY", 0.05)


def classroom_app(data_dir: Path, max_learners: int = 40, language: str = "en") -> CourseApp:
    """The learner app as `course serve` starts it, after the trainer set the code."""
    result = load_course(EXAMPLE_COURSE)
    assert result.course is not None
    with ProgressStore.open(data_dir) as store:
        store.classroom(result.course.id).set_join_code(JOIN_CODE, max_learners)
    return make_app(result.course, data_dir, language=language, join=True, shuffle_seed=7)


async def join(pilot, code: str, name: str) -> None:  # type: ignore[no-untyped-def]
    """Type the code and the name as a learner does, and submit."""
    screen = pilot.app.screen
    assert isinstance(screen, JoinScreen)
    screen.query_one("#join-code", Input).focus()
    await pilot.pause()
    for key in code:
        await pilot.press(key)
    await pilot.press("enter")  # on to the name field
    for key in name:
        await pilot.press("space" if key == " " else key)
    await pilot.press("enter")
    await settle(pilot)


async def settle(pilot, seconds: float = 3.0) -> None:  # type: ignore[no-untyped-def]
    """Wait until the join screen is no longer checking (bounded)."""
    deadline = time.monotonic() + seconds
    await pilot.pause()
    while time.monotonic() < deadline:
        screen = pilot.app.screen
        if not isinstance(screen, JoinScreen) or not screen._busy:
            break
        await pilot.pause(0.05)
    await pilot.pause()


def message(app: CourseApp) -> str:
    return str(app.screen.query_one("#join-message", Static).render())


async def test_the_first_screen_asks_for_the_code_with_the_cursor_in_it(data_dir: Path) -> None:
    app = classroom_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, JoinScreen)
        assert app.focused is app.screen.query_one("#join-code", Input)
        assert app.study is None


async def test_the_right_code_and_a_name_open_the_outline_for_that_learner(
    data_dir: Path,
) -> None:
    app = classroom_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await join(pilot, "tea42x", "  Ana  ")  # any case, spaces around the name
        assert isinstance(app.screen, OutlineScreen)
        assert app.study.learner.name == "Ana"
    with ProgressStore.open(data_dir) as store:
        assert store.find_learner("Ana") is not None


async def test_a_returning_learner_continues_their_own_progress(data_dir: Path) -> None:
    app = classroom_app(data_dir)
    with ProgressStore.open(data_dir) as store:
        ana = store.learner("Ana")
        store.lesson_opened(ana.id, "example", "water")
    async with app.run_test(size=SIZE) as pilot:
        await join(pilot, JOIN_CODE, "Ana")
        assert isinstance(app.screen, OutlineScreen)
        assert app.study.learner.id == ana.id
        assert app.study.lesson_status("water") is LessonStatus.IN_PROGRESS


async def test_a_learner_coming_back_in_another_case_continues_their_progress(
    data_dir: Path,
) -> None:
    app = classroom_app(data_dir, max_learners=1)
    with ProgressStore.open(data_dir) as store:
        dora = store.learner("Dora")
        store.lesson_opened(dora.id, "example", "water")
    heartbeat(data_dir, "Dora")  # her other tab holds the one seat
    async with app.run_test(size=SIZE) as pilot:
        await join(pilot, JOIN_CODE, " dora ")
        assert isinstance(app.screen, OutlineScreen)
        assert app.study.learner == dora
        assert app.study.lesson_status("water") is LessonStatus.IN_PROGRESS
    with ProgressStore.open(data_dir) as store:
        assert [learner.name for learner in store.learners()] == ["Dora"]


async def test_a_wrong_code_is_refused_the_same_way_whether_the_name_exists_or_not(
    data_dir: Path,
) -> None:
    app = classroom_app(data_dir)
    with ProgressStore.open(data_dir) as store:
        store.learner("Ana")
    async with app.run_test(size=SIZE) as pilot:
        await join(pilot, "WRONG1", "Ana")
        assert isinstance(app.screen, JoinScreen)
        known = message(app)
        await join(pilot, "WRONG1", "Nobody")
        assert isinstance(app.screen, JoinScreen)
        unknown = message(app)
        await join(pilot, "", "Ana")
        empty = message(app)
        assert known == unknown == empty == "That code is not right."
        assert app.focused is app.screen.query_one("#join-code", Input)
        assert app.study is None
    with ProgressStore.open(data_dir) as store:
        assert store.find_learner("Nobody") is None


async def test_a_wrong_code_is_refused_only_after_a_pause(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(JoinScreen, "WRONG_CODE_DELAY", 1.0)
    app = classroom_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, JoinScreen)
        screen.query_one("#join-code", Input).value = "WRONG1"
        screen.query_one("#join-name", Input).value = "Ana"
        started = time.monotonic()
        screen.submit()
        await pilot.pause(0.3)
        assert screen._busy and screen.query_one("#join", Button).disabled
        screen.query_one("#join-code", Input).value = JOIN_CODE
        screen.submit()  # a second try while the first is refused does nothing
        await settle(pilot)
        assert time.monotonic() - started >= 1.0
        assert isinstance(app.screen, JoinScreen)
        assert message(app) == "That code is not right."
        assert not screen.query_one("#join", Button).disabled


async def test_no_code_is_right_when_the_trainer_set_none(data_dir: Path) -> None:
    result = load_course(EXAMPLE_COURSE)
    assert result.course is not None
    app = make_app(result.course, data_dir, language="en", join=True)
    async with app.run_test(size=SIZE) as pilot:
        await join(pilot, JOIN_CODE, "Ana")
        assert isinstance(app.screen, JoinScreen)
        assert message(app) == "That code is not right."


async def test_an_empty_name_is_asked_for_again(data_dir: Path) -> None:
    app = classroom_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await join(pilot, JOIN_CODE, "   ")
        assert isinstance(app.screen, JoinScreen)
        assert message(app) == "Please type your name."
        assert app.focused is app.screen.query_one("#join-name", Input)


def test_each_unusable_name_has_its_own_message() -> None:
    assert _name_problem("  ") == "join.name_empty"
    assert _name_problem("x" * 61) == "join.name_too_long"
    assert _name_problem("a\x07b") == "join.name_control"


def heartbeat(data_dir: Path, *names: str, served: bool = True) -> None:
    """Learners whose apps are open (as their apps' heartbeats would say): in a browser of
    `course serve`, or (not `served`) in a terminal on the same data folder."""
    with ProgressStore.open(data_dir) as store:
        room = store.classroom("example")
        for name in names:
            session = f"session-{name}"
            room.heartbeat(
                served_session(session) if served else session, store.learner(name).id, None
            )


async def test_a_full_class_turns_the_next_learner_away_with_a_clear_message(
    data_dir: Path,
) -> None:
    app = classroom_app(data_dir, max_learners=2)
    heartbeat(data_dir, "ben", "cem")
    async with app.run_test(size=SIZE) as pilot:
        await join(pilot, JOIN_CODE, "Ana")
        assert isinstance(app.screen, JoinScreen)
        assert message(app) == "The class is full (2 learners). Please ask your trainer."
    with ProgressStore.open(data_dir) as store:
        assert store.find_learner("Ana") is None


async def test_learners_in_a_terminal_take_no_seat_of_the_served_class(
    data_dir: Path,
) -> None:
    app = classroom_app(data_dir, max_learners=2)
    heartbeat(data_dir, "ben", "cem", "dora", served=False)
    heartbeat(data_dir, "emil")
    async with app.run_test(size=SIZE) as pilot:
        await join(pilot, JOIN_CODE, "Ana")
        assert isinstance(app.screen, OutlineScreen)
        await pilot.pause()
    with ProgressStore.open(data_dir) as store:
        seats = store.classroom("example").active_learners(served_only=True)
    assert set(seats) == {"Ana", "emil"}  # her app's heartbeat says it holds a seat


async def test_a_learner_already_in_a_full_class_may_open_another_tab(data_dir: Path) -> None:
    app = classroom_app(data_dir, max_learners=2)
    heartbeat(data_dir, "ben", "cem")
    async with app.run_test(size=SIZE) as pilot:
        await join(pilot, JOIN_CODE, "ben")
        assert isinstance(app.screen, OutlineScreen)
        assert app.study.learner.name == "ben"


async def test_the_language_switch_keeps_what_was_typed(data_dir: Path) -> None:
    app = classroom_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await join(pilot, "WRONG1", "Ana")
        await pilot.press("f2")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, JoinScreen)
        assert str(screen.query_one("#join-title", Static).render()) == "Am Kurs teilnehmen"
        assert message(app) == "Dieser Code stimmt nicht."
        assert screen.query_one("#join-code", Input).value == "WRONG1"
        assert screen.query_one("#join-name", Input).value == "Ana"


@pytest.mark.parametrize("language", ["en", "de"])
async def test_everything_fits_a_browsers_80x24_terminal(data_dir: Path, language: str) -> None:
    app = classroom_app(data_dir, max_learners=40, language=language)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, JoinScreen)
        screen._show_key("join.full", problem=True, count=40)  # the longest message
        await pilot.pause()
        footer_row = SIZE[1] - 1
        for selector in ("#join-title", "#join-code", "#join-name", "#join", "#join-message"):
            region = screen.query_one(selector).region
            assert region.height and region.bottom <= footer_row, (selector, region)


async def test_a_store_failure_shows_a_message_and_no_traceback(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = classroom_app(data_dir)

    def broken(self: object, code: str) -> bool:
        raise StoreError(f"Could not read the join code in {data_dir}: disk I/O error.")

    monkeypatch.setattr(Classroom, "check_join_code", broken)
    async with app.run_test(size=SIZE) as pilot:
        await join(pilot, JOIN_CODE, "Ana")
        assert isinstance(app.screen, JoinScreen)
        shown = message(app)
        assert shown == "Joining did not work just now. Please try again in a moment."
        assert str(data_dir) not in shown  # the trainer's paths stay private


async def test_before_joining_the_command_palette_offers_no_lesson(data_dir: Path) -> None:
    # Opening a lesson before anyone joined crashed the app, and its traceback (with the
    # course's answer key) went to the terminal on the projector.
    app = classroom_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        offered = [command.title for command in app.get_system_commands(app.screen)]
        assert offered and not any("Water and temperature" in title for title in offered)
        await join(pilot, JOIN_CODE, "Ana")
        offered = [command.title for command in app.get_system_commands(app.screen)]
        assert any("Water and temperature" in title for title in offered)


async def test_with_joining_closed_a_new_name_is_refused_and_a_known_learner_gets_in(
    data_dir: Path,
) -> None:
    app = classroom_app(data_dir)
    with ProgressStore.open(data_dir) as store:
        store.learner("Ana")
        store.classroom("example").set_joining_locked(True)
    async with app.run_test(size=SIZE) as pilot:
        await join(pilot, JOIN_CODE, "Olu")
        assert isinstance(app.screen, JoinScreen)
        assert "The trainer has closed joining" in message(app)
        await join(pilot, JOIN_CODE, "ana")
        assert isinstance(app.screen, OutlineScreen)
        assert app.study.learner.name == "Ana"
    with ProgressStore.open(data_dir) as store:
        assert store.find_learner("Olu") is None
