"""Problems found in a course, each tied to a file and a line."""

from __future__ import annotations

import errno
import os
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple


class Diagnostic(NamedTuple):
    """One problem in a course file."""

    path: Path
    """The file (or folder) the problem is in."""
    line: int | None
    """1-based line number, or None when the problem concerns a whole file or folder."""
    message: str
    """What is wrong and, where it helps, what to do."""

    def format(self, relative_to: Path | None = None) -> str:
        """`path:line: message`, the path relative to `relative_to` (default: the working
        directory) when it lies below it."""
        shown = display_path(self.path, relative_to)
        where = f"{shown}:{self.line}" if self.line is not None else shown
        return f"{where}: {self.message}"


def display_path(path: Path, relative_to: Path | None = None) -> str:
    """A path as a person would type it: relative when below `relative_to` or the cwd."""
    base = relative_to or Path.cwd()
    try:
        # The folder resolved, not the name: a problem in a link is shown at the link.
        return str((path.parent.resolve() / path.name).relative_to(base.resolve()))
    except ValueError:
        return os.fspath(path)
    except (OSError, RuntimeError):
        # RuntimeError (OSError from 3.13): a symlink loop, often the very problem reported
        absolute, above = os.path.abspath(path), os.path.abspath(base)
        if absolute.startswith(above.rstrip(os.sep) + os.sep):
            return absolute[len(above.rstrip(os.sep)) + 1 :]
        return os.fspath(path)


def link_problem(path: Path, what: str = "file") -> str | None:
    """What is wrong when `path` is a symbolic link that leads to no file or folder (a
    loop, or a missing target); None when it is not such a link."""
    try:
        if not path.is_symlink():
            return None
        os.stat(path)
    except OSError as error:
        if error.errno == errno.ELOOP:
            return f"a symbolic link that leads back to itself (a loop): replace it with the {what}"
        try:
            target = os.readlink(path)
        except OSError:
            target = "?"
        return f"a symbolic link to {target}, which does not exist: replace it with the {what}"
    return None


class Diagnostics:
    """Collects the problems of one load, so that every problem is reported in one run."""

    def __init__(self) -> None:
        self._items: list[Diagnostic] = []

    def add(self, path: Path, line: int | None, message: str) -> None:
        """Record a problem."""
        self._items.append(Diagnostic(path, line, message))

    def extend(self, found: Iterable[Diagnostic]) -> None:
        """Record problems found elsewhere (by another process reading the same course)."""
        self._items.extend(found)

    @property
    def items(self) -> list[Diagnostic]:
        """All problems, by file and line."""
        return sorted(set(self._items), key=lambda d: (str(d.path), d.line or 0, d.message))

    def __len__(self) -> int:
        return len(self._items)
