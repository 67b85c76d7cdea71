"""A profile's choices in the app (theme, language) are kept in the store, per profile."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from course.store import ProgressStore
from course.store.schema import MIGRATIONS, SCHEMA_VERSION, migrate, schema_version

SETTINGS_VERSION = next(
    number
    for number, statements in enumerate(MIGRATIONS, start=1)
    if any("CREATE TABLE settings" in statement for statement in statements)
)
"""The migration that adds the settings table (found, so that renumbering keeps this)."""


def test_a_setting_is_read_back_in_a_new_store(data_dir: Path) -> None:
    with ProgressStore.open(data_dir) as store:
        ana = store.learner("ana")
        store.save_setting(ana.id, "theme", "textual-light")
        store.save_setting(ana.id, "theme", "textual-dark")
        store.save_setting(ana.id, "language", "de")
    with ProgressStore.open(data_dir) as store:
        ana = store.learner("ana")
        assert store.settings(ana.id) == {"theme": "textual-dark", "language": "de"}


def test_settings_belong_to_one_profile_and_go_with_it(data_dir: Path) -> None:
    with ProgressStore.open(data_dir) as store:
        ana, bob = store.learner("ana"), store.learner("bob")
        store.save_setting(ana.id, "language", "de")
        assert store.settings(bob.id) == {}
        store.delete_learner("ana")
        assert store.settings(ana.id) == {}


def test_a_database_before_settings_gains_the_table_with_its_data_kept(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    path = data_dir / ProgressStore.DB_NAME
    connection = sqlite3.connect(path, isolation_level=None)
    assert migrate(connection, target=SETTINGS_VERSION - 1) == 0
    connection.execute(
        "INSERT INTO learners (name, created_at) VALUES ('ana', '2025-01-01T00:00:00.000Z')"
    )
    connection.close()
    with ProgressStore.open(data_dir) as store:
        assert store.recovered_from is None
        ana = store.find_learner("ana")
        assert ana is not None
        store.save_setting(ana.id, "theme", "textual-light")
        assert store.settings(ana.id) == {"theme": "textual-light"}
    check = sqlite3.connect(path)
    try:
        assert schema_version(check) == SCHEMA_VERSION >= SETTINGS_VERSION
    finally:
        check.close()
