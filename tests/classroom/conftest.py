"""Fixtures of the class view tests: the example course and a class of three learners."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from course.core.model import Course
from course.store import ProgressStore

from .classdata import course_with_markdown_prompts, example_course, fill_class


@pytest.fixture(scope="session")
def course() -> Course:
    """The example course (two lessons, two quizzes)."""
    return example_course()


@pytest.fixture
def class_dir(data_dir: Path) -> Path:
    """The test's data folder with ana, ben and cleo in it."""
    fill_class(data_dir)
    return data_dir


@pytest.fixture
def store(class_dir: Path) -> Iterator[ProgressStore]:
    """An open store on the class's data folder, closed afterwards."""
    with ProgressStore.open(class_dir) as opened:
        yield opened


@pytest.fixture
def markdown_course_dir(tmp_path: Path) -> Path:
    """A copy of the example course whose English prompts hold inline Markdown."""
    return course_with_markdown_prompts(tmp_path)
