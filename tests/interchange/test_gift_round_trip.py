"""Our quizzes written as GIFT and read back are the same quizzes: the bundled course and
the example course, every question of every language."""

from __future__ import annotations

from pathlib import Path

import pytest

from course.content import load_course
from course.core.model import Course, Question, Quiz
from course.i18n import Catalogue
from course.interchange.gift import read_gift
from course.interchange.gift_to_quiz import convert
from course.interchange.quiz_to_gift import quiz_to_gift

REPO = Path(__file__).resolve().parents[2]
COURSES = {"bundled": REPO, "example": REPO / "docs" / "example-course"}


def loaded(root: Path) -> Course:
    result = load_course(root, use_cache=False)
    assert result.course is not None, [p.format() for p in result.errors]
    return result.course


def comparable(question: Question) -> tuple[object, ...]:
    # GIFT has no network-map activity: it travels as a matching question, its closing
    # questions' ids and its settings in comments, its practice map at the end of the text.
    return (
        question.id,
        question.kind,
        question.prompt,
        question.settings,
        tuple((o.text, o.correct, o.feedback, o.match) for o in question.options),
        question.explanation,
        question.objectives,
        question.points,
        question.shuffle,
    )


def quizzes(course: Course) -> list[tuple[str, Quiz]]:
    return [
        (language, lesson.quiz)
        for language, text in course.texts.items()
        for lesson in text.lessons
        if lesson.quiz is not None
    ]


@pytest.mark.parametrize("name", COURSES)
def test_every_quiz_reads_back_as_the_same_questions(name: str, tmp_path: Path) -> None:
    course = loaded(COURSES[name])
    for language, quiz in quizzes(course):
        written = quiz_to_gift(quiz, Catalogue(language))
        conversion = convert(read_gift(written), Catalogue(language))
        assert not conversion.problems, [p.format(quiz.id) for p in conversion.problems]
        (back,) = conversion.quizzes
        assert f"id: {quiz.id}\nlesson: {quiz.lesson_id}\n" in back.markdown
        # Read the quiz file back through the course loader, in place of the original.
        copy = tmp_path / name / language / quiz.id
        _copy_course(COURSES[name], copy)
        assert quiz.path is not None
        target = copy / quiz.path.relative_to(COURSES[name])
        target.write_text(back.markdown, encoding="utf-8")
        again = loaded(copy).text(language).lesson(quiz.lesson_id)
        assert again is not None and again.quiz is not None
        assert [comparable(q) for q in again.quiz.questions] == [
            comparable(q) for q in quiz.questions
        ], f"{name} {language} {quiz.id}"


def _copy_course(source: Path, target: Path) -> None:
    import shutil

    target.mkdir(parents=True)
    shutil.copy(source / "course.toml", target / "course.toml")
    for folder in ("lessons", "quizzes"):
        shutil.copytree(source / folder, target / folder)


def test_moodle_reads_plain_gift_without_our_comments() -> None:
    course = loaded(COURSES["example"])
    written = "\n\n".join(
        quiz_to_gift(quiz, Catalogue(language)) for language, quiz in quizzes(course)
    )
    plain = "\n".join(line for line in written.splitlines() if not line.startswith("//"))
    read = read_gift(plain)
    assert not read.errors
    assert len(read.questions) == sum(len(quiz.questions) for _, quiz in quizzes(course))


def test_a_network_activity_takes_its_practice_map_into_the_gift_text() -> None:
    """GIFT cannot carry the practice map's file: its people, tags and ties go into the
    question text (Moodle shows it), a comment says so, and the import takes them out."""
    course = loaded(COURSES["example"])
    quiz = next(
        quiz
        for language, quiz in quizzes(course)
        if language == "en" and any(q.kind == "network-map" for q in quiz.questions)
    )
    written = quiz_to_gift(quiz, Catalogue("en"))
    plain = "\n".join(line for line in written.splitlines() if not line.startswith("//"))
    (activity,) = [q for q in read_gift(plain).questions if q.title == "tea-circle"]

    assert "GIFT cannot carry the practice map file tea-circle.network.toml" in written
    assert "People:\n\n- A (uses the offer): green tea, tea club" in activity.text
    assert "Who knows whom:\n\n- A – B: meet in the tea club" in activity.text
    (back,) = convert(read_gift(written), Catalogue("en")).quizzes
    assert "tea club" not in back.markdown.split("## tea-circle")[1].split("::: explanation")[0]
    assert "practice: tea-circle.network.toml" in back.markdown
