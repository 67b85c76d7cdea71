"""`course validate`'s item-writing checks: cues that give answers away are warnings, and
`--strict` makes them fail the course.

`item_writing_course/` is a small course written to trip every check once.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import EXAMPLE_COURSE

from course.cli.main import main
from course.content import load_course
from course.content.item_writing import CATCH_ALL, check_item_writing
from course.core.model import Course

from .course_files import copy_course, edit

CUES = Path(__file__).parent / "item_writing_course"
QUIZ = "quizzes/en/01-cues.md"

EXPECTED = [
    "course.toml:5: warning: in 2 of 3 single-choice questions in 'en' (67%) the right "
    "answer is the longest option; keep it at 30% or less",
    f"{QUIZ}:6: warning: in 2 of 3 single-choice questions of quiz 'cues-quiz' (67%) the "
    "right answer is the longest option (longest-first, longest-again); keep it at 30% or "
    "less, so that length is no cue",
    f"{QUIZ}:63: warning: option 3 of question 'one-long-option' is 3.86 times as long as "
    "the longest other option (54 to 14 characters); keep it within 1.5 times",
    f"{QUIZ}:79: warning: option 3 of question 'catch-all' reads 'None of the above': it can "
    "be judged from the other options alone; write an option that says something itself",
    f"{QUIZ}:86: warning: the explanation of question 'gives-away' contains 'harsh', the "
    "answer to the later question 'harsh-taste' (line 100): questions come in file order "
    "with immediate feedback, so this gives it away",
    f"{QUIZ}:113: warning: the text of question 'answer-in-stem' contains its own accepted "
    "answer 'black': the learner can copy it from there",
    "quizzes/en/02-more-cues.md:6: warning: question 'same-again' asks the same as question "
    "'gives-away' (01-cues.md, line 86): reword one, or drop one",
]


def loaded(root: Path) -> Course:
    result = load_course(root, use_cache=False)
    assert result.course is not None, [e.format() for e in result.errors]
    return result.course


def warnings(root: Path) -> list[str]:
    """Every item-writing warning of the course at `root`, paths relative to it."""
    return [w.format(relative_to=root) for w in check_item_writing(loaded(root))]


def test_each_cue_in_the_test_course_is_one_warning_at_its_line() -> None:
    assert warnings(CUES) == EXPECTED


def test_the_example_course_has_no_item_writing_warnings() -> None:
    assert warnings(EXAMPLE_COURSE) == []


def test_validate_prints_the_warnings_and_still_passes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(CUES)]) == 0

    out, err = capsys.readouterr()
    assert out.startswith("item-writing-cues 1.0.0: OK — 2 lessons")
    assert out.endswith("; 7 warnings\n")
    assert len(err.splitlines()) == 7
    assert all(": warning: " in line for line in err.splitlines())


def test_validate_strict_fails_on_warnings(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--strict", str(CUES)]) == 1

    out, err = capsys.readouterr()
    assert out.endswith("7 warnings with --strict; the course is not valid.\n")
    assert len(err.splitlines()) == 7


def test_validate_strict_passes_a_course_without_warnings(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["validate", "--strict", str(EXAMPLE_COURSE)]) == 0

    out, err = capsys.readouterr()
    assert err == ""
    assert out.startswith("example 1.0.0: OK")


def test_an_option_just_within_one_and_a_half_times_is_no_warning(tmp_path: Path) -> None:
    course = copy_course(CUES, tmp_path / "course")
    # 21 characters against the longest other option's 14: exactly 1.5 times.
    edit(
        course,
        QUIZ,
        "Leaving the leaves in the pot for the whole afternoon.",
        "Steeping all morning.",
    )

    assert not any("one-long-option" in line for line in warnings(course))


@pytest.mark.parametrize(
    "option",
    [
        "All of the above",
        "none of the above.",
        "Both of the above",
        "All the above",
        "Alle genannten",
        "Alle oben genannten Antworten",
        "Keine der genannten Möglichkeiten",
        "Keine der oben genannten",
        "Alles oben Genannte",
        "Alle Antworten sind richtig",
        "Keine Antwort ist richtig",
    ],
)
def test_catch_all_options_are_found_in_english_and_german(option: str) -> None:
    assert CATCH_ALL.search(option)


@pytest.mark.parametrize(
    "option",
    ["Name all the people above the line", "Alle Gäste sind genannt", "Keine Anzeige"],
)
def test_ordinary_options_are_no_catch_all(option: str) -> None:
    assert not CATCH_ALL.search(option)
