"""The network-map activity in a quiz: it opens the workbench, shows the closing answers
saved there when the learner comes back, and keeps them as its ungraded, private answer."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from course.core.grading import Outcome
from course.ui.inputs.network_map import NetworkMapInput
from course.ui.screens.network_map import NetworkMapScreen
from course.ui.screens.quiz import QuizScreen

from .helpers import build_app, go_to_question, write_in_workbench

SIZE = (100, 40)


def shown_answers(pilot_screen: QuizScreen) -> str:
    return str(pilot_screen.query_one("#activity-answers", Static).render())


async def test_the_activity_opens_the_workbench_and_shows_the_answers_saved_there(
    data_dir: Path,
) -> None:
    app = build_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        app.open_quiz("steeping")
        await pilot.pause()
        shown = await go_to_question(pilot, "network-map")
        assert isinstance(shown, NetworkMapInput)
        quiz = app.screen
        assert isinstance(quiz, QuizScreen)
        assert "No answers saved yet" in shown_answers(quiz)

        await pilot.press("w")
        await pilot.pause()
        workbench = app.screen
        assert isinstance(workbench, NetworkMapScreen)
        assert workbench.activity.practice is not None  # the tea circle to explore first
        assert [q.id for q in workbench.activity.questions] == ["shared", "whom"]
        await pilot.press("escape")
        await pilot.pause()
        await write_in_workbench(pilot, "green tea")

        assert app.screen is quiz
        assert "Your answers from the workbench:" in shown_answers(quiz)
        assert "green tea" in shown_answers(quiz)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert quiz.checked is not None
        given, judged = quiz.checked
        assert judged.outcome is Outcome.UNGRADED and judged.max_points == 0
        assert "green tea" in given.to_json()["text"]


async def test_coming_back_to_the_activity_shows_the_answers_saved_before(
    data_dir: Path,
) -> None:
    app = build_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        maps = app.store.network_maps(app.study.learner.id, app.course.id)
        maps.save_answers({"whom": "my neighbours"})
        app.open_quiz("steeping")
        await pilot.pause()
        await go_to_question(pilot, "network-map")
        quiz = app.screen
        assert isinstance(quiz, QuizScreen)

        assert "Whom would you invite?\nmy neighbours" in shown_answers(quiz)


async def test_the_activity_answer_stays_out_of_an_export_without_private_texts(
    data_dir: Path,
) -> None:
    app = build_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        app.open_quiz("steeping")
        await pilot.pause()
        await go_to_question(pilot, "network-map")
        await write_in_workbench(pilot, "green tea")
        await pilot.press("ctrl+s")
        await pilot.pause()

        plain = str(app.store.export(app.study.learner.name))
        private = str(app.store.export(app.study.learner.name, include_private=True))

    assert "green tea" not in plain
    assert "green tea" in private


async def test_the_activity_reads_the_saved_answers_off_the_event_loop(data_dir: Path) -> None:
    import threading

    from course.store.network_maps import NetworkMaps

    loop_thread = threading.get_ident()
    threads: list[int] = []
    answers = NetworkMaps.answers

    def noted(self: NetworkMaps) -> dict[str, str]:
        threads.append(threading.get_ident())
        return answers(self)

    app = build_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        app.open_quiz("steeping")
        await pilot.pause()
        NetworkMaps.answers = noted  # type: ignore[method-assign]
        try:
            await go_to_question(pilot, "network-map")
        finally:
            NetworkMaps.answers = answers  # type: ignore[method-assign]

    assert threads and loop_thread not in threads


async def test_a_checked_activity_shows_its_answers_as_checked_not_later_edits(
    data_dir: Path,
) -> None:
    """The quiz keeps the closing answers as they were checked, and says so; what the
    learner writes in the workbench later is their current answer (My plan shows it)."""
    from course.ui.screens.plan import PlanScreen

    app = build_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        app.open_quiz("steeping")
        await pilot.pause()
        await go_to_question(pilot, "network-map")
        quiz = app.screen
        assert isinstance(quiz, QuizScreen)
        await write_in_workbench(pilot, "green tea")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "as checked in this quiz" in shown_answers(quiz)

        maps = app.store.network_maps(app.study.learner.id, app.course.id)
        maps.save_answers({**maps.answers(), "shared": "oolong"})
        app.open_network_workbench(quiz.lesson_id)
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is quiz
        quiz.query_one(NetworkMapInput).show_saved()  # as on coming back from the workbench
        assert "green tea" in shown_answers(quiz) and "oolong" not in shown_answers(quiz)

        app.push_screen(PlanScreen())
        await pilot.pause()
        plan = app.screen.query("MarkdownText")
        shown = "\n".join(str(getattr(widget, "markdown", "")) for widget in plan)
        assert "oolong" in shown
