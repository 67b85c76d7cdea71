"""Quizzes of ours written as Moodle GIFT, for a trainer who takes them into Moodle.

Each question is written as the GIFT type its kind names (`QuestionKind.gift_form`):
choices with their feedback, weights for multiple choice (right options share 100 %,
wrong ones take it away again, as our grading judges each option), true/false with both
feedbacks, accepted and expected wrong short answers (`=%0%`), matching pairs, numeric
ranges, essays. A kind GIFT has no form for (ordering) is written as its nearest form, a
matching of each item to its place, and a comment says so.

What GIFT cannot hold — our kind where it differs, points, objectives, the options' own
words of a true/false question, a matching pair's feedback — goes into `// course: …`
comment lines, which Moodle skips and `course gift import` reads, so that a quiz written
here and read back is the same quiz.
"""

from __future__ import annotations

from collections.abc import Iterable

from course.core.kinds import kind_of
from course.core.model import Question, Quiz
from course.interchange.gift import GiftKind, escape

HINT = "course:"
"""How a comment line that carries what GIFT cannot hold begins."""


def _weight(value: float) -> str:
    return f"{value:.5f}".rstrip("0").rstrip(".")


def _text(markdown: str) -> str:
    return escape(markdown.strip())


def _with_feedback(text: str, feedback: str) -> str:
    return f"{_text(text)}#{_text(feedback)}" if feedback.strip() else _text(text)


def question_to_gift(question: Question) -> str:
    """One question as GIFT, with its `// course:` comment lines."""
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
    lines.append(f"::{escape(question.id)}::[markdown]{_text(question.prompt)}{{{block}}}")
    return "\n".join(lines)


def quiz_to_gift(quiz: Quiz) -> str:
    """A quiz as GIFT: a category of its own, then its questions."""
    header = [
        f"// {HINT} quiz={quiz.id} lesson={quiz.lesson_id} title={quiz.title}",
        f"$CATEGORY: {escape(quiz.id)}",
        "",
    ]
    return (
        "\n".join(header) + "\n" + "\n\n".join(question_to_gift(q) for q in quiz.questions) + "\n"
    )


def quizzes_to_gift(quizzes: Iterable[Quiz]) -> str:
    """Several quizzes as one GIFT file, one category each."""
    return "\n\n".join(quiz_to_gift(quiz) for quiz in quizzes)
