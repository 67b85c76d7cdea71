"""The network workbench by keyboard: people and ties added, changed and removed, saved
at once; the practice map first; the analysis and the pre-filled closing questions."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, Static, TextArea

from course.core.network_map import NetworkMap, analyse
from course.i18n import Catalogue
from course.ui.screens.network_dialogs import PersonDialog, TieDialog
from course.ui.widgets.lesson_table import LessonTable
from course.ui.widgets.map_picture import draw_map

from .helpers import type_text
from .workbench_helpers import (
    add_person,
    add_tie,
    bundled_app,
    open_workbench,
    stored_map,
    workbench,
)

SIZE = (80, 24)


async def test_the_practice_map_opens_first_and_cannot_be_changed(data_dir: Path) -> None:
    app = bundled_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_workbench(pilot, own=False)
        assert screen.practicing
        assert [p.label for p in screen.shown.people] == ["A", "B", "C", "D"]
        analysis = str(screen.query_one("#analysis-text", Static).render())
        assert "2 groups" in analysis
        await pilot.press("a")
        await pilot.pause()
        assert not isinstance(app.screen, PersonDialog)
        assert stored_map(app) is None


async def test_people_and_ties_added_by_keys_are_saved_at_once(data_dir: Path) -> None:
    app = bundled_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_workbench(pilot)
        assert not screen.practicing and not screen.own.people
        await add_person(pilot, "A", customer=True, tags="nursing, LinkedIn")
        await add_person(pilot, "B", tags="nursing")
        await add_tie(pilot, "A", "B", "same hospital")
        saved = stored_map(app)
        assert saved is not None
        a, b = saved.person_named("A"), saved.person_named("B")
        assert a is not None and b is not None
        assert a.uses_offer and a.tags == ("nursing", "LinkedIn")
        assert not b.uses_offer
        tie = saved.tie_between(a.key, b.key)
        assert tie is not None and tie.kind == "same hospital"
        assert screen.query_one("#people", LessonTable).row_count == 2
        await pilot.press("2")
        await pilot.pause()
        assert screen.query_one("#ties", DataTable).row_count == 1
        analysis = str(screen.query_one("#analysis-text", Static).render())
        assert "one connected group" in analysis and "“nursing”" in analysis


async def test_a_client_name_taken_twice_is_refused_inside_the_dialog(data_dir: Path) -> None:
    app = bundled_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await open_workbench(pilot)
        await add_person(pilot, "A")
        await add_person(pilot, "a")
        dialog = app.screen
        assert isinstance(dialog, PersonDialog)
        assert "already" in str(dialog.query_one("#dialog-error", Static).render())
        await pilot.press("escape")
        await pilot.pause()
        saved = stored_map(app)
        assert saved is not None and [p.label for p in saved.people] == ["A"]


async def test_editing_a_person_by_keys_changes_label_offer_and_tags(data_dir: Path) -> None:
    app = bundled_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_workbench(pilot)
        await add_person(pilot, "A", tags="coach")
        screen.query_one("#people", LessonTable).focus()
        await pilot.press("e")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, PersonDialog)
        dialog.query_one("#person-label", Input).value = ""
        await type_text(pilot, "HR lead")
        await pilot.press("tab", "space", "tab")
        dialog.query_one("#person-tags", Input).value = ""
        await type_text(pilot, "HR, Berlin")
        await pilot.press("enter")
        await pilot.pause()
        saved = stored_map(app)
        assert saved is not None
        (person,) = saved.people
        assert (person.label, person.uses_offer, person.tags) == ("HR lead", True, ("HR", "Berlin"))
        await pilot.press("o")
        await pilot.pause()
        saved = stored_map(app)
        assert saved is not None and not saved.people[0].uses_offer


async def test_removing_a_tie_then_a_person_by_keys_and_undoing_it(data_dir: Path) -> None:
    app = bundled_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_workbench(pilot)
        for label in ("A", "B", "C"):
            await add_person(pilot, label)
        await add_tie(pilot, "A", "B")
        await add_tie(pilot, "B", "C", "knows")
        await pilot.press("2")
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        saved = stored_map(app)
        assert saved is not None and len(saved.ties) == 1
        await pilot.press("1")
        await pilot.pause()
        table = screen.query_one("#people", LessonTable)
        table.move_cursor(row=1)
        await pilot.press("d")
        await pilot.pause()
        saved = stored_map(app)
        assert saved is not None
        assert [p.label for p in saved.people] == ["A", "C"] and not saved.ties
        await pilot.press("u")
        await pilot.pause()
        saved = stored_map(app)
        assert saved is not None
        assert [p.label for p in saved.people] == ["A", "B", "C"] and len(saved.ties) == 1


async def test_closing_questions_are_prefilled_from_the_map_and_saved_when_changed(
    data_dir: Path,
) -> None:
    app = bundled_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_workbench(pilot)
        await add_person(pilot, "A", customer=True, tags="onboarding, LinkedIn")
        await add_person(pilot, "B", tags="onboarding, LinkedIn")
        await add_tie(pilot, "A", "B")
        await pilot.press("3")
        await pilot.pause()
        shared = screen.query_one("#answer-0", TextArea)
        assert shared.text == "onboarding"
        assert screen.query_one("#answer-2", TextArea).text == "LinkedIn"
        assert shared.has_focus
        await pilot.press("end")
        await type_text(pilot, " of new nurses")
        screen.action_save_answers()
        answers = app.store.network_maps(app.study.learner.id, app.course.id).answers()
        assert answers["shared"] == "onboarding of new nurses"


async def test_a_snapshot_compared_with_the_map_now_names_who_joined(data_dir: Path) -> None:
    app = bundled_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_workbench(pilot)
        await add_person(pilot, "A")
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await add_person(pilot, "B")
        await pilot.press("4")
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        comparison = str(screen.query_one("#comparison", Static).render())
        assert "Joined: B." in comparison


async def test_the_workbench_comes_back_after_quitting_with_the_map_and_answers(
    data_dir: Path,
) -> None:
    app = bundled_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await open_workbench(pilot)
        await add_person(pilot, "A", tags="onboarding")
        await add_person(pilot, "B", tags="onboarding")
        await add_tie(pilot, "A", "B")
    again = bundled_app(data_dir, language="de")
    async with again.run_test(size=SIZE) as pilot:
        screen = await open_workbench(pilot, own=False)
        assert not screen.practicing
        assert [p.label for p in screen.shown.people] == ["A", "B"]
        await pilot.press("2")
        await pilot.pause()
        assert workbench(pilot).query_one("#ties", DataTable).row_count == 1
        assert "zusammenhängende Gruppe" in str(screen.query_one("#analysis-text", Static).render())


async def test_lesson_6_has_a_button_and_the_palette_an_entry_for_the_workbench(
    data_dir: Path,
) -> None:
    from textual.widgets import Button

    from course.ui.screens.network_map import NetworkMapScreen

    from .workbench_helpers import LESSON

    app = bundled_app(data_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Open the network workbench (lesson 6)" in titles
        app.open_lesson(LESSON)
        await pilot.pause()
        button = app.screen.query_one("#open-workbench", Button)
        assert button.display
        button.press()
        await pilot.pause()
        assert isinstance(app.screen, NetworkMapScreen)
        await pilot.press("escape")
        await pilot.pause()
        app.open_lesson("thesis-39")
        await pilot.pause()
        assert not app.screen.query_one("#open-workbench", Button).display


async def test_focus_shows_one_person_with_their_ties_and_zoom_shows_tags(
    data_dir: Path,
) -> None:
    from course.ui.widgets.map_picture import MapPicture

    app = bundled_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_workbench(pilot, own=False)
        picture = screen.query_one(MapPicture)
        assert "Group 1" in picture.picture(40).plain
        await pilot.press("f")  # on A, the first person of the practice map
        await pilot.pause()
        focused = picture.picture(40).plain
        assert "├── same hospital ── ○B" in focused
        assert "●C  (Group 2)" in focused  # a tie into another group says so
        await pilot.press("down")
        await pilot.pause()
        assert "reads along" in picture.picture(40).plain  # the focus follows the list: B
        await pilot.press("f", "z")
        await pilot.pause()
        assert "director of nursing" in picture.picture(60).plain


async def test_labels_and_tags_with_brackets_show_as_typed_in_the_analysis(
    data_dir: Path,
) -> None:
    """A label or tag is the learner's text, never markup: "[/x]" stopped the workbench."""
    from course.core.network_map import NetworkMap

    app = bundled_app(data_dir)
    network, _ = NetworkMap().with_person("[/x]", tags=("[team]",))
    app.store.network_maps(app.study.learner.id, app.course.id).save(network)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_workbench(pilot)
        analysis = str(screen.query_one("#analysis-text", Static).render())
        assert "[/x]" in analysis


async def test_tab_after_choosing_the_answers_tab_goes_into_the_first_answer(
    data_dir: Path,
) -> None:
    app = bundled_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_workbench(pilot)
        await add_person(pilot, "A")
        await pilot.press("shift+tab")  # onto the row of tabs
        await pilot.press("right", "right")  # People → Ties → Answers
        await pilot.pause()
        await pilot.press("tab")
        await pilot.pause()
        first = screen.query_one("#answer-0", TextArea)
        assert first.has_focus
        await pilot.press("a")
        await pilot.pause()
        assert not isinstance(app.screen, PersonDialog)
        assert "a" in first.text


async def test_each_answer_in_focus_shows_its_question_above_it(data_dir: Path) -> None:
    app = bundled_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_workbench(pilot)
        await add_person(pilot, "A", tags="onboarding")
        await pilot.press("3")
        await pilot.pause()
        frame = screen.query_one("#answers").region
        for question in screen.query(".question-text"):
            assert app.focused is not None and "answer" in app.focused.classes
            assert frame.contains_region(question.region), question.render()
            assert frame.contains_region(app.focused.region)
            await pilot.press("tab")
            await pilot.pause()


@pytest.mark.parametrize("language", ["en", "de"])
def test_the_empty_pictures_hint_wraps_instead_of_being_cut_off(language: str) -> None:
    t = Catalogue(language)
    picture = draw_map(NetworkMap(), analyse(NetworkMap()), 38, t)
    lines = picture.plain.splitlines()
    assert all(len(line) <= 38 for line in lines), lines
    assert " ".join(lines) == t("network.picture_empty")


async def test_the_tie_dialog_opens_with_the_highlighted_person_and_the_partner_focused(
    data_dir: Path,
) -> None:
    app = bundled_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await open_workbench(pilot)
        await add_person(pilot, "A")
        await add_person(pilot, "B")
        await pilot.press("ctrl+home")  # A highlighted
        await pilot.press("t")
        dialog = app.screen
        assert isinstance(dialog, TieDialog)
        # Filled in when the dialog is built, not after it is drawn: filled in later, it
        # overwrote what a quick typist had begun typing into the first field.
        assert dialog.first == "A"
        assert dialog.query_one("#tie-first", Input).value == "A"
        assert dialog.query_one("#tie-second", Input).has_focus
        await type_text(pilot, "B")
        await pilot.press("enter")
        await pilot.pause()
        saved = stored_map(app)
        assert saved is not None and len(saved.ties) == 1


async def test_typing_in_a_prefilled_answer_adds_to_the_end(data_dir: Path) -> None:
    app = bundled_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_workbench(pilot)
        await add_person(pilot, "A", tags="onboarding")
        await add_person(pilot, "B", tags="onboarding")
        await add_tie(pilot, "A", "B")
        await pilot.press("3")
        await pilot.pause()
        await type_text(pilot, " of new nurses")
        assert screen.query_one("#answer-0", TextArea).text == "onboarding of new nurses"
