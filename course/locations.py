"""Every path the app uses: the bundled course, the learner data and the course cache.

One module owns them so that tests (and `--data-dir`/`COURSE_DATA_DIR`, `COURSE_CACHE_DIR`)
can redirect them.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "course"
DATA_DIR_VARIABLE = "COURSE_DATA_DIR"
CACHE_DIR_VARIABLE = "COURSE_CACHE_DIR"
COURSE_DIR_VARIABLE = "COURSE_DIR"
MANIFEST_NAME = "course.toml"


def bundled_course_dir() -> Path:
    """The course that ships with the app.

    In an installed wheel it sits inside the package (`course/bundled/`); in a source
    checkout it is the checkout itself, whose top level holds `course.toml`, `lessons/`
    and `quizzes/`.
    """
    package = Path(__file__).resolve().parent
    installed = package / "bundled"
    if (installed / MANIFEST_NAME).is_file():
        return installed
    return package.parent


def course_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The course to run: `--course`, else `$COURSE_DIR`, else the bundled course."""
    chosen = explicit or os.environ.get(COURSE_DIR_VARIABLE)
    return Path(chosen).expanduser() if chosen else bundled_course_dir()


def data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """Where learner data lives: `--data-dir`, else `$COURSE_DATA_DIR`, else the platform's
    user data folder (for example `~/.local/share/course` on Linux)."""
    chosen = explicit or os.environ.get(DATA_DIR_VARIABLE)
    if chosen:
        return Path(chosen).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def cache_dir() -> Path:
    """Where loaded courses are cached: `$COURSE_CACHE_DIR`, else the platform's user
    cache folder (for example `~/.cache/course` on Linux). Deleting it loses nothing."""
    chosen = os.environ.get(CACHE_DIR_VARIABLE)
    if chosen:
        return Path(chosen).expanduser()
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))
