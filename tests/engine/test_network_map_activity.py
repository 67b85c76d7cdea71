"""The `network-map` activity in a quiz: what the loader reads from it, and what `course
validate` says about a broken one (its practice map reported at the map's own lines)."""

from __future__ import annotations

from pathlib import Path

from course.content import load_course
from course.content.network_practice import activity_in
from course.core.kinds.network_map import activity_of

from .course_files import edit, line_of, problems

QUIZ_EN = "quizzes/en/02-steeping.md"
QUIZ_DE = "quizzes/de/02-steeping.md"
MAP_EN = "quizzes/en/tea-circle.network.toml"


def test_the_activity_reads_its_closing_questions_settings_and_practice_map(
    course: Path,
) -> None:
    loaded = load_course(course).course
    assert loaded is not None
    quiz = loaded.text("en").lesson("steeping").quiz  # type: ignore[union-attr]
    assert quiz is not None and quiz.path is not None
    question = quiz.question("tea-circle")
    assert question is not None

    activity = activity_of(question, quiz.path.parent)

    assert [(q.id, q.suggest) for q in activity.questions] == [
        ("shared", "shared"),
        ("whom", "whom"),
    ]
    assert activity.practice is not None
    assert sorted(p.label for p in activity.practice.people) == ["A", "B", "C", "D"]
    assert "oolong" in activity.suggested_tags and "green tea" in activity.suggested_tags
    assert activity.platforms == ("tea club", "office kitchen")
    assert question.max_points == 0


def test_the_lesson_of_the_activity_opens_the_same_exercise_in_each_language(
    course: Path,
) -> None:
    loaded = load_course(course).course
    assert loaded is not None

    found = activity_in(loaded, "steeping")

    assert found is not None
    assert found("de").title == "Eine Teerunde (Übungskarte)"
    assert found("en").questions[1].text == "Whom would you invite?"


def test_a_practice_map_that_is_not_toml_is_reported_at_its_line(course: Path) -> None:
    edit(course, MAP_EN, 'label = "B"', 'label = "B')
    line = line_of(course, MAP_EN, 'label = "B')

    (problem,) = problems(course)
    assert problem.startswith(f"{MAP_EN}:{line}: not valid TOML: ")


def test_a_person_without_a_label_is_reported_at_their_table(course: Path) -> None:
    edit(course, MAP_EN, 'label = "C"\n', "")
    line = [
        n
        for n, text in enumerate((course / MAP_EN).read_text(encoding="utf-8").split("\n"), start=1)
        if text == "[[people]]"
    ][2]

    assert problems(course) == [f"{MAP_EN}:{line}: person 3 needs a 'label'"]


def test_two_people_with_one_label_are_reported_at_the_second(course: Path) -> None:
    edit(course, MAP_EN, 'label = "D"', 'label = "C"')
    line = line_of(course, MAP_EN, 'tags = ["black tea", "office kitchen", "tea club"]') - 2

    (problem,) = problems(course)
    assert problem.startswith(f"{MAP_EN}:{line}: person 4: ")
    assert "'C' is on the map already" in problem


def test_a_tie_to_nobody_is_reported_at_the_tie(course: Path) -> None:
    edit(course, MAP_EN, 'between = ["C", "D"]', 'between = ["C", "Z"]')
    line = line_of(course, MAP_EN, 'between = ["C", "Z"]') - 1

    (problem,) = problems(course)
    assert problem.startswith(f"{MAP_EN}:{line}: tie 2 names someone who is not among the people")


def test_an_unknown_key_of_the_practice_map_is_reported(course: Path) -> None:
    edit(course, MAP_EN, "title =", "name =")

    (problem,) = problems(course)
    assert problem.startswith(f"{MAP_EN}:1: unknown key 'name'")


def test_a_missing_practice_map_is_reported_at_the_activity(course: Path) -> None:
    edit(course, QUIZ_EN, "practice: tea-circle.network.toml", "practice: tea-cercle.network.toml")

    assert problems(course) == [
        f"{QUIZ_EN}:{line_of(course, QUIZ_EN, '## tea-circle')}: the practice map "
        "'tea-cercle.network.toml' of question 'tea-circle' is not there: put it beside the "
        "quiz or correct the name"
    ]


def test_an_unknown_setting_of_the_activity_is_reported_at_its_heading(course: Path) -> None:
    edit(course, QUIZ_EN, "tags: oolong, herbal tea", "tags: oolong\nshuffle: sometimes")

    assert problems(course) == [
        f"{QUIZ_EN}:{line_of(course, QUIZ_EN, '## tea-circle')}: shuffle must be 'yes' or "
        "'no', not 'sometimes'"
    ]


def test_a_setting_of_another_kind_is_not_one_of_the_activity(course: Path) -> None:
    edit(course, QUIZ_EN, "tags: oolong, herbal tea", "tags: oolong\ntypos: no")

    (problem,) = problems(course)
    assert problem.endswith("'typos' is not a setting of a network-map question")


def test_a_practice_setting_that_names_no_map_file_is_reported(course: Path) -> None:
    edit(course, QUIZ_EN, "practice: tea-circle.network.toml", "practice: tea.txt")

    (problem,) = problems(course)
    assert problem.endswith(
        "practice must name a practice-map file ending in .network.toml, not 'tea.txt'"
    )


def test_a_closing_question_with_a_checkbox_is_reported_at_its_item(course: Path) -> None:
    edit(course, QUIZ_EN, "- whom: Whom would you invite?", "- [x] whom: Whom would you invite?")

    assert problems(course) == [
        f"{QUIZ_EN}:{line_of(course, QUIZ_EN, 'Whom would you invite?')}: a closing question "
        "takes no checkbox: leave out '[ ]'/'[x]'"
    ]
