"""`course validate`'s checks: each kind of mistake is reported at its file and line.

Every test copies the example course, breaks one thing in one file and looks for the
`path:line: message` that tells the author about it.
"""

from __future__ import annotations

from pathlib import Path

from .course_files import edit, line_of, problems

LESSON_EN = "lessons/en/01-water.md"
LESSON_EN_2 = "lessons/en/02-steeping.md"
LESSON_DE_2 = "lessons/de/02-steeping.md"
QUIZ_EN = "quizzes/en/01-water.md"
QUIZ_EN_2 = "quizzes/en/02-steeping.md"
QUIZ_DE_2 = "quizzes/de/02-steeping.md"
MANIFEST = "course.toml"


def test_the_example_course_has_no_problems(course: Path) -> None:
    assert problems(course) == []


# Front matter


def test_front_matter_that_is_not_yaml_is_reported_at_the_bad_line(course: Path) -> None:
    edit(course, LESSON_EN, "title: Water and temperature", "title: [Water and temperature")

    assert (
        f"{LESSON_EN}:4: front matter is not valid YAML: expected ',' or ']', but got ':'"
        in problems(course)
    )


def test_a_lesson_without_front_matter_is_reported_at_its_first_line(course: Path) -> None:
    edit(course, LESSON_EN, "---\nid: water\n", "id: water\n")
    edit(course, LESSON_EN, "objectives: [O1]\n---\n", "objectives: [O1]\n\n")

    assert (
        f"{LESSON_EN}:1: no front matter: start the file with a '---' line, "
        "then 'id: …', then '---'" in problems(course)
    )


def test_a_missing_required_key_is_reported_at_the_front_matter(course: Path) -> None:
    edit(course, LESSON_EN, "title: Water and temperature\n", "")

    assert f"{LESSON_EN}:1: front matter has no 'title'" in problems(course)


def test_minutes_out_of_range_are_reported_at_their_line(course: Path) -> None:
    edit(course, LESSON_EN, "minutes: 8", "minutes: 500")

    assert f"{LESSON_EN}:4: 'minutes' must be a whole number from 1 to 120, not 500" in problems(
        course
    )


def test_minutes_that_are_not_a_number_are_reported_at_their_line(course: Path) -> None:
    edit(course, LESSON_EN, "minutes: 8", "minutes: eight")

    assert (
        f"{LESSON_EN}:4: 'minutes' must be a whole number from 1 to 120, not 'eight'"
        in problems(course)
    )


def test_a_lesson_without_id_is_reported_at_its_front_matter(course: Path) -> None:
    edit(course, LESSON_EN, "id: water\n", "")

    assert f"{LESSON_EN}:1: front matter has no 'id'" in problems(course)


def test_a_malformed_id_is_reported_at_its_line(course: Path) -> None:
    edit(course, LESSON_EN, "id: water", "id: hot water")

    assert (
        f"{LESSON_EN}:2: 'id' 'hot water' is not a valid id: use letters, digits, '-' and '_'"
        in problems(course)
    )


# Ids


def test_a_duplicate_lesson_id_is_reported_at_the_second_file(course: Path) -> None:
    edit(course, LESSON_EN_2, "id: steeping", "id: water")

    assert f"{LESSON_EN_2}:2: lesson id 'water' is also used by 01-water.md" in problems(course)


def test_a_duplicate_quiz_id_is_reported_at_its_id_line(course: Path) -> None:
    edit(
        course,
        QUIZ_EN_2,
        "id: steeping-quiz\nlesson: steeping\n",
        "lesson: steeping\nid: water-quiz\n",
    )

    assert problems(course) == [
        f"{QUIZ_EN_2}:3: quiz id 'water-quiz' is also used by 01-water.md",
    ]


def test_a_duplicate_question_id_is_reported_at_its_heading(course: Path) -> None:
    for quiz in (QUIZ_EN_2, QUIZ_DE_2):
        edit(course, quiz, "## tea-steps (ordering)", "## black-tea-water (ordering)")

    line = line_of(course, QUIZ_EN_2, "## black-tea-water")
    assert problems(course) == [
        f"{QUIZ_DE_2}:{line}: question id 'black-tea-water' is also used in 01-water.md",
        f"{QUIZ_EN_2}:{line}: question id 'black-tea-water' is also used in 01-water.md",
    ]


def test_an_unknown_objective_of_a_lesson_is_reported_at_its_objectives(course: Path) -> None:
    edit(course, LESSON_EN, "objectives: [O1]", "objectives: [O1, O9]")

    assert problems(course) == [
        f"{LESSON_EN}:5: unknown objective 'O9': declare it in course.toml",
    ]


def test_an_unknown_objective_of_a_question_is_reported_at_its_heading(course: Path) -> None:
    edit(
        course,
        QUIZ_EN,
        "## reboiled-water (truefalse)\nobjectives: O1",
        "## reboiled-water (truefalse)\nobjectives: O1, O9",
    )
    line = line_of(course, QUIZ_EN, "## reboiled-water")

    assert f"{QUIZ_EN}:{line}: unknown objective 'O9': declare it in course.toml" in problems(
        course
    )


# Questions


def test_a_question_with_no_right_answer_is_reported_at_its_list(course: Path) -> None:
    edit(course, QUIZ_EN, "- [x] Just off the boil", "- [ ] Just off the boil")
    line = line_of(course, QUIZ_EN, "- [ ] About 70 °C.")

    assert (
        f"{QUIZ_EN}:{line}: question 'black-tea-water' has no right answer: mark one with '[x]'"
        in problems(course)
    )


def test_a_short_question_with_no_accepted_answer_is_reported_at_its_list(
    course: Path,
) -> None:
    edit(course, QUIZ_EN, "- [x] bitter\n- [x] harsh", "- [ ] bitter\n- [ ] harsh")
    line = line_of(course, QUIZ_EN, "- [ ] bitter")

    assert (
        f"{QUIZ_EN}:{line}: question 'green-tea-taste' has no accepted answer: mark one with '[x]'"
        in problems(course)
    )


def test_single_choice_with_two_right_answers_is_reported_at_its_list(course: Path) -> None:
    edit(course, QUIZ_EN, "- [ ] About 70 °C.", "- [x] About 70 °C.")
    line = line_of(course, QUIZ_EN, "- [x] About 70 °C.")

    assert (
        f"{QUIZ_EN}:{line}: single-choice question 'black-tea-water' has 2 right answers: "
        "mark only one, or make it 'multiple'" in problems(course)
    )


def test_true_false_with_three_options_is_reported_at_its_list(course: Path) -> None:
    edit(
        course,
        QUIZ_EN,
        "makes brighter tea.\n",
        "makes brighter tea.\n- [ ] Maybe\n  Tea has no maybes.\n",
    )
    line = line_of(course, QUIZ_EN, "- [ ] True")

    assert (
        f"{QUIZ_EN}:{line}: true/false question 'reboiled-water' needs exactly two options, "
        "one of them right" in problems(course)
    )


def test_an_ordering_question_written_as_bullets_is_reported_at_its_list(course: Path) -> None:
    for number in "1234":
        edit(course, QUIZ_EN_2, f"\n{number}. ", "\n- ")
    line = line_of(course, QUIZ_EN_2, "- Warm the pot.")

    assert (
        f"{QUIZ_EN_2}:{line}: ordering question 'tea-steps': write the items as a numbered "
        "list (1., 2., …) in the right order" in problems(course)
    )


def test_a_matching_pair_without_arrow_is_reported_at_its_item(course: Path) -> None:
    edit(course, QUIZ_EN, "- Green tea → 70 to 80 °C", "- Green tea: 70 to 80 °C")
    line = line_of(course, QUIZ_EN, "- Green tea: 70 to 80 °C")

    assert problems(course) == [
        f"{QUIZ_EN}:{line}: a matching pair must read 'left → right' (or 'left -> right'), "
        "with one arrow",
    ]


def test_a_matching_side_used_twice_is_reported_at_its_list(course: Path) -> None:
    edit(course, QUIZ_EN, "- Herbal tea → fully boiling water", "- Herbal tea → 70 to 80 °C")
    line = line_of(course, QUIZ_EN, "- Black tea →")

    assert problems(course) == [
        f"{QUIZ_EN}:{line}: matching question 'tea-and-water' has '70 to 80 °C' twice "
        "on the right side",
    ]


def test_a_question_without_explanation_is_reported_at_its_heading(course: Path) -> None:
    edit(
        course,
        QUIZ_EN,
        "::: explanation\nThe more delicate the leaf, the cooler the water.\n:::\n",
        "",
    )
    line = line_of(course, QUIZ_EN, "## tea-and-water")

    assert problems(course) == [
        f"{QUIZ_EN}:{line}: question 'tea-and-water' has no '::: explanation' section",
    ]


def test_a_choice_option_without_feedback_is_reported_at_the_option(course: Path) -> None:
    edit(course, QUIZ_EN, "  Far too cool: the leaves hardly give anything.\n", "")
    line = line_of(course, QUIZ_EN, "- [ ] Lukewarm")

    assert problems(course) == [
        f"{QUIZ_EN}:{line}: option has no feedback: on the lines under it, "
        "say why it is right or wrong",
    ]


def test_an_unknown_question_type_is_reported_at_its_heading(course: Path) -> None:
    edit(course, QUIZ_EN, "## tea-and-water (matching)", "## tea-and-water (pairs)")
    line = line_of(course, QUIZ_EN, "## tea-and-water")

    assert (
        f"{QUIZ_EN}:{line}: unknown question type 'pairs'; use one of: single, multiple, "
        "truefalse, ordering, matching, short, numeric, reflection, network-map" in problems(course)
    )


def test_a_heading_without_id_and_type_is_reported_at_the_heading(course: Path) -> None:
    edit(course, QUIZ_EN, "## tea-and-water (matching)", "## Tea and water")
    line = line_of(course, QUIZ_EN, "## Tea and water")

    assert (
        f"{QUIZ_EN}:{line}: question heading 'Tea and water' must read '## id (type)', "
        "with type one of: single, multiple, truefalse, ordering, matching, short, numeric, "
        "reflection, network-map" in problems(course)
    )


# Languages


def test_a_lesson_missing_in_one_language_is_reported_at_the_other(course: Path) -> None:
    (course / LESSON_DE_2).unlink()

    found = problems(course)
    assert f"{LESSON_EN_2}:2: lesson 'steeping' has no 'de' version in lessons/de/" in found
    line = line_of(course, MANIFEST, "lessons = ")
    assert f"{MANIFEST}:{line}: lesson 'steeping' has no file in lessons/de/" in found


def test_a_question_missing_in_one_language_is_reported_at_the_other(course: Path) -> None:
    edit(
        course,
        QUIZ_DE_2,
        "## next-cup (reflection)\nobjectives: O2\n\n"
        "Was machen Sie beim nächsten Tee anders, und warum?\n\n"
        "::: explanation\n"
        "Es gibt keine richtige Antwort: Vergleichen Sie Ihre Notiz mit der nächsten Tasse.\n"
        ":::\n",
        "",
    )
    line = line_of(course, QUIZ_EN_2, "## next-cup")

    assert problems(course) == [
        f"{QUIZ_EN_2}:{line}: question 'next-cup' is missing from the 'de' quiz",
    ]


def test_a_question_of_another_type_in_one_language_is_reported(course: Path) -> None:
    edit(course, QUIZ_DE_2, "## black-tea-time (single)", "## black-tea-time (multiple)")
    line = line_of(course, QUIZ_EN_2, "## black-tea-time")

    assert problems(course) == [
        f"{QUIZ_EN_2}:{line}: question 'black-tea-time' is 'single' here but 'multiple' in 'de'",
    ]


def test_a_question_with_more_options_in_one_language_is_reported(course: Path) -> None:
    edit(
        course,
        QUIZ_DE_2,
        "- [ ] Fünfzehn Minuten oder länger.\n",
        "- [ ] Zehn Minuten.\n  Zu lang.\n- [ ] Fünfzehn Minuten oder länger.\n",
    )
    line = line_of(course, QUIZ_EN_2, "## black-tea-time")

    assert problems(course) == [
        f"{QUIZ_EN_2}:{line}: question 'black-tea-time' has 3 options here but 4 in 'de'",
    ]


# Objectives


def test_an_objective_no_lesson_teaches_is_reported_in_the_manifest(course: Path) -> None:
    edit(
        course,
        MANIFEST,
        "tested = false }\n",
        'tested = false }\nO4 = { en = "Serve it", de = "Servieren", tested = false }\n',
    )
    line = line_of(course, MANIFEST, "O4 = ")

    assert problems(course) == [
        f"{MANIFEST}:{line}: objective 'O4' is taught by no lesson: "
        "list it in a lesson's objectives",
    ]


def test_an_objective_no_question_tests_is_reported_in_the_manifest(course: Path) -> None:
    edit(course, MANIFEST, ", tested = false }", " }")
    line = line_of(course, MANIFEST, "O3 = ")

    assert problems(course) == [
        f"{MANIFEST}:{line}: objective 'O3' is tested by no question (or mark it 'tested = false')",
    ]


# Lesson text


def test_a_broken_link_between_lessons_is_reported_at_its_line(course: Path) -> None:
    edit(course, LESSON_EN, "(02-steeping.md)", "(02-brewing.md)")
    line = line_of(course, LESSON_EN, "(02-brewing.md)")

    assert problems(course) == [
        f"{LESSON_EN}:{line}: broken link to '02-brewing.md': no such lesson file next to this one",
    ]


def test_a_section_left_open_before_the_next_is_reported_where_it_opens(course: Path) -> None:
    edit(course, LESSON_EN, "in an open kettle.\n:::\n", "in an open kettle.\n")
    line = line_of(course, LESSON_EN, "::: exercise")

    assert (
        f"{LESSON_EN}:{line}: section not closed: add a ':::' line before the next section"
        in problems(course)
    )


def test_a_section_left_open_at_the_end_is_reported_where_it_opens(course: Path) -> None:
    edit(
        course, LESSON_EN, "the Wikipedia article on tea.\n:::\n", "the Wikipedia article on tea.\n"
    )
    line = line_of(course, LESSON_EN, "::: sources")

    assert problems(course) == [
        f"{LESSON_EN}:{line}: section not closed: add a ':::' line at its end",
    ]


def test_an_unknown_section_is_reported_at_its_line(course: Path) -> None:
    edit(course, LESSON_EN, "::: exercise", "::: homework")
    line = line_of(course, LESSON_EN, "::: homework")

    assert problems(course) == [
        f"{LESSON_EN}:{line}: unknown section 'homework'; use one of: takeaways, reflection, "
        "exercise, facilitator, sources",
    ]


def test_a_lesson_without_takeaways_is_reported_at_its_front_matter(course: Path) -> None:
    edit(course, LESSON_EN, "::: takeaways", "::: sources")

    found = problems(course)
    assert f"{LESSON_EN}:1: the lesson has no '::: takeaways' section" in found


# The manifest


def test_a_toml_syntax_error_is_reported_at_its_line(course: Path) -> None:
    edit(course, MANIFEST, "pass_mark = 70", "pass_mark = ")
    line = line_of(course, MANIFEST, "pass_mark = ")

    assert problems(course) == [f"{MANIFEST}:{line}: invalid TOML: Invalid value"]


def test_a_manifest_lesson_without_file_is_reported_at_the_lesson_list(course: Path) -> None:
    edit(course, MANIFEST, '"steeping"]', '"steeping", "serving"]')
    line = line_of(course, MANIFEST, "lessons = ")

    assert problems(course) == [
        f"{MANIFEST}:{line}: lesson 'serving' has no file in lessons/de/",
        f"{MANIFEST}:{line}: lesson 'serving' has no file in lessons/en/",
    ]


def test_a_lesson_missing_from_the_manifest_order_is_reported_at_its_id(course: Path) -> None:
    edit(course, MANIFEST, 'lessons = ["water", "steeping"]', 'lessons = ["water"]')

    assert problems(course) == [
        f"{LESSON_DE_2}:2: lesson 'steeping' is not in the manifest's 'lessons' list: "
        "add it there to place it in the course",
        f"{LESSON_EN_2}:2: lesson 'steeping' is not in the manifest's 'lessons' list: "
        "add it there to place it in the course",
    ]


def test_a_pass_mark_over_100_is_reported_at_its_line(course: Path) -> None:
    edit(course, MANIFEST, "pass_mark = 70", "pass_mark = 170")
    line = line_of(course, MANIFEST, "pass_mark = ")

    assert problems(course) == [
        f"{MANIFEST}:{line}: 'pass_mark' must be a whole percent from 0 to 100, not 170",
    ]


# Found by tests/engine/test_fuzz.py: these crashed the loader or shifted its line numbers


def test_a_link_too_long_for_the_file_system_is_reported_as_broken(course: Path) -> None:
    target = "a" * 300 + ".md"
    edit(course, LESSON_EN, "(02-steeping.md)", f"({target})")
    line = line_of(course, LESSON_EN, target)

    assert problems(course) == [
        f"{LESSON_EN}:{line}: broken link to '{target}': no such lesson file next to this one",
    ]


def test_front_matter_nested_too_deeply_is_reported_not_a_crash(course: Path) -> None:
    edit(course, LESSON_EN, "objectives: [O1]", "objectives: " + "[" * 800)

    assert f"{LESSON_EN}:1: front matter is not valid YAML: it is nested too deeply" in problems(
        course
    )


def test_a_manifest_nested_too_deeply_is_reported_not_a_crash(course: Path) -> None:
    edit(course, MANIFEST, "pass_mark = 70", "pass_mark = " + "[" * 5000)

    assert problems(course) == [f"{MANIFEST}:1: invalid TOML: values are nested too deeply"]


def test_a_section_opened_in_a_quote_at_the_end_is_no_crash(course: Path) -> None:
    # mdit_py_plugins' container rule read past the end of the text here (IndexError)
    edit(
        course,
        LESSON_EN,
        "the Wikipedia article on tea.\n:::\n",
        "the Wikipedia article on tea.\n:::\n\n> ::: takeaways\n>",
    )

    assert problems(course) == []


def test_a_form_feed_in_the_text_does_not_shift_the_lines_after_it(course: Path) -> None:
    edit(course, LESSON_EN, "Good tea starts", "Good\f tea\v starts\u2028")
    edit(course, LESSON_EN, "(02-steeping.md)", "(02-brewing.md)")
    line = line_of(course, LESSON_EN, "(02-brewing.md)")

    assert problems(course) == [
        f"{LESSON_EN}:{line}: broken link to '02-brewing.md': no such lesson file next to this one",
    ]
