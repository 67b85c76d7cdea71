"""Parsed styles kept between starts, as the course itself is (`course.content.cache`).

Textual parses every stylesheet of an app at every start: the app's `.tcss` files and the
`DEFAULT_CSS` of each widget class it shows. For the learner app that is about ten
kilobytes of CSS, and parsing it was about a sixth of what the app adds to a bare Textual
app before its first paint. What a parse gives depends only on the CSS text, where it was
read from, its scope and priority, the theme's variables (substituted while parsing) and
Textual's own code; so the app keeps what it parsed in one file in the cache folder, and
the next start reads it back instead of parsing again.

An entry is found by a digest of all of these: CSS edited, another theme, another Textual
(its CSS modules' names, sizes and modification times) or another Python each make a new
key, so nothing stale is ever used. Only CSS that parsed without errors is kept, so errors
always come from a fresh parse. Anything wrong with the file (missing, damaged, from
another version) only means parsing again, and a file that cannot be written is no error
either; it is replaced whole (`os.replace`), so another process reads all of it or none.

Textual has no public hook for this: `KeptStylesheet` overrides `Stylesheet._parse_rules`,
the one method every parse goes through, in the Textual range that pyproject pins.
"""

from __future__ import annotations

import os
import pickle
import sys
from contextlib import suppress
from pathlib import Path
from typing import Any

import textual.css
from textual.css.model import RuleSet
from textual.css.stylesheet import Stylesheet
from textual.css.types import CSSLocation

from course.core.digest import blake2b
from course.locations import cache_dir, write_atomically

FORMAT = b"course-styles 1"
"""Part of every key: raised when what is kept changes its layout."""
MAX_BYTES = 1024 * 1024
"""Size the file's entries may reach: beyond, only those the last run used or made stay
(an upgrade of Textual or an edited stylesheet leaves entries nothing reads again)."""
TEXTUAL_CSS_DIR = Path(textual.css.__file__).parent
"""Textual's CSS code, which makes what is kept."""


def styles_file() -> Path:
    """The file of kept styles, in the cache folder."""
    return cache_dir() / "styles.pickle"


def _code_stamp() -> bytes:
    """Python's version and Textual's CSS modules (name, size, modification time): a new
    installation or an edit of either changes it."""
    parts = [sys.implementation.cache_tag or "", FORMAT.decode()]
    with os.scandir(TEXTUAL_CSS_DIR) as entries:
        for entry in sorted(entries, key=lambda entry: entry.name):
            if entry.name.endswith(".py"):
                stat = entry.stat()
                parts.append(f"{entry.name}:{stat.st_size}:{stat.st_mtime_ns}")
    return "\n".join(parts).encode()


class KeptStylesheet(Stylesheet):
    """A Textual stylesheet that reads its parsed rules from the styles file when it can,
    and keeps what it had to parse for `save`."""

    def __init__(self, *, variables: dict[str, str] | None = None, path: Path) -> None:
        super().__init__(variables=variables)
        self.path = path
        """The file of kept styles."""
        self._kept: dict[str, bytes] | None = None
        """The file's entries, by key; read at the first parse."""
        self._used: set[str] = set()
        """The keys this run used or made: what the file keeps when it grows too big."""
        self._new: dict[str, bytes] = {}
        """Entries parsed in this run, not yet in the file."""
        self._stamp: bytes | None = None
        self._variables_digest: tuple[dict[str, str], bytes] | None = None
        """The variables of the last key and their digest: a theme has a few hundred."""

    def _read_kept(self) -> dict[str, bytes]:
        if self._kept is None:
            self._kept = {}
            with suppress(Exception), open(self.path, "rb") as stream:
                kept = pickle.load(stream)
                if isinstance(kept, dict):
                    self._kept = kept
        return self._kept

    def _key(
        self, css: str, read_from: CSSLocation, is_default: bool, tie_breaker: int, scope: str
    ) -> str:
        if self._stamp is None:
            self._stamp = _code_stamp()
        variables = self._variables
        if self._variables_digest is None or self._variables_digest[0] is not variables:
            digest = blake2b(repr(sorted(variables.items())).encode()).digest()
            self._variables_digest = (variables, digest)
        where = repr((read_from, is_default, tie_breaker, scope)).encode()
        key = blake2b(self._stamp)
        for part in (self._variables_digest[1], where, css.encode()):
            key.update(len(part).to_bytes(8, "big"))
            key.update(part)
        return key.hexdigest()

    def _parse_rules(
        self,
        css: str,
        read_from: CSSLocation,
        is_default_rules: bool = False,
        tie_breaker: int = 0,
        scope: str = "",
    ) -> list[RuleSet]:
        cache_key = (css, read_from, is_default_rules, tie_breaker, scope)
        if cache_key in self._parse_cache:
            return self._parse_cache[cache_key]
        key = self._key(css, read_from, is_default_rules, tie_breaker, scope)
        self._used.add(key)
        kept = self._read_kept().get(key)
        if kept is not None:
            try:
                read: Any = pickle.loads(kept)
            except Exception:  # damaged: parse instead
                read = None
            if isinstance(read, list) and all(isinstance(rule, RuleSet) for rule in read):
                self._parse_cache[cache_key] = read
                return read
        rules = super()._parse_rules(css, read_from, is_default_rules, tie_breaker, scope)
        if not any(rule.errors for rule in rules):
            # Pickled now, as parsed: applying the rules later must not change what is kept.
            with suppress(Exception):
                self._new[key] = pickle.dumps(rules, protocol=pickle.HIGHEST_PROTOCOL)
        return rules

    def reparse(self) -> None:
        """Parse every source again, with the variables as they are now (a theme set).

        Textual's own `reparse` parses into a fresh, plain `Stylesheet`, which would parse
        everything where the kept rules would do; it does so in order that an error leaves
        this stylesheet as it was, and `parse` keeps that: it sets the new rules only once
        every source has parsed.
        """
        self.parse()

    def save(self) -> None:
        """Write what this run parsed to the styles file (nothing if it parsed nothing)."""
        if not self._new:
            return
        kept = dict(self._read_kept())
        kept.update(self._new)
        if sum(len(entry) for entry in kept.values()) > MAX_BYTES:
            kept = {key: value for key, value in kept.items() if key in self._used}
        self._kept, self._new = kept, {}
        with suppress(Exception):  # not written: the next start parses again
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(self.path, pickle.dumps(kept, protocol=pickle.HIGHEST_PROTOCOL))
