"""Fixtures shared by every test: each test gets its own data folder, never the developer's."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
EXAMPLE_COURSE = REPO / "docs" / "example-course"


@pytest.fixture(autouse=True)
def isolated_data_dir(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """Point COURSE_DATA_DIR at a fresh folder so no test touches real learner data."""
    folder = tmp_path_factory.mktemp("data") / "course-data"
    monkeypatch.setenv("COURSE_DATA_DIR", str(folder))
    monkeypatch.delenv("COURSE_DIR", raising=False)
    yield folder


@pytest.fixture(autouse=True)
def isolated_cache_dir(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Point COURSE_CACHE_DIR at a fresh folder: no test reads or fills the developer's
    course cache, and every test's first load of a course parses it."""
    folder = tmp_path_factory.mktemp("cache") / "course-cache"
    monkeypatch.setenv("COURSE_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def data_dir(isolated_data_dir: Path) -> Path:
    """The test's own learner data folder (not created yet)."""
    return isolated_data_dir
