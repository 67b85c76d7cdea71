"""The class in a real browser: headless Chromium opens `course serve`, a learner types the
join code and a name, answers a question, and the answer is in the trainer's store.

Needs Debian's `chromium` (/usr/bin/chromium) and the Playwright package (its driver only:
no browser download); skipped with the reason otherwise. `.ci/run` installs Chromium.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from course.store import ProgressStore

from .conftest import JOIN_CODE, Served, serve, wait_for

if TYPE_CHECKING:
    from playwright.sync_api import Page

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
COURSE_ID = "example"
STEP = 20.0
"""Seconds any one step may take (a cold start of the app is the slowest, about 4 s)."""


def _skip_reason(chromium: Path = CHROMIUM) -> str | None:
    """Why the browser tests cannot run here, or None."""
    if not chromium.exists():
        return f"no Chromium at {chromium} (Debian: apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (pip install '.[test]')"
    if not Path("/proc/self").exists():
        return "needs Linux /proc to stop leftover learner processes"
    return None


SKIP_REASON = _skip_reason()
needs_browser = pytest.mark.skipif(SKIP_REASON is not None, reason=SKIP_REASON or "")


@pytest.fixture
def page(tmp_path: Path) -> Iterator[Page]:
    """A headless Chromium page; a screenshot is kept in tmp_path if the test fails."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        try:
            page = browser.new_page(viewport={"width": 1000, "height": 700})
            page.set_default_timeout(STEP * 1000)
            # textual-serve's page asks Google for a font; the class may be offline.
            page.route("**/fonts.googleapis.com/**", lambda route: route.abort())
            page.route("**/fonts.gstatic.com/**", lambda route: route.abort())
            yield page
        finally:
            browser.close()


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    """`course serve` of the example course on a free port (see conftest)."""
    with serve(tmp_path) as running:
        yield running


def open_class(page: Page, served: Served) -> None:
    """Open the served page and give the terminal the keyboard, as a click would."""
    page.goto(served.url)
    page.wait_for_selector("body.-first-byte")  # the app has drawn its first screen
    page.focus(".xterm-helper-textarea")
    page.wait_for_timeout(500)


def type_join(page: Page, code: str, name: str) -> None:
    """Type the code, Tab to the name, type it and press Enter."""
    page.keyboard.type(code, delay=20)
    page.keyboard.press("Tab")
    # Textual moves the focus after the key is handled: keys typed in the same instant
    # could still reach the code field (no person types that fast).
    page.wait_for_timeout(300)
    page.keyboard.type(name, delay=20)
    page.keyboard.press("Enter")


def in_store(served: Served, read: Any) -> Any:
    """Read the trainer's store (a fresh connection each time: another process writes)."""
    if not (served.data_dir / "progress.sqlite3").exists():
        return None
    with ProgressStore.open(served.data_dir) as store:
        return read(store)


def shoot(page: Page, tmp_path: Path, name: str) -> None:
    """Keep a screenshot for a failing test's report."""
    page.screenshot(path=str(tmp_path / f"{name}.png"))


@pytest.mark.slow
@needs_browser
def test_a_learner_joins_in_the_browser_and_their_answer_is_in_the_store(
    page: Page, served: Served, tmp_path: Path
) -> None:
    try:
        open_class(page, served)
        type_join(page, JOIN_CODE.lower(), "Ana")
        learner = wait_for(
            lambda: in_store(served, lambda s: s.find_learner("Ana")), STEP, "Ana's profile"
        )
        wait_for(
            lambda: "Ana" in in_store(served, lambda s: s.classroom(COURSE_ID).active_learners()),
            STEP,
            "Ana's app to say it is open",
        )
        page.keyboard.press("c")  # Continue: the first lesson
        wait_for(
            lambda: in_store(served, lambda s: s.lessons(learner.id, COURSE_ID).get("water")),
            STEP,
            "the first lesson to open",
        )
        page.keyboard.press("s")  # its quiz
        wait_for(
            lambda: in_store(served, lambda s: s.attempts(learner.id, COURSE_ID)),
            STEP,
            "the quiz attempt to start",
        )
        page.wait_for_timeout(500)
        page.keyboard.press("Enter")  # choose the highlighted option
        page.wait_for_timeout(300)
        page.keyboard.press("Control+s")  # check
        attempts = wait_for(
            lambda: [
                a
                for a in in_store(served, lambda s: s.attempts(learner.id, COURSE_ID))
                if a.answers
            ],
            STEP,
            "the answer in the store",
        )
        assert isinstance(attempts, list)
        (attempt,) = attempts
        (answer,) = attempt.answers
        assert attempt.quiz_id == "water-quiz"
        assert answer.question_id == "black-tea-water"
        assert answer.outcome in ("right", "wrong")
    except BaseException:
        shoot(page, tmp_path, "failed")
        raise


@pytest.mark.slow
@needs_browser
def test_a_wrong_code_is_refused_in_the_browser_and_the_right_one_then_lets_in(
    page: Page, served: Served, tmp_path: Path
) -> None:
    try:
        open_class(page, served)
        type_join(page, "WRONG7", "Ben")
        page.wait_for_timeout(2500)  # the check, the pause after a wrong code, and more
        assert in_store(served, lambda s: s.find_learner("Ben")) is None
        # The refused code is selected in its field: typing replaces it.
        page.keyboard.type(JOIN_CODE, delay=20)
        page.keyboard.press("Enter")  # on to the name, still "Ben"
        page.wait_for_timeout(300)
        page.keyboard.press("Enter")
        wait_for(lambda: in_store(served, lambda s: s.find_learner("Ben")), STEP, "Ben's profile")
    except BaseException:
        shoot(page, tmp_path, "failed")
        raise


def test_the_browser_tests_say_why_they_skip_without_chromium(tmp_path: Path) -> None:
    reason = _skip_reason(tmp_path / "no-chromium")
    assert reason is not None and "no Chromium at" in reason and "apt-get" in reason
