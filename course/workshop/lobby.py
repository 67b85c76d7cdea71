"""The trainer's lobby: who joined, who is online, and who has answered the live question;
no UI import.

"Joined" is everyone the presenter has seen online since it started, in the order they
came, so that a learner whose laptop went to sleep still shows (as gone) instead of
vanishing from the list. The count of a live question is over the learners online and
everyone who answered: "2 of 3 answered" and who is still missing, the way Kahoot's and
ClassQuiz's lobbies show it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Lobby:
    """The room as the trainer sees it."""

    joined: tuple[str, ...]
    """Everyone seen online since the presenter started, first come first."""
    online: tuple[str, ...]
    """The learners with an app open now."""
    answered: tuple[str, ...]
    """The learners who answered the live question, first come first (empty when none
    is live, and in an anonymous round, whose answers carry no names)."""
    unnamed: int = 0
    """Answers to the live question that carry no name (an anonymous round's)."""
    anonymous: bool = False
    """Whether the live question is anonymous: counts only, nobody named as missing."""

    @property
    def answer_count(self) -> int:
        """How many answered the live question."""
        return len(self.answered) + self.unnamed

    @property
    def gone(self) -> tuple[str, ...]:
        """Learners who joined and have no app open now."""
        here = set(self.online)
        return tuple(name for name in self.joined if name not in here)

    @property
    def expected(self) -> int:
        """How many answers the live question can have: the learners online and anyone
        who answered and left since (in an anonymous round, at least as many as
        answered)."""
        return max(len(set(self.online) | set(self.answered)), self.answer_count)

    @property
    def missing(self) -> tuple[str, ...]:
        """Learners online who have not answered the live question yet (none can be
        named in an anonymous round)."""
        if self.anonymous:
            return ()
        done = set(self.answered)
        return tuple(name for name in self.online if name not in done)


def joined_so_far(before: Sequence[str], online: Iterable[str]) -> tuple[str, ...]:
    """`before` with the learners online now that it lacks added at its end."""
    seen = dict.fromkeys(before)
    seen.update(dict.fromkeys(online))
    return tuple(seen)
