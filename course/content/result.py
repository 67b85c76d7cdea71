"""What loading a course gives: the course, or the problems that stop it from loading.

A module of its own, light to import, so that a course read from the cache needs none of
the parser's modules.
"""

from __future__ import annotations

from typing import NamedTuple

from course.content.diagnostics import Diagnostic
from course.core.model import Course


class LoadResult(NamedTuple):
    """A loaded course, or the problems that stop it from loading."""

    course: Course | None
    """The course; None when there were errors."""
    errors: list[Diagnostic]
    """Every problem found, by file and line."""

    @property
    def ok(self) -> bool:
        """Whether the course loaded without problems."""
        return self.course is not None and not self.errors
