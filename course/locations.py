"""Every path the app uses: the bundled course, the learner data and the course cache.

One module owns them so that tests (and `--data-dir`/`COURSE_DATA_DIR`, `COURSE_CACHE_DIR`)
can redirect them.
"""

from __future__ import annotations

import os
import tempfile
from contextlib import suppress
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


def presenter_position_file(data: Path, course_id: str) -> Path:
    """Where the presenter of a course publishes its position for the speaker notes in
    another terminal (`course.workshop.speaker`): next to the progress store it uses."""
    return data / f"presenter-{course_id}.json"


def write_atomically(path: Path, text: str | bytes) -> None:
    """Write a file (text in UTF-8, or bytes) so that it is either complete or not there: a
    temporary file in the same folder, synced, then renamed over the target. The file is
    private (0600)."""
    path = path.expanduser()
    folder = path.parent
    descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    data = text.encode("utf-8") if isinstance(text, str) else text
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        with suppress(OSError):
            os.unlink(temporary)
        raise


def shown(path: Path) -> str:
    """A path as a notice shows it: below the home folder as `~/...`, which keeps it short
    enough for one line of a notice (a path wrapped mid-word is hard to read and copy)."""
    try:
        return str(Path("~") / path.relative_to(Path.home()))
    except (ValueError, RuntimeError):  # elsewhere, or no home folder
        return str(path)
