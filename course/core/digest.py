"""BLAKE2b, without loading OpenSSL.

`import hashlib` loads OpenSSL's library before anything else, about 3 ms of every start
(a tenth of what the course app adds to a bare Textual app), although the app's start
needs only BLAKE2b: for the keys of its caches and for the seed of each question's
review schedule. CPython builds BLAKE2b in (`_blake2`, which `hashlib.blake2b` is), so it
is taken from there, and from `hashlib` on a Python that does not have it.
"""

from __future__ import annotations

try:
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - a Python without CPython's built-in BLAKE2
    from hashlib import blake2b

__all__ = ["blake2b"]
