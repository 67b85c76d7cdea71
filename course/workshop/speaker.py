"""Where the presenter is, for the speaker notes on a second screen (`course present
--notes`); no UI import.

The presenter publishes its position (the slide, the language, whether the projector is
blank, the exercise timer) as a small JSON file next to the progress store, written
atomically on every change; the notes app in another terminal, another process, follows
the file. It is presenterm's publish/listen, through the data folder both already share:
no port, no network, and a notes screen started late finds the position at once. The
presenter removes the file when it quits; a file whose presenter process is gone counts
as no presenter.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from contextlib import suppress
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from course.core.model import Question
from course.locations import presenter_position_file, write_atomically
from course.workshop.countdown import Countdown
from course.workshop.slides import Slide, SlideKind

FORMAT = 1
"""The version of the file's layout: a notes screen ignores a file of another one."""

SLIDE_TITLE_KEYS = {
    SlideKind.KEY_POINTS: "presenter.key_points",
    SlideKind.QUOTATION: "presenter.quotation",
    SlideKind.EXERCISE: "presenter.exercise",
    SlideKind.PRACTICE_MAP: "presenter.practice_map",
    SlideKind.QUESTION: "presenter.question",
}
"""The catalogue key of what each kind of slide is called (a title slide has the lesson's)."""


@dataclass(frozen=True)
class TimerState:
    """The exercise timer as the presenter published it."""

    total: float
    """Its set length in seconds (0: no timer)."""
    remaining: float
    """Seconds left when it was published."""
    running: bool
    """Whether it was counting down then."""

    @classmethod
    def of(cls, countdown: Countdown) -> TimerState:
        """The state of a presenter's countdown now."""
        return cls(countdown.total, round(countdown.remaining(), 1), countdown.running)

    def countdown(self, published_at: float, clock: Callable[[], float] = time.time) -> Countdown:
        """A countdown that goes on from this state as the presenter's does, on the wall
        clock (both processes share it; their monotonic clocks need not agree)."""
        followed = Countdown(clock=clock)
        followed.follow(self.total, self.remaining, published_at if self.running else None)
        return followed


@dataclass(frozen=True)
class PresenterPosition:
    """What the presenter shows, as a notes screen needs it."""

    course_id: str
    """The course presented."""
    language: str
    """The language of the slides."""
    index: int
    """The slide shown, from 0."""
    total: int
    """How many slides there are."""
    lesson_id: str
    """The lesson of the slide shown."""
    kind: str
    """The kind of the slide shown (a `SlideKind` value)."""
    question_id: str | None
    """The question of a question slide."""
    blanked: bool
    """Whether the projector is blank."""
    timer: TimerState
    """The exercise timer."""
    pid: int
    """The presenter's process id: a file whose process is gone is a presenter gone."""
    seed: int = 0
    """The shuffle seed of a question slide's options: the notes letter them alike."""
    published_at: float = 0.0
    """When it was published (Unix time, seconds)."""

    def same_place(self, other: PresenterPosition | None) -> bool:
        """Whether `other` says the same but for the time it was published."""
        return other is not None and replace(other, published_at=self.published_at) == self

    def to_json(self) -> str:
        """The position as the file holds it."""
        return json.dumps({"format": FORMAT, **asdict(self)}, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> PresenterPosition | None:
        """The position a file holds; None for a file that is not one (of this format)."""
        try:
            data = json.loads(text)
            if not isinstance(data, dict) or data.pop("format", None) != FORMAT:
                return None
            timer = TimerState(**data.pop("timer"))
            return cls(timer=timer, **data)
        except (ValueError, TypeError, KeyError, AttributeError):
            return None


def position_of(
    slides: list[Slide],
    index: int,
    *,
    course_id: str,
    language: str,
    blanked: bool,
    countdown: Countdown,
    seed: int = 0,
) -> PresenterPosition:
    """The position of a presenter showing `slides[index]` (a question slide's options
    shuffled with `seed`)."""
    slide = slides[index]
    return PresenterPosition(
        course_id=course_id,
        language=language,
        index=index,
        total=len(slides),
        lesson_id=slide.lesson.id,
        kind=slide.kind.value,
        question_id=slide.question.id if slide.question is not None else None,
        blanked=blanked,
        timer=TimerState.of(countdown),
        pid=os.getpid(),
        seed=seed,
    )


def publish(data_dir: Path, position: PresenterPosition) -> None:
    """Write the position for notes screens (atomically: a reader never sees half)."""
    stamped = replace(position, published_at=time.time())
    write_atomically(presenter_position_file(data_dir, position.course_id), stamped.to_json())


def withdraw(data_dir: Path, course_id: str) -> None:
    """The presenter quits: notes screens see that nobody presents."""
    with suppress(FileNotFoundError):
        presenter_position_file(data_dir, course_id).unlink()


def read_position(data_dir: Path, course_id: str) -> PresenterPosition | None:
    """The position the presenter of `course_id` published; None when no presenter runs
    (no file, an unreadable one, or its process is gone)."""
    try:
        text = presenter_position_file(data_dir, course_id).read_text(encoding="utf-8")
    except OSError:
        return None
    position = PresenterPosition.from_json(text)
    if position is None or position.course_id != course_id or not _running(position.pid):
        return None
    return position


def _running(pid: int) -> bool:
    """Whether process `pid` exists (where that cannot be asked, it is taken to)."""
    if os.name != "posix" or pid <= 0:
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def find_slide(slides: list[Slide], position: PresenterPosition) -> int | None:
    """The index of the slide the presenter shows among `slides` (the notes screen's own,
    of the same course): by what it shows, else by its number; None if there is none."""
    for index, slide in enumerate(slides):
        question = slide.question.id if slide.question is not None else None
        if (slide.lesson.id, slide.kind.value, question) == (
            position.lesson_id,
            position.kind,
            position.question_id,
        ):
            return index
    if 0 <= position.index < len(slides):
        return position.index
    return None


def slide_title(slide: Slide, t: Callable[..., str], prompt_limit: int = 60) -> str:
    """A slide's title for the notes: the lesson, what the slide is, and for a question
    the start of its prompt."""
    lesson = slide.lesson
    if slide.kind is SlideKind.TITLE:
        return f"{t('presenter.lesson', number=slide.number_in_course)}: {lesson.title}"
    title = f"{lesson.title} · {t(SLIDE_TITLE_KEYS[slide.kind])}"
    if slide.question is not None:
        title += f": {_shortened(_first_line(slide.question), prompt_limit)}"
    return title


def _first_line(question: Question) -> str:
    return next((line.strip() for line in question.prompt.splitlines() if line.strip()), "")


def _shortened(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
