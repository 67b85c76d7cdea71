"""Profile names are one name whatever the case, the spaces around them or the Unicode
form: "dora" opens Dora's profile instead of starting an empty one. Profiles made before
that rule, differing only in case, keep working under their exact names."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from course.store import ProgressStore, StoreError


def make_profiles_directly(data_dir: Path, *names: str) -> None:
    """Profiles as an older version of the app could make them (no case rule)."""
    connection = sqlite3.connect(data_dir / ProgressStore.DB_NAME)
    with connection:
        for index, name in enumerate(names):
            connection.execute(
                "INSERT INTO learners (name, created_at) VALUES (?, ?)",
                (name, f"2025-01-0{index + 1}T08:00:00.000Z"),
            )
    connection.close()


def test_another_case_opens_the_same_profile_with_its_first_spelling(
    store: ProgressStore,
) -> None:
    dora = store.learner("Dora")
    store.lesson_opened(dora.id, "example", "water")
    for typed in ("dora", " DORA ", "dOrA"):
        assert store.learner(typed) == dora
        assert store.find_learner(typed) == dora
    assert [learner.name for learner in store.learners()] == ["Dora"]


def test_unicode_forms_and_german_sharp_s_are_one_name(store: ProgressStore) -> None:
    zoe = store.learner("Zo\u00eb")  # composed ë
    assert store.learner("zoe\u0308") == zoe  # e and a combining diaeresis
    strauss = store.learner("Strauß")
    assert store.find_learner("STRAUSS") == strauss


def test_renaming_to_another_profiles_name_in_other_case_is_refused(
    store: ProgressStore,
) -> None:
    store.learner("Dora")
    store.learner("Ben")
    with pytest.raises(StoreError, match="'Dora' already exists"):
        store.rename_learner("Ben", "dora")
    assert store.rename_learner("dora", "DORA").name == "DORA"  # her own name, respelt


def test_old_profiles_that_differ_only_in_case_keep_working(data_dir: Path) -> None:
    ProgressStore.open(data_dir).close()
    make_profiles_directly(data_dir, "Dora", "dora")
    with ProgressStore.open(data_dir) as store:
        first, second = store.find_learner("Dora"), store.find_learner("dora")
        assert first is not None and second is not None and first.id != second.id
        assert store.learner("dora") == second
        assert [one.name for one in store.learners_named("DORA")] == ["Dora", "dora"]
        # A third spelling is neither of them for sure: nothing is made, nothing deleted.
        assert store.find_learner("DORA") is None
        with pytest.raises(StoreError, match="only in case"):
            store.learner("DORA")
        with pytest.raises(StoreError, match="only in case"):
            store.delete_learner("DORA")
        assert len(store.learners()) == 2
