"""The commands print in one language, chosen as the app chooses it, with counted nouns in
the singular or plural their count needs."""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from course.cli import main as cli
from course.cli.importing import describe
from course.content import load_course
from course.store import ImportSummary, ProgressStore

REPO = Path(__file__).resolve().parents[2]
EXAMPLE_COURSE = REPO / "docs" / "example-course"
"""Languages en (its default) and de."""
BUNDLED_COURSE = REPO
"""The course at the repository's top: languages de (its default) and en."""

SetLocale = Callable[[str], None]

LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")


@pytest.fixture
def system_locale(monkeypatch: pytest.MonkeyPatch) -> SetLocale:
    """A function that makes its argument ("de_DE.UTF-8") the system locale, as `LANG` alone."""

    def set_locale(value: str) -> None:
        for variable in LOCALE_VARIABLES:
            monkeypatch.delenv(variable, raising=False)
        monkeypatch.setenv("LANG", value)

    return set_locale


@pytest.fixture(autouse=True)
def english_system(system_locale: SetLocale) -> None:
    """An English system locale, whatever the developer's is."""
    system_locale("en_US.UTF-8")


def course_main(*argv: str) -> int:
    """Run `course ARGV`; SystemExit is turned into its code."""
    sys.stdin = io.StringIO("")
    try:
        return cli.main(list(argv))
    except SystemExit as exit_:
        return int(exit_.code or 0)
    finally:
        sys.stdin = sys.__stdin__


def first_title(course: Path, language: str) -> str:
    """The title of the course's first lesson in `language`."""
    loaded = load_course(course).course
    assert loaded is not None
    return loaded.text(language).lessons[0].title


def progress(capsys: pytest.CaptureFixture[str], *options: str, course: Path) -> str:
    assert course_main("--course", str(course), *options, "progress") == 0
    return capsys.readouterr().out


# -- the language of `course progress` ----------------------------------------------------


def test_progress_on_an_english_system_is_english_though_the_course_starts_with_german(
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = progress(capsys, course=BUNDLED_COURSE)
    assert f"{first_title(BUNDLED_COURSE, 'en')}  not started" in out
    assert first_title(BUNDLED_COURSE, "de") not in out


def test_progress_on_a_german_system_is_german_throughout(
    system_locale: SetLocale, capsys: pytest.CaptureFixture[str]
) -> None:
    system_locale("de_DE.UTF-8")
    out = progress(capsys, course=EXAMPLE_COURSE)
    assert out.startswith("Guten Tee zubereiten (example 1.0.0), Profil 'default'")
    header = out.splitlines()[2]
    assert header.split() == ["#", "Lektion", "Stand", "Bestes", "Quizergebnis", "Dauer"]
    assert "nicht begonnen" in out
    assert "Lektionen abgeschlossen: 0 von 2." in out
    assert "Lesson" not in out and "not started" not in out


def test_progress_lang_option_wins_over_the_system_locale(
    system_locale: SetLocale, capsys: pytest.CaptureFixture[str]
) -> None:
    system_locale("de_DE.UTF-8")
    out = progress(capsys, "--lang", "en", course=BUNDLED_COURSE)
    assert f"{first_title(BUNDLED_COURSE, 'en')}  not started" in out
    assert "Lessons completed: 0 of" in out


def test_progress_on_a_system_the_course_has_no_language_for_uses_the_courses_first(
    system_locale: SetLocale, capsys: pytest.CaptureFixture[str]
) -> None:
    system_locale("fr_FR.UTF-8")
    german_first = progress(capsys, course=BUNDLED_COURSE)
    assert f"{first_title(BUNDLED_COURSE, 'de')}  nicht begonnen" in german_first
    english_first = progress(capsys, course=EXAMPLE_COURSE)
    assert "Water and temperature  not started" in english_first


# -- counted nouns in the import summary ----------------------------------------------------


def summary(count: int) -> ImportSummary:
    """An import that changed `count` of every kind of record."""
    return ImportSummary("anna", ("example",), count, count, count, count, count)


@pytest.mark.parametrize(
    ("language", "count", "expected"),
    [
        (
            "en",
            1,
            "Imported a.json into profile 'anna': 1 lesson, 1 quiz attempt, 1 answer, "
            "1 reflection, 1 place to continue added or updated.",
        ),
        (
            "en",
            2,
            "Imported a.json into profile 'anna': 2 lessons, 2 quiz attempts, 2 answers, "
            "2 reflections, 2 places to continue added or updated.",
        ),
        (
            "de",
            1,
            "a.json in das Profil 'anna' importiert: 1 Lektion, 1 Quizversuch, 1 Antwort, "
            "1 Reflexion, 1 Stelle zum Weitermachen hinzugefügt oder aktualisiert.",
        ),
        (
            "de",
            2,
            "a.json in das Profil 'anna' importiert: 2 Lektionen, 2 Quizversuche, 2 Antworten, "
            "2 Reflexionen, 2 Stellen zum Weitermachen hinzugefügt oder aktualisiert.",
        ),
    ],
)
def test_import_summary_counts_in_singular_and_plural(
    language: str, count: int, expected: str
) -> None:
    assert describe(summary(count), "a.json", language) == expected


def test_import_summary_leaves_out_what_did_not_change() -> None:
    changed = ImportSummary("anna", ("example",), lessons=2, places=1)
    assert describe(changed, "a.json", "en") == (
        "Imported a.json into profile 'anna': 2 lessons, 1 place to continue added or updated."
    )


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "Nothing new in a.json for profile 'anna'"), ("de", "Nichts Neues in a.json")],
)
def test_import_of_nothing_new_says_so(language: str, expected: str) -> None:
    assert describe(summary(0), "a.json", language).startswith(expected)


def test_import_prints_its_summary_in_the_system_language(
    data_dir: Path,
    tmp_path: Path,
    system_locale: SetLocale,
    capsys: pytest.CaptureFixture[str],
) -> None:
    with ProgressStore.open(data_dir) as store:
        learner = store.learner()
        store.lesson_opened(learner.id, "example", "water")
    export = tmp_path / "anna.json"
    assert course_main("export", "-o", str(export)) == 0
    system_locale("de_DE.UTF-8")
    other = tmp_path / "other-machine"
    assert course_main("--data-dir", str(other), "import", str(export)) == 0
    assert "importiert: 1 Lektion hinzugefügt oder aktualisiert." in capsys.readouterr().out
