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
            # Nothing of the class's pages may come from elsewhere (a class may be offline,
            # and a learner's address is no third party's business).
            elsewhere: list[str] = []
            page.context.on(
                "request",
                lambda request: (
                    None
                    if request.url.startswith(("http://127.0.0.1", "ws://127.0.0.1"))
                    else elsewhere.append(request.url)
                ),
            )
            yield page
            assert elsewhere == []
        finally:
            browser.close()


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    """`course serve` of the example course on a free port (see conftest)."""
    with serve(tmp_path) as running:
        yield running


def fill_join_page(page: Page, served: Served, code: str, name: str, pin: str) -> None:
    """Open the class's address and fill the join page as a learner does: the code, the
    name and the PIN, then Enter."""
    if not page.url.startswith(served.url):
        page.goto(served.url)
    page.fill("#code", code)
    page.fill("#name", name)
    page.fill("#pin", pin)
    page.press("#pin", "Enter")


def open_class(page: Page, served: Served, code: str, name: str, pin: str) -> None:
    """Join on the page, wait for the app's first screen and give the terminal the
    keyboard, as a click would."""
    fill_join_page(page, served, code, name, pin)
    page.wait_for_selector("body.-first-byte")  # the app has drawn its first screen
    page.focus(".xterm-helper-textarea")
    page.wait_for_timeout(500)


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
        open_class(page, served, JOIN_CODE.lower(), "Ana", "2468")
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
def test_a_wrong_code_or_pin_is_refused_in_the_browser_and_the_right_one_lets_in(
    page: Page, served: Served, tmp_path: Path
) -> None:
    try:
        fill_join_page(page, served, "WRONG7", "Ben", "1357")
        page.wait_for_selector(".problem")
        assert "not right" in page.inner_text(".problem")
        assert in_store(served, lambda s: s.find_learner("Ben")) is None
        assert served.learner_processes() == []
        open_class(page, served, JOIN_CODE, "Ben", "1357")
        wait_for(lambda: in_store(served, lambda s: s.find_learner("Ben")), STEP, "Ben's profile")
        # Another tab with Ben's name but not his PIN is turned away, before any app.
        other = page.context.browser.new_context().new_page()  # type: ignore[union-attr]
        fill_join_page(other, served, JOIN_CODE, "ben", "9999")
        other.wait_for_selector(".problem")
        assert other.query_selector(".xterm-helper-textarea") is None
        assert len(served.learner_processes()) == 1
    except BaseException:
        shoot(page, tmp_path, "failed")
        raise


@pytest.mark.slow
@needs_browser
def test_a_learner_who_opens_the_short_link_types_only_a_name_and_a_pin(
    page: Page, served: Served, tmp_path: Path
) -> None:
    try:
        page.goto(f"{served.url}j/{JOIN_CODE}")  # what the banner's QR code holds
        assert page.input_value("#code") == JOIN_CODE
        page.keyboard.type("Cleo")  # the name field has the keyboard at once
        page.keyboard.press("Tab")
        page.keyboard.type("8642")
        page.keyboard.press("Enter")
        page.wait_for_selector("body.-first-byte")  # the app has drawn its first screen
        learner = wait_for(
            lambda: in_store(served, lambda s: s.find_learner("Cleo")), STEP, "Cleo's profile"
        )
        assert learner is not None
        # The terminal's font came from the server (the page fixture fails on any other host).
        page.wait_for_function(
            "[...document.fonts].some(f => f.family.includes('Roboto Mono') && "
            "f.status === 'loaded')"
        )
    except BaseException:
        shoot(page, tmp_path, "failed")
        raise


def test_the_browser_tests_say_why_they_skip_without_chromium(tmp_path: Path) -> None:
    reason = _skip_reason(tmp_path / "no-chromium")
    assert reason is not None and "no Chromium at" in reason and "apt-get" in reason
