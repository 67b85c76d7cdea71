"""The database layout and its migrations.

The schema version is SQLite's `user_version`; `application_id` marks the file as ours.
Migration N takes a database of version N-1 to version N; a new database runs them all.
Never edit a released migration: add the next one.

Every row of progress carries `learner_id`, and the tables are indexed by it, because one
file serves a whole classroom (many learners, many processes, one machine) and a class
dashboard reads everyone's progress from it.
"""

from __future__ import annotations

import sqlite3

from course.store.records import StoreError

APPLICATION_ID = 0x43525331
"""`PRAGMA application_id` of a progress database ("CRS1")."""

MIGRATIONS: tuple[tuple[str, ...], ...] = (
    # v1: the first release.
    (
        """
        CREATE TABLE learners (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            created_at TEXT NOT NULL
        )
        """,
        """
        CREATE TABLE lessons (
            learner_id INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
            course_id TEXT NOT NULL,
            lesson_id TEXT NOT NULL,
            opened_at TEXT,
            completed_at TEXT,
            position REAL NOT NULL DEFAULT 0,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (learner_id, course_id, lesson_id)
        ) WITHOUT ROWID
        """,
        """
        CREATE TABLE attempts (
            id INTEGER PRIMARY KEY,
            uid TEXT NOT NULL UNIQUE,
            learner_id INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
            course_id TEXT NOT NULL,
            course_version TEXT NOT NULL,
            quiz_id TEXT NOT NULL,
            lesson_id TEXT NOT NULL,
            question_order TEXT NOT NULL,
            seed INTEGER NOT NULL,
            mode TEXT NOT NULL,
            started_at TEXT NOT NULL,
            finished_at TEXT
        )
        """,
        """
        CREATE TABLE answers (
            id INTEGER PRIMARY KEY,
            uid TEXT NOT NULL UNIQUE,
            attempt_id INTEGER NOT NULL REFERENCES attempts(id) ON DELETE CASCADE,
            learner_id INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
            question_id TEXT NOT NULL,
            answer TEXT NOT NULL,
            outcome TEXT NOT NULL,
            points REAL NOT NULL,
            max_points REAL NOT NULL,
            answered_at TEXT NOT NULL,
            UNIQUE (attempt_id, question_id)
        )
        """,
        """
        CREATE TABLE reflections (
            id INTEGER PRIMARY KEY,
            uid TEXT NOT NULL UNIQUE,
            learner_id INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
            course_id TEXT NOT NULL,
            lesson_id TEXT NOT NULL,
            session TEXT NOT NULL,
            text TEXT NOT NULL,
            saved_at TEXT NOT NULL,
            UNIQUE (learner_id, course_id, lesson_id, session)
        )
        """,
        """
        CREATE TABLE places (
            learner_id INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
            course_id TEXT NOT NULL,
            lesson_id TEXT NOT NULL,
            question_id TEXT,
            attempt_id INTEGER REFERENCES attempts(id) ON DELETE SET NULL,
            saved_at TEXT NOT NULL,
            PRIMARY KEY (learner_id, course_id)
        ) WITHOUT ROWID
        """,
    ),
    # v2: time spent per lesson; indexes for reading one learner's attempts and answers
    # (the dashboard reads answers by learner and time), and for deleting attempts.
    (
        "ALTER TABLE lessons ADD COLUMN seconds REAL NOT NULL DEFAULT 0",
        """
        CREATE INDEX attempts_by_learner
            ON attempts (learner_id, course_id, quiz_id, started_at)
        """,
        "CREATE INDEX answers_by_learner ON answers (learner_id, answered_at)",
        "CREATE INDEX places_by_attempt ON places (attempt_id) WHERE attempt_id IS NOT NULL",
    ),
    # v3: the workshop. One row of shared state per course (which lesson the trainer
    # presents, whether learners are held to it, the open live question, the join code of
    # `course serve`); the live questions with their state; which app processes are open
    # for which learner (heartbeats), for the dashboard and the learner limit.
    (
        """
        CREATE TABLE live_rounds (
            id INTEGER PRIMARY KEY,
            course_id TEXT NOT NULL,
            lesson_id TEXT NOT NULL,
            quiz_id TEXT NOT NULL,
            question_id TEXT NOT NULL,
            seed INTEGER NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('open', 'closed', 'revealed')),
            opened_at TEXT NOT NULL,
            closed_at TEXT,
            revealed_at TEXT
        )
        """,
        """
        CREATE TABLE workshop (
            course_id TEXT PRIMARY KEY,
            presented_lesson TEXT,
            locked INTEGER NOT NULL DEFAULT 0,
            live_round_id INTEGER REFERENCES live_rounds(id) ON DELETE SET NULL,
            join_code_hash TEXT,
            join_code_salt TEXT,
            max_learners INTEGER,
            updated_at TEXT NOT NULL
        ) WITHOUT ROWID
        """,
        "ALTER TABLE attempts ADD COLUMN live_round_id INTEGER REFERENCES live_rounds(id)",
        """
        CREATE UNIQUE INDEX attempts_by_live_round
            ON attempts (live_round_id, learner_id) WHERE live_round_id IS NOT NULL
        """,
        """
        CREATE TABLE presence (
            session TEXT PRIMARY KEY,
            learner_id INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
            course_id TEXT NOT NULL,
            lesson_id TEXT,
            seen_at TEXT NOT NULL
        ) WITHOUT ROWID
        """,
        "CREATE INDEX presence_by_course ON presence (course_id, seen_at)",
    ),
    # v4: what a learner entered in a question but has not checked yet (typed text, a
    # choice), so that quitting or a crash mid-question loses nothing. Personal and
    # short-lived: not exported, gone with its attempt.
    (
        """
        CREATE TABLE drafts (
            attempt_id INTEGER NOT NULL REFERENCES attempts(id) ON DELETE CASCADE,
            question_id TEXT NOT NULL,
            learner_id INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
            answer TEXT NOT NULL,
            saved_at TEXT NOT NULL,
            PRIMARY KEY (attempt_id, question_id)
        ) WITHOUT ROWID
        """,
        "CREATE INDEX drafts_by_learner ON drafts (learner_id)",
    ),
    # v5: which presenter owns a course's room, and when it last gave a sign of life, so
    # that a second presenter is refused and one whose terminal closed is replaced.
    (
        """
        CREATE TABLE presenter_sessions (
            course_id TEXT PRIMARY KEY,
            session TEXT NOT NULL,
            seen_at TEXT NOT NULL
        ) WITHOUT ROWID
        """,
    ),
    # v6: which xAPI statements a Learning Record Store has stored, per LRS, so that an
    # interrupted `course sync` resumes and a finished one sends nothing again.
    (
        """
        CREATE TABLE lrs_sent (
            learner_id INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
            endpoint TEXT NOT NULL,
            statement_id TEXT NOT NULL,
            sent_at TEXT NOT NULL,
            PRIMARY KEY (learner_id, endpoint, statement_id)
        ) WITHOUT ROWID
        """,
    ),
    # v7: the network-map workbench. Per learner and course the current map (JSON of
    # `NetworkMap.to_json`) with the answers to the closing questions, and dated copies of
    # the map to compare. Private like reflections: exported only when asked for, never
    # read by the dashboard, deleted with the learner's progress.
    (
        """
        CREATE TABLE network_maps (
            learner_id INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
            course_id TEXT NOT NULL,
            map TEXT NOT NULL,
            answers TEXT NOT NULL DEFAULT '{}',
            updated_at TEXT NOT NULL,
            PRIMARY KEY (learner_id, course_id)
        ) WITHOUT ROWID
        """,
        """
        CREATE TABLE network_snapshots (
            id INTEGER PRIMARY KEY,
            learner_id INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
            course_id TEXT NOT NULL,
            name TEXT NOT NULL,
            map TEXT NOT NULL,
            taken_at TEXT NOT NULL
        )
        """,
        """
        CREATE INDEX network_snapshots_by_learner
            ON network_snapshots (learner_id, course_id, taken_at)
        """,
    ),
    # v8: `course serve` identities. A learner's personal PIN (a salted scrypt hash, never
    # the PIN), so that a name alone opens nobody's profile; and the one-time seat tokens
    # the server hands to each learner app process it starts, so that the app opens the
    # learner the server checked without anything on its command line.
    (
        """
        CREATE TABLE learner_pins (
            learner_id INTEGER PRIMARY KEY REFERENCES learners(id) ON DELETE CASCADE,
            salt TEXT NOT NULL,
            hash TEXT NOT NULL,
            set_at TEXT NOT NULL
        )
        """,
        """
        CREATE TABLE seat_tokens (
            token_hash TEXT PRIMARY KEY,
            learner_id INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
            course_id TEXT NOT NULL,
            expires_at TEXT NOT NULL
        ) WITHOUT ROWID
        """,
    ),
    # v9: spaced review. Per learner, course and question one FSRS card (JSON of
    # `fsrs.Card`), with its due time in a column of its own so that the due count is an
    # index range; every review of a card (its rating, when, and whether a quiz, a review
    # session or a live question asked it), from which the card can always be replayed;
    # and each learner's desired retention. Not private: the export carries all three.
    (
        """
        CREATE TABLE review_cards (
            learner_id INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
            course_id TEXT NOT NULL,
            question_id TEXT NOT NULL,
            card TEXT NOT NULL,
            due TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (learner_id, course_id, question_id)
        ) WITHOUT ROWID
        """,
        "CREATE INDEX review_cards_by_due ON review_cards (learner_id, course_id, due)",
        """
        CREATE TABLE review_logs (
            id INTEGER PRIMARY KEY,
            uid TEXT NOT NULL UNIQUE,
            learner_id INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
            course_id TEXT NOT NULL,
            question_id TEXT NOT NULL,
            rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),
            reviewed_at TEXT NOT NULL,
            source TEXT NOT NULL CHECK (source IN ('quiz', 'review', 'live'))
        )
        """,
        """
        CREATE INDEX review_logs_by_card
            ON review_logs (learner_id, course_id, question_id, reviewed_at)
        """,
        """
        CREATE TABLE review_settings (
            learner_id INTEGER PRIMARY KEY REFERENCES learners(id) ON DELETE CASCADE,
            desired_retention REAL NOT NULL CHECK (desired_retention BETWEEN 0.7 AND 0.97)
        )
        """,
    ),
    # v10: a profile's choices in the app (its theme, its language), kept for the next
    # start. Per profile, not per course; gone with the profile, kept by a reset.
    (
        """
        CREATE TABLE settings (
            learner_id INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            value TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (learner_id, name)
        ) WITHOUT ROWID
        """,
    ),
    # v11: anonymous live questions. A round may be opened anonymously; its answers are
    # then kept apart from every learner: no attempt, no learner id, no review, only the
    # answer and how it was judged (so the room's counts work and nobody can be named).
    (
        "ALTER TABLE live_rounds ADD COLUMN anonymous INTEGER NOT NULL DEFAULT 0",
        """
        CREATE TABLE anonymous_answers (
            id INTEGER PRIMARY KEY,
            live_round_id INTEGER NOT NULL REFERENCES live_rounds(id) ON DELETE CASCADE,
            answer TEXT NOT NULL,
            outcome TEXT NOT NULL
        )
        """,
        "CREATE INDEX anonymous_answers_by_round ON anonymous_answers (live_round_id)",
    ),
    # v12: the trainer's room. Whether the trainer closed joining to newcomers (learners
    # who joined before still come back in), and the moment a live question with a time
    # limit closes, so that every learner's screen counts down to the same moment.
    (
        "ALTER TABLE workshop ADD COLUMN joining_locked INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE live_rounds ADD COLUMN closes_at TEXT",
    ),
    # v13: "My plan". A commitment (an answer to a quiz's reflection question) as the
    # learner last edited it in the plan, and its follow-ups: a date to come back to it,
    # and, once that date has come, what the learner said happened. Private like
    # reflections; gone with the profile and with a reset.
    (
        """
        CREATE TABLE commitments (
            learner_id INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
            course_id TEXT NOT NULL,
            question_id TEXT NOT NULL,
            text TEXT NOT NULL,
            saved_at TEXT NOT NULL,
            PRIMARY KEY (learner_id, course_id, question_id)
        ) WITHOUT ROWID
        """,
        """
        CREATE TABLE follow_ups (
            id INTEGER PRIMARY KEY,
            learner_id INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
            course_id TEXT NOT NULL,
            question_id TEXT NOT NULL,
            due TEXT NOT NULL,
            answer TEXT,
            answered_at TEXT,
            set_at TEXT NOT NULL
        )
        """,
        "CREATE INDEX follow_ups_by_learner ON follow_ups (learner_id, course_id, due)",
    ),
    # v14: `course serve --lrs` forwards a class's statements as they happen. Per course
    # the LRS it forwards to and how the forwarding goes (for `course class`); and a queue
    # of what the LRS has not got yet: one row per xAPI statement (an answer, an attempt
    # begun or finished, a lesson opened or completed, a reflection), added by triggers in
    # the same transaction as the work itself, whichever process writes it, so that a
    # server that dies or an LRS that is down loses nothing. The statement is made from
    # the stored work when it is sent (`course.interchange.forwarding`). Only courses with
    # a forwarding row queue anything: a learner alone never grows a queue; private work
    # only when the trainer forwards private texts, so that the count of waiting
    # statements is what will be sent.
    (
        """
        CREATE TABLE lrs_forwarding (
            course_id TEXT PRIMARY KEY,
            endpoint TEXT NOT NULL,
            started_at TEXT NOT NULL,
            last_sent_at TEXT,
            unreachable_since TEXT,
            problem TEXT,
            stopped INTEGER NOT NULL DEFAULT 0,
            include_private INTEGER NOT NULL DEFAULT 0,
            updated_at TEXT NOT NULL
        ) WITHOUT ROWID
        """,
        """
        CREATE TABLE lrs_queue (
            id INTEGER PRIMARY KEY,
            learner_id INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
            course_id TEXT NOT NULL,
            event TEXT NOT NULL,
            subject TEXT NOT NULL,
            queued_at TEXT NOT NULL
        )
        """,
        "CREATE INDEX lrs_queue_by_course ON lrs_queue (course_id, learner_id, id)",
        *(
            f"""
            CREATE TRIGGER lrs_queue_{name} AFTER {when} WHEN {condition}
            BEGIN
                INSERT INTO lrs_queue (learner_id, course_id, event, subject, queued_at)
                SELECT NEW.learner_id, {course}, '{event}', {subject},
                       strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
                WHERE EXISTS (
                      SELECT 1 FROM lrs_forwarding WHERE course_id = {course} AND {sent}
                  )
                  AND NOT EXISTS (
                      SELECT 1 FROM lrs_queue WHERE learner_id = NEW.learner_id
                      AND course_id = {course} AND event = '{event}' AND subject = {subject}
                  );
            END
            """
            # `sent`: private work (a reflection, an answer the app does not grade) is queued
            # only when the trainer forwards private texts (`course serve --include-private`)
            for name, when, condition, course, event, subject, sent in (
                (
                    "answer_new",
                    "INSERT ON answers",
                    "1",
                    "(SELECT course_id FROM attempts WHERE id = NEW.attempt_id)",
                    "answered",
                    "NEW.uid",
                    "(NEW.outcome != 'ungraded' OR include_private)",
                ),
                (
                    "attempt_new",
                    "INSERT ON attempts",
                    "1",
                    "NEW.course_id",
                    "attempted",
                    "NEW.uid",
                    "1",
                ),
                (
                    "attempt_finished",
                    "UPDATE OF finished_at ON attempts",
                    # only a whole quiz's attempt ends passed or failed (SCORED_MODES)
                    "OLD.finished_at IS NULL AND NEW.finished_at IS NOT NULL "
                    "AND NEW.mode IN ('self', 'retry-wrong')",
                    "NEW.course_id",
                    "finished",
                    "NEW.uid",
                    "1",
                ),
                (
                    "lesson_opened",
                    "INSERT ON lessons",
                    "NEW.opened_at IS NOT NULL",
                    "NEW.course_id",
                    "experienced",
                    "NEW.lesson_id",
                    "1",
                ),
                (
                    "lesson_opened_later",
                    "UPDATE OF opened_at ON lessons",
                    "OLD.opened_at IS NULL AND NEW.opened_at IS NOT NULL",
                    "NEW.course_id",
                    "experienced",
                    "NEW.lesson_id",
                    "1",
                ),
                (
                    "lesson_completed",
                    "INSERT ON lessons",
                    "NEW.completed_at IS NOT NULL",
                    "NEW.course_id",
                    "completed",
                    "NEW.lesson_id",
                    "1",
                ),
                (
                    "lesson_completed_later",
                    "UPDATE OF completed_at ON lessons",
                    "OLD.completed_at IS NULL AND NEW.completed_at IS NOT NULL",
                    "NEW.course_id",
                    "completed",
                    "NEW.lesson_id",
                    "1",
                ),
                (
                    "reflection_new",
                    "INSERT ON reflections",
                    "1",
                    "NEW.course_id",
                    "reflected",
                    "NEW.uid",
                    "include_private",
                ),
            )
        ),
    ),
)
"""Migration N (1-based) is `MIGRATIONS[N - 1]`: the statements that make version N."""

SCHEMA_VERSION = len(MIGRATIONS)
"""The schema version this code writes and understands."""


def schema_version(connection: sqlite3.Connection) -> int:
    """The version of an open database; 0 for a new, empty one."""
    row = connection.execute("PRAGMA user_version").fetchone()
    return int(row[0])


def migrate(connection: sqlite3.Connection, target: int = SCHEMA_VERSION) -> int:
    """Bring the database up to `target` in one write transaction; return the old version.

    Safe when several processes open the same file at once: the version is read again
    after the write lock is taken, so each migration runs exactly once. The caller's
    connection must be in autocommit mode (isolation_level=None) and outside a transaction.
    """
    up_to_date = schema_version(connection)
    if up_to_date == target:
        # Nothing to do, so no write lock: 40 learner apps of a class that open the store
        # at once would otherwise queue for it, and so would every answer meanwhile.
        return up_to_date
    connection.execute("BEGIN IMMEDIATE")
    try:
        current = schema_version(connection)
        if current > target:
            raise StoreError(f"schema version {current} is newer than {target}")
        for version in range(current + 1, target + 1):
            for statement in MIGRATIONS[version - 1]:
                connection.execute(statement)
        if current != target:
            connection.execute(f"PRAGMA user_version = {int(target)}")
        if current == 0:
            connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        connection.execute("COMMIT")
    except BaseException:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise
    return current
