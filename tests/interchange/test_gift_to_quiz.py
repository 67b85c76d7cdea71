"""A GIFT bank becomes a quiz of ours that validates once its objectives are filled in."""

from __future__ import annotations

from pathlib import Path

from course.content import load_course
from course.core.plaintext import plain_text
from course.i18n import Catalogue
from course.interchange.gift import read_gift
from course.interchange.gift_to_quiz import convert

BANK = """\
// A trainer's bank, every kind our format has a place for.
$CATEGORY: tea

::Water for black tea::How hot should the water be for black tea?{
  ~About 70 °C#That suits green tea.
  =Just off the boil#Right: black tea needs the heat.
  ~Lukewarm
  ####Black tea wants water just off the boil.}

::Bitter tea::Which make tea bitter? {
  ~%50%Steeping too long#Yes.
  ~%50%Water too hot for green tea#Yes.
  ~%-100%Using fresh water#No.
}

Water that has boiled twice makes the brightest tea.{F#No: it tastes flat.#Right.}

Green tea made with water that is too hot tastes {=bitter =harsh =%50%strong#Close.} .

::Pairs::Match each tea with its water.{
  =Black tea -> just off the boil
  =Green tea -> 70 to 80 °C
}

::Steeping minutes::How many minutes should black tea steep?{#
  =4:1#Right: three to five minutes.
  =%0%10:4#Far too long.
}

[html]<p>What is <b>your</b> favourite tea, and why?</p>{}

Just a note for the author, no question.
"""

LESSON = """\
---
id: tea
title: Tea
minutes: 5
objectives: [O1]
---

Tea.

::: takeaways
- Tea.
:::

::: reflection
Tea?
:::
"""


def write_course(root: Path, quiz: str) -> None:
    (root / "lessons" / "en").mkdir(parents=True)
    (root / "quizzes" / "en").mkdir(parents=True)
    (root / "course.toml").write_text(
        'id = "tea"\nversion = "1"\nlanguages = ["en"]\npass_mark = 70\nlessons = ["tea"]\n'
        '[title]\nen = "Tea"\n[description]\nen = "Tea."\n'
        '[objectives]\nO1 = { en = "Make tea" }\n',
        encoding="utf-8",
    )
    (root / "lessons" / "en" / "01-tea.md").write_text(LESSON, encoding="utf-8")
    (root / "quizzes" / "en" / "01-tea.md").write_text(quiz, encoding="utf-8")


def test_every_kind_converts_and_what_is_lost_is_a_warning_at_its_line() -> None:
    conversion = convert(read_gift(BANK), Catalogue("en"), name="bank")
    (quiz,) = conversion.quizzes
    assert quiz.questions == 7
    text = quiz.markdown
    assert "## water-for-black-tea (single)" in text
    assert "- [x] Just off the boil\n  Right: black tea needs the heat." in text
    assert "- [ ] Lukewarm\n  Not right." in text
    assert "## bitter-tea (multiple)" in text and "- [ ] Using fresh water\n  No." in text
    assert "- [ ] True\n  No: it tastes flat.\n- [x] False\n  Right." in text
    assert "tastes ___." in text and "(short)" in text
    assert "- Black tea → just off the boil" in text
    assert "What is **your** favourite tea, and why?" in text and "(reflection)" in text
    assert "## steeping-minutes (numeric)" in text
    assert "- [x] 4 ± 1\n  Right: three to five minutes.\n- [ ] 10 ± 4\n  Far too long." in text
    warnings = {p.line: p.message for p in conversion.problems if p.warning}
    assert set(warnings) == {18, 32}  # the missing word (partial too), and the description
    assert "partial credit" in warnings[18] and "description" in warnings[32]


def test_the_quiz_validates_once_objectives_and_lesson_are_filled_in(tmp_path: Path) -> None:
    (quiz,) = convert(read_gift(BANK), Catalogue("en"), name="bank").quizzes
    write_course(tmp_path / "raw", quiz.markdown)
    raw = load_course(tmp_path / "raw")
    assert raw.course is None
    messages = [error.format() for error in raw.errors]
    unfilled = [m for m in messages if "tested by no question" not in m]  # a consequence
    assert unfilled and all("'TODO'" in message for message in unfilled), messages

    filled = quiz.markdown.replace("objectives: TODO", "objectives: O1").replace(
        "lesson: TODO", "lesson: tea"
    )
    write_course(tmp_path / "filled", filled)
    result = load_course(tmp_path / "filled")
    assert result.course is not None, [error.format() for error in result.errors]
    assert len(result.course.text("en").lessons[0].quiz.questions) == 7  # type: ignore[union-attr]


def test_categories_become_quizzes_of_their_own() -> None:
    bank = "$CATEGORY: one\n\nA?{T}\n\n$CATEGORY: two\n\nB?{F}\n\nC?{T}\n"
    conversion = convert(read_gift(bank), Catalogue("de"), name="bank")
    assert [(q.category, q.questions) for q in conversion.quizzes] == [("one", 1), ("two", 2)]
    assert "id: bank-one" in conversion.quizzes[0].markdown
    assert "- [x] Trifft zu" in conversion.quizzes[0].markdown


def test_html_the_app_cannot_show_is_named() -> None:
    conversion = convert(
        read_gift("[html]<table><tr><td>x</td></tr></table> Which?{T}"), Catalogue("en")
    )
    (warning,) = [p for p in conversion.problems if p.warning]
    assert "<table>, <td>, <tr>" in warning.message


def test_a_missing_word_in_mid_sentence_is_a_warning_at_its_line() -> None:
    bank = "// tea\n\nGreen tea made too hot tastes {=bitter ~sweet} to most people.\n"
    conversion = convert(read_gift(bank), Catalogue("en"))
    (quiz,) = conversion.quizzes
    assert "tastes ___ to most people." in quiz.markdown
    (warning,) = [p for p in conversion.problems if p.warning]
    assert warning.line == 3 and "___" in warning.message


def test_moodles_course_context_is_not_part_of_the_quiz_title() -> None:
    bank = "$CATEGORY: $course$/top/Black tea\n\nA?{T}\n"
    (quiz,) = convert(read_gift(bank), Catalogue("en"), name="bank").quizzes
    assert 'title: "bank: top/Black tea"' in quiz.markdown
    assert "id: bank-top-black-tea" in quiz.markdown
    assert quiz.category == "$course$/top/Black tea"  # as Moodle wrote it


def test_a_plain_text_keeps_every_mark_as_written() -> None:
    bank = (
        "::calc::[plain]Is 2 * 3 * 4 = 24, and is <tea> a _word_ [x](y)?{T}\n\n"
        "::list::[plain]1. first - second\n# not a heading\n- nor a list{T}\n"
    )
    (quiz,) = convert(read_gift(bank), Catalogue("en")).quizzes
    shown = plain_text(quiz.markdown)
    assert "Is 2 * 3 * 4 = 24, and is <tea> a _word_ [x](y)?" in shown
    assert "1. first - second\n# not a heading\n- nor a list" in shown
    # What Markdown would have read as emphasis, a tag, a list or a heading is escaped.
    assert "2 \\* 3" in quiz.markdown and "\\<tea\\>" in quiz.markdown
    assert "1\\. first" in quiz.markdown and "\\# not" in quiz.markdown
