"""A lesson's text is rendered once: the next lesson is rendered while the learner reads,
and going back to a lesson shows the lines rendered before."""

from __future__ import annotations

from pathlib import Path

from rich.style import Style
from textual.strip import Strip

from course.ui.screens.lesson import RENDER_AHEAD_DELAY, LessonScreen
from course.ui.widgets.markdown_text import RENDERED, MarkdownText, _RenderedTexts

from .helpers import build_app

SMALL = (80, 24)


async def test_the_next_lesson_is_rendered_while_the_learner_reads(data_dir: Path) -> None:
    RENDERED.clear()
    app = build_app(data_dir)
    async with app.run_test(size=SMALL) as pilot:
        app.open_lesson("water")
        await pilot.pause(RENDER_AHEAD_DELAY + 0.3)
        screen = app.screen
        assert isinstance(screen, LessonScreen)
        body = screen.query_one("#lesson-body", MarkdownText)
        steeping = app.text.lesson("steeping")
        assert steeping is not None
        ahead = RENDERED.get(
            (screen._titled(steeping.body), body.size.width, body.visual_style.rich_style)
        )
        assert ahead, "the next lesson's text was not rendered ahead"

        await pilot.press("n")
        await pilot.pause()

        # What the screen shows now are the very lines rendered ahead.
        assert body.lines(body.size.width) is ahead


async def test_a_lesson_shown_again_is_not_rendered_again(data_dir: Path) -> None:
    RENDERED.clear()
    app = build_app(data_dir)
    async with app.run_test(size=SMALL) as pilot:
        app.open_lesson("water")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LessonScreen)
        body = screen.query_one("#lesson-body", MarkdownText)
        first = body.lines(body.size.width)
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        assert screen.lesson_id == "water"
        assert body.lines(body.size.width) is first


def test_the_rendered_texts_keep_the_most_recently_used_only() -> None:
    kept = _RenderedTexts(2)
    plain = Style()
    kept.put(("a", 80, plain), [Strip.blank(80)])
    kept.put(("b", 80, plain), [Strip.blank(80)])
    assert kept.get(("a", 80, plain)) is not None  # "a" is now the most recent
    kept.put(("c", 80, plain), [Strip.blank(80)])
    assert kept.get(("b", 80, plain)) is None
    assert kept.get(("a", 80, plain)) is not None
    assert kept.get(("c", 80, plain)) is not None
    assert kept.get(("a", 60, plain)) is None  # another width is another rendering
