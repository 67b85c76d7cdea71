"""The learner progress store: profiles, lessons, quiz attempts, reflections, "Continue".

Plain Python on the standard library's `sqlite3`, with no UI import. One database file in
the data folder (see `course.locations.data_dir`) serves every learner and every process
on the machine. Nothing leaves the machine unless the learner exports it.
"""

from typing import TYPE_CHECKING

from course.store.progress import ProgressStore
from course.store.records import (
    AnswerRecord,
    Attempt,
    ImportSummary,
    Learner,
    LessonProgress,
    Place,
    ProfileSummary,
    QuizScore,
    StoreError,
)
from course.store.schema import SCHEMA_VERSION

if TYPE_CHECKING:
    from course.store.classroom import Classroom, LiveAnswer, LiveRound, WorkshopState

_WORKSHOP_NAMES = frozenset({"Classroom", "LiveAnswer", "LiveRound", "WorkshopState"})
"""Names from `course.store.classroom`, imported when first asked for: a learner alone
never needs the workshop's code, and the start should not pay for it."""


def __getattr__(name: str) -> object:
    if name in _WORKSHOP_NAMES:
        from course.store import classroom

        return getattr(classroom, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "SCHEMA_VERSION",
    "AnswerRecord",
    "Attempt",
    "Classroom",
    "ImportSummary",
    "Learner",
    "LessonProgress",
    "LiveAnswer",
    "LiveRound",
    "Place",
    "ProfileSummary",
    "ProgressStore",
    "QuizScore",
    "StoreError",
    "WorkshopState",
]
