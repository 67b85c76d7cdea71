"""Fixtures for the progress store tests: an open store in the test's own data folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from course.store import Learner, ProgressStore


@pytest.fixture
def store(data_dir: Path) -> Iterator[ProgressStore]:
    """A fresh store in the test's data folder, closed afterwards."""
    with ProgressStore.open(data_dir) as opened:
        yield opened


@pytest.fixture
def learner(store: ProgressStore) -> Learner:
    """The self-study profile of `store`."""
    return store.learner()
