"""Reading and checking the YAML front matter of lessons and quizzes."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import yaml
from markdown_it.token import Token

from course.content.diagnostics import Diagnostics
from course.content.markdown import split_lines

ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
"""What an id may look like: letters, digits, "-" and "_", not starting with a sign."""


class FrontMatter:
    """The front matter of one file: its values and the line each key is on."""

    def __init__(self, path: Path, values: dict[str, Any], lines: dict[str, int], start: int):
        self.path = path
        self.values = values
        self._lines = lines
        self.start = start
        self._misspelled: set[str] = set()

    def check_keys(self, allowed: Iterable[str], kind: str, problems: Diagnostics) -> None:
        """Report each key that is not in `allowed`, at its line, with the closest allowed
        key as a suggestion (`kind` names the file, as in "a lesson").

        A typo would otherwise pass silently, or show up only as a missing key far from
        the line to fix. A suggested key that is absent is not reported as missing too:
        the typo is the one mistake. Call this before reading the values.
        """
        known = list(allowed)
        for key in self.values:
            if key in known:
                continue
            close = difflib.get_close_matches(key, known, n=1)
            if close:
                hint = f"did you mean '{close[0]}'?"
                if close[0] not in self.values:
                    self._misspelled.add(close[0])
            else:
                hint = "the keys are " + ", ".join(known)
            problems.add(
                self.path, self.line_of(key), f"'{key}' is not a front-matter key of {kind}; {hint}"
            )

    def _missing(self, key: str, problems: Diagnostics) -> None:
        """Record that `key` is absent, unless a misspelling of it was reported already."""
        if key not in self._misspelled:
            problems.add(self.path, self.start, f"front matter has no '{key}'")

    def line_of(self, key: str) -> int:
        """The line of `key`, or the front matter's first line when the key is absent."""
        return self._lines.get(key, self.start)

    def text(self, key: str, problems: Diagnostics, *, required: bool = True) -> str:
        """A non-empty string value, or "" after recording what is wrong with it."""
        value = self.values.get(key)
        if value is None:
            if required:
                self._missing(key, problems)
            return ""
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            problems.add(self.path, self.line_of(key), f"'{key}' must be text")
            return ""
        text = str(value).strip()
        if not text and required:
            problems.add(self.path, self.line_of(key), f"'{key}' is empty")
        return text

    def identifier(self, key: str, problems: Diagnostics) -> str:
        """An id value, checked against ID_PATTERN."""
        value = self.text(key, problems)
        if value and not ID_PATTERN.match(value):
            problems.add(
                self.path,
                self.line_of(key),
                f"'{key}' {value!r} is not a valid id: use letters, digits, '-' and '_'",
            )
            return ""
        return value

    def whole_number(self, key: str, problems: Diagnostics, low: int, high: int) -> int:
        """An integer value within [low, high]; 0 after recording a problem."""
        value = self.values.get(key)
        if value is None:
            self._missing(key, problems)
            return 0
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            problems.add(
                self.path,
                self.line_of(key),
                f"'{key}' must be a whole number from {low} to {high}, not {value!r}",
            )
            return 0
        return value

    def id_list(self, key: str, problems: Diagnostics) -> tuple[str, ...]:
        """A list of ids (a YAML list, or one comma-separated string)."""
        value = self.values.get(key)
        if value is None:
            self._missing(key, problems)
            return ()
        items = value.split(",") if isinstance(value, str) else value
        if not isinstance(items, list) or not all(isinstance(i, str | int) for i in items):
            problems.add(self.path, self.line_of(key), f"'{key}' must be a list of ids")
            return ()
        return tuple(str(item).strip() for item in items if str(item).strip())


_FAST_LOADER = getattr(yaml, "CSafeLoader", None)


def _load_yaml(text: str) -> Any:
    """`yaml.safe_load`, through libyaml when PyYAML has it: five times faster on a large
    course. Text libyaml refuses is read again by the Python loader, whose messages and
    line numbers are the ones authors see, whichever parser is installed."""
    if _FAST_LOADER is not None:
        try:
            return yaml.load(text, Loader=_FAST_LOADER)
        except yaml.YAMLError:
            pass
    return yaml.safe_load(text)


def read_front_matter(
    path: Path, tokens: Sequence[Token], problems: Diagnostics
) -> FrontMatter | None:
    """The front matter of a parsed file, or None (with a problem recorded) if it has none
    or it cannot be read."""
    first = tokens[0] if tokens else None
    if first is None or first.type != "front_matter" or first.map is None:
        problems.add(
            path, 1, "no front matter: start the file with a '---' line, then 'id: …', then '---'"
        )
        return None
    start = first.map[0] + 1  # the line of the opening '---'
    try:
        values = _load_yaml(first.content)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = start + 1 + mark.line if mark is not None else start
        problem = getattr(error, "problem", None) or "cannot be read"
        problems.add(path, line, f"front matter is not valid YAML: {problem}")
        return None
    except RecursionError:
        problems.add(path, start, "front matter is not valid YAML: it is nested too deeply")
        return None
    if values is None:
        values = {}
    if not isinstance(values, dict):
        problems.add(path, start, "front matter must be 'key: value' lines")
        return None
    lines: dict[str, int] = {}
    for offset, raw in enumerate(split_lines(first.content)):
        key = raw.split(":", 1)[0].strip()
        if ":" in raw and key in values and key not in lines:
            lines[key] = start + 1 + offset
    return FrontMatter(path, {str(k): v for k, v in values.items()}, lines, start)
