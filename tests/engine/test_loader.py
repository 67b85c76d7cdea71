"""Loading the example course gives the model that docs/authoring.md describes."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from conftest import EXAMPLE_COURSE

from course.content import load_course
from course.core.kinds import kind_names
from course.core.model import Course, Lesson, Question

from .course_files import edit


@pytest.fixture(scope="module")
def example() -> Course:
    """The example course, loaded once for this module."""
    result = load_course(EXAMPLE_COURSE)
    assert result.errors == []
    assert result.course is not None
    return result.course


def lesson(course: Course, language: str, lesson_id: str) -> Lesson:
    found = course.text(language).lesson(lesson_id)
    assert found is not None
    return found


def question(course: Course, language: str, lesson_id: str, question_id: str) -> Question:
    quiz = lesson(course, language, lesson_id).quiz
    assert quiz is not None
    found = quiz.question(question_id)
    assert found is not None
    return found


def test_the_manifest_gives_id_version_languages_and_texts(example: Course) -> None:
    assert example.id == "example"
    assert example.version == "1.0.0"
    assert example.languages == ("en", "de")
    assert example.pass_mark == 70
    assert example.title == {"en": "Making good tea", "de": "Guten Tee zubereiten"}
    assert example.description["de"].startswith("Zwei kurze Lektionen")
    assert example.root == EXAMPLE_COURSE


def test_objectives_keep_their_text_per_language_and_tested_flag(example: Course) -> None:
    assert [o.id for o in example.objectives] == ["O1", "O2", "O3"]
    assert [o.tested for o in example.objectives] == [True, True, False]
    first = example.objectives[0]
    assert first.text == {
        "en": "Choose the right water and temperature for a tea",
        "de": "Das richtige Wasser und die richtige Temperatur für einen Tee wählen",
    }


@pytest.mark.parametrize("language", ["en", "de"])
def test_lessons_come_in_the_manifest_order(example: Course, language: str) -> None:
    text = example.text(language)

    assert example.lesson_ids == ("water", "steeping")
    assert [lesson.id for lesson in text.lessons] == ["water", "steeping"]
    assert text.lesson_index("steeping") == 1
    assert text.lesson_index("milk") == -1
    assert text.language == language


def test_front_matter_becomes_title_minutes_and_objectives(example: Course) -> None:
    water = lesson(example, "en", "water")
    steeping = lesson(example, "en", "steeping")

    assert (water.title, water.minutes, water.objectives) == ("Water and temperature", 8, ("O1",))
    assert (steeping.minutes, steeping.objectives) == (10, ("O2", "O3"))
    assert water.path == EXAMPLE_COURSE / "lessons" / "en" / "01-water.md"


def test_each_language_has_its_own_text(example: Course) -> None:
    assert lesson(example, "en", "water").title == "Water and temperature"
    assert lesson(example, "de", "water").title == "Wasser und Temperatur"
    assert lesson(example, "de", "water").body.startswith("Guter Tee beginnt vor den Blättern")
    assert question(example, "de", "water", "reboiled-water").options[1].text == "Falsch"


def test_marked_sections_are_split_out_of_the_body(example: Course) -> None:
    water = lesson(example, "en", "water")

    assert water.takeaways == (
        "- Use fresh, cold water and boil it once.\n"
        "- Black tea takes water just off the boil; green tea takes it cooler."
    )
    assert water.reflection == (
        "Which tea do you drink most often, and how hot is the water you make it with?"
    )
    assert water.exercise.startswith("Boil water and time how long")
    assert water.sources.startswith("The temperatures are common advice")
    assert water.body.startswith("Good tea starts before the leaves")
    assert ":::" not in water.body
    for section in (water.takeaways, water.reflection, water.exercise, water.sources):
        assert section not in water.body


def test_facilitator_notes_are_kept_apart_and_not_in_the_body(example: Course) -> None:
    water = lesson(example, "en", "water")

    assert water.facilitator.startswith("**Timing:** 5 minutes input, 10 minutes exercise.")
    assert "1. Who has tasted green tea" in water.facilitator
    assert "Timing" not in water.body
    assert "Who has tasted" not in water.body


def test_the_first_block_quote_is_the_quotation(example: Course) -> None:
    water = lesson(example, "en", "water")

    assert water.quotation == (
        "> Tea is nought but this: first you heat the water, then you make the tea.\n"
        "> — attributed to Sen no Rikyū, tea master"
    )
    assert water.quotation in water.body  # it stays part of the flowing text too


def test_links_stay_in_the_body(example: Course) -> None:
    body = lesson(example, "en", "water").body

    assert "[the next lesson](02-steeping.md)" in body
    assert "(https://en.wikipedia.org/wiki/Tea)" in body


def test_the_about_page_is_read_per_language(example: Course) -> None:
    assert example.text("en").about.startswith("# About this course")
    assert example.text("de").about.startswith("# Über diesen Kurs")
    assert all(lesson.id != "about" for lesson in example.text("en").lessons)


def test_each_quiz_is_attached_to_its_lesson(example: Course) -> None:
    water = lesson(example, "en", "water")
    steeping = lesson(example, "de", "steeping")

    assert water.quiz is not None and steeping.quiz is not None
    assert (water.quiz.id, water.quiz.lesson_id, water.quiz.title) == (
        "water-quiz",
        "water",
        "Check your water",
    )
    assert steeping.quiz.title == "Prüfen Sie das Ziehenlassen"
    assert [q.id for q in water.quiz.questions] == [
        "black-tea-water",
        "reboiled-water",
        "green-tea-taste",
        "tea-and-water",
    ]
    assert [q.kind for q in steeping.quiz.questions] == [
        "multiple",
        "ordering",
        "single",
        "numeric",
        "reflection",
        "network-map",
    ]
    assert water.quiz.max_points == 2 + 1 + 1 + 1


def test_the_example_quizzes_use_every_question_kind(example: Course) -> None:
    types = {
        q.kind
        for lesson in example.text("en").lessons
        if lesson.quiz
        for q in lesson.quiz.questions
    }

    assert types == set(kind_names())


def test_choice_options_keep_their_mark_and_feedback(example: Course) -> None:
    single = question(example, "en", "water", "black-tea-water")

    assert [o.index for o in single.options] == [0, 1, 2]
    assert [o.correct for o in single.options] == [False, True, False]
    assert single.options[1].text == "Just off the boil, about 95 °C."
    assert single.options[1].feedback == "Right: black tea needs the heat to give its full taste."
    assert single.right_options == (single.options[1],)
    assert single.prompt == "How hot should the water be for black tea?"
    assert single.explanation.startswith("Black tea wants water just off the boil")
    assert single.objectives == ("O1",)
    assert single.line == 7
    assert single.options[0].line == 13


def test_points_and_shuffle_come_from_the_settings(example: Course) -> None:
    assert question(example, "en", "water", "black-tea-water").points == 2
    assert question(example, "en", "water", "black-tea-water").shuffle is True
    assert question(example, "en", "steeping", "bitter-tea").points == 1
    assert question(example, "en", "steeping", "black-tea-time").shuffle is False


def test_true_false_is_never_shuffled(example: Course) -> None:
    truefalse = question(example, "en", "water", "reboiled-water")

    assert truefalse.shuffle is False
    assert [o.text for o in truefalse.options] == ["True", "False"]


def test_multiple_choice_has_several_right_options(example: Course) -> None:
    multiple = question(example, "en", "steeping", "bitter-tea")

    assert [o.correct for o in multiple.options] == [True, False, True]


def test_ordering_items_keep_the_right_order_and_feedback(example: Course) -> None:
    ordering = question(example, "en", "steeping", "tea-steps")

    assert [o.text for o in ordering.options] == [
        "Warm the pot.",
        "Add the leaves.",
        "Pour the water.",
        "Take the leaves out when the time is up.",
    ]
    assert ordering.options[0].feedback == "So that the water does not cool at once."
    assert ordering.options[1].feedback == ""


def test_matching_pairs_keep_their_right_sides(example: Course) -> None:
    matching = question(example, "en", "water", "tea-and-water")

    assert [(o.text, o.match) for o in matching.options] == [
        ("Black tea", "just off the boil, about 95 °C"),
        ("Green tea", "70 to 80 °C"),
        ("Herbal tea", "fully boiling water"),
    ]


def test_short_answers_hold_accepted_and_expected_wrong_answers(example: Course) -> None:
    short = question(example, "en", "water", "green-tea-taste")

    assert "___" in short.prompt
    assert [(o.text, o.correct) for o in short.options] == [
        ("bitter", True),
        ("harsh", True),
        ("sweet", False),
    ]
    assert short.options[2].feedback == "No: hotter water brings out bitterness, not sweetness."


def test_a_reflection_question_has_no_options_and_no_points(example: Course) -> None:
    reflection = question(example, "en", "steeping", "next-cup")

    assert reflection.options == ()
    assert reflection.max_points == 0
    assert reflection.prompt == "What will you do differently the next time you make tea, and why?"


def test_both_languages_hold_the_same_questions(example: Course) -> None:
    def shape(language: str) -> list[tuple[str, str, int, int]]:
        return [
            (q.id, q.kind, len(q.options), q.points)
            for lesson in example.text(language).lessons
            if lesson.quiz
            for q in lesson.quiz.questions
        ]

    assert shape("en") == shape("de")


def test_an_unknown_language_falls_back_to_the_first(example: Course) -> None:
    assert example.best_language("fr") == "en"
    assert example.best_language("de") == "de"
    assert example.text("fr").language == "en"


def test_link_reference_definitions_stay_in_the_body(course: Path) -> None:
    edit(
        course,
        "lessons/en/01-water.md",
        "Good tea starts",
        "See [the tea article][tea].\n\n"
        "[tea]: https://en.wikipedia.org/wiki/Tea\n\n"
        "Good tea starts",
    )

    result = load_course(course)

    assert result.course is not None, result.errors
    body = result.course.text("en").lessons[0].body
    assert body.startswith(
        "See [the tea article][tea].\n\n[tea]: https://en.wikipedia.org/wiki/Tea\n\nGood tea"
    )


def test_loading_leaves_the_garbage_collector_as_it_was() -> None:
    assert gc.isenabled()
    load_course(EXAMPLE_COURSE)
    assert gc.isenabled()

    gc.disable()
    try:
        load_course(EXAMPLE_COURSE)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_path_of_the_manifest_loads_the_course_of_its_folder(course: Path) -> None:
    result = load_course(course / "course.toml")

    assert result.errors == []
    assert result.course is not None
    assert result.course.root == course
