"""`course gift import`: a GIFT file in, quiz files out, mistakes at their lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from course.cli.main import main


def run(*argv: str) -> int:
    try:
        return main(list(argv))
    except SystemExit as exit_:
        return int(exit_.code or 0)


def test_a_bank_becomes_a_quiz_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bank = tmp_path / "bank.gift"
    bank.write_text("\ufeff::Hot::Which is hot?{=boiling ~ice}\n", encoding="utf-8")
    assert run("gift", "import", str(bank), "-o", str(tmp_path / "q.md"), "--lang", "en") == 0
    quiz = (tmp_path / "q.md").read_text(encoding="utf-8")
    assert "## hot (single)\nobjectives: TODO" in quiz
    assert "1 question" in capsys.readouterr().out


def test_each_category_gets_its_own_file(tmp_path: Path) -> None:
    bank = tmp_path / "bank.gift"
    bank.write_text("$CATEGORY: a\n\nA?{T}\n\n$CATEGORY: b/c\n\nB?{F}\n", encoding="utf-8")
    assert run("gift", "import", str(bank), "-o", str(tmp_path / "quiz.md")) == 0
    assert sorted(p.name for p in tmp_path.glob("quiz-*.md")) == ["quiz-a.md", "quiz-b-c.md"]


def test_a_category_file_is_named_without_moodles_course_context(tmp_path: Path) -> None:
    bank = tmp_path / "bank.gift"
    bank.write_text("$CATEGORY: $course$/top/a\n\nA?{T}\n\n$CATEGORY: b\n\nB?{F}\n")
    assert run("gift", "import", str(bank), "-o", str(tmp_path / "quiz.md")) == 0
    assert sorted(p.name for p in tmp_path.glob("quiz-*.md")) == ["quiz-b.md", "quiz-top-a.md"]


def test_errors_name_file_and_line_and_write_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bank = tmp_path / "bank.gift"
    bank.write_text("Fine?{T}\n\nBroken?{=a ~b\n", encoding="utf-8")
    assert run("gift", "import", str(bank), "-o", str(tmp_path / "q.md")) == 1
    err = capsys.readouterr().err
    assert f"{bank}:3: the answer block opened with '{{' is not closed" in err
    assert "Traceback" not in err and not (tmp_path / "q.md").exists()


def test_an_existing_quiz_is_not_overwritten_without_force(tmp_path: Path) -> None:
    bank = tmp_path / "bank.gift"
    bank.write_text("A?{T}\n", encoding="utf-8")
    (tmp_path / "q.md").write_text("mine", encoding="utf-8")
    assert run("gift", "import", str(bank), "-o", str(tmp_path / "q.md")) == 1
    assert (tmp_path / "q.md").read_text(encoding="utf-8") == "mine"
    assert run("gift", "import", str(bank), "-o", str(tmp_path / "q.md"), "--force") == 0


@pytest.mark.parametrize("content", [b"\xff\xfe not utf-8 \x80", None])
def test_unreadable_files_are_refused_with_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes | None
) -> None:
    bank = tmp_path / "bank.gift"
    if content is not None:
        bank.write_bytes(content)
    assert run("gift", "import", str(bank)) == 1
    assert capsys.readouterr().err.startswith("course: ")


def test_the_course_quizzes_export_as_gift_and_import_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "course.gift"
    assert run("--lang", "en", "gift", "export", "-o", str(target)) == 0
    text = target.read_text(encoding="utf-8")
    assert text.count("$CATEGORY: ") == 7
    assert "7 quizzes, 49 questions" in capsys.readouterr().err
    assert run("gift", "import", str(target), "-o", str(tmp_path / "back" / "q.md")) == 0
    assert len(list((tmp_path / "back").glob("q-*.md"))) == 7
    assert "Next: fill in" not in capsys.readouterr().out  # our own comments filled it in


def test_exporting_a_quiz_the_course_lacks_names_the_ones_it_has(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run("gift", "export", "no-such-quiz") == 1
    err = capsys.readouterr().err
    assert "no quiz 'no-such-quiz'" in err and "party-quiz" in err
