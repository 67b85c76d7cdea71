"""Slides for the presenter view, derived from the lessons; no UI import.

Each lesson gives a title slide, its key points, its quotation and its exercise (when it
has them), then one slide per quiz question, shown in reveal mode.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from course.content.lessons import lesson_links_as_titles
from course.core.model import CourseText, Lesson, Question


class SlideKind(StrEnum):
    """What a slide shows."""

    TITLE = "title"
    KEY_POINTS = "key_points"
    QUOTATION = "quotation"
    EXERCISE = "exercise"
    QUESTION = "question"


@dataclass(frozen=True)
class Slide:
    """One slide of the presentation."""

    kind: SlideKind
    """What it shows."""
    lesson: Lesson
    """The lesson it comes from (its facilitator notes go with it)."""
    number_in_course: int
    """The lesson's position in the course, from 1."""
    markdown: str = ""
    """The slide's text (Markdown); empty for a question slide."""
    question: Question | None = None
    """The quiz question of a question slide."""


def build_slides(text: CourseText) -> list[Slide]:
    """Every slide of a course in one language, in course order."""
    titles = {lesson.path.name: lesson.title for lesson in text.lessons if lesson.path}
    slides: list[Slide] = []
    for number, lesson in enumerate(text.lessons, start=1):
        slides.append(Slide(SlideKind.TITLE, lesson, number))
        for kind, markdown in (
            (SlideKind.KEY_POINTS, lesson.takeaways),
            (SlideKind.QUOTATION, lesson.quotation),
            (SlideKind.EXERCISE, lesson.exercise),
        ):
            if markdown:
                slides.append(Slide(kind, lesson, number, lesson_links_as_titles(markdown, titles)))
        if lesson.quiz:
            slides.extend(
                Slide(SlideKind.QUESTION, lesson, number, question=question)
                for question in lesson.quiz.questions
            )
    return slides
