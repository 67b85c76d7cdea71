"""The bundled course: complete, in both languages, covering every idea of the articles."""

from __future__ import annotations

from collections import Counter

import pytest

from course.content import load_course
from course.content.item_writing import check_item_writing
from course.core.model import Course
from course.locations import bundled_course_dir

IDEAS = [f"K{n}" for n in range(1, 24)]
TAUGHT_ONLY = {"K2", "K14", "K19"}  # not marked Q in the sources' map of ideas


@pytest.fixture(scope="module")
def course() -> Course:
    result = load_course(bundled_course_dir())
    assert result.course is not None, [e.format() for e in result.errors]
    return result.course


@pytest.mark.parametrize("language", ["de", "en"])
def test_each_language_has_seven_lessons_45_questions_and_five_types(
    course: Course, language: str
) -> None:
    text = course.text(language)
    assert text.language == language
    questions = [q for lesson in text.lessons if lesson.quiz for q in lesson.quiz.questions]
    assert len(text.lessons) >= 7
    assert len(questions) >= 45
    assert len(Counter(q.kind for q in questions)) >= 5


def test_the_ideas_of_the_articles_are_the_objectives(course: Course) -> None:
    assert [o.id for o in course.objectives] == IDEAS
    assert {o.id for o in course.objectives if not o.tested} == TAUGHT_ONLY


@pytest.mark.parametrize("language", ["de", "en"])
def test_every_idea_is_taught_and_every_q_idea_tested(course: Course, language: str) -> None:
    text = course.text(language)
    taught = {o for lesson in text.lessons for o in lesson.objectives}
    tested = {
        o
        for lesson in text.lessons
        if lesson.quiz
        for question in lesson.quiz.questions
        for o in question.objectives
    }
    assert taught >= set(IDEAS)
    assert tested >= set(IDEAS) - TAUGHT_ONLY


@pytest.mark.parametrize("language", ["de", "en"])
def test_every_lesson_has_facilitator_notes_sources_and_an_about_page(
    course: Course, language: str
) -> None:
    text = course.text(language)
    assert "Cluetrain" in text.about and "MAULCO" in text.about
    for lesson in text.lessons:
        assert lesson.facilitator and lesson.sources and lesson.takeaways and lesson.reflection
        assert 5 <= lesson.minutes <= 10


@pytest.mark.parametrize("language", ["de", "en"])
def test_the_final_assessment_has_twelve_cases_testing_every_q_idea(
    course: Course, language: str
) -> None:
    final = course.text(language).lesson("final-assessment")
    assert final is not None and final.quiz is not None
    tested = {o for question in final.quiz.questions for o in question.objectives}
    assert len(final.quiz.questions) == 12
    assert tested == set(IDEAS) - TAUGHT_ONLY


def test_the_bundled_course_passes_the_item_writing_checks(course: Course) -> None:
    # What `course validate --strict` requires: no cue that gives an answer away.
    assert [w.format() for w in check_item_writing(course)] == []
