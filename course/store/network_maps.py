"""A learner's network map in the progress store: the current map, dated snapshots of it,
and the answers to the closing questions.

All of it is private, like reflections: `course export` includes it only when private
texts are asked for, the class dashboard never reads these tables, and `course reset`
deletes them. Each change is one short write transaction, as every write of the store:
the map is on disk the moment a person or a tie is added.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from course.core.network_map import MapError, NetworkMap
from course.store.records import LearnerCourseRecords, StoreError, utc_now

if TYPE_CHECKING:
    from course.store.export_format import ExportedNetworkMap

MAX_ANSWER = 4000
"""Characters of one answer to a closing question."""
MAX_SNAPSHOT_NAME = 80
"""Characters of a snapshot's name."""


@dataclass(frozen=True)
class MapSnapshot:
    """A dated copy of the map, to see later how the market grew or shrank."""

    id: int
    """The snapshot's row id, to read or delete it."""
    name: str
    """What the learner called it ("before the workshop")."""
    taken_at: str
    """When it was taken (UTC, ISO 8601)."""
    network: NetworkMap
    """The map as it was."""


def _load_map(text: str, what: str) -> NetworkMap:
    try:
        return NetworkMap.from_json(json.loads(text))
    except (ValueError, MapError) as error:
        raise StoreError(f"The saved {what} cannot be read: {error}") from error


def map_json(network: NetworkMap) -> str:
    """The map as the store keeps it: compact JSON."""
    return json.dumps(network.to_json(), ensure_ascii=False, separators=(",", ":"))


class NetworkMaps(LearnerCourseRecords):
    """One learner's network map of one course; get it with `ProgressStore.network_maps`."""

    def current(self) -> NetworkMap | None:
        """The learner's map, or None when they have not started one."""
        row = self._store.read(
            "read the network map",
            lambda c: c.execute(
                "SELECT map FROM network_maps WHERE learner_id = :learner AND course_id = :course",
                self._key(),
            ).fetchone(),
        )
        return None if row is None else _load_map(row[0], "network map")

    def save(self, network: NetworkMap) -> None:
        """Keep the map as it is now (its answers stay)."""
        text = map_json(network)

        def save(c: sqlite3.Connection) -> None:
            c.execute(
                """
                INSERT INTO network_maps (learner_id, course_id, map, updated_at)
                VALUES (:learner, :course, :map, :now)
                ON CONFLICT (learner_id, course_id) DO UPDATE SET
                    map = excluded.map, updated_at = excluded.updated_at
                """,
                {**self._key(), "map": text, "now": utc_now()},
            )

        self._store.write("save the network map", save)

    def answers(self) -> dict[str, str]:
        """The answers to the closing questions, by question id."""
        row = self._store.read(
            "read the answers on the network map",
            lambda c: c.execute(
                "SELECT answers FROM network_maps "
                "WHERE learner_id = :learner AND course_id = :course",
                self._key(),
            ).fetchone(),
        )
        if row is None:
            return {}
        try:
            found = json.loads(row[0])
        except ValueError:
            return {}
        return {str(k): str(v) for k, v in found.items()} if isinstance(found, dict) else {}

    def save_answers(self, answers: Mapping[str, str]) -> None:
        """Keep the answers to the closing questions (all of them, replacing the old ones);
        an empty map is kept with them when the learner has not drawn one yet."""
        text = json.dumps(
            {key: value[:MAX_ANSWER] for key, value in answers.items()}, ensure_ascii=False
        )
        empty = map_json(NetworkMap())

        def save(c: sqlite3.Connection) -> None:
            c.execute(
                """
                INSERT INTO network_maps (learner_id, course_id, map, answers, updated_at)
                VALUES (:learner, :course, :map, :answers, :now)
                ON CONFLICT (learner_id, course_id) DO UPDATE SET
                    answers = excluded.answers, updated_at = excluded.updated_at
                """,
                {**self._key(), "map": empty, "answers": text, "now": utc_now()},
            )

        self._store.write("save the answers on the network map", save)

    def take_snapshot(self, name: str, network: NetworkMap) -> MapSnapshot:
        """Keep a dated copy of `network` under `name`."""
        cleaned = " ".join(name.split())[:MAX_SNAPSHOT_NAME]
        now = utc_now()

        def take(c: sqlite3.Connection) -> int:
            cursor = c.execute(
                "INSERT INTO network_snapshots (learner_id, course_id, name, map, taken_at) "
                "VALUES (:learner, :course, :name, :map, :now)",
                {**self._key(), "name": cleaned, "map": map_json(network), "now": now},
            )
            return int(cursor.lastrowid or 0)

        snapshot_id = self._store.write("save a snapshot of the network map", take)
        return MapSnapshot(snapshot_id, cleaned, now, network)

    def snapshots(self) -> list[MapSnapshot]:
        """Every snapshot, oldest first."""
        rows = self._store.read(
            "read the snapshots of the network map",
            lambda c: c.execute(
                "SELECT id, name, taken_at, map FROM network_snapshots "
                "WHERE learner_id = :learner AND course_id = :course ORDER BY taken_at, id",
                self._key(),
            ).fetchall(),
        )
        return [MapSnapshot(row[0], row[1], row[2], _load_map(row[3], "snapshot")) for row in rows]

    def delete_snapshot(self, snapshot_id: int) -> None:
        """Forget one snapshot."""
        self._store.write(
            "delete a snapshot of the network map",
            lambda c: c.execute(
                "DELETE FROM network_snapshots WHERE id = :id "
                "AND learner_id = :learner AND course_id = :course",
                {**self._key(), "id": snapshot_id},
            ),
        )


def export_network_map(
    c: sqlite3.Connection, learner_id: int, course_id: str
) -> ExportedNetworkMap | None:
    """The private record of a course's network map in an export (run inside the export's
    read transaction); None when the learner has neither a map nor a snapshot."""
    from course.store.export_format import ExportedNetworkMap

    key = {"learner": learner_id, "course": course_id}
    row = c.execute(
        "SELECT map, answers, updated_at FROM network_maps "
        "WHERE learner_id = :learner AND course_id = :course",
        key,
    ).fetchone()
    snapshots = tuple(
        {"name": name, "taken_at": taken_at, "map": json.loads(text)}
        for name, taken_at, text in c.execute(
            "SELECT name, taken_at, map FROM network_snapshots "
            "WHERE learner_id = :learner AND course_id = :course ORDER BY taken_at, id",
            key,
        )
    )
    if row is None and not snapshots:
        return None
    return ExportedNetworkMap(
        map=json.loads(row[0]) if row else None,
        answers=json.loads(row[1]) if row else {},
        updated_at=row[2] if row else None,
        snapshots=snapshots,
    )


def merge_network_map(
    c: sqlite3.Connection, learner_id: int, course_id: str, record: ExportedNetworkMap
) -> int:
    """Merge an imported network map into one learner's store (inside the import's
    transaction): the map and its answers replace the stored ones only when they are newer
    (or there are none), and each snapshot is added unless one with the same name and time
    is there. Returns how many things changed (0 when it had been imported already)."""
    key = {"learner": learner_id, "course": course_id}
    changed = 0
    row = c.execute(
        "SELECT updated_at FROM network_maps WHERE learner_id = :learner AND course_id = :course",
        key,
    ).fetchone()
    newer = row is None or (record.updated_at is not None and record.updated_at > row[0])
    if newer and (record.map is not None or record.answers):
        c.execute(
            """
            INSERT INTO network_maps (learner_id, course_id, map, answers, updated_at)
            VALUES (:learner, :course, :map, :answers, :now)
            ON CONFLICT (learner_id, course_id) DO UPDATE SET
                map = excluded.map, answers = excluded.answers, updated_at = excluded.updated_at
            """,
            {
                **key,
                "map": map_json(NetworkMap.from_json(record.map or {})),
                "answers": json.dumps(dict(record.answers), ensure_ascii=False),
                "now": record.updated_at or utc_now(),
            },
        )
        changed += 1
    for snapshot in record.snapshots:
        there = c.execute(
            "SELECT 1 FROM network_snapshots WHERE learner_id = :learner "
            "AND course_id = :course AND name = :name AND taken_at = :taken_at",
            {**key, "name": snapshot["name"], "taken_at": snapshot["taken_at"]},
        ).fetchone()
        if there is None:
            c.execute(
                "INSERT INTO network_snapshots (learner_id, course_id, name, map, taken_at) "
                "VALUES (:learner, :course, :name, :map, :taken_at)",
                {
                    **key,
                    "name": str(snapshot["name"])[:MAX_SNAPSHOT_NAME],
                    "map": map_json(NetworkMap.from_json(snapshot["map"])),
                    "taken_at": snapshot["taken_at"],
                },
            )
            changed += 1
    return changed
