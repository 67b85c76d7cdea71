"""Reading and checking the course manifest, `course.toml`."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from course.content.diagnostics import Diagnostics, link_problem
from course.content.frontmatter import ID_PATTERN
from course.core.model import Objective

LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]+)?$")


@dataclass(frozen=True)
class Manifest:
    """What `course.toml` declares."""

    path: Path
    """The manifest file."""
    id: str
    """The course id."""
    version: str
    """The course version."""
    languages: tuple[str, ...]
    """Declared language codes."""
    pass_mark: int
    """Percent needed to pass a quiz."""
    lesson_ids: tuple[str, ...]
    """Lesson ids in course order."""
    title: dict[str, str]
    """Title per language."""
    description: dict[str, str]
    """Description per language."""
    objectives: tuple[Objective, ...]
    """Learning objectives."""
    text: str
    """The manifest's source, to find the line of a value for messages."""

    def line_of(self, needle: str) -> int:
        """The first line mentioning `needle` (a quoted id or a key), else 1."""
        for number, line in enumerate(self.text.splitlines(), start=1):
            if f'"{needle}"' in line or line.lstrip().startswith(f"{needle} ="):
                return number
        return 1


def read_manifest(path: Path, problems: Diagnostics) -> Manifest | None:
    """Read `course.toml`; None (with problems recorded) if it cannot be used at all."""
    broken = link_problem(path)
    if broken is not None:
        problems.add(path, None, f"cannot read the manifest: it is {broken}")
        return None
    try:
        # utf-8-sig: tomllib refuses the byte order mark Windows Notepad writes.
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        problems.add(
            path.parent,
            None,
            f"no {path.name} here: is this a course folder? (see docs/authoring.md)",
        )
        return None
    except (OSError, UnicodeDecodeError) as error:
        problems.add(path, None, f"cannot read the manifest: {error}")
        return None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        found = re.search(r"\(at line (\d+)", str(error))
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(error))
        problems.add(path, int(found.group(1)) if found else 1, f"invalid TOML: {message}")
        return None
    except RecursionError:
        problems.add(path, 1, "invalid TOML: values are nested too deeply")
        return None
    draft = Manifest(path, "", "", (), 0, (), {}, {}, (), text)
    check = _Checker(draft, data, problems)
    course_id = check.identifier("id")
    version = check.text("version")
    languages = check.languages()
    pass_mark = check.pass_mark()
    lesson_ids = check.lesson_ids()
    title = check.per_language("title", languages)
    description = check.per_language("description", languages)
    objectives = check.objectives(languages)
    known = {
        "id",
        "version",
        "languages",
        "pass_mark",
        "lessons",
        "title",
        "description",
        "objectives",
    }
    for key in data:
        if key not in known:
            problems.add(path, draft.line_of(key), f"unknown key '{key}' in the manifest")
    return Manifest(
        path,
        course_id,
        version,
        languages,
        pass_mark,
        lesson_ids,
        title,
        description,
        objectives,
        text,
    )


class _Checker:
    """Reads the manifest's values one by one, recording what is wrong with each."""

    def __init__(self, manifest: Manifest, data: dict[str, Any], problems: Diagnostics):
        self.manifest = manifest
        self.data = data
        self.problems = problems

    def _add(self, key: str, message: str) -> None:
        self.problems.add(self.manifest.path, self.manifest.line_of(key), message)

    def text(self, key: str) -> str:
        value = self.data.get(key)
        if not isinstance(value, str) or not value.strip():
            self._add(key, f"'{key}' must be set to a non-empty text, as in {key} = \"…\"")
            return ""
        return value.strip()

    def identifier(self, key: str) -> str:
        value = self.text(key)
        if value and not ID_PATTERN.match(value):
            self._add(key, f"'{key}' {value!r} is not a valid id: use letters, digits, '-' and '_'")
        return value

    def languages(self) -> tuple[str, ...]:
        value = self.data.get("languages")
        if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
            self._add(
                "languages",
                '\'languages\' must list the language codes, as in languages = ["en", "de"]',
            )
            return ()
        for code in value:
            if not LANGUAGE_CODE.match(code):
                self._add("languages", f'{code!r} is not a language code like "en" or "de"')
        if len(set(value)) != len(value):
            self._add("languages", "a language is listed twice")
        return tuple(dict.fromkeys(value))

    def pass_mark(self) -> int:
        value = self.data.get("pass_mark", 70)
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100:
            self._add(
                "pass_mark", f"'pass_mark' must be a whole percent from 0 to 100, not {value!r}"
            )
            return 70
        return value

    def lesson_ids(self) -> tuple[str, ...]:
        value = self.data.get("lessons")
        if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
            self._add(
                "lessons",
                "'lessons' must list the lesson ids in course order, as in "
                'lessons = ["intro", "next"]',
            )
            return ()
        seen: set[str] = set()
        for lesson_id in value:
            if lesson_id in seen:
                self._add(lesson_id, f"lesson '{lesson_id}' is listed twice in 'lessons'")
            seen.add(lesson_id)
        return tuple(dict.fromkeys(value))

    def per_language(self, key: str, languages: tuple[str, ...]) -> dict[str, str]:
        value = self.data.get(key)
        if not isinstance(value, dict):
            self._add(key, f"'{key}' must be a table with one text per language, as in [{key}]")
            return {}
        texts = {k: v.strip() for k, v in value.items() if isinstance(v, str) and v.strip()}
        for language in languages:
            if language not in texts:
                self._add(key, f"'{key}' has no text for language '{language}'")
        return texts

    def objectives(self, languages: tuple[str, ...]) -> tuple[Objective, ...]:
        value = self.data.get("objectives")
        if not isinstance(value, dict) or not value:
            self._add(
                "objectives",
                "'objectives' must be a table of learning objectives, as in "
                '[objectives] O1 = { en = "…" }',
            )
            return ()
        found: list[Objective] = []
        for objective_id, texts in value.items():
            if not ID_PATTERN.match(objective_id):
                self._add(objective_id, f"objective id {objective_id!r} is not valid")
                continue
            if not isinstance(texts, dict):
                self._add(
                    objective_id,
                    f"objective '{objective_id}' must give a text per "
                    'language, as in { en = "…" }',
                )
                continue
            for language in languages:
                if not isinstance(texts.get(language), str) or not texts[language].strip():
                    self._add(
                        objective_id,
                        f"objective '{objective_id}' has no text for language '{language}'",
                    )
            tested = texts.get("tested", True)
            if not isinstance(tested, bool):
                self._add(
                    objective_id, f"objective '{objective_id}': 'tested' must be true or false"
                )
                tested = True
            found.append(
                Objective(
                    objective_id,
                    {k: str(v) for k, v in texts.items() if k != "tested"},
                    tested,
                )
            )
        return tuple(found)
