"""The interface's words in each language: one TOML catalogue per language.

Every string a learner sees comes from the course content or from here, never inline in
the code. Keys are dotted (`outline.continue`); values may hold `{name}` fields.
"""

from __future__ import annotations

import locale
import marshal
import os
import sys
from contextlib import suppress
from functools import cache
from importlib.util import cache_from_source
from pathlib import Path
from typing import Any

CATALOGUE_DIR = Path(__file__).resolve().parent
FALLBACK = "en"
PARSED_FORMAT = 1
"""Raised when the layout of a parsed catalogue's file changes."""


def parsed_dir() -> Path:
    """Where parsed catalogues are kept: with this package's bytecode (`__pycache__`, or
    under `PYTHONPYCACHEPREFIX`), since, like bytecode, they are made from files of the
    package and follow them."""
    return Path(cache_from_source(__file__)).parent


@cache
def _load(language: str) -> dict[str, str]:
    path = CATALOGUE_DIR / f"{language}.toml"
    if not path.is_file():
        path = CATALOGUE_DIR / f"{FALLBACK}.toml"
    # A part of the app with many texts of its own keeps them in a file of its own, in a
    # folder named after the language (`en/network.toml`), so that the main catalogue
    # stays readable and two parts can grow without editing the same file.
    sources = [path, *sorted((CATALOGUE_DIR / path.stem).glob("*.toml"))]
    # Parsing the TOML was about a twentieth of the app's start: what was parsed is kept
    # as long as every file has the name, size and modification time it had then.
    fingerprint = (PARSED_FORMAT, tuple(_stamp(source) for source in sources))
    kept = parsed_dir() / f"catalogue-{path.stem}.{sys.implementation.cache_tag}.marshal"
    with suppress(Exception):  # missing, damaged, old: parse instead
        stamp, texts = marshal.loads(kept.read_bytes())
        if stamp == fingerprint and isinstance(texts, dict):
            return texts
    texts = _parse(sources)
    if not sys.dont_write_bytecode:
        _keep(kept, marshal.dumps((fingerprint, texts)))
    return texts


def _stamp(path: Path) -> tuple[str, int, int]:
    status = path.stat()
    return str(path), status.st_size, status.st_mtime_ns


def _parse(sources: list[Path]) -> dict[str, str]:
    """The texts of the catalogue files `sources`, flat: `{"outline.continue": ...}`."""
    import tomllib  # only when the catalogue changed since it was last parsed

    flat: dict[str, str] = {}

    def walk(prefix: str, table: dict[str, Any]) -> None:
        for key, value in table.items():
            name = f"{prefix}{key}"
            if isinstance(value, dict):
                walk(f"{name}.", value)
            else:
                flat[name] = str(value)

    for source in sources:
        walk("", tomllib.loads(source.read_text(encoding="utf-8")))
    return flat


def _keep(target: Path, data: bytes) -> None:
    """Write `data` to `target` whole or not at all; a folder that cannot be written is
    no error (the catalogue is parsed again next time)."""
    with suppress(OSError):
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f"{target.name}.{os.getpid()}.tmp")
        try:
            temporary.write_bytes(data)
            os.replace(temporary, target)
        finally:
            temporary.unlink(missing_ok=True)


class Catalogue:
    """The interface texts of one language."""

    def __init__(self, language: str) -> None:
        self.language = language
        self._texts = _load(language)
        self._fallback = _load(FALLBACK)

    def __call__(self, key: str, **fields: object) -> str:
        """The text for `key`, with `fields` filled in; the key itself if it is unknown,
        so that a missing text shows up in testing instead of crashing."""
        template = self._texts.get(key) or self._fallback.get(key) or key
        return template.format(**fields) if fields else template

    def get(self, key: str) -> str | None:
        """The text for `key` in this language or the fallback, or None if there is none."""
        return self._texts.get(key) or self._fallback.get(key)

    def keys(self) -> set[str]:
        """Every key this language defines."""
        return set(self._texts)


def decimal(value: float, mark: str = ".") -> str:
    """A number of points as people write it: no useless ".0", two decimals at most, and
    `mark` before them (a language's `decimal_mark`: "0,25" in German)."""
    return f"{round(value, 2):g}".replace(".", mark)


def available_languages() -> tuple[str, ...]:
    """Languages the interface has a catalogue for."""
    return tuple(sorted(p.stem for p in CATALOGUE_DIR.glob("*.toml")))


def system_language() -> str | None:
    """The language of the system locale ("de" from de_DE.UTF-8), if it tells one."""
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(variable)
        if value and value not in ("C", "POSIX") and not value.startswith("C."):
            return value.split(":")[0][:2].lower()
    try:
        code = locale.getlocale()[0]
    except ValueError:
        return None
    return code[:2].lower() if code else None


def duration(seconds: float) -> str:
    """Time spent, short: "-", "45 s", "12 min", "1 h 05 min"."""
    if seconds < 1:
        return "-"
    if seconds < 60:
        return f"{round(seconds)} s"
    minutes = round(seconds / 60)
    if minutes < 60:
        return f"{minutes} min"
    return f"{minutes // 60} h {minutes % 60:02d} min"
