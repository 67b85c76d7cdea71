"""The theme and language a learner chooses in the app are theirs at the next start; a
language asked for on the command line wins for that run."""

from __future__ import annotations

from pathlib import Path

from course.ui.app import make_app
from course.ui.base import DARK_THEME, LIGHT_THEME

from .helpers import load


async def test_theme_and_language_are_kept_for_the_profiles_next_start(data_dir: Path) -> None:
    course = load()
    app = make_app(course, data_dir, language="en", profile="ana")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f2", "f3")
        await pilot.pause()
        assert (app.language, app.theme) == ("de", LIGHT_THEME)
        await pilot.press("ctrl+q")
    app.close_store()

    again = make_app(course, data_dir, language="en", language_given=False, profile="ana")
    assert (again.language, again.theme) == ("de", LIGHT_THEME)
    again.store.close()

    other = make_app(course, data_dir, language="en", language_given=False, profile="bob")
    assert (other.language, other.theme) == ("en", DARK_THEME)
    other.store.close()


async def test_the_command_lines_language_wins_for_that_run(data_dir: Path) -> None:
    course = load()
    app = make_app(course, data_dir, language="en", profile="ana")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f2")
        await pilot.pause()
        await pilot.press("ctrl+q")
    app.close_store()

    asked = make_app(course, data_dir, language="en", language_given=True, profile="ana")
    assert asked.language == "en"
    asked.store.close()
    # ...for that run only: the profile's choice is still there.
    again = make_app(course, data_dir, language="en", language_given=False, profile="ana")
    assert again.language == "de"
    again.store.close()
