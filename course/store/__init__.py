"""The learner progress store: profiles, lessons, quiz attempts, reflections, "Continue".

Plain Python on the standard library's `sqlite3`, with no UI import. One database file in
the data folder (see `course.locations.data_dir`) serves every learner and every process
on the machine. Nothing leaves the machine unless the learner exports it.
"""

from course.store.classroom import Classroom, LiveAnswer, LiveRound, WorkshopState
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
