"""Quizzes of ours written as Moodle GIFT, for a trainer who takes them into Moodle.

Each question is written as the GIFT type its kind names (`QuestionKind.gift_form`):
choices with their feedback, weights for multiple choice (right options share 100 %,
wrong ones take it away again, as our grading judges each option), true/false with both
feedbacks, accepted and expected wrong short answers (`=%0%`), matching pairs, numeric
ranges, essays. A kind GIFT has no form for (ordering) is written as its nearest form, a
matching of each item to its place, and a comment says so.

What GIFT cannot hold — our kind where it differs, points, objectives, the options' own
words of a true/false question, a matching pair's feedback, a kind's own settings, the ids
of a network-map activity's closing questions — goes into `// course: …` comment lines,
which Moodle skips and `course gift import` reads, so that a quiz written here and read
back is the same quiz.

A network-map activity's practice map lives in a file beside the quiz, which a GIFT file
cannot carry. So that Moodle's learners still see it, and nothing is lost unsaid, its
people (with their tags and who uses the offer) and its ties are written at the end of the
question text, in the quiz's language; a comment says so, and `course gift import` takes
them out of the text again (the setting that names the file is kept: put the file beside
the imported quiz).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from course.core.kinds import kind_of
from course.core.kinds.network_map import NetworkMapActivity, activity_of, practice_path
from course.core.model import Question, Quiz
from course.core.network_map import NetworkMap
from course.interchange.gift import GiftKind, escape

Translate = Callable[..., str]

HINT = "course:"
"""How a comment line that carries what GIFT cannot hold begins."""


def _weight(value: float) -> str:
    return f"{value:.5f}".rstrip("0").rstrip(".")


def _text(markdown: str) -> str:
    return escape(markdown.strip())


def _with_feedback(text: str, feedback: str) -> str:
    return f"{_text(text)}#{_text(feedback)}" if feedback.strip() else _text(text)


def practice_text(title: str, network: NetworkMap, t: Translate) -> str:
    """A practice map as Markdown for the end of a question text: its people with their
    tags (and whether they use the offer), then its ties with their kind."""
    lines = [f"**{title or t('gift.practice_map')}**", "", t("gift.practice_people"), ""]
    for person in network.people:
        offer = f" ({t('gift.practice_uses_offer')})" if person.uses_offer else ""
        tags = f": {', '.join(person.tags)}" if person.tags else ""
        lines.append(f"- {person.label}{offer}{tags}")
    label = {person.key: person.label for person in network.people}
    if network.ties:
        lines += ["", t("gift.practice_ties"), ""]
        lines += [
            f"- {label[tie.first]} – {label[tie.second]}" + (f": {tie.kind}" if tie.kind else "")
            for tie in network.ties
        ]
    return "\n".join(lines)


def _activity_extras(
    question: Question, folder: Path | None, t: Translate
) -> tuple[list[str], str]:
    """A network-map activity's comment lines (the closing questions' ids, and where its
    practice map went) and the practice map's text for the end of the question text."""
    hints = [f"// {HINT} ids=" + ",".join(option.match for option in question.options)]
    path = practice_path(question, folder) if folder is not None else None
    activity = activity_of(question, folder) if folder is not None else None
    if path is None or activity is None or activity.practice is None:
        if path is not None:
            hints.append(
                f"// {HINT} the practice map {path.name} could not be read: it is not in this file"
            )
        return hints, ""
    text = practice_text(activity.title, activity.practice, t)
    hints.append(
        f"// {HINT} map_lines={len(text.splitlines()) + 1}"  # the blank line before it too
    )
    hints.append(
        f"// {HINT} GIFT cannot carry the practice map file {path.name}: its people, "
        "tags and ties are written at the end of the question text, which Moodle shows; "
        "course gift import takes them out again (keep the file beside the quiz)"
    )
    return hints, text


def question_to_gift(question: Question, t: Translate, folder: Path | None = None) -> str:
    """One question as GIFT, with its `// course:` comment lines; `t` gives the texts of
    the quiz's language, `folder` is the quiz's (where a practice map is read from)."""
    kind = kind_of(question)
    form = GiftKind(kind.gift_form) if kind.gift_form else GiftKind.MATCHING
    hints = [
        f"// {HINT} kind={kind.name} points={question.points} "
        f"objectives={','.join(question.objectives)}" + ("" if question.shuffle else " shuffle=no")
    ]
    if kind.gift_form is None:
        hints.append(
            f"// {HINT} GIFT has no {kind.name} question: written as matching each item "
            "to its place"
        )
    hints += [
        f"// {HINT} set_{name}={value.replace(chr(10), ' ')}" for name, value in question.settings
    ]
    appended = ""
    if kind.name == NetworkMapActivity.name:
        extra, appended = _activity_extras(question, folder, t)
        hints += extra
    lines = [*hints]
    general = f"####{_text(question.explanation)}" if question.explanation.strip() else ""
    options = question.options
    if form is GiftKind.TRUE_FALSE:
        labels = "|".join(option.text.replace("|", "/") for option in options)
        lines.append(f"// {HINT} labels={labels}")
        truth = options[0].correct
        right = options[0] if truth else options[1]
        wrong = options[1] if truth else options[0]
        block = (
            f"{'TRUE' if truth else 'FALSE'}#{_text(wrong.feedback)}#{_text(right.feedback)}"
            f"{general}"
        )
    elif form in (GiftKind.MULTICHOICE, GiftKind.MULTIPLE_ANSWERS):
        rights = [option for option in options if option.correct]
        wrongs = [option for option in options if not option.correct]
        parts = []
        for option in options:
            if form is GiftKind.MULTICHOICE:
                mark = "=" if option.correct else "~"
            elif option.correct:
                mark = f"~%{_weight(100 / len(rights))}%"
            else:
                mark = f"~%-{_weight(100 / max(len(wrongs), 1))}%"
            parts.append(f"\t{mark}{_with_feedback(option.text, option.feedback)}")
        block = "\n" + "\n".join(parts) + (f"\n\t{general}" if general else "") + "\n"
    elif form is GiftKind.MATCHING:
        pairs = (
            [(option.text, option.match) for option in options]
            if kind.gift_form is not None
            else [(option.text, str(place)) for place, option in enumerate(options, start=1)]
        )
        lines += [
            f"// {HINT} feedback {option.index}={option.feedback.replace(chr(10), ' ')}"
            for option in options
            if option.feedback.strip()
        ]
        block = (
            "\n"
            + "\n".join(f"\t={_text(left)} -> {_text(right)}" for left, right in pairs)
            + (f"\n\t{general}" if general else "")
            + "\n"
        )
    elif form in (GiftKind.SHORT_ANSWER, GiftKind.NUMERICAL):
        parts = []
        for option in options:
            weight = "=" if option.correct else "=%0%"
            value = kind.gift_value(option)
            parts.append(f"\t{weight}{_with_feedback(value, option.feedback)}")
        opening = "#" if form is GiftKind.NUMERICAL else ""
        block = f"{opening}\n" + "\n".join(parts) + (f"\n\t{general}" if general else "") + "\n"
    else:  # an essay: nothing to choose
        block = general
    prompt = _text(question.prompt) + (escape(f"\n\n{appended}") if appended else "")
    lines.append(f"::{escape(question.id)}::[markdown]{prompt}{{{block}}}")
    return "\n".join(lines)


def quiz_to_gift(quiz: Quiz, t: Translate) -> str:
    """A quiz as GIFT: a category of its own, then its questions; `t` gives the texts of
    the quiz's language."""
    folder = quiz.path.parent if quiz.path is not None else None
    header = [
        f"// {HINT} quiz={quiz.id} lesson={quiz.lesson_id} title={quiz.title}",
        f"$CATEGORY: {escape(quiz.id)}",
        "",
    ]
    return (
        "\n".join(header)
        + "\n"
        + "\n\n".join(question_to_gift(q, t, folder) for q in quiz.questions)
        + "\n"
    )


def quizzes_to_gift(quizzes: Iterable[Quiz], t: Translate) -> str:
    """Several quizzes as one GIFT file, one category each."""
    return "\n\n".join(quiz_to_gift(quiz, t) for quiz in quizzes)
