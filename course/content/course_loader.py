"""Loading a whole course folder and checking it as a whole."""

from __future__ import annotations

import os
import sys
import threading
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from course.content.diagnostics import Diagnostic, Diagnostics, link_problem
from course.content.lessons import ParsedLesson, parse_lesson
from course.content.manifest import Manifest, read_manifest
from course.content.markdown import split_lines
from course.content.quizzes import ParsedQuiz, parse_quiz
from course.content.result import LoadResult
from course.core.gc_pause import collector_paused
from course.core.kinds import kind_of
from course.core.model import Course, CourseText, Lesson, Question, Quiz
from course.locations import MANIFEST_NAME

ABOUT_FILE = "about.md"
PARALLEL_FROM = 100
"""Lessons per language from which the languages of a course are read side by side, one
process per language (up to the machine's cores). Measured with
`benchmarks/validate_500.py`: a process costs some 30 ms to start and to send its lessons
back, a language of 100 lessons some 120 ms to read; for 500 lessons in two languages the
validation takes about 40 % less time on two cores."""


@dataclass
class _Language:
    """What was read for one language, before the whole-course checks."""

    code: str
    lessons: dict[str, ParsedLesson]
    quizzes: dict[str, ParsedQuiz]
    about: str
    unread_lessons: bool = False
    """Whether a lesson file's id could not be read (its problem is reported): any lesson
    may be that one, so none is reported missing from this language."""
    unread_quizzes: bool = False
    """Whether a quiz file's lesson could not be read (its problem is reported)."""

    def may_have_lesson(self, lesson_id: str) -> bool:
        """Whether the lesson is here, or may be in a file whose problem is reported.

        One mistake in a file must give one message, at that file: not also "missing"
        messages at the manifest, the other languages and the quiz.
        """
        return lesson_id in self.lessons or self.unread_lessons

    def may_have_quiz(self, lesson_id: str) -> bool:
        """Whether the quiz of the lesson is here, or may be a quiz whose lesson could not
        be read or is unknown (reported at that quiz)."""
        return (
            lesson_id in self.quizzes
            or self.unread_quizzes
            or any(not self.may_have_lesson(other) for other in self.quizzes)
        )


def parse_course(root: Path) -> tuple[LoadResult, frozenset[Path]]:
    """Read and check the course in folder `root`, and say which files its lessons link to.

    The links were checked to point to files: a cache of the course must check that they
    still do.
    """
    problems = Diagnostics()
    linked: set[Path] = set()
    manifest = read_manifest(root / MANIFEST_NAME, problems)
    if manifest is None:
        return LoadResult(None, problems.items), frozenset()
    with collector_paused():
        languages = _read_languages(root, manifest, problems)
    _check_course(manifest, languages, problems, linked)
    if len(problems):
        return LoadResult(None, problems.items), frozenset()
    texts = {lang.code: _course_text(manifest, lang) for lang in languages}
    course = Course(
        id=manifest.id,
        version=manifest.version,
        title=MappingProxyType(manifest.title),
        description=MappingProxyType(manifest.description),
        languages=manifest.languages,
        pass_mark=manifest.pass_mark,
        objectives=manifest.objectives,
        lesson_ids=manifest.lesson_ids,
        texts=MappingProxyType(texts),
        root=root,
    )
    return LoadResult(course, []), frozenset(linked)


def _read_text(path: Path, problems: Diagnostics) -> str | None:
    try:
        # utf-8-sig drops the byte order mark Windows Notepad writes; it is no line of its
        # own, so line numbers stay right.
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        problems.add(path, None, f"not UTF-8 text (byte {error.start}): save the file as UTF-8")
    except OSError as error:
        broken = link_problem(path)
        problems.add(path, None, f"cannot read the file: {broken or error.strerror}")
    return None


def _markdown_files(folder: Path) -> list[Path]:
    """The Markdown files in `folder`, with the links among them that lead nowhere: reading
    those reports them."""
    return sorted(p for p in folder.glob("*.md") if p.is_file() or link_problem(p))


def _read_languages(root: Path, manifest: Manifest, problems: Diagnostics) -> list[_Language]:
    """Every language of the course, read here, or side by side for a large course."""
    codes = manifest.languages
    workers = min(len(codes), os.cpu_count() or 1)
    if len(manifest.lesson_ids) < PARALLEL_FROM or workers < 2 or not _can_fork():
        return [_read_language(root, code, problems) for code in codes]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(workers - 1, mp_context=context) as pool:
            # This process reads the first language while the others read the rest.
            others = [pool.submit(_read_language_apart, root, code) for code in codes[1:]]
            languages = [_read_language(root, codes[0], problems)]
            for other in others:
                language, found = other.result()
                languages.append(language)
                problems.extend(found)
    except (OSError, BrokenProcessPool):  # no process could be started, or one died
        return [_read_language(root, code, problems) for code in codes]
    return languages


def _can_fork() -> bool:
    """Whether a copy of this process can read a language: on a system with `fork`, and
    with no other thread running, which the copy would lack (with the locks it held)."""
    return sys.platform == "linux" and threading.active_count() == 1


def _read_language_apart(root: Path, code: str) -> tuple[_Language, Sequence[Diagnostic]]:
    """`_read_language` in a process of its own: the language and its problems."""
    problems = Diagnostics()
    return _read_language(root, code, problems), problems.items


def _read_language(root: Path, code: str, problems: Diagnostics) -> _Language:
    lessons: dict[str, ParsedLesson] = {}
    quizzes: dict[str, ParsedQuiz] = {}
    quiz_files: dict[str, Path] = {}  # quiz id to the first file that uses it
    about = ""
    unread_lessons = unread_quizzes = False
    lesson_dir = root / "lessons" / code
    broken = link_problem(lesson_dir, "folder")
    if broken is not None:
        problems.add(lesson_dir, None, f"the lessons for language '{code}' are {broken}")
        unread_lessons = True  # one message for the link, none for each lesson it hides
    elif not lesson_dir.is_dir():
        problems.add(lesson_dir, None, f"no lessons for language '{code}': create this folder")
    quiz_dir = root / "quizzes" / code
    broken = link_problem(quiz_dir, "folder")
    if broken is not None:
        problems.add(quiz_dir, None, f"the quizzes for language '{code}' are {broken}")
        unread_quizzes = True
    for path in _markdown_files(lesson_dir):
        text = _read_text(path, problems)
        if path.name == ABOUT_FILE:
            about = (text or "").strip()
            continue
        parsed = parse_lesson(path, text, problems) if text is not None else None
        if parsed is None:
            unread_lessons = True
            continue
        twin = lessons.get(parsed.lesson.id)
        if twin is not None:
            problems.add(
                path,
                parsed.id_line,
                f"lesson id '{parsed.lesson.id}' is also used "
                f"by {twin.lesson.path.name if twin.lesson.path else 'another lesson'}",
            )
            continue
        lessons[parsed.lesson.id] = parsed
    for path in _markdown_files(quiz_dir):
        text = _read_text(path, problems)
        parsed_quiz = parse_quiz(path, text, problems) if text is not None else None
        if parsed_quiz is None:
            unread_quizzes = True
            continue
        quiz = parsed_quiz.quiz
        first_with_id = quiz_files.get(quiz.id) if quiz.id else None
        if first_with_id is not None:
            problems.add(
                path,
                parsed_quiz.id_line,
                f"quiz id '{quiz.id}' is also used by {first_with_id.name}",
            )
        twin_quiz = quizzes.get(quiz.lesson_id)
        if twin_quiz is not None:
            problems.add(
                path,
                parsed_quiz.lesson_line,
                f"lesson '{quiz.lesson_id}' already has "
                f"a quiz in {twin_quiz.quiz.path.name if twin_quiz.quiz.path else '?'}",
            )
            continue
        quizzes[quiz.lesson_id] = parsed_quiz
        quiz_files.setdefault(quiz.id, path)
    return _Language(code, lessons, quizzes, about, unread_lessons, unread_quizzes)


def _check_course(
    manifest: Manifest, languages: list[_Language], problems: Diagnostics, linked: set[Path]
) -> None:
    """The checks that need more than one file: order, ids, objectives, links, parity.

    The files that links point to are added to `linked`.
    """
    known_objectives = {o.id for o in manifest.objectives}
    taught: set[str] = set()
    tested: set[str] = set()
    order = set(manifest.lesson_ids)
    for language in languages:
        for lesson_id in manifest.lesson_ids:
            if not language.may_have_lesson(lesson_id):
                problems.add(
                    manifest.path,
                    manifest.line_of(lesson_id),
                    f"lesson '{lesson_id}' has no file in lessons/{language.code}/",
                )
        question_owner: dict[str, Path] = {}
        for parsed in language.lessons.values():
            lesson = parsed.lesson
            assert lesson.path is not None
            if lesson.id not in order:
                problems.add(
                    lesson.path,
                    parsed.id_line,
                    f"lesson '{lesson.id}' is not in the "
                    "manifest's 'lessons' list: add it there to place it in the course",
                )
            for objective in lesson.objectives:
                if objective not in known_objectives:
                    problems.add(
                        lesson.path,
                        _front_line(lesson.path, "objectives"),
                        f"unknown objective '{objective}': declare it in course.toml",
                    )
            taught.update(lesson.objectives)
            for link in parsed.links:
                target = link.target.split("#", 1)[0]
                if not target:
                    continue
                linked_file = lesson.path.parent / target
                linked.add(linked_file)
                if not _is_file(linked_file):
                    problems.add(
                        lesson.path,
                        link.line,
                        f"broken link to '{link.target}': no such lesson file next to this one",
                    )
        for parsed_quiz in language.quizzes.values():
            quiz = parsed_quiz.quiz
            assert quiz.path is not None
            if not language.may_have_lesson(quiz.lesson_id):
                problems.add(
                    quiz.path,
                    parsed_quiz.lesson_line,
                    f"quiz for unknown lesson "
                    f"'{quiz.lesson_id}' (no lesson in lessons/{language.code}/ has this id)",
                )
            for question in quiz.questions:
                owner = question_owner.get(question.id)
                if owner is not None:
                    problems.add(
                        quiz.path,
                        question.line,
                        f"question id '{question.id}' is also used in {owner.name}",
                    )
                question_owner[question.id] = quiz.path
                for objective in question.objectives:
                    if objective not in known_objectives:
                        problems.add(
                            quiz.path,
                            question.line,
                            f"unknown objective '{objective}': declare it in course.toml",
                        )
                tested.update(question.objectives)
    for declared in manifest.objectives:
        if declared.id not in taught:
            problems.add(
                manifest.path,
                manifest.line_of(declared.id),
                f"objective "
                f"'{declared.id}' is taught by no lesson: list it in a lesson's objectives",
            )
        if declared.tested and declared.id not in tested:
            problems.add(
                manifest.path,
                manifest.line_of(declared.id),
                f"objective '{declared.id}' is tested by no question (or mark it 'tested = false')",
            )
    if len(languages) > 1:
        _check_parity(languages, problems)


def _is_file(path: Path) -> bool:
    """Whether `path` is a file; a link too long or too odd to look up points to none."""
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False


def _front_line(path: Path, key: str) -> int:
    """The line of a front matter key, read again only for a message."""
    for number, line in enumerate(split_lines(path.read_text(encoding="utf-8-sig")), start=1):
        if line.startswith(f"{key}:"):
            return number
    return 1


def _check_parity(languages: list[_Language], problems: Diagnostics) -> None:
    """Every language must hold the same lessons and questions, so answers mean the same."""
    for language in languages:
        for other in languages:
            if other is language:
                continue
            for lesson_id, parsed in language.lessons.items():
                if not other.may_have_lesson(lesson_id):
                    assert parsed.lesson.path is not None
                    problems.add(
                        parsed.lesson.path,
                        parsed.id_line,
                        f"lesson '{lesson_id}' has "
                        f"no '{other.code}' version in lessons/{other.code}/",
                    )
            for lesson_id, parsed_quiz in language.quizzes.items():
                quiz = parsed_quiz.quiz
                assert quiz.path is not None
                if not language.may_have_lesson(lesson_id):
                    continue  # a quiz for an unknown lesson, reported as that
                twin = other.quizzes.get(lesson_id)
                if twin is None:
                    if other.may_have_quiz(lesson_id):
                        continue
                    problems.add(
                        quiz.path,
                        parsed_quiz.lesson_line,
                        f"quiz '{quiz.id}' has no '{other.code}' version in quizzes/{other.code}/",
                    )
                    continue
                for question in quiz.questions:
                    match = twin.quiz.question(question.id)
                    if match is None:
                        if twin.unnamed_questions or question.id in twin.unusable_questions:
                            continue  # there, with problems of its own (reported)
                        problems.add(
                            quiz.path,
                            question.line,
                            f"question '{question.id}' is missing from the '{other.code}' quiz",
                        )
                    elif language is languages[0]:
                        for message in _question_differences(question, match, other.code):
                            problems.add(quiz.path, question.line, message)


def _question_differences(question: Question, twin: Question, other: str) -> list[str]:
    """How two language versions of one question differ where they must not."""
    found: list[str] = []
    name = f"question '{question.id}'"
    if question.kind != twin.kind:
        found.append(f"{name} is '{question.kind}' here but '{twin.kind}' in '{other}'")
        return found
    if kind_of(question).languages_may_differ:
        pass  # accepted answers are words of each language: their number may differ
    elif len(question.options) != len(twin.options):
        found.append(
            f"{name} has {len(question.options)} options here but {len(twin.options)} in '{other}'"
        )
    elif [o.correct for o in question.options] != [o.correct for o in twin.options]:
        found.append(f"{name} marks other options right than in '{other}'")
    if Counter(question.objectives) != Counter(twin.objectives):
        found.append(f"{name} tests other objectives than in '{other}'")
    if question.points != twin.points:
        found.append(
            f"{name} is worth {question.points} points here but {twin.points} in '{other}'"
        )
    return found


def _course_text(manifest: Manifest, language: _Language) -> CourseText:
    lessons: list[Lesson] = []
    for lesson_id in manifest.lesson_ids:
        lesson = language.lessons[lesson_id].lesson
        parsed_quiz = language.quizzes.get(lesson_id)
        quiz: Quiz | None = parsed_quiz.quiz if parsed_quiz else None
        if quiz is not None and not quiz.title:
            quiz = quiz._replace(title=lesson.title)
        lessons.append(lesson._replace(quiz=quiz))
    return CourseText(language.code, tuple(lessons), language.about)
