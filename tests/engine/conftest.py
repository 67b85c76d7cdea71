"""Fixtures of the engine tests: a fresh, writable copy of the example course."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from conftest import EXAMPLE_COURSE, REPO

# The project is not installed in the test environment: import `course` from the checkout.
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from .course_files import copy_course


@pytest.fixture
def course(tmp_path: Path) -> Path:
    """A copy of the example course that a test may edit."""
    return copy_course(EXAMPLE_COURSE, tmp_path / "course")
