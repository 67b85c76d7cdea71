"""Open answers put live: the projector lists them grouped alike with counts, the trainer
hides a group before the room sees it, and a live question may be anonymous."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from textual.widgets import OptionList, Static

from course.store import ProgressStore
from course.ui.presenter_app import PresenterApp
from course.ui.screens.moderation import ModerationScreen
from course.ui.screens.presenter import PresenterScreen

from .helpers import build_app, build_presenter, settle, type_text
from .test_presenter_live import LEARNER, PROJECTOR, go_to_question, live_dialog, slide_text


def answer_as(data_dir: Path, course_id: str, texts: dict[str, str]) -> None:
    """Learners answer the live question from their own processes (another connection)."""
    with ProgressStore.open(data_dir) as store:
        room = store.classroom(course_id)
        live = room.state().live
        assert live is not None
        for name, text in texts.items():
            learner = store.learner(name)
            assert room.answer_round(live.id, learner.id, "1", {"text": text}, "ungraded", 0, 0)


ROOM_ANSWERS = {
    "ana": "Bitter!",
    "ben": " bitter ",
    "cem": "BITTER",
    "dana": "harsh",
    "emil": "Harsh.",
    "finn": "yucky rubbish",
    "gina": "sweet",
}
"""What the room typed for green-tea-taste: bitter 3, harsh 2, and two groups of one."""


async def open_answers(data_dir: Path, pilot: object, trainer: PresenterApp) -> PresenterScreen:
    """The trainer puts green-tea-taste live and the room answers."""
    screen = await go_to_question(pilot, "green-tea-taste")  # type: ignore[arg-type]
    await pilot.press("l")  # type: ignore[attr-defined]
    await settle(trainer, pilot)  # type: ignore[arg-type]
    answer_as(data_dir, trainer.course.id, ROOM_ANSWERS)
    await settle(trainer, pilot)  # type: ignore[arg-type]
    return screen


async def test_open_answers_are_listed_grouped_alike_with_counts_largest_first(
    data_dir: Path,
) -> None:
    trainer = build_presenter(data_dir)
    async with trainer.run_test(size=PROJECTOR) as pilot:
        await pilot.pause()
        screen = await open_answers(data_dir, pilot, trainer)
        assert "Bitter" not in slide_text(screen)  # nothing before the trainer shows it
        assert "7 answered" in str(screen.query_one("#live-status", Static).render())
        await pilot.press("d")
        await pilot.pause()
        shown = slide_text(screen).splitlines()
        rows = [line.split() for line in shown if line.strip()[:1].isdigit()]
        assert rows == [["3", "Bitter!"], ["2", "harsh"], ["1", "yucky", "rubbish"], ["1", "sweet"]]
        assert not any(name in "\n".join(shown) for name in ROOM_ANSWERS)  # no names
        assert "✓" not in "\n".join(shown)


async def test_the_reveal_marks_the_groups_that_are_accepted_answers(data_dir: Path) -> None:
    trainer = build_presenter(data_dir)
    async with trainer.run_test(size=PROJECTOR) as pilot:
        await pilot.pause()
        screen = await open_answers(data_dir, pilot, trainer)
        await pilot.press("d", "a")
        await pilot.pause()
        rows = [line.strip() for line in slide_text(screen).splitlines()]
        assert "3  Bitter! ✓" in rows and "2  harsh ✓" in rows
        assert "1  sweet" in rows and "1  yucky rubbish" in rows


async def test_a_group_hidden_before_it_is_shown_never_reaches_the_projector(
    data_dir: Path,
) -> None:
    trainer = build_presenter(data_dir)
    async with trainer.run_test(size=PROJECTOR) as pilot:
        await pilot.pause()
        screen = await open_answers(data_dir, pilot, trainer)
        await pilot.press("m")
        await pilot.pause()
        moderation = trainer.screen
        assert isinstance(moderation, ModerationScreen)
        listing = moderation.query_one("#answer-groups", OptionList)
        assert listing.option_count == 4
        await pilot.press("down", "down", "space")  # the cursor to "yucky rubbish": hide it
        await pilot.press("escape")
        await pilot.pause()
        assert trainer.screen is screen
        await pilot.press("d")
        await pilot.pause()
        assert "yucky" not in slide_text(screen)
        projected = trainer.export_screenshot()
        assert "yucky" not in projected and "harsh" in projected
        assert "Bitter!" in slide_text(screen) and "sweet" in slide_text(screen)
        # More answers come: the hidden group stays hidden, however it is written.
        answer_as(data_dir, trainer.course.id, {"hana": "Yucky,  RUBBISH!"})
        await settle(trainer, pilot)
        assert "yucky" not in slide_text(screen).lower()
        # Shown again from the moderation list, it is back on the projector.
        await pilot.press("m")
        await pilot.pause()
        listing = trainer.screen.query_one("#answer-groups", OptionList)
        # Now 2 like "harsh", given after it: third.
        assert listing.get_option_at_index(2).id == "yucky rubbish"
        assert "hidden" in str(listing.get_option_at_index(2).prompt)
        await pilot.press("down", "down", "h", "escape")
        await pilot.pause()
        assert "yucky rubbish" in slide_text(screen)


async def test_hiding_a_group_while_the_answers_are_shown_takes_it_off_at_once(
    data_dir: Path,
) -> None:
    trainer = build_presenter(data_dir)
    async with trainer.run_test(size=PROJECTOR) as pilot:
        await pilot.pause()
        screen = await open_answers(data_dir, pilot, trainer)
        await pilot.press("d", "m")
        await pilot.pause()
        await pilot.press("space")  # the largest group, under the cursor at first
        await pilot.pause()
        assert "Bitter" not in slide_text(screen)  # behind the dialog, the projector follows
        await pilot.press("escape")


async def test_moderation_is_offered_only_for_a_live_open_question(data_dir: Path) -> None:
    trainer = build_presenter(data_dir)
    async with trainer.run_test(size=PROJECTOR) as pilot:
        await pilot.pause()
        screen = await go_to_question(pilot, "black-tea-water")
        await pilot.press("l")
        assert not screen.check_action("moderate", ())
        await pilot.press("m")
        assert trainer.screen is screen
        screen = await go_to_question(pilot, "green-tea-taste")
        assert not screen.check_action("moderate", ())
        await pilot.press("l")
        assert screen.check_action("moderate", ())


async def test_a_reflection_put_live_is_shown_to_the_room_without_the_learners_name(
    data_dir: Path,
) -> None:
    trainer = build_presenter(data_dir)
    async with trainer.run_test(size=PROJECTOR) as pilot:
        await pilot.pause()
        screen = await go_to_question(pilot, "next-cup")
        await pilot.press("l")
        learner = build_app(data_dir, profile="ana")
        async with learner.run_test(size=LEARNER) as learner_pilot:
            await settle(learner, learner_pilot)
            dialog = live_dialog(learner)
            assert dialog is not None
            note = str(dialog.query_one("#live-privacy", Static).render())
            assert "shown to the room without your name" in note
            await type_text(learner_pilot, "Use cooler water")
            await learner_pilot.press("ctrl+s")
            await settle(learner, learner_pilot)
            # A reflection has no right answer: the learner waits for the room's answers.
            saved = str(dialog.query_one("#live-state", Static).render())
            assert "saved" in saved and "right" not in saved
        await settle(trainer, pilot)
        await pilot.press("d")
        await pilot.pause()
        shown = slide_text(screen)
        assert "Use cooler water" in shown and "ana" not in shown.lower().split()


async def test_an_anonymous_live_question_keeps_no_name_and_says_so(data_dir: Path) -> None:
    trainer = build_presenter(data_dir)
    async with trainer.run_test(size=PROJECTOR) as pilot:
        await pilot.pause()
        screen = await go_to_question(pilot, "green-tea-taste")
        await pilot.press("o")
        assert screen.live is not None and screen.live.anonymous
        learner = build_app(data_dir, profile="ana")
        async with learner.run_test(size=LEARNER) as learner_pilot:
            await settle(learner, learner_pilot)
            dialog = live_dialog(learner)
            assert dialog is not None
            note = str(dialog.query_one("#live-privacy", Static).render())
            assert note.startswith("Anonymous") and "progress" in note
            await type_text(learner_pilot, "bitter")
            await learner_pilot.press("enter")
            await settle(learner, learner_pilot)
            assert dialog.given is not None  # answered: once is all this learner gets
            await settle(trainer, pilot)
            status = str(screen.query_one("#live-status", Static).render())
            assert "1 answered" in status and "Anonymous" in status
            await pilot.press("l", "a")  # closed, then revealed: ana sees her answer judged
            await settle(learner, learner_pilot)
            dialog = live_dialog(learner)
            assert dialog is not None  # shown again for the reveal, with her answer
            assert dialog.query_one("#live-feedback").has_class("outcome-right")
        ana = trainer.store.find_learner("ana")
        assert ana is not None
        with sqlite3.connect(data_dir / "progress.sqlite3") as check:
            assert check.execute("SELECT COUNT(*) FROM attempts").fetchone() == (0,)
            rows = check.execute("SELECT * FROM anonymous_answers").fetchall()
        assert len(rows) == 1 and not any(str(ana.id) == str(v) for v in rows[0][2:])
        assert "ana" not in str(rows)


async def test_a_german_learner_is_told_in_german_what_the_room_sees(data_dir: Path) -> None:
    trainer = build_presenter(data_dir)
    async with trainer.run_test(size=PROJECTOR) as pilot:
        await pilot.pause()
        await go_to_question(pilot, "next-cup")
        await pilot.press("l")
        learner = build_app(data_dir, language="de", profile="ana")
        async with learner.run_test(size=LEARNER) as learner_pilot:
            await settle(learner, learner_pilot)
            dialog = live_dialog(learner)
            assert dialog is not None
            note = str(dialog.query_one("#live-privacy", Static).render())
            assert note == "Ihre Antwort wird dem Raum ohne Ihren Namen gezeigt."
        await pilot.press("e")
        screen = await go_to_question(pilot, "green-tea-taste")
        await pilot.press("o")
        learner = build_app(data_dir, language="de", profile="ana")
        async with learner.run_test(size=LEARNER) as learner_pilot:
            await settle(learner, learner_pilot)
            dialog = live_dialog(learner)
            assert dialog is not None
            note = str(dialog.query_one("#live-privacy", Static).render())
            assert note.startswith("Anonym:") and "Fortschritt" in note
        assert screen.live is not None and screen.live.anonymous


async def test_a_choice_question_put_live_tells_the_learner_nothing_about_names(
    data_dir: Path,
) -> None:
    trainer = build_presenter(data_dir)
    async with trainer.run_test(size=PROJECTOR) as pilot:
        await pilot.pause()
        await go_to_question(pilot, "black-tea-water")
        await pilot.press("l")
        learner = build_app(data_dir, profile="ana")
        async with learner.run_test(size=LEARNER) as learner_pilot:
            await settle(learner, learner_pilot)
            dialog = live_dialog(learner)
            assert dialog is not None and not dialog.query("#live-privacy")
