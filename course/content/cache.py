"""A cache of courses that loaded without a problem, so that the app starts without parsing.

Parsing a course, and importing the parser (PyYAML, markdown-it), is most of what the app
does before its first screen. A course that loaded cleanly is kept, per course folder, as
one file in the cache folder (`course.locations.cache_dir`): a fingerprint, then a pickle
of the immutable `Course`. It is used only while the fingerprint of the folder as it is
now matches, and the files that the lessons link to are still files. The fingerprint
covers the folder's path, the name and bytes of `course.toml` and of every Markdown file
and practice map (`*.network.toml`) in `lessons/*/` and `quizzes/*/`, and the code that
parsed them (the name, size and modification time of the model's and the loader's source
files, which change with every release and every edit of a checkout; and the Python
version).

The bytes, not only the size and modification time, of the course files: a file written
twice within the file system's clock tick, with the same size, must not bring back the
course as it was; reading the files costs about a millisecond for the bundled course. Each
file's bytes go into the fingerprint as their length and CRC-32 (`zlib.crc32`, some twenty
times faster than BLAKE2b over the same bytes, whose reference code CPython builds): a
cache, not a seal against tampering, and an edit that keeps the length and the CRC is a
chance of one in four billion (none of up to 32 bits in a row).

Only a course without problems is written, so problems always come from a fresh parse and
the cache can never make a broken course look valid. Anything wrong with a cache file
(missing, damaged, from another version) only means that the course is parsed again; a
cache that cannot be written is no error either. Files are written through a temporary
file and `os.replace`, so another process reads a whole file or none.
"""

from __future__ import annotations

import copyreg
import io
import os
import pickle
import sys
import zlib
from collections.abc import Iterable
from pathlib import Path
from types import MappingProxyType
from typing import Any

from course.core.digest import blake2b
from course.core.model import Course
from course.locations import MANIFEST_NAME, cache_dir, write_atomically

FORMAT = b"course-cache 1\n"
"""The first bytes of every cache file; raised when the file's layout changes."""
CONTENT_FOLDERS = ("lessons", "quizzes")
"""The folders of a course whose language folders hold its Markdown files."""
DIGEST_SIZE = 32
"""Bytes of the fingerprint."""
CODE_DIR = Path(__file__).resolve().parent.parent
"""The `course` package, whose model and loader make what is cached."""


def cached_course(root: Path) -> Course | None:
    """The course in folder `root` as cached when it last loaded cleanly, if nothing it was
    read from has changed since; None otherwise (and on any error)."""
    try:
        with open(_cache_file(root), "rb") as stream:
            if stream.read(len(FORMAT)) != FORMAT:
                return None
            if stream.read(DIGEST_SIZE) != _fingerprint(root):
                return None
            linked, course = pickle.load(stream)
        if not isinstance(course, Course) or not all(_is_file(path) for path in linked):
            return None
        return course
    except Exception:  # a cache is never a reason not to start: parse instead
        return None


def save_course(root: Path, course: Course, linked: Iterable[Path]) -> None:
    """Keep `course`, loaded cleanly from folder `root`, for the next start; `linked` are
    the files its lessons link to. Does nothing when the cache cannot be written."""
    buffer = io.BytesIO()
    buffer.write(FORMAT)
    try:
        buffer.write(_fingerprint(root))
        _Pickler(buffer).dump((tuple(linked), course))
        target = _cache_file(root)
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(target, buffer.getvalue())
    except Exception:  # not picklable, no cache folder, a full disk: the next start parses
        return


def _cache_file(root: Path) -> Path:
    """The cache file of the course in folder `root`: one per folder, named by its path."""
    name = blake2b(os.fsencode(os.path.abspath(root)), digest_size=16).hexdigest()
    return cache_dir() / "courses" / f"{name}.pickle"


def _fingerprint(root: Path) -> bytes:
    """A digest of everything a course was made from: see the module's description.

    It is made at every start, so it walks the folders with `os.scandir` rather than
    pathlib, which took three times as long for the same files.
    """
    digest = blake2b(digest_size=DIGEST_SIZE)

    def add(*parts: bytes) -> None:
        for part in parts:
            digest.update(len(part).to_bytes(8, "little"))
            digest.update(part)

    folder = os.path.abspath(root)
    add(FORMAT, sys.implementation.cache_tag.encode(), os.fsencode(folder))
    add(os.fsencode(str(root)))
    for name, status in _code_files():
        add(name.encode(), f"{status.st_size} {status.st_mtime_ns}".encode())
    with open(os.path.join(folder, MANIFEST_NAME), "rb") as manifest:
        add(MANIFEST_NAME.encode(), manifest.read())
    for content in CONTENT_FOLDERS:
        for relative in _markdown_files(folder, content):
            with open(os.path.join(folder, relative), "rb") as stream:
                data = stream.read()
            add(os.fsencode(relative), f"{len(data)} {zlib.crc32(data)}".encode())
    return digest.digest()


def _code_files() -> list[tuple[str, os.stat_result]]:
    """The source files whose code makes a cached course: name and status, by path."""
    found: list[tuple[str, str, os.stat_result]] = []
    for layer in ("core", "content"):
        for folder, _folders, names in os.walk(CODE_DIR / layer):
            for name in names:
                if name.endswith(".py"):
                    path = os.path.join(folder, name)
                    found.append((path, name, os.stat(path)))
    return [(name, status) for _path, name, status in sorted(found, key=lambda f: f[0])]


def _markdown_files(root: str, content: str) -> list[str]:
    """Every Markdown file in the language folders of `root/content`, and every practice
    map (`*.network.toml`, which a quiz's network-map activity names and the loader
    checks), as paths relative to `root`, in a fixed order."""
    found: list[str] = []
    try:
        languages = sorted(
            entry.name for entry in os.scandir(os.path.join(root, content)) if entry.is_dir()
        )
    except (NotADirectoryError, FileNotFoundError):
        return []
    for language in languages:
        with os.scandir(os.path.join(root, content, language)) as entries:
            names = sorted(
                entry.name
                for entry in entries
                if (entry.name.endswith(".md") or entry.name.endswith(".network.toml"))
                and entry.is_file()
            )
        found.extend(os.path.join(content, language, name) for name in names)
    return found


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False


def _mapping_proxy(mapping: dict[Any, Any]) -> MappingProxyType[Any, Any]:
    """A read-only view of `mapping`: how a pickled `MappingProxyType` is made again."""
    return MappingProxyType(mapping)


class _Pickler(pickle.Pickler):
    """A pickler that keeps the model's read-only mappings read-only (the standard one
    cannot pickle a `MappingProxyType` at all)."""

    dispatch_table = {
        **copyreg.dispatch_table,
        MappingProxyType: lambda proxy: (_mapping_proxy, (dict(proxy),)),
    }

    def __init__(self, stream: io.BytesIO) -> None:
        super().__init__(stream, protocol=pickle.HIGHEST_PROTOCOL)
