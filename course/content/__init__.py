"""Loading a course folder into the content model, with every problem reported.

No UI import here: `course validate`, the app and the tests share this code. A course that
loaded without a problem is cached (`cache`), so that the next start reads one file
instead of parsing every lesson and quiz; the parser and its libraries are imported only
when a course is parsed.
"""

from __future__ import annotations

from pathlib import Path

from course.content.diagnostics import Diagnostic
from course.content.result import LoadResult
from course.locations import MANIFEST_NAME

__all__ = ["Diagnostic", "LoadResult", "course_folder", "load_course"]


def course_folder(path: Path) -> Path:
    """The course folder that `path` names: the folder itself, or the folder of a
    `course.toml` given in its place (an author may well point at the manifest)."""
    if path.name == MANIFEST_NAME and path.is_file():
        return path.parent
    return path


def load_course(root: Path, *, use_cache: bool = True) -> LoadResult:
    """Read and check the course in folder `root`.

    Every file is read even after a problem, so that one run reports all of them. With
    `use_cache`, a course that has not changed since it last loaded cleanly comes from the
    cache; problems always come from parsing the files (`course validate` never uses the
    cache). `root` may also be the path of the course's `course.toml`.
    """
    root = course_folder(root)
    if use_cache:
        from course.content.cache import cached_course

        course = cached_course(root)
        if course is not None:
            return LoadResult(course, [])
    from course.content.course_loader import parse_course

    result, linked = parse_course(root)
    if use_cache and result.ok and result.course is not None:
        from course.content.cache import save_course

        save_course(root, result.course, linked)
    return result
