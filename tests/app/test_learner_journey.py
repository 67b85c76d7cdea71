"""A learner's way through the course in the real app: outline, lessons, quiz, resume."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, OptionList, Static, TextArea

from course.content.lessons import lesson_links_as_titles
from course.core.kinds.text import TextAnswer
from course.study import LessonStatus
from course.ui.app import CourseApp
from course.ui.screens.lesson import LessonScreen
from course.ui.screens.outline import OutlineScreen
from course.ui.screens.quiz import QuizScreen
from course.ui.screens.result import ResultScreen
from course.ui.widgets.lesson_table import LessonTable
from course.ui.widgets.markdown_text import MarkdownText
from course.ui.widgets.outline_header import OutlineHeader
from course.ui.widgets.questions import QuestionInput

from .helpers import REPO, answer_with_keys, build_app, go_to_question, settle, type_text

SMALL = (80, 24)


def shown_markdown(app: CourseApp) -> str:
    """All the Markdown the current screen shows."""
    return "\n".join(w.markdown for w in app.screen.query(MarkdownText))


async def test_outline_lists_every_lesson_and_opens_the_chosen_one(data_dir: Path) -> None:
    app = build_app(data_dir)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, OutlineScreen)
        table = app.screen.query_one("#lessons", LessonTable)
        assert table.row_count == 2
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, LessonScreen)
        assert app.screen.lesson_id == "steeping"
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, LessonScreen) and app.screen.lesson_id == "water"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, OutlineScreen)
        await settle(app, pilot)
        assert app.study.lesson_status("water") is LessonStatus.IN_PROGRESS


async def test_lesson_shows_takeaways_but_never_facilitator_notes(data_dir: Path) -> None:
    app = build_app(data_dir)
    async with app.run_test(size=SMALL) as pilot:
        app.open_lesson("water")
        await pilot.pause()
        lesson = app.text.lesson("water")
        assert lesson is not None and lesson.facilitator
        shown = shown_markdown(app)
        titles = {other.path.name: other.title for other in app.text.lessons if other.path}
        assert lesson.takeaways in shown
        assert lesson_links_as_titles(lesson.body, titles) in shown  # links show titles
        assert lesson.facilitator not in shown


async def test_reflection_is_saved_while_typing_and_back_after_a_restart(data_dir: Path) -> None:
    app = build_app(data_dir)
    async with app.run_test(size=SMALL) as pilot:
        app.open_lesson("water")
        await pilot.pause()
        await pilot.press("r")
        await type_text(pilot, "soft water tastes better")
        await pilot.pause(1.2)  # longer than the save delay: saved without leaving
        await settle(app, pilot)
        assert app.study.reflection("water") == "soft water tastes better"
    again = build_app(data_dir)
    async with again.run_test(size=SMALL) as pilot:
        again.open_lesson("water")
        await pilot.pause()
        assert again.screen.query_one("#reflection", TextArea).text == "soft water tastes better"


async def test_a_question_can_be_answered_with_the_mouse(data_dir: Path) -> None:
    app = build_app(data_dir)
    async with app.run_test(size=(100, 40)) as pilot:
        app.open_quiz("water")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QuizScreen)
        assert screen.question is not None and screen.question.id == "black-tea-water"
        choices = screen.query_one("#choices", OptionList)
        shown = screen.query_one(QuestionInput)
        right_row = next(i for i, o in enumerate(shown.options) if o.correct)
        # Each option of this question fits on one line; row 0 is the list's top border.
        await pilot.click(choices, offset=(4, 1 + right_row))
        await pilot.click("#check")
        await pilot.pause()
        assert screen.checked is not None
        assert screen.checked[1].outcome.value == "right"
        await pilot.click("#next-question")
        await pilot.pause()
        assert screen.question is not None and screen.question.id != "black-tea-water"


async def test_failing_then_retrying_only_the_wrong_questions_passes(data_dir: Path) -> None:
    app = build_app(data_dir)
    async with app.run_test(size=(100, 40)) as pilot:
        app.open_quiz("water")
        await pilot.pause()
        answered_right = {"black-tea-water": True}
        while isinstance(app.screen, QuizScreen):
            question_id = app.screen.question.id if app.screen.question else ""
            await answer_with_keys(pilot, answered_right.get(question_id, False))
            await pilot.press("n")
            await pilot.pause()
        result = app.screen
        assert isinstance(result, ResultScreen)
        assert not result.result.passed
        await pilot.click("#retry-wrong")
        await pilot.pause()
        retried: list[str] = []
        while isinstance(app.screen, QuizScreen):
            question = await answer_with_keys(pilot, True)
            retried.append(question.id)
            await pilot.press("n")
            await pilot.pause()
        assert "black-tea-water" not in retried
        assert len(retried) == 3
        assert isinstance(app.screen, ResultScreen)
        assert app.screen.result.passed
        assert app.screen.result.percent == 100
        assert app.study.lesson_status("water") is LessonStatus.DONE


async def test_quitting_mid_quiz_resumes_on_the_same_question(data_dir: Path) -> None:
    app = build_app(data_dir)
    async with app.run_test(size=(100, 40)) as pilot:
        app.open_quiz("water")
        await pilot.pause()
        await answer_with_keys(pilot, True)
        await pilot.press("n")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QuizScreen) and screen.question is not None
        waiting = screen.question.id
        await pilot.press("q")
    again = build_app(data_dir)
    async with again.run_test(size=SMALL) as pilot:
        await pilot.pause()
        label = str(again.screen.query_one(OutlineHeader).continue_label)
        assert "question 2/4" in label  # the first was answered: it waits at the second
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(again.screen, QuizScreen)
        assert again.screen.question is not None and again.screen.question.id == waiting


async def test_passing_a_quiz_moves_continue_to_the_next_lesson(data_dir: Path) -> None:
    app = build_app(data_dir)
    async with app.run_test(size=(100, 40)) as pilot:
        app.open_quiz("water")
        await pilot.pause()
        while isinstance(app.screen, QuizScreen):
            await answer_with_keys(pilot, True)
            await pilot.press("n")
            await pilot.pause()
        await pilot.press("q")
    again = build_app(data_dir)
    async with again.run_test(size=SMALL) as pilot:
        await pilot.pause()
        table = again.screen.query_one("#lessons", LessonTable)
        first_row = [str(cell) for cell in table.get_row_at(0)]
        assert "100 %" in first_row and "done" in first_row
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(again.screen, LessonScreen) and again.screen.lesson_id == "steeping"


async def test_language_switch_changes_content_and_interface_at_once(data_dir: Path) -> None:
    app = build_app(data_dir, language="en")
    async with app.run_test(size=SMALL) as pilot:
        app.open_lesson("water")
        await pilot.pause()
        english_title = app.text.lesson("water").title  # type: ignore[union-attr]
        await pilot.press("f2")
        await pilot.pause()
        assert app.language == "de"
        german_title = app.text.lesson("water").title  # type: ignore[union-attr]
        assert german_title != english_title
        shown = " ".join(str(w.render()) for w in app.screen.query("Static"))
        assert german_title in shown
        assert "Lektion 1 von 2" in shown
        assert isinstance(app.screen, LessonScreen)


async def test_layout_adapts_when_the_terminal_is_resized(data_dir: Path) -> None:
    app = build_app(data_dir)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#lessons", LessonTable)
        narrow = table.column_width("title")
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        table = app.screen.query_one("#lessons", LessonTable)
        wide = table.column_width("title")
        assert wide > narrow
        assert table.region.right <= 120


async def test_quitting_right_after_checking_continues_at_the_next_question(data_dir: Path) -> None:
    app = build_app(data_dir)
    async with app.run_test(size=(100, 40)) as pilot:
        app.open_quiz("water")
        await pilot.pause()
        await answer_with_keys(pilot, True)
        await pilot.press("q")
    again = build_app(data_dir)
    async with again.run_test(size=SMALL) as pilot:
        await pilot.pause()
        assert "question 2/4" in str(again.screen.query_one(OutlineHeader).continue_label)
        await pilot.press("c")
        await pilot.pause()
        screen = again.screen
        assert isinstance(screen, QuizScreen)
        assert screen.question is not None and screen.question.id == "reboiled-water"


async def test_long_choices_wrap_at_80_columns_instead_of_being_cut_off(data_dir: Path) -> None:
    app = build_app(data_dir, root=REPO)
    async with app.run_test(size=SMALL) as pilot:
        app.open_quiz("misleading-term")
        await pilot.pause()
        kinds_seen = set()
        while isinstance(app.screen, QuizScreen):
            shown = app.screen.query_one(QuestionInput)
            if shown.question.kind in ("single", "multiple"):
                kinds_seen.add(shown.question.kind)
                choices = shown.query_one(OptionList)
                lines = [choices.render_line(y).text for y in range(choices.size.height)]
                words = " ".join(" ".join(lines).split())
                for option in shown.options:
                    assert " ".join(option.text.split()) in words
            await answer_with_keys(pilot, True)
            await pilot.press("n")
            await pilot.pause()
        assert kinds_seen == {"single", "multiple"}


async def test_true_false_instructions_name_the_two_answers(data_dir: Path) -> None:
    app = build_app(data_dir, language="de", root=REPO)
    async with app.run_test(size=SMALL) as pilot:
        app.open_quiz("misleading-term")
        await pilot.pause()
        await go_to_question(pilot, "truefalse")
        instructions = app.screen.query_one(".instructions", Static)
        assert str(instructions.render()) == "Wählen Sie „Trifft zu“ oder „Trifft nicht zu“."


async def test_outline_gives_lesson_titles_all_the_room_the_other_columns_leave(
    data_dir: Path,
) -> None:
    for language, status in (("en", "not started"), ("de", "nicht begonnen")):
        app = build_app(data_dir, language=language, root=REPO)
        async with app.run_test(size=SMALL) as pilot:
            await pilot.pause()
            table = app.screen.query_one(LessonTable)
            drawn = [table.render_line(y).text.rstrip() for y in range(table.size.height)]
            rows = [line for line in drawn if line.strip()]
            assert len(rows) == 1 + len(app.text.lessons)
            # the widest row ends within the last few cells: nothing left unused
            assert table.size.width - 3 <= max(len(row) for row in rows) <= table.size.width
            assert any(row.endswith(status) for row in rows)


async def test_a_reflection_typed_just_before_quitting_is_kept(data_dir: Path) -> None:
    app = build_app(data_dir)
    async with app.run_test(size=SMALL) as pilot:
        app.open_lesson("water")
        await pilot.pause()
        await pilot.press("r")
        await type_text(pilot, "filtered water")
        await pilot.press("ctrl+q")  # at once: well within the save delay
        await pilot.pause()
    again = build_app(data_dir)
    async with again.run_test(size=SMALL) as pilot:
        again.open_lesson("water")
        await pilot.pause()
        assert again.screen.query_one("#reflection", TextArea).text == "filtered water"


async def test_an_unchecked_answer_is_there_again_after_quitting(data_dir: Path) -> None:
    app = build_app(data_dir)
    async with app.run_test(size=SMALL) as pilot:
        app.open_quiz("steeping")
        await pilot.pause()
        await go_to_question(pilot, "reflection")
        app.screen.query_one(TextArea).focus()
        await type_text(pilot, "a second cup")
        await pilot.press("ctrl+q")  # before the answer is checked or saved by the pause
        await pilot.pause()
    again = build_app(data_dir)
    async with again.run_test(size=SMALL) as pilot:
        again.open_quiz("steeping")
        await pilot.pause()
        assert again.screen.query_one(TextArea).text == "a second cup"


async def test_an_unchecked_answer_is_saved_when_the_learner_pauses(data_dir: Path) -> None:
    app = build_app(data_dir)
    async with app.run_test(size=SMALL) as pilot:
        app.open_quiz("water")
        await pilot.pause()
        await go_to_question(pilot, "short")
        screen = app.screen
        screen.query_one(Input).focus()
        await type_text(pilot, "grassy")
        await pilot.pause(1.2)  # longer than the save delay; no quit, as in a crash
        await settle(app, pilot)
        assert app.study.draft(screen.attempt, screen.question) == TextAnswer("grassy")


async def test_choices_are_lettered_in_the_order_shown_as_on_the_projector(
    data_dir: Path,
) -> None:
    app = build_app(data_dir)
    async with app.run_test(size=SMALL) as pilot:
        app.open_quiz("water")
        await pilot.pause()
        shown = await go_to_question(pilot, "single")
        choices = shown.query_one(OptionList)
        lines = [choices.render_line(y).text.strip() for y in range(choices.size.height)]
        starts = [line[:4] for line in lines if line[:1] in "○●"]
        assert starts == [f"○ {letter}." for letter in "ABCD"[: len(shown.options)]]
