"""The content model: an immutable, typed picture of a course.

Immutable records with no UI import, so the engine, the store and the tests can use them
without Textual. Most are typed NamedTuples: a frozen dataclass compiles its methods when
this module is imported, at every start of the app, and costs about five times as much
to define. `Option`, whose `index` field a tuple has as a method, stays a frozen
dataclass. A `Course` holds the manifest and, per language, the lessons with their
quizzes; ids are the same in every language.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import NamedTuple

NO_TEXTS: Mapping[str, CourseText] = MappingProxyType({})
"""The texts of a course made without any: read-only, so one serves every such course."""


@dataclass(frozen=True)
class Option:
    """One option of a question, in the order the author wrote it."""

    index: int
    """Position in the author's order, from 0; answers refer to options by this index."""
    text: str
    """The option as shown (Markdown inline text); where options are pairs, the left side."""
    correct: bool = False
    """Whether this option is right (or, for a typed answer, accepted)."""
    feedback: str = ""
    """Why this option is right or wrong (Markdown), shown after answering."""
    match: str = ""
    """For kinds that pair options: the right side that belongs to `text`."""
    line: int = 0
    """1-based line of the option in its file, for messages."""


class Question(NamedTuple):
    """One question of a quiz."""

    id: str
    """Unique within the course, the same in every language."""
    kind: str
    """The name of its kind (`course.core.kinds`), the word in its heading: what kind of
    answer the question takes."""
    prompt: str
    """The question text (Markdown)."""
    options: tuple[Option, ...]
    """The options in the author's order (where order is asked for: the right order)."""
    explanation: str
    """Shown after answering, whatever was chosen (Markdown)."""
    objectives: tuple[str, ...]
    """Ids of the learning objectives this question tests."""
    points: int = 1
    """Points for a fully right answer; 0 for a kind that is not graded."""
    shuffle: bool = True
    """Whether options are shuffled per attempt; authors pin them with `shuffle: no`."""
    line: int = 0
    """1-based line of the question's heading, for messages."""
    settings: tuple[tuple[str, str], ...] = ()
    """Settings its kind reads (`QuestionKind.settings`), as (name, value) pairs."""

    def setting(self, name: str) -> str | None:
        """The value of a kind's own setting, or None when the author did not set it."""
        return next((value for key, value in self.settings if key == name), None)

    @property
    def right_options(self) -> tuple[Option, ...]:
        """The options marked right (or, for a typed answer, accepted)."""
        return tuple(option for option in self.options if option.correct)

    @property
    def max_points(self) -> int:
        """Points a fully right answer earns; nothing for an ungraded question."""
        from course.core.kinds import kind_of  # the kinds' rules are built on this model

        return self.points if kind_of(self).graded else 0


class Quiz(NamedTuple):
    """The quiz of one lesson, in one language."""

    id: str
    """Unique within the course, the same in every language."""
    lesson_id: str
    """The lesson this quiz belongs to."""
    title: str
    """Shown above the questions."""
    questions: tuple[Question, ...]
    """In the author's order."""
    path: Path | None = None
    """The file it was read from."""

    @property
    def max_points(self) -> int:
        """Points for answering every graded question right."""
        return sum(question.max_points for question in self.questions)

    def question(self, question_id: str) -> Question | None:
        """The question with this id, or None."""
        return next((q for q in self.questions if q.id == question_id), None)


class Lesson(NamedTuple):
    """One lesson in one language: the text and its marked sections."""

    id: str
    """Unique within the course, the same in every language."""
    title: str
    """Shown in the outline and above the text."""
    minutes: int
    """Estimated time to work through it."""
    objectives: tuple[str, ...]
    """Ids of the learning objectives it teaches."""
    body: str
    """The flowing text (Markdown) without the marked sections."""
    takeaways: str = ""
    """Key points (Markdown), set apart; the presenter's key-point slide."""
    reflection: str = ""
    """The reflection prompt (Markdown)."""
    exercise: str = ""
    """An exercise (Markdown), if the lesson has one."""
    facilitator: str = ""
    """Notes for a trainer (Markdown): shown only in the presenter view."""
    sources: str = ""
    """Where the ideas come from (Markdown)."""
    quotation: str = ""
    """The first block quote of the text (Markdown), for the presenter's slides."""
    quiz: Quiz | None = None
    """The lesson's quiz, if it has one."""
    path: Path | None = None
    """The file it was read from."""


class Objective(NamedTuple):
    """A learning objective, with its text per language."""

    id: str
    """As used in lessons' and questions' `objectives`."""
    text: Mapping[str, str]
    """Language code to text."""
    tested: bool = True
    """Whether some question must test it; `tested = false` marks an idea that is taught only."""


class CourseText(NamedTuple):
    """Everything of a course in one language."""

    language: str
    """The language code, for example "de"."""
    lessons: tuple[Lesson, ...]
    """In the manifest's order."""
    about: str = ""
    """The about/sources page (Markdown), if the course has one."""

    def lesson(self, lesson_id: str) -> Lesson | None:
        """The lesson with this id, or None."""
        return next((lesson for lesson in self.lessons if lesson.id == lesson_id), None)

    def lesson_index(self, lesson_id: str) -> int:
        """Position of a lesson in the course order; -1 when unknown."""
        return next((i for i, lesson in enumerate(self.lessons) if lesson.id == lesson_id), -1)


class Course(NamedTuple):
    """A whole course: the manifest and its text in every language."""

    id: str
    """Stored with each learner's progress."""
    version: str
    """Raised by the author when the course changes."""
    title: Mapping[str, str]
    """Language code to title."""
    description: Mapping[str, str]
    """Language code to a sentence or two about the course."""
    languages: tuple[str, ...]
    """Declared languages, in the manifest's order."""
    pass_mark: int
    """Percent of a quiz's points needed to pass it."""
    objectives: tuple[Objective, ...]
    """All learning objectives."""
    lesson_ids: tuple[str, ...]
    """Lesson ids in the order learners take them."""
    texts: Mapping[str, CourseText] = NO_TEXTS
    """Language code to the course's content in that language."""
    root: Path | None = None
    """The course folder."""

    def text(self, language: str) -> CourseText:
        """The content in `language`, or in the first declared language if it has none."""
        return self.texts.get(language) or self.texts[self.languages[0]]

    def best_language(self, wanted: str | None) -> str:
        """`wanted` if the course has it, else the first declared language."""
        return wanted if wanted is not None and wanted in self.texts else self.languages[0]
