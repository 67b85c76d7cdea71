"""Reflection, `## id (reflection)`: the learner writes their own thoughts; saved, not
graded, and no options list."""

from __future__ import annotations

from course.core.kinds import Answer, Grade, ItemList, Outcome, Report, register
from course.core.kinds.text import TextKind
from course.core.model import Option, Question


class Reflection(TextKind):
    """Free text about the learner's own case; there is no right answer."""

    name = "reflection"
    order = 70
    graded = False
    takes_options = False
    catalogue_keys = ("quiz.reflection", "quiz.ungraded")
    groups_answers = True
    xapi_interaction = "long-fill-in"
    gift_form = "essay"

    def read_options(self, listing: ItemList, question_id: str, report: Report) -> list[Option]:
        return []  # never asked: the kind takes no options

    def grade(self, question: Question, answer: Answer) -> Grade:
        return Grade(Outcome.UNGRADED, 0, 0, (), question.explanation)

    def solution_text(self, question: Question) -> str:
        return ""


register(Reflection())
