"""The header says which profile is in use, in the learner's language."""

from __future__ import annotations

from pathlib import Path

import pytest

from course.ui.widgets.title_bar import TitleBar

from .helpers import build_app


@pytest.mark.parametrize(("language", "shown"), [("en", "Profile: Zed"), ("de", "Profil: Zed")])
async def test_the_header_shows_the_active_profile(
    data_dir: Path, language: str, shown: str
) -> None:
    app = build_app(data_dir, language=language, profile="Zed")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        bar = app.screen.query_one(TitleBar)
        assert shown in bar.render().plain
        app.open_lesson("water")
        await pilot.pause()
        assert shown in app.screen.query_one(TitleBar).render().plain


async def test_the_profile_follows_the_language_switch(data_dir: Path) -> None:
    app = build_app(data_dir, language="en", profile="Zed")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f2")
        await pilot.pause()
        assert "Profil: Zed" in app.screen.query_one(TitleBar).render().plain
