"""Slides for the presenter view, derived from the lessons; no UI import.

Each lesson gives a title slide, its key points, its quotation and its exercise (when it
has them), the practice map of its quiz's network-map activity (when it has one), then
one slide per quiz question, shown in reveal mode. Only the course's practice map reaches
the projector: the learners' own maps stay on their machines.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from course.content.lessons import lesson_links_as_titles
from course.core.kinds.network_map import NetworkMapActivity, activity_of
from course.core.model import CourseText, Lesson, Question
from course.core.network_map import NetworkMap


class SlideKind(StrEnum):
    """What a slide shows."""

    TITLE = "title"
    KEY_POINTS = "key_points"
    QUOTATION = "quotation"
    EXERCISE = "exercise"
    PRACTICE_MAP = "practice_map"
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
    network: NetworkMap | None = None
    """The practice map of a practice-map slide (its `markdown` is the map's title)."""


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
        practice = practice_map_slide(lesson, number)
        if practice is not None:
            slides.append(practice)
        if lesson.quiz:
            slides.extend(
                Slide(SlideKind.QUESTION, lesson, number, question=question)
                for question in lesson.quiz.questions
            )
    return slides


def practice_map_slide(lesson: Lesson, number: int) -> Slide | None:
    """The slide of the practice map of the lesson quiz's first network-map activity, or
    None when it has none (or its map cannot be read: `course validate` reports that)."""
    quiz = lesson.quiz
    if quiz is None or quiz.path is None:
        return None
    for question in quiz.questions:
        if question.kind == NetworkMapActivity.name:
            activity = activity_of(question, quiz.path.parent)
            if activity.practice is not None:
                return Slide(
                    SlideKind.PRACTICE_MAP,
                    lesson,
                    number,
                    markdown=activity.title,
                    network=activity.practice,
                )
            return None
    return None
