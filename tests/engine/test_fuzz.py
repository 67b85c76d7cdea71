"""Whatever an author writes into a lesson or quiz file, and whatever happens to the files
of a course (see course_mutations.py), loading gives a course or `path:line` problems,
never a crash."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import EXAMPLE_COURSE
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from course.content import LoadResult, load_course

from .course_files import copy_course
from .course_mutations import COURSES, Workbench, mutate, outcome

FUZZ = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

LESSON = "lessons/en/01-water.md"
QUIZ = "quizzes/en/01-water.md"

PIECES = [
    "---",
    "--- ",
    "id: water",
    "id: water-quiz",
    "lesson: water",
    "title: Tea",
    "minutes: 8",
    "minutes: -1",
    "objectives: [O1]",
    "objectives: O1, O9",
    "objectives: {a: 1}",
    "points: 2",
    "points: 0",
    "shuffle: no",
    "shuffle: maybe",
    "key: [unclosed",
    "- a: b",
    "::: takeaways",
    "::: reflection",
    "::: explanation",
    "::: facilitator",
    "::: nonsense",
    ":::",
    "::::",
    "## black-tea-water (single)",
    "## q (multiple)",
    "## q (truefalse)",
    "## order (ordering)",
    "## pairs (matching)",
    "## s (short)",
    "## r (reflection)",
    "## (single)",
    "## x (",
    "# Title",
    "##",
    "- [x] Right",
    "- [ ] Wrong",
    "- [X]",
    "- [ ]",
    "  Feedback text.",
    "- ",
    "-",
    "1. First",
    "2. Second",
    "1)",
    "- Left → Right",
    "- Left -> Right -> More",
    "- → ",
    "→",
    "> A quote",
    "> ::: takeaways",
    "- ::: explanation",
    "  :::",
    ">",
    "[link](02-steeping.md)",
    "[broken](missing.md#x)",
    "[web](https://example.org)",
    "[](<>)",
    "[too long](" + "a" * 300 + ".md)",
    "nested: " + "[" * 800,
    "```",
    "~~~",
    "    indented code",
    "<div>",
    "Some text ___ here.",
    "",
    "",
    "\t",
    "\r",
    "\ufeff",
    "\x00",
]

LESSON_FRONT = "---\nid: water\ntitle: Tea\nminutes: 8\nobjectives: [O1]\n---\n\n"
QUIZ_FRONT = "---\nid: water-quiz\nlesson: water\n---\n\n"

structured_text = st.lists(st.sampled_from(PIECES), max_size=40).map("\n".join)
"""Lines the loader treats specially, in any order: garbage that gets past the parser."""


def any_text(front_matter: str) -> st.SearchStrategy[str]:
    """Arbitrary text, structured garbage, and structured garbage under valid front matter."""
    return st.one_of(
        st.text(max_size=400),
        structured_text,
        structured_text.map(lambda text: front_matter + text),
    )


one_line = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\n\r]"),
    max_size=80,
)
"""One line of any characters (no line break, no "]" that could close a link)."""


@pytest.fixture(scope="module")
def course_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One copy of the example course that every example overwrites a file of."""
    return copy_course(EXAMPLE_COURSE, tmp_path_factory.mktemp("fuzz") / "course")


def load_with(root: Path, relative: str, text: str) -> LoadResult:
    """Write `text` as the file `relative` and check that loading ends in a course or in
    problems with a file and, where given, a sensible line."""
    path = root / relative
    original = (EXAMPLE_COURSE / relative).read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8", newline="")
    try:
        result = load_course(root)
    finally:
        path.write_text(original, encoding="utf-8")
    if result.course is None:
        assert result.errors, "no course and no problem to say why"
    else:
        assert result.errors == []
    for problem in result.errors:
        assert problem.line is None or problem.line >= 1, problem
        assert problem.message
        assert problem.format(relative_to=root)
    return result


@FUZZ
@given(text=any_text(LESSON_FRONT))
def test_any_text_as_a_lesson_loads_or_is_reported(course_copy: Path, text: str) -> None:
    load_with(course_copy, LESSON, text)


@FUZZ
@given(text=any_text(QUIZ_FRONT))
def test_any_text_as_a_quiz_loads_or_is_reported(course_copy: Path, text: str) -> None:
    load_with(course_copy, QUIZ, text)


@settings(FUZZ, max_examples=50)
@given(line=one_line)
def test_any_characters_in_a_line_of_lesson_text_keep_the_lesson_valid(
    course_copy: Path, line: str
) -> None:
    text = (EXAMPLE_COURSE / LESSON).read_text(encoding="utf-8")
    anchor = "Good tea starts before the leaves"
    changed = text.replace(anchor, f"Tea: {line}\n{anchor}")

    result = load_with(course_copy, LESSON, changed)

    assert result.errors == []
    assert result.course is not None
    water = result.course.text("en").lessons[0]
    assert water.takeaways.startswith("- Use fresh, cold water")
    assert water.reflection.startswith("Which tea do you drink")


# -- whole courses, damaged by a seeded mutation loop -------------------------------------------

SEEDS = {"example": range(60), "bundled": range(1000, 1016)}
"""Few enough to keep this a few seconds; benchmarks/fuzz_courses.py runs 10,000 and more."""


@pytest.mark.parametrize("name", SEEDS)
def test_a_damaged_course_loads_or_reports_path_line_problems(name: str, tmp_path: Path) -> None:
    bench = Workbench(COURSES[name], tmp_path / name)
    crashes = []
    seen = set()
    for seed in SEEDS[name]:
        try:
            kind, _ = outcome(bench, seed, huge=20_000)
        except Exception as error:  # every crash is collected and shown
            crashes.append(f"seed {seed}: {mutate_description(bench, seed)}: {error!r}")
        else:
            seen.add(kind)
    assert crashes == []
    assert seen == {"course", "problems"}, "the mutations should leave some courses whole"


def mutate_description(bench: Workbench, seed: int) -> str:
    """What seed `seed` does to the course, for a failure message."""
    try:
        return "; ".join(mutate(bench, seed))
    finally:
        bench.restore()
