"""The network-map exercise as a course activity: what the workbench is opened with.

A `NetworkActivity` carries what a course gives the exercise: an optional practice map (a
ready map to explore before the learner enters their own people), suggested tags, and the
closing questions of the article ("which shared thing could my offer strengthen, for whom,
on which platform"). `suggest_answers` pre-fills those questions from the analysis, so
that the learner starts from what their map shows instead of an empty box.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from course.core.network_map import MapAnalysis, MapError, NetworkMap, tag_key

SUGGESTION_KINDS = ("shared", "whom", "platform")
"""What a closing question can be pre-filled with: the shared thing the offer could
strengthen, the people it is for, the platform where they meet."""


@dataclass(frozen=True)
class ClosingQuestion:
    """One of the questions the exercise ends with; the answer is the learner's."""

    id: str
    """Stable id: the answer is stored under it."""
    text: str
    """The question in the course's language."""
    suggest: str = ""
    """Which suggestion pre-fills it: one of `SUGGESTION_KINDS`, or "" for none."""


@dataclass(frozen=True)
class NetworkActivity:
    """What the workbench is opened with, besides the course and the lesson."""

    title: str = ""
    """The practice map's title ("Kerstin's network"); "" when there is none."""
    practice: NetworkMap | None = None
    """A ready map to explore, or None."""
    suggested_tags: tuple[str, ...] = ()
    """Tags offered while typing: profession, region, topic, platform, group."""
    platforms: tuple[str, ...] = ()
    """Tags that name a platform or a meeting place (LinkedIn, an association), for the
    question "on which platform"."""
    questions: tuple[ClosingQuestion, ...] = ()
    """The closing questions, in order."""


def suggest_answers(
    network: NetworkMap,
    analysis: MapAnalysis,
    platforms: Iterable[str],
    word_and: str = "and",
) -> dict[str, str]:
    """Pre-filled answers, by suggestion kind, from what the map shows.

    The group to strengthen is the cluster with most people who use the offer (the larger
    one on a tie); what it shares is its top uniting tag, it is for that cluster's people,
    and the platform is the platform tag most of them carry (any tag on the map that is in
    `platforms`, case ignored). A kind with nothing to suggest is left out.
    """
    if not analysis.clusters:
        return {}
    cluster = max(analysis.clusters, key=lambda c: (c.customers, len(c.members), -c.number))
    label = {person.key: person.label for person in network.people}
    people = [label[key] for key in cluster.members]
    suggested: dict[str, str] = {}
    known_platforms = {tag_key(p) for p in platforms}
    is_platform: Callable[[str], bool] = lambda tag: tag_key(tag) in known_platforms  # noqa: E731
    # Among the tags equally shared in the group, the one more people on the whole map
    # carry: a thing that unites more of the network.
    on_map: Counter[str] = Counter(tag_key(tag) for p in network.people for tag in p.tags)
    uniting = sorted(
        (tag for tag in cluster.uniting_tags if not is_platform(tag)),
        key=lambda tag: -on_map[tag_key(tag)],
    )
    if uniting:
        suggested["shared"] = uniting[0]
    suggested["whom"] = (
        ", ".join(people[:-1]) + f" {word_and} " + people[-1] if len(people) > 1 else people[0]
    )
    counts: Counter[str] = Counter()
    members = set(cluster.members)
    for person in network.people:
        if person.key in members:
            counts.update(tag for tag in person.tags if is_platform(tag))
    if counts:
        suggested["platform"] = max(counts, key=lambda tag: (counts[tag], on_map[tag_key(tag)]))
    return suggested


class PracticeMapError(ValueError):
    """A practice-map file that cannot be read: the line (1-based) and what is wrong."""

    def __init__(self, line: int, problem: str) -> None:
        super().__init__(f"line {line}: {problem}")
        self.line = line
        """Where in the file (the header of the table that is wrong)."""
        self.problem = problem
        """What is wrong, and what to do."""


PRACTICE_KEYS = ("title", "suggested_tags", "platforms", "people", "ties", "questions")
"""The keys a practice-map file may hold at its top."""
_TABLE = re.compile(r"^[ \t]*\[\[[ \t]*(people|ties|questions)[ \t]*\]\]", re.MULTILINE)
_TOML_AT = re.compile(r"\(at line (\d+)")


def _table_lines(text: str) -> dict[str, list[int]]:
    """Per array of tables (`[[people]]`, …): the line of each header, in order; a
    problem of the n-th person is reported at the n-th `[[people]]`."""
    found: dict[str, list[int]] = {}
    for match in _TABLE.finditer(text):
        found.setdefault(match.group(1), []).append(text.count("\n", 0, match.start()) + 1)
    return found


def parse_practice(text: str) -> NetworkActivity:
    """The exercise of a practice-map file's text (TOML; see docs/authoring.md, "The
    network-map exercise"); PracticeMapError with the line when it is not a valid one."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        at = _TOML_AT.search(str(error))
        raise PracticeMapError(
            int(at.group(1)) if at else 1, f"not valid TOML: {str(error).split(' (at')[0]}"
        ) from error
    lines = _table_lines(text)

    def line_of(table: str, number: int) -> int:
        found = lines.get(table, [])
        return found[number - 1] if number <= len(found) else 1

    for key in data:
        if key not in PRACTICE_KEYS:
            raise PracticeMapError(
                1, f"unknown key {key!r}; a practice map holds {', '.join(PRACTICE_KEYS)}"
            )
    return _activity(data, line_of)


def _strings(data: dict[str, Any], key: str, line: int, where: str = "") -> tuple[str, ...]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise PracticeMapError(line, f"{where}'{key}' must be a list of texts")
    return tuple(value)


def _activity(data: dict[str, Any], line_of: Callable[[str, int], int]) -> NetworkActivity:
    network = None
    people = data.get("people", [])
    if people:
        network = NetworkMap()
        number, table = 0, "people"
        try:
            for number, person in enumerate(people, start=1):
                if not isinstance(person, dict) or not isinstance(person.get("label"), str):
                    raise PracticeMapError(
                        line_of("people", number), f"person {number} needs a 'label'"
                    )
                network, _ = network.with_person(
                    person["label"],
                    bool(person.get("uses_offer", False)),
                    _strings(person, "tags", line_of("people", number), f"person {number}: "),
                )
            table = "ties"
            for number, tie in enumerate(data.get("ties", []), start=1):
                between = tie.get("between") if isinstance(tie, dict) else None
                if not isinstance(between, list) or len(between) != 2:
                    raise PracticeMapError(
                        line_of("ties", number), f"tie {number} needs 'between' with two labels"
                    )
                ends = [network.person_named(str(label)) for label in between]
                if ends[0] is None or ends[1] is None:
                    raise PracticeMapError(
                        line_of("ties", number),
                        f"tie {number} names someone who is not among the people "
                        "(give each person a [[people]] table with that label)",
                    )
                network = network.with_tie(ends[0].key, ends[1].key, str(tie.get("kind", "")))
        except MapError as error:
            raise PracticeMapError(
                line_of(table, number),
                f"{'person' if table == 'people' else 'tie'} {number}: {error}",
            ) from error
    questions = []
    for number, question in enumerate(data.get("questions", []), start=1):
        if not isinstance(question, dict) or not isinstance(question.get("text"), str):
            raise PracticeMapError(
                line_of("questions", number), f"question {number} needs a 'text'"
            )
        suggest = str(question.get("suggest", ""))
        if suggest and suggest not in SUGGESTION_KINDS:
            raise PracticeMapError(
                line_of("questions", number),
                f"question {number}: 'suggest' is one of {', '.join(SUGGESTION_KINDS)}",
            )
        questions.append(
            ClosingQuestion(str(question.get("id", f"q{number}")), question["text"], suggest)
        )
    return NetworkActivity(
        title=str(data.get("title", "")),
        practice=network,
        suggested_tags=_strings(data, "suggested_tags", 1),
        platforms=_strings(data, "platforms", 1),
        questions=tuple(questions),
    )
