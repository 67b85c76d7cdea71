"""Who a learner of `course serve` is: a name and a personal PIN, and the one-time seat
token that carries a checked learner from the server to the app process it starts.

The PIN is kept as a salted `hashlib.scrypt` hash (schema v8: `learner_pins`), never as
itself; the first join under a name sets it, every later join under that name needs it.
The server checks name and PIN, then issues a seat token (`issue_seat`): a random string
whose SHA-256 is stored with the learner and a short expiry. The app process gets the
token in its environment and redeems it once (`redeem_seat`), so it opens exactly the
learner the server checked; a token read twice or too late opens nobody. Plain `sqlite3`.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from course.store.progress import ProgressStore, _find_learner, check_learner_name
from course.store.records import Learner, StoreError, format_time, utc_now

PIN_MIN_LENGTH = 4
"""The fewest digits of a PIN."""
PIN_MAX_LENGTH = 8
"""The most digits of a PIN."""
SCRYPT_N = 2**14
"""scrypt's cost: about 16 MB and a few tens of milliseconds per check on a laptop, so a
PIN hash taken from the file cannot be tried quickly either."""
SEAT_SECONDS = 60.0
"""How long a seat token may wait for its app process to redeem it."""


class JoinRefusal(StrEnum):
    """Why a name and PIN open no profile (the values are catalogue keys)."""

    BAD_NAME = "serve_page.bad_name"
    BAD_PIN = "serve_page.bad_pin"
    WRONG_PIN = "serve_page.wrong_code_or_pin"
    JOINING_CLOSED = "serve_page.joining_closed"


@dataclass(frozen=True)
class Joined:
    """A learner who gave the right PIN (or set theirs on first join)."""

    learner: Learner
    """Their profile."""
    new_pin: bool
    """Whether this join set the PIN (their first)."""
    key: str
    """What their session is bound to (`session_key`): it changes when the PIN is reset
    or the learner removed, and so ends every session given before."""


def check_pin(pin: str) -> str:
    """The PIN without outer spaces; StoreError when it is not 4 to 8 digits."""
    cleaned = pin.strip()
    if not (PIN_MIN_LENGTH <= len(cleaned) <= PIN_MAX_LENGTH) or not cleaned.isascii():
        raise StoreError(f"A PIN has {PIN_MIN_LENGTH} to {PIN_MAX_LENGTH} digits.")
    if not cleaned.isdigit():
        raise StoreError(f"A PIN has {PIN_MIN_LENGTH} to {PIN_MAX_LENGTH} digits.")
    return cleaned


def hash_pin(pin: str, salt: bytes) -> bytes:
    """The scrypt hash of `pin` with `salt`."""
    return hashlib.scrypt(pin.encode(), salt=salt, n=SCRYPT_N, r=8, p=1, dklen=32)


def join(
    store: ProgressStore, name: str, pin: str, *, newcomers: bool = True
) -> Joined | JoinRefusal:
    """The profile for `name` when `pin` is its PIN; a new profile, or an old one without
    a PIN, gets `pin` as its PIN. Two first joins under one name at once: the first sets
    the PIN, the second is checked against it. Without `newcomers` (the trainer closed
    joining), only a learner who joined before (a profile with a PIN) gets in: nobody is
    made, and no PIN is set."""
    try:
        cleaned = check_learner_name(name)
    except StoreError:
        return JoinRefusal.BAD_NAME
    try:
        pin = check_pin(pin)
    except StoreError:
        return JoinRefusal.BAD_PIN
    if not newcomers:
        known = store.find_learner(cleaned)
        if known is None or _pin_of(store, known.id) is None:
            return JoinRefusal.JOINING_CLOSED
    try:
        learner = store.learner(cleaned)  # "dora" is Dora: names ignore case (`name_key`)
    except StoreError:
        return JoinRefusal.BAD_NAME  # several old profiles differ only in case
    stored = _pin_of(store, learner.id)
    if stored is None:
        salt = secrets.token_bytes(16)
        digest = hash_pin(pin, salt)  # outside the write lock: it takes a moment

        def set_first(c: sqlite3.Connection) -> bool:
            cursor = c.execute(
                "INSERT INTO learner_pins (learner_id, salt, hash, set_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (learner_id) DO NOTHING",
                (learner.id, salt.hex(), digest.hex(), utc_now()),
            )
            return cursor.rowcount == 1

        if store.write("set the PIN", set_first):
            return Joined(learner, new_pin=True, key=_key_of(salt))
        stored = _pin_of(store, learner.id)
        if stored is None:  # removed at this very moment: refuse, a new try sets it
            return JoinRefusal.WRONG_PIN
    salt, digest = stored
    if hmac.compare_digest(hash_pin(pin, salt), digest):
        return Joined(learner, new_pin=False, key=_key_of(salt))
    return JoinRefusal.WRONG_PIN


def _key_of(salt: bytes) -> str:
    return hashlib.sha256(b"course-session:" + salt).hexdigest()[:32]


def session_key(store: ProgressStore, learner_id: int) -> str | None:
    """What a session of the learner `learner_id` must be bound to now: derived from the
    salt of their PIN, which is new with every PIN. None when the learner has no PIN or
    is gone. So a session cookie given before a PIN reset, or before the learner was
    removed, opens nothing, even for a new learner who got the same id."""
    stored = _pin_of(store, learner_id)
    return _key_of(stored[0]) if stored is not None else None


def _pin_of(store: ProgressStore, learner_id: int) -> tuple[bytes, bytes] | None:
    def read(c: sqlite3.Connection) -> tuple[bytes, bytes] | None:
        row = c.execute(
            "SELECT salt, hash FROM learner_pins WHERE learner_id = ?", (learner_id,)
        ).fetchone()
        return (bytes.fromhex(row[0]), bytes.fromhex(row[1])) if row else None

    return store.read("read the PIN", read)


def has_pin(store: ProgressStore, name: str) -> bool:
    """Whether the profile `name` has a PIN."""
    learner = store.find_learner(name)
    return learner is not None and _pin_of(store, learner.id) is not None


def reset_pin(store: ProgressStore, name: str) -> bool:
    """Forget the PIN of the profile `name`: the learner's next join sets a new one, and
    their sessions of `course serve` end (a learner app already open goes on). Whether
    there was a PIN; StoreError when there is no such profile."""
    learner = store.find_learner(name)
    if learner is None:
        raise StoreError(f"There is no profile called {name!r}.")
    return bool(
        store.write(
            "reset the PIN",
            lambda c: (
                c.execute("DELETE FROM learner_pins WHERE learner_id = ?", (learner.id,)).rowcount
            ),
        )
    )


def remove_learner(store: ProgressStore, name: str) -> None:
    """Remove the learner `name` from the class: their profile and all its progress go,
    so their sessions of `course serve` end and their learner app closes at its next sign
    of life (`Classroom.heartbeat`). StoreError when there is no such profile."""
    store.delete_learner(name)


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_seat(store: ProgressStore, learner_id: int, course_id: str) -> str:
    """A new one-time seat token for the learner's app process (valid `SEAT_SECONDS`)."""
    token = secrets.token_urlsafe(32)
    expires = format_time(datetime.now(UTC) + timedelta(seconds=SEAT_SECONDS))

    def work(c: sqlite3.Connection) -> None:
        c.execute("DELETE FROM seat_tokens WHERE expires_at < ?", (utc_now(),))
        c.execute(
            "INSERT INTO seat_tokens (token_hash, learner_id, course_id, expires_at) "
            "VALUES (?, ?, ?, ?)",
            (_token_hash(token), learner_id, course_id, expires),
        )

    store.write("issue a seat", work)
    return token


def redeem_seat(store: ProgressStore, token: str, course_id: str) -> Learner | None:
    """The learner a seat token was issued for, once: the token is gone afterwards. None
    for an unknown, used or expired token or one of another course."""

    def work(c: sqlite3.Connection) -> Learner | None:
        row = c.execute(
            "DELETE FROM seat_tokens WHERE token_hash = ? RETURNING learner_id, course_id, "
            "expires_at",
            (_token_hash(token),),
        ).fetchone()
        if row is None or row[1] != course_id or row[2] < utc_now():
            return None
        found = c.execute("SELECT name FROM learners WHERE id = ?", (row[0],)).fetchone()
        return _find_learner(c, found[0]) if found else None

    return store.write("take the seat", work)
