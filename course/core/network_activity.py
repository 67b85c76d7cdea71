"""The network-map exercise as a course activity: what the workbench is opened with.

A `NetworkActivity` carries what a course gives the exercise: an optional practice map (a
ready map to explore before the learner enters their own people), suggested tags, and the
closing questions of the article ("which shared thing could my offer strengthen, for whom,
on which platform"). `suggest_answers` pre-fills those questions from the analysis, so
that the learner starts from what their map shows instead of an empty box.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from course.core.network_map import MapAnalysis, NetworkMap, tag_key

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
