"""One mistake in one file gives one message, at the place to fix it.

A file that exists but has a problem still counts as there: the manifest, the other
languages and the quiz must not report it missing as well. Also: a byte order mark (as
Windows Notepad writes) is no mistake, and an unknown front-matter key is one.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from course.content import load_course

from .course_files import edit, line_of, problems

LESSON_EN = "lessons/en/01-water.md"
QUIZ_EN = "quizzes/en/01-water.md"
MANIFEST = "course.toml"
BOM = b"\xef\xbb\xbf"


def add_bom(root: Path, relative: str) -> None:
    path = root / relative
    path.write_bytes(BOM + path.read_bytes())


def append_bytes(root: Path, relative: str, data: bytes) -> None:
    path = root / relative
    path.write_bytes(path.read_bytes() + data)


# Each mistake, and the one message it must give (with `{course}` the course folder).
MISTAKES: dict[str, tuple[Callable[[Path], object], Callable[[Path], str]]] = {
    "minutes out of range": (
        lambda c: edit(c, LESSON_EN, "minutes: 8", "minutes: 0"),
        lambda c: f"{LESSON_EN}:4: 'minutes' must be a whole number from 1 to 120, not 0",
    ),
    "front matter not YAML": (
        lambda c: edit(c, LESSON_EN, "title: Water", "title: [Water"),
        lambda c: (
            f"{LESSON_EN}:4: front matter is not valid YAML: expected ',' or ']', but got ':'"
        ),
    ),
    "no title": (
        lambda c: edit(c, LESSON_EN, "title: Water and temperature\n", ""),
        lambda c: f"{LESSON_EN}:1: front matter has no 'title'",
    ),
    "lesson id not valid": (
        lambda c: edit(c, LESSON_EN, "id: water\n", "id: hot water\n"),
        lambda c: (
            f"{LESSON_EN}:2: 'id' 'hot water' is not a valid id: use letters, digits, '-' and '_'"
        ),
    ),
    "lesson without front matter": (
        lambda c: edit(c, LESSON_EN, "---\nid: water\n", "id: water\n"),
        lambda c: (
            f"{LESSON_EN}:1: no front matter: start the file with a '---' line, "
            "then 'id: …', then '---'"
        ),
    ),
    "lesson not UTF-8": (
        lambda c: append_bytes(c, LESSON_EN, b"\xff"),
        lambda c: (
            f"{LESSON_EN}: not UTF-8 text (byte "
            f"{(c / LESSON_EN).stat().st_size - 1}): save the file as UTF-8"
        ),
    ),
    "quiz for an unknown lesson": (
        lambda c: edit(c, QUIZ_EN, "lesson: water\n", "lesson: nosuch\n"),
        lambda c: (
            f"{QUIZ_EN}:3: quiz for unknown lesson 'nosuch' (no lesson in lessons/en/ has this id)"
        ),
    ),
    "quiz id not valid": (
        lambda c: edit(c, QUIZ_EN, "id: water-quiz\n", "id: water quiz\n"),
        lambda c: (
            f"{QUIZ_EN}:2: 'id' 'water quiz' is not a valid id: use letters, digits, '-' and '_'"
        ),
    ),
    "quiz not UTF-8": (
        lambda c: append_bytes(c, QUIZ_EN, b"\xff"),
        lambda c: (
            f"{QUIZ_EN}: not UTF-8 text (byte "
            f"{(c / QUIZ_EN).stat().st_size - 1}): save the file as UTF-8"
        ),
    ),
    "question of an unknown type": (
        lambda c: edit(c, QUIZ_EN, "## black-tea-water (single)", "## black-tea-water (singel)"),
        lambda c: (
            f"{QUIZ_EN}:{line_of(c, QUIZ_EN, '## black-tea-water')}: unknown question "
            "type 'singel'; use one of: single, multiple, truefalse, ordering, matching, short, "
            "numeric, reflection, network-map"
        ),
    ),
    "question heading without id and type": (
        lambda c: edit(c, QUIZ_EN, "## black-tea-water (single)", "## Black tea water"),
        lambda c: (
            f"{QUIZ_EN}:{line_of(c, QUIZ_EN, '## Black tea water')}: question heading "
            "'Black tea water' must read '## id (type)', with type one of: single, multiple, "
            "truefalse, ordering, matching, short, numeric, reflection, network-map"
        ),
    ),
}


@pytest.mark.parametrize("mistake", MISTAKES)
def test_one_mistake_in_one_file_gives_exactly_one_message(course: Path, mistake: str) -> None:
    make, message = MISTAKES[mistake]
    make(course)

    assert problems(course) == [message(course)]


def test_a_lesson_missing_in_one_language_is_still_reported_everywhere(course: Path) -> None:
    # A lesson file that is really gone is a mistake at the manifest and the other language.
    (course / LESSON_EN).unlink()

    line = line_of(course, MANIFEST, "lessons = ")
    link = line_of(course, "lessons/en/02-steeping.md", "(01-water.md)")
    assert problems(course) == [
        f"{MANIFEST}:{line}: lesson 'water' has no file in lessons/en/",
        "lessons/de/01-water.md:2: lesson 'water' has no 'en' version in lessons/en/",
        f"lessons/en/02-steeping.md:{link}: broken link to '01-water.md': "
        "no such lesson file next to this one",
        f"{QUIZ_EN}:3: quiz for unknown lesson 'water' (no lesson in lessons/en/ has this id)",
    ]


# A byte order mark


@pytest.mark.parametrize("relative", [LESSON_EN, QUIZ_EN, MANIFEST])
def test_a_byte_order_mark_is_accepted(course: Path, relative: str) -> None:
    add_bom(course, relative)

    assert problems(course) == []


def test_a_byte_order_mark_keeps_the_line_numbers(course: Path) -> None:
    add_bom(course, LESSON_EN)
    edit_after_bom(course, LESSON_EN, b"minutes: 8", b"minutes: 0")
    add_bom(course, MANIFEST)
    edit_after_bom(course, MANIFEST, b"pass_mark = 70", b"pass_mark = 170")
    line = line_of_bytes(course, MANIFEST, b"pass_mark = ")

    assert problems(course) == [
        f"{MANIFEST}:{line}: 'pass_mark' must be a whole percent from 0 to 100, not 170",
        f"{LESSON_EN}:4: 'minutes' must be a whole number from 1 to 120, not 0",
    ]


def test_a_lesson_with_a_byte_order_mark_loads_as_without(course: Path) -> None:
    plain = load_course(course, use_cache=False).course
    add_bom(course, LESSON_EN)
    with_bom = load_course(course, use_cache=False).course

    assert plain is not None and with_bom is not None
    assert with_bom.text("en").lessons[0] == plain.text("en").lessons[0]


def edit_after_bom(root: Path, relative: str, old: bytes, new: bytes) -> None:
    """Replace `old` once in a file that starts with a BOM (which `edit` would not keep)."""
    path = root / relative
    data = path.read_bytes()
    assert data.startswith(BOM) and data.count(old) == 1
    path.write_bytes(data.replace(old, new))


def line_of_bytes(root: Path, relative: str, needle: bytes) -> int:
    lines = (root / relative).read_bytes().split(b"\n")
    return next(number for number, line in enumerate(lines, start=1) if needle in line)


# Unknown front-matter keys


def test_a_misspelled_lesson_key_is_reported_with_the_key_it_resembles(course: Path) -> None:
    edit(course, LESSON_EN, "minutes: 8\n", "minutes: 8\nminuts: 9\n")

    assert problems(course) == [
        f"{LESSON_EN}:5: 'minuts' is not a front-matter key of a lesson; did you mean 'minutes'?",
    ]


def test_a_misspelled_required_key_is_one_mistake_not_also_a_missing_key(
    course: Path,
) -> None:
    edit(course, LESSON_EN, "minutes: 8\n", "minuts: 8\n")

    assert problems(course) == [
        f"{LESSON_EN}:4: 'minuts' is not a front-matter key of a lesson; did you mean 'minutes'?",
    ]


def test_a_misspelled_quiz_key_is_reported_at_its_line(course: Path) -> None:
    edit(course, QUIZ_EN, "title: ", "titel: ")

    assert problems(course) == [
        f"{QUIZ_EN}:4: 'titel' is not a front-matter key of a quiz; did you mean 'title'?",
    ]


def test_an_unknown_key_like_no_other_lists_the_keys(course: Path) -> None:
    edit(course, QUIZ_EN, "lesson: water\n", "lesson: water\nauthor: Ann\n")

    assert problems(course) == [
        f"{QUIZ_EN}:4: 'author' is not a front-matter key of a quiz; "
        "the keys are id, lesson, title",
    ]
