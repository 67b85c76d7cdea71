"""What the kinds where a learner types the answer share: the answer is the text."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from course.core.kinds import Answer, QuestionKind
from course.core.model import Question


@dataclass(frozen=True)
class TextAnswer:
    """The text the learner typed."""

    text: str
    """As typed."""

    def to_json(self) -> dict[str, Any]:
        """The answer as plain JSON data."""
        return {"text": self.text}


class TextKind(QuestionKind):
    """A kind whose answer is typed in."""

    answer_key = "text"

    def empty_answer(self, question: Question) -> Answer:
        return TextAnswer("")

    def answer_from_json(self, data: Mapping[str, Any]) -> Answer:
        if "text" not in data:
            raise ValueError(f"not a typed answer: {dict(data)!r}")
        return TextAnswer(str(data["text"]))

    def answer_text(self, question: Question, answer: Answer) -> str:
        return answer.text if isinstance(answer, TextAnswer) else ""
