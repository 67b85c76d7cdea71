"""The learner's network map in the store: saved at once, snapshots, answers, and private
(out of exports unless asked for, gone with `reset`); and the migration that adds it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from course.core.network_map import NetworkMap
from course.store import Learner, ProgressStore
from course.store.schema import SCHEMA_VERSION, migrate, schema_version

COURSE = "market"


def small_map() -> NetworkMap:
    network, a = NetworkMap().with_person("A", uses_offer=True, tags=["nursing", "LinkedIn"])
    network, b = network.with_person("B", tags=["nursing"])
    return network.with_tie(a.key, b.key, "same hospital")


def test_a_saved_map_is_read_back_in_a_new_store(data_dir: Path, learner: Learner) -> None:
    with ProgressStore.open(data_dir) as store:
        store.network_maps(learner.id, COURSE).save(small_map())
    with ProgressStore.open(data_dir) as again:
        assert again.network_maps(learner.id, COURSE).current() == small_map()


def test_a_learner_without_a_map_has_none(store: ProgressStore, learner: Learner) -> None:
    maps = store.network_maps(learner.id, COURSE)
    assert maps.current() is None
    assert maps.answers() == {}
    assert maps.snapshots() == []


def test_answers_are_kept_beside_the_map_and_do_not_replace_it(
    store: ProgressStore, learner: Learner
) -> None:
    maps = store.network_maps(learner.id, COURSE)
    maps.save(small_map())
    maps.save_answers({"shared": "settling in new nurses", "whom": "A and B"})
    assert maps.current() == small_map()
    assert maps.answers() == {"shared": "settling in new nurses", "whom": "A and B"}
    maps.save(NetworkMap())
    assert maps.answers()["whom"] == "A and B"


def test_snapshots_are_dated_named_and_listed_oldest_first(
    store: ProgressStore, learner: Learner
) -> None:
    maps = store.network_maps(learner.id, COURSE)
    first = maps.take_snapshot("  before   the workshop ", small_map())
    bigger, _ = small_map().with_person("C")
    maps.take_snapshot("after", bigger)
    listed = maps.snapshots()
    assert [s.name for s in listed] == ["before the workshop", "after"]
    assert listed[0].taken_at <= listed[1].taken_at
    assert listed[1].network == bigger
    maps.delete_snapshot(first.id)
    assert [s.name for s in maps.snapshots()] == ["after"]


def test_maps_belong_to_one_learner_and_one_course(store: ProgressStore) -> None:
    ana, ben = store.learner("ana"), store.learner("ben")
    store.network_maps(ana.id, COURSE).save(small_map())
    assert store.network_maps(ben.id, COURSE).current() is None
    assert store.network_maps(ana.id, "other").current() is None


def test_the_map_is_left_out_of_an_export_unless_private_texts_are_asked_for(
    store: ProgressStore, learner: Learner
) -> None:
    maps = store.network_maps(learner.id, COURSE)
    maps.save(small_map())
    maps.save_answers({"shared": "onboarding"})
    maps.take_snapshot("first", small_map())
    plain = store.export(learner.name)
    assert "network_map" not in str(plain)
    assert "same hospital" not in str(plain)
    private = store.export(learner.name, include_private=True)
    (course,) = private["courses"]
    assert NetworkMap.from_json(course["network_map"]["map"]) == small_map()
    assert course["network_map"]["answers"] == {"shared": "onboarding"}
    assert [s["name"] for s in course["network_map"]["snapshots"]] == ["first"]


def test_reset_deletes_the_map_its_snapshots_and_answers(
    store: ProgressStore, learner: Learner
) -> None:
    maps = store.network_maps(learner.id, COURSE)
    maps.save(small_map())
    maps.save_answers({"shared": "onboarding"})
    maps.take_snapshot("first", small_map())
    store.reset(learner.name)
    assert maps.current() is None
    assert maps.answers() == {}
    assert maps.snapshots() == []


def test_a_version_6_database_gains_the_map_tables_with_its_data_kept(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    path = data_dir / ProgressStore.DB_NAME
    connection = sqlite3.connect(path, isolation_level=None)
    assert migrate(connection, target=6) == 0
    connection.execute(
        "INSERT INTO learners (name, created_at) VALUES ('ana', '2025-01-01T00:00:00.000Z')"
    )
    connection.close()
    with ProgressStore.open(data_dir) as store:
        assert store.recovered_from is None
        ana = store.find_learner("ana")
        assert ana is not None
        store.network_maps(ana.id, COURSE).save(small_map())
        assert store.network_maps(ana.id, COURSE).current() == small_map()
    check = sqlite3.connect(path)
    try:
        assert schema_version(check) == SCHEMA_VERSION >= 7
        tables = {row[0] for row in check.execute("SELECT name FROM sqlite_master")}
        assert {"network_maps", "network_snapshots", "network_snapshots_by_learner"} <= tables
    finally:
        check.close()


def test_import_restores_the_map_its_answers_and_snapshots_into_the_named_profile(
    store: ProgressStore, learner: Learner
) -> None:
    maps = store.network_maps(learner.id, COURSE)
    maps.save(small_map())
    maps.save_answers({"shared": "onboarding"})
    maps.take_snapshot("first", small_map())
    exported = store.export(learner.name, include_private=True)
    other = store.learner("ben")

    summary = store.import_data(exported, "ben")

    restored = store.network_maps(other.id, COURSE)
    assert summary.network_maps == 2  # the map with its answers, and one snapshot
    assert restored.current() == small_map()
    assert restored.answers() == {"shared": "onboarding"}
    assert [s.name for s in restored.snapshots()] == ["first"]
    assert store.import_data(exported, "ben").changed == 0
    assert maps.current() == small_map()  # the exporting profile is left as it was


def test_import_keeps_a_newer_map_than_the_one_in_the_file(
    store: ProgressStore, learner: Learner
) -> None:
    maps = store.network_maps(learner.id, COURSE)
    maps.save(small_map())
    exported = store.export(learner.name, include_private=True)
    newer, _ = small_map().with_person("C")
    maps.save(newer)

    summary = store.import_data(exported)

    assert summary.network_maps == 0
    assert maps.current() == newer


def test_an_export_without_private_texts_imports_no_map(
    store: ProgressStore, learner: Learner
) -> None:
    store.network_maps(learner.id, COURSE).save(small_map())
    plain = store.export(learner.name)
    other = store.learner("ben")

    store.import_data(plain, "ben")

    assert store.network_maps(other.id, COURSE).current() is None


def test_an_imported_map_that_is_not_one_is_refused_with_its_path(
    store: ProgressStore, learner: Learner
) -> None:
    import pytest

    from course.store import StoreError

    store.network_maps(learner.id, COURSE).save(small_map())
    exported = store.export(learner.name, include_private=True)
    exported["courses"][0]["network_map"]["map"] = {"people": [{"label": "no key"}]}

    with pytest.raises(StoreError, match=r"courses\[0\]\.network_map\.map"):
        store.import_data(exported, "ben")
