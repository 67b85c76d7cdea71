"""The presenter view and the live group quiz, driven through the real apps."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from textual.widgets import Input, OptionList, Static

from course.core.network_map import NetworkMap
from course.ui.app import CourseApp
from course.ui.screens.live_question import LiveQuestionScreen
from course.ui.screens.presenter import PresenterScreen, TimerDialog
from course.ui.widgets.markdown_text import MarkdownText
from course.ui.widgets.questions import QuestionInput
from course.workshop.slides import SlideKind

from .helpers import build_app, build_presenter, settle

PROJECTOR = (120, 35)


class FakeClock:
    """Seconds that pass only when a test says so."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def presenter(app: CourseApp) -> PresenterScreen:
    screen = app.screen
    assert isinstance(screen, PresenterScreen)
    return screen


def static_text(screen: PresenterScreen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def test_slides_step_with_presentation_keys_and_jump_by_number(data_dir: Path) -> None:
    app = build_presenter(data_dir)
    async with app.run_test(size=PROJECTOR) as pilot:
        await pilot.pause()
        screen = presenter(app)
        assert screen.slide.kind is SlideKind.TITLE
        await pilot.press("right", "space", "pagedown")
        assert screen.index == 3
        await pilot.press("left", "pageup")
        assert screen.index == 1
        await pilot.press("end")
        assert screen.index == len(screen.slides) - 1
        await pilot.press("home")
        assert screen.index == 0
        await pilot.press("4", "enter")
        assert screen.index == 3
        assert "4" in static_text(screen, "#slide-place")


async def test_presenting_a_lesson_tells_the_room_which_lesson_is_shown(data_dir: Path) -> None:
    app = build_presenter(data_dir)
    async with app.run_test(size=PROJECTOR) as pilot:
        await pilot.pause()
        app.open_lesson("steeping")
        await settle(app, pilot)
        screen = presenter(app)
        assert screen.slide.lesson.id == "steeping" and screen.slide.kind is SlideKind.TITLE
        assert app.store.classroom(app.course.id).state().presented_lesson == "steeping"


async def test_notes_are_hidden_at_start_and_toggled_by_the_trainer(data_dir: Path) -> None:
    app = build_presenter(data_dir)
    async with app.run_test(size=PROJECTOR) as pilot:
        await pilot.pause()
        screen = presenter(app)
        panel = screen.query_one("#notes-panel")
        assert not panel.display
        await pilot.press("n")
        assert panel.display
        notes = screen.query_one("#notes", MarkdownText).markdown
        assert notes == screen.slide.lesson.facilitator
        await pilot.press("n")
        assert not panel.display


async def test_blank_hides_the_slide_until_pressed_again(data_dir: Path) -> None:
    app = build_presenter(data_dir)
    async with app.run_test(size=PROJECTOR) as pilot:
        await pilot.pause()
        screen = presenter(app)
        await pilot.press("b")
        assert not screen.query_one("#slide-scroll").display
        await pilot.press("b")
        assert screen.query_one("#slide-scroll").display


async def test_the_exercise_timer_counts_down_pauses_and_signals_zero(data_dir: Path) -> None:
    app = build_presenter(data_dir)
    async with app.run_test(size=PROJECTOR) as pilot:
        await pilot.pause()
        screen = presenter(app)
        clock = FakeClock()
        screen.countdown.clock = clock
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, TimerDialog)
        app.screen.query_one(Input).value = "1"
        await pilot.press("enter")
        await pilot.pause()
        assert static_text(screen, "#countdown").endswith("1:00")
        clock.now += 20
        await pilot.press("p")
        assert "0:40" in static_text(screen, "#countdown") and "⏸" in static_text(
            screen, "#countdown"
        )
        clock.now += 100  # paused: no time passes on the timer
        await pilot.press("p")
        clock.now += 40
        screen.tick()
        assert "Time is up" in static_text(screen, "#countdown")
        assert screen.query_one("#countdown").has_class("time-up")
        await pilot.press("r")
        assert static_text(screen, "#countdown").endswith("1:00 ⏸")


async def test_a_question_slide_reveals_the_right_answer_and_explanation(data_dir: Path) -> None:
    app = build_presenter(data_dir)
    async with app.run_test(size=PROJECTOR) as pilot:
        await pilot.pause()
        screen = presenter(app)
        screen.index = next(i for i, s in enumerate(screen.slides) if s.kind is SlideKind.QUESTION)
        await pilot.pause()
        question = screen.slide.question
        assert question is not None
        body = screen.query_one("#slide-body", MarkdownText)
        assert question.explanation not in body.markdown
        await pilot.press("a")
        assert question.explanation in body.markdown
        assert "✓" in body.markdown


async def test_live_question_three_learners_two_right_one_wrong(data_dir: Path) -> None:
    trainer = build_presenter(data_dir)
    async with trainer.run_test(size=PROJECTOR) as pilot:
        await pilot.pause()
        screen = presenter(trainer)
        screen.index = next(
            i
            for i, s in enumerate(screen.slides)
            if s.question and s.question.id == "black-tea-water"
        )
        await pilot.press("l")
        assert screen.live is not None
        for name, right in (("ana", True), ("ben", True), ("cem", False)):
            learner = build_app(data_dir, profile=name)
            async with learner.run_test(size=(100, 40)) as learner_pilot:
                await learner_pilot.pause()
                await settle(learner, learner_pilot)
                live_screen = learner.screen
                assert isinstance(live_screen, LiveQuestionScreen)
                shown = live_screen.query_one(QuestionInput)
                target = next(i for i, o in enumerate(shown.options) if o.correct == right)
                choices = shown.query_one(OptionList)
                choices.focus()
                for _ in range(target):
                    await learner_pilot.press("down")
                await learner_pilot.press("enter", "ctrl+s")
                await learner_pilot.pause()
                assert live_screen.given is not None
        await settle(trainer, pilot)
        await pilot.press("d")
        await pilot.pause()
        status = static_text(screen, "#live-status")
        # The bars before the reveal: how many answered and chose what, nothing of right.
        assert "3 of 3 answered" in status and "right" not in status
        await pilot.press("a")
        await pilot.pause()
        status = static_text(screen, "#live-status")
        assert "2 right" in status and "1 not right" in status
        drawn = screen.shown_tally
        assert drawn is not None and drawn.answered == 3
        assert sorted(option.count for option in drawn.options if option.count) == [1, 2]
        assert next(o.count for o in drawn.options if o.correct) == 2
        ana = trainer.store.find_learner("ana")
        assert ana is not None
        (attempt,) = trainer.store.attempts(ana.id, trainer.course.id)
        assert attempt.mode == "live" and attempt.answers[0].outcome == "right"


async def test_held_learners_are_brought_to_the_presented_lesson(data_dir: Path) -> None:
    trainer = build_presenter(data_dir)
    async with trainer.run_test(size=PROJECTOR) as pilot:
        await pilot.pause()
        trainer.open_lesson("steeping")
        await pilot.press("k")
        learner = build_app(data_dir, profile="ana")
        async with learner.run_test(size=(100, 40)) as learner_pilot:
            await learner_pilot.pause()
            await settle(learner, learner_pilot)
            assert getattr(learner.screen, "lesson_id", None) == "steeping"
            learner.open_lesson("water")
            await learner_pilot.pause()
            assert getattr(learner.screen, "lesson_id", None) == "steeping"
        await pilot.press("k")
        await settle(trainer, pilot)
        assert not trainer.store.classroom(trainer.course.id).state().locked


async def test_wall_clock_shows_the_time(data_dir: Path) -> None:
    app = build_presenter(data_dir)
    async with app.run_test(size=PROJECTOR) as pilot:
        await pilot.pause()
        screen = presenter(app)
        screen.fixed_clock = datetime(2026, 5, 4, 9, 30)
        screen.tick()
        assert static_text(screen, "#wall-clock") == "09:30"


async def test_the_practice_map_has_a_slide_with_its_analysis_and_picture(
    data_dir: Path,
) -> None:
    app = build_presenter(data_dir)
    async with app.run_test(size=PROJECTOR) as pilot:
        await pilot.pause()
        screen = presenter(app)
        kinds = [slide.kind for slide in screen.slides]
        assert kinds.count(SlideKind.PRACTICE_MAP) == 1
        at = kinds.index(SlideKind.PRACTICE_MAP)
        # after the lesson's own slides, before its quiz's questions
        assert kinds[at + 1] is SlideKind.QUESTION and kinds[at - 1] is not SlideKind.QUESTION

        screen.index = at
        await pilot.pause()

        assert screen.slide.kind is SlideKind.PRACTICE_MAP
        assert "A tea circle (practice map)" in static_text(screen, "#slide-heading")
        body = screen.query_one("#slide-body", MarkdownText).markdown
        assert "groups" in body  # the analysis in sentences, in the room's language
        picture = static_text(screen, "#slide-extra")
        assert all(label in picture for label in "ABCD")


async def test_the_presenter_never_shows_a_learners_own_map(data_dir: Path) -> None:
    app = build_presenter(data_dir)
    async with app.run_test(size=PROJECTOR) as pilot:
        await pilot.pause()
        screen = presenter(app)
        learner = app.store.learner("ana")
        own, _ = (
            app.store.network_maps(learner.id, app.course.id).current() or NetworkMap()
        ).with_person("Zelda-private")
        app.store.network_maps(learner.id, app.course.id).save(own)

        for index in range(len(screen.slides)):
            screen.index = index
            await pilot.pause()
            shown = static_text(screen, "#slide-extra") + static_text(screen, "#slide-heading")
            assert "Zelda-private" not in shown
            assert "Zelda-private" not in screen.query_one("#slide-body", MarkdownText).markdown
