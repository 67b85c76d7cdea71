"""A learner's network map and what it shows: the articles' closing exercise as data.

The second article ends with a practical step: look at your contacts, find who is your
market and how they are connected with each other and with others, draw the most
important people, and find what unites and what separates them. A `NetworkMap` holds
that drawing (people with tags, ties between them); `analyse` reads it with `networkx`:
clusters, connectors, bridges, the tags that unite a cluster and the tags that separate
clusters, and isolated people. No UI and no storage here; the map turns into JSON for
the store and back.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import networkx as nx

MAX_PEOPLE = 500
"""A map is a drawing of the most important people, not an address book: the analysis and
the picture are sized for this many."""
MAX_LABEL = 40
"""Characters of a person's label (initials or a role)."""
MAX_TAG = 40
"""Characters of one tag."""
MAX_TAGS = 20
"""Tags per person."""
UNITING_SHARE = 0.5
"""A tag unites a cluster when at least this share of its people carry it."""
SEPARATING_GAP = 0.5
"""A tag separates two clusters when its share in one exceeds its share in the other by
at least this much."""
MIN_CLUSTER = 2
"""People a cluster needs: a single person is isolated, not a group."""
EXACT_BETWEENNESS = 60
"""Up to this many people betweenness is computed exactly; above, from this many samples."""
SEED = 39
"""The seed of the randomised steps (thesis 39), so that an analysis is repeatable."""


class MapError(ValueError):
    """A change that would make the map wrong (a tie to nobody, a label taken twice)."""


def _clean_label(text: str) -> str:
    cleaned = " ".join(unicodedata.normalize("NFC", text).split())
    if not cleaned:
        raise MapError("a person needs a label: initials or a role")
    if len(cleaned) > MAX_LABEL:
        raise MapError(f"a label has at most {MAX_LABEL} characters")
    return cleaned


def clean_tag(text: str) -> str:
    """A tag as kept: words separated by one space, without a leading '#'."""
    cleaned = " ".join(unicodedata.normalize("NFC", text).strip().lstrip("#").split())
    return cleaned[:MAX_TAG]


@lru_cache(maxsize=4096)
def tag_key(tag: str) -> str:
    """Tags are the same tag whatever their case: "LinkedIn" and "linkedin".

    Cached: the analysis asks for the key of every tag of every person several times."""
    return clean_tag(tag).casefold()


@dataclass(frozen=True)
class Person:
    """One person on the map."""

    key: str
    """Stable id within the map (kept when the label changes)."""
    label: str
    """A short label: initials or a role, never a client's name."""
    uses_offer: bool = False
    """Whether they use the learner's offer (a customer or client today)."""
    tags: tuple[str, ...] = ()
    """Free tags: profession, region, topic, platform, group."""


@dataclass(frozen=True)
class Tie:
    """A connection between two people; ties have no direction."""

    first: str
    """Key of one person."""
    second: str
    """Key of the other person."""
    kind: str = ""
    """What connects them, if the learner says: "knows", "works with", "meets in group X"."""

    @property
    def pair(self) -> frozenset[str]:
        """The two people, in no order: a tie between A and B is the tie between B and A."""
        return frozenset((self.first, self.second))


@dataclass(frozen=True)
class NetworkMap:
    """People and the ties between them; changes return a new map."""

    people: tuple[Person, ...] = ()
    """In the order they were added."""
    ties: tuple[Tie, ...] = ()
    """In the order they were added; at most one per pair of people."""

    def person(self, key: str) -> Person | None:
        """The person with this key, or None."""
        return next((person for person in self.people if person.key == key), None)

    def person_named(self, label: str) -> Person | None:
        """The person with this label (case ignored), or None."""
        wanted = label.strip().casefold()
        return next((p for p in self.people if p.label.casefold() == wanted), None)

    def tie_between(self, first: str, second: str) -> Tie | None:
        """The tie between two people, whichever way it was entered."""
        pair = frozenset((first, second))
        return next((tie for tie in self.ties if tie.pair == pair), None)

    def _new_key(self) -> str:
        used = {person.key for person in self.people}
        number = len(self.people) + 1
        while f"p{number}" in used:
            number += 1
        return f"p{number}"

    def with_person(
        self, label: str, uses_offer: bool = False, tags: Iterable[str] = ()
    ) -> tuple[NetworkMap, Person]:
        """The map with a new person, and that person."""
        if len(self.people) >= MAX_PEOPLE:
            raise MapError(f"a map holds at most {MAX_PEOPLE} people")
        cleaned = _clean_label(label)
        if self.person_named(cleaned):
            raise MapError(f"{cleaned!r} is on the map already: give each person their own label")
        person = Person(self._new_key(), cleaned, uses_offer, _clean_tags(tags))
        return replace(self, people=(*self.people, person)), person

    def with_changed_person(
        self,
        key: str,
        *,
        label: str | None = None,
        uses_offer: bool | None = None,
        tags: Iterable[str] | None = None,
    ) -> NetworkMap:
        """The map with one person's label, offer mark or tags changed."""
        old = self.person(key)
        if old is None:
            raise MapError(f"no person {key!r} on the map")
        new_label = old.label if label is None else _clean_label(label)
        other = self.person_named(new_label)
        if other is not None and other.key != key:
            raise MapError(f"{new_label!r} is on the map already")
        new = Person(
            key,
            new_label,
            old.uses_offer if uses_offer is None else uses_offer,
            old.tags if tags is None else _clean_tags(tags),
        )
        return replace(self, people=tuple(new if p.key == key else p for p in self.people))

    def without_person(self, key: str) -> NetworkMap:
        """The map without a person and their ties."""
        return NetworkMap(
            tuple(p for p in self.people if p.key != key),
            tuple(t for t in self.ties if key not in t.pair),
        )

    def with_tie(self, first: str, second: str, kind: str = "") -> NetworkMap:
        """The map with a tie between two people (its kind replaced if they had one)."""
        if first == second:
            raise MapError("a tie connects two different people")
        for key in (first, second):
            if self.person(key) is None:
                raise MapError(f"no person {key!r} on the map")
        tie = Tie(first, second, " ".join(kind.split())[:MAX_TAG])
        kept = tuple(t for t in self.ties if t.pair != tie.pair)
        return replace(self, ties=(*kept, tie))

    def without_tie(self, first: str, second: str) -> NetworkMap:
        """The map without the tie between two people."""
        pair = frozenset((first, second))
        return replace(self, ties=tuple(t for t in self.ties if t.pair != pair))

    def to_json(self) -> dict[str, Any]:
        """The map as plain JSON data, as the store and the export keep it."""
        return {
            "people": [
                {"key": p.key, "label": p.label, "uses_offer": p.uses_offer, "tags": list(p.tags)}
                for p in self.people
            ],
            "ties": [
                {"first": t.first, "second": t.second, **({"kind": t.kind} if t.kind else {})}
                for t in self.ties
            ],
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> NetworkMap:
        """The map that `to_json` made; MapError when `data` is not one."""
        try:
            people = tuple(
                Person(
                    str(p["key"]),
                    _clean_label(str(p["label"])),
                    bool(p.get("uses_offer", False)),
                    _clean_tags(str(tag) for tag in p.get("tags", ())),
                )
                for p in data.get("people", ())
            )
            keys = {person.key for person in people}
            ties = tuple(
                Tie(str(t["first"]), str(t["second"]), str(t.get("kind", "")))
                for t in data.get("ties", ())
            )
        except (KeyError, TypeError, AttributeError) as error:
            raise MapError(f"not a network map: {error}") from error
        if len(keys) != len(people):
            raise MapError("not a network map: two people share a key")
        if len(people) > MAX_PEOPLE:
            raise MapError(f"a map holds at most {MAX_PEOPLE} people")
        for tie in ties:
            if not tie.pair <= keys or tie.first == tie.second:
                raise MapError(
                    f"not a network map: a tie {tie.first}–{tie.second} joins no two people"
                )
        return cls(people, ties)


def _clean_tags(tags: Iterable[str]) -> tuple[str, ...]:
    kept: dict[str, str] = {}
    for tag in tags:
        cleaned = clean_tag(tag)
        if cleaned and tag_key(cleaned) not in kept:
            kept[tag_key(cleaned)] = cleaned
    if len(kept) > MAX_TAGS:
        raise MapError(f"a person has at most {MAX_TAGS} tags")
    return tuple(kept.values())


def parse_tags(text: str) -> tuple[str, ...]:
    """Tags as a learner types them: separated by commas or semicolons."""
    return _clean_tags(part for part in re.split(r"[,;]", text))


# What the map shows ----------------------------------------------------------------------


@dataclass(frozen=True)
class Cluster:
    """A group of people more connected with each other than with the rest."""

    number: int
    """1-based, largest cluster first."""
    members: tuple[str, ...]
    """Person keys, in map order."""
    uniting_tags: tuple[str, ...]
    """Tags that most of its people share ("what unites them"), most shared first."""
    customers: int
    """How many of its people use the learner's offer."""


@dataclass(frozen=True)
class Connector:
    """A person whose place joins parts of the map."""

    key: str
    """The person."""
    betweenness: float
    """Share of shortest paths between others that run through them (0 to 1)."""
    joins: tuple[int, ...]
    """Clusters that have a tie to this person (their numbers)."""
    cut_vertex: bool
    """Whether removing them splits their part of the map ("without them, these groups
    don't talk")."""
    split_clusters: tuple[tuple[int, ...], ...] = ()
    """When `cut_vertex`: the clusters that would then be apart, group by group."""
    split_people: tuple[tuple[str, ...], ...] = ()
    """When `cut_vertex`: the people of each part that would then be apart, smallest
    part first."""


@dataclass(frozen=True)
class SeparatingTag:
    """A tag common in one cluster and rare in another."""

    tag: str
    """The tag as first written."""
    strong_in: int
    """The cluster where most people carry it."""
    weak_in: int
    """The cluster where few or none do."""
    gap: float
    """Share in `strong_in` less share in `weak_in`."""


@dataclass(frozen=True)
class MapAnalysis:
    """What `analyse` found."""

    clusters: tuple[Cluster, ...] = ()
    """Largest first."""
    connectors: tuple[Connector, ...] = ()
    """Most important first: cut vertices, then by betweenness."""
    bridges: tuple[tuple[str, str], ...] = ()
    """Ties whose loss splits the map into parts of two or more people each."""
    separating_tags: tuple[SeparatingTag, ...] = ()
    """Largest gap first."""
    isolated: tuple[str, ...] = ()
    """People with no tie at all."""
    cluster_of: Mapping[str, int] = field(default_factory=dict)
    """Person key to cluster number (isolated people have none)."""


def graph_of(network: NetworkMap) -> nx.Graph[str]:
    """The map as a `networkx` graph: a node per person key, an edge per tie."""
    import networkx as nx

    graph: nx.Graph[str] = nx.Graph()
    graph.add_nodes_from(person.key for person in network.people)
    graph.add_edges_from((tie.first, tie.second) for tie in network.ties)
    return graph


def analyse(network: NetworkMap, max_connectors: int = 5) -> MapAnalysis:
    """Clusters, connectors, bridges, uniting and separating tags, isolated people.

    Clusters come from modularity-based community detection (`networkx`'s Louvain method,
    seeded, so the same map always gives the same clusters; the greedy modularity method
    took four times as long on a map of 150 people). Betweenness is exact up to
    `EXACT_BETWEENNESS` people and estimated from that many seeded sample sources above it:
    it only ranks connectors. Betweenness, cut vertices and bridges are computed here on
    plain adjacency lists (Brandes' algorithm and one depth-first search) rather than with
    `networkx`: on the benchmark's map of 150 people and 400 ties they took 60 of the
    analysis's 135 ms through `networkx`'s graph views, and take about 10 ms this way
    (`benchmarks/network_map.py`).
    """
    from networkx.algorithms import community

    order = {person.key: index for index, person in enumerate(network.people)}
    keys = [person.key for person in network.people]
    neighbours: list[list[int]] = [[] for _ in keys]
    for tie in network.ties:
        a, b = order[tie.first], order[tie.second]
        neighbours[a].append(b)
        neighbours[b].append(a)
    isolated = tuple(keys[i] for i in range(len(keys)) if not neighbours[i])
    groups: list[set[str]] = []
    if network.ties:
        # Louvain on a graph of its own: on a subgraph view every neighbour lookup goes
        # through a filter, which made it twice as slow.
        connected = graph_of(NetworkMap(network.people, network.ties))
        connected.remove_nodes_from(isolated)
        groups = [set(group) for group in community.louvain_communities(connected, seed=SEED)]
    groups = [group for group in groups if len(group) >= MIN_CLUSTER] + [
        group for group in groups if len(group) < MIN_CLUSTER
    ]
    groups.sort(key=lambda group: (-len(group), min(order[key] for key in group)))
    people = {person.key: person for person in network.people}
    clusters = tuple(
        Cluster(
            number,
            tuple(sorted(group, key=order.__getitem__)),
            _uniting_tags([people[key] for key in group]),
            sum(1 for key in group if people[key].uses_offer),
        )
        for number, group in enumerate(groups, start=1)
    )
    cluster_of = {key: cluster.number for cluster in clusters for key in cluster.members}

    betweenness = _betweenness(neighbours) if network.ties else [0.0] * len(keys)
    cut_vertices, bridge_pairs = _cuts_and_bridges(neighbours)
    # A connector who is no cut vertex must stand out: in a ring of four (lesson 6's
    # example) everyone has the same betweenness, and naming all four as links says nothing.
    typical = sum(betweenness) / len(betweenness) if betweenness else 0.0
    connectors: list[Connector] = []
    for index, key in enumerate(keys):
        around = neighbours[index]
        joins = tuple(
            sorted({cluster_of[keys[n]] for n in around} | {cluster_of.get(key, 0)} - {0})
        )
        is_cut = index in cut_vertices
        standing_out = betweenness[index] > typical + 1e-9
        if not is_cut and (not standing_out or len(joins) < 2):
            continue
        split: tuple[tuple[int, ...], ...] = ()
        split_people: tuple[tuple[str, ...], ...] = ()
        if is_cut:
            pieces = sorted(
                _parts_without(neighbours, index),
                key=lambda part: (len(part), min(part)),
            )
            clustered = [
                tuple(sorted({cluster_of[keys[n]] for n in p if keys[n] in cluster_of}))
                for p in pieces
            ]
            split = tuple(sorted(part for part in clustered if part))
            split_people = tuple(tuple(keys[n] for n in sorted(p)) for p in pieces)
        connectors.append(
            Connector(key, round(betweenness[index], 4), joins, is_cut, split, split_people)
        )
    connectors.sort(key=lambda c: (not c.cut_vertex, -c.betweenness, order[c.key]))

    bridges = sorted(
        (keys[min(a, b)], keys[max(a, b)])
        for a, b in bridge_pairs
        if len(neighbours[a]) > 1 and len(neighbours[b]) > 1  # a tie to a leaf joins no parts
    )
    bridges.sort(key=lambda pair: (order[pair[0]], order[pair[1]]))
    return MapAnalysis(
        clusters,
        tuple(connectors[:max_connectors]),
        tuple(bridges),
        _separating_tags(clusters, people),
        isolated,
        cluster_of,
    )


def _betweenness(neighbours: Sequence[Sequence[int]]) -> list[float]:
    """Normalised betweenness of each person (Brandes' algorithm on adjacency lists), from
    every person as a source up to `EXACT_BETWEENNESS` people, else from that many seeded
    sample sources, scaled up as `networkx` does."""
    import random

    count = len(neighbours)
    result = [0.0] * count
    sources: Sequence[int] = range(count)
    if count > EXACT_BETWEENNESS:
        sources = random.Random(SEED).sample(range(count), EXACT_BETWEENNESS)
    for source in sources:
        distance = [-1] * count
        distance[source] = 0
        paths = [0] * count
        paths[source] = 1
        # The people one step nearer the source that a shortest path to each came
        # through: going back, only these are visited, not every neighbour with its
        # distance compared. Each person reached gets a list of their own; the empty one
        # shared by the rest is never added to.
        before: list[list[int]] = [[]] * count
        queue = [source]
        for here in queue:  # the list grows as it is read: a breadth-first queue
            step = distance[here] + 1
            through = paths[here]
            for there in neighbours[here]:
                known = distance[there]
                if known < 0:
                    distance[there] = step
                    paths[there] = through
                    before[there] = [here]
                    queue.append(there)
                elif known == step:
                    paths[there] += through
                    before[there].append(here)
        # Back from the farthest, each person's share handed to those before them.
        share = [0.0] * count
        for there in reversed(queue):
            weight = (1 + share[there]) / paths[there]
            for here in before[there]:
                share[here] += paths[here] * weight
            if there != source:
                result[there] += share[there]
    if count > 2:
        # Each path was counted from both ends; normalised by the pairs of the others.
        scale = 1 / ((count - 1) * (count - 2))
        if count > EXACT_BETWEENNESS:
            scale *= count / EXACT_BETWEENNESS
        result = [value * scale for value in result]
    return result


def _cuts_and_bridges(
    neighbours: Sequence[Sequence[int]],
) -> tuple[set[int], list[tuple[int, int]]]:
    """The cut vertices and the bridges of the graph, from one iterative depth-first
    search (Hopcroft and Tarjan's low points)."""
    count = len(neighbours)
    found = [-1] * count
    low = [0] * count
    cuts: set[int] = set()
    bridges: list[tuple[int, int]] = []
    clock = 0
    for root in range(count):
        if found[root] >= 0 or not neighbours[root]:
            continue
        found[root] = low[root] = clock
        clock += 1
        children = 0
        stack: list[tuple[int, int, int]] = [(root, -1, 0)]
        while stack:
            here, parent, next_index = stack[-1]
            if next_index < len(neighbours[here]):
                stack[-1] = (here, parent, next_index + 1)
                there = neighbours[here][next_index]
                if found[there] < 0:
                    found[there] = low[there] = clock
                    clock += 1
                    if here == root:
                        children += 1
                    stack.append((there, here, 0))
                elif there != parent:
                    low[here] = min(low[here], found[there])
                continue
            stack.pop()
            if parent >= 0:
                low[parent] = min(low[parent], low[here])
                if low[here] > found[parent]:
                    bridges.append((parent, here))
                if parent != root and low[here] >= found[parent]:
                    cuts.add(parent)
        if children > 1:
            cuts.add(root)
    return cuts, bridges


def _parts_without(neighbours: Sequence[Sequence[int]], gone: int) -> list[set[int]]:
    """The connected parts that the neighbours of `gone` fall into when it is removed."""
    parts: list[set[int]] = []
    seen = {gone}
    for start in neighbours[gone]:
        if start in seen:
            continue
        part = {start}
        seen.add(start)
        queue = [start]
        for here in queue:
            for there in neighbours[here]:
                if there not in seen:
                    seen.add(there)
                    part.add(there)
                    queue.append(there)
        parts.append(part)
    return parts


def _tag_shares(members: Sequence[Person]) -> tuple[dict[str, float], dict[str, str]]:
    counts: Counter[str] = Counter()
    shown: dict[str, str] = {}
    for person in members:
        for tag in person.tags:
            counts[tag_key(tag)] += 1
            shown.setdefault(tag_key(tag), tag)
    total = max(len(members), 1)
    return {key: count / total for key, count in counts.items()}, shown


def _uniting_tags(members: Sequence[Person]) -> tuple[str, ...]:
    shares, shown = _tag_shares(members)
    if len(members) < MIN_CLUSTER:
        return ()
    uniting = [key for key, share in shares.items() if share >= UNITING_SHARE]
    uniting.sort(key=lambda key: (-shares[key], key))
    return tuple(shown[key] for key in uniting)


def _separating_tags(
    clusters: Sequence[Cluster], people: Mapping[str, Person]
) -> tuple[SeparatingTag, ...]:
    shares: list[dict[str, float]] = []
    shown: dict[str, str] = {}
    for cluster in clusters:
        share, names = _tag_shares([people[key] for key in cluster.members])
        shares.append(share)
        for key, name in names.items():
            shown.setdefault(key, name)
    found: dict[str, SeparatingTag] = {}
    for strong, strong_shares in zip(clusters, shares, strict=True):
        for weak, weak_shares in zip(clusters, shares, strict=True):
            if strong.number == weak.number:
                continue
            for key, strong_share in strong_shares.items():
                gap = strong_share - weak_shares.get(key, 0.0)
                if strong_share >= UNITING_SHARE and gap >= SEPARATING_GAP:
                    best = found.get(key)
                    if best is None or gap > best.gap:
                        found[key] = SeparatingTag(
                            shown[key], strong.number, weak.number, round(gap, 4)
                        )
    return tuple(sorted(found.values(), key=lambda s: (-s.gap, s.strong_in, tag_key(s.tag))))


# Two dated snapshots -----------------------------------------------------------------------


@dataclass(frozen=True)
class MapChanges:
    """How the market grew or shrank between two snapshots (thesis 39's comment)."""

    joined: tuple[str, ...]
    """Labels of people only on the newer map."""
    left: tuple[str, ...]
    """Labels of people only on the older map."""
    new_ties: tuple[tuple[str, str], ...]
    """Ties (as label pairs) only on the newer map."""
    lost_ties: tuple[tuple[str, str], ...]
    """Ties only on the older map."""
    clusters_before: int
    """How many clusters the older map had."""
    clusters_after: int
    """How many the newer one has."""
    moved: tuple[str, ...] = ()
    """People on both maps who are now grouped with others than before."""


def compare(older: NetworkMap, newer: NetworkMap) -> MapChanges:
    """What changed from `older` to `newer`. People are matched by label (case ignored),
    since a snapshot is a copy and keys may differ between a map and its import."""

    def labelled(network: NetworkMap) -> dict[str, Person]:
        return {person.label.casefold(): person for person in network.people}

    def tie_labels(network: NetworkMap) -> dict[frozenset[str], tuple[str, str]]:
        label = {person.key: person.label for person in network.people}
        pairs: dict[frozenset[str], tuple[str, str]] = {}
        for tie in network.ties:
            first, second = sorted((label[tie.first], label[tie.second]), key=str.casefold)
            pairs[frozenset((first.casefold(), second.casefold()))] = (first, second)
        return pairs

    before, after = labelled(older), labelled(newer)
    ties_before, ties_after = tie_labels(older), tie_labels(newer)
    old_analysis, new_analysis = analyse(older), analyse(newer)

    def companions(network: NetworkMap, analysis: MapAnalysis, label: str) -> frozenset[str]:
        person = labelled(network)[label]
        number = analysis.cluster_of.get(person.key)
        if number is None:
            return frozenset()
        labels = {p.key: p.label.casefold() for p in network.people}
        return frozenset(labels[key] for key in analysis.clusters[number - 1].members) - {label}

    common = [label for label in before if label in after]
    moved = tuple(
        after[label].label
        for label in common
        if (companions(older, old_analysis, label) & set(common))
        != (companions(newer, new_analysis, label) & set(common))
    )
    return MapChanges(
        tuple(after[label].label for label in after if label not in before),
        tuple(before[label].label for label in before if label not in after),
        tuple(pair for key, pair in ties_after.items() if key not in ties_before),
        tuple(pair for key, pair in ties_before.items() if key not in ties_after),
        len(old_analysis.clusters),
        len(new_analysis.clusters),
        moved,
    )


# The analysis in words -----------------------------------------------------------------------


def _listed(items: Sequence[str], word_and: str) -> str:
    """ "A", "A and B", "A, B and C"."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {word_and} {items[-1]}"


def describe(network: NetworkMap, analysis: MapAnalysis, t: Callable[..., str]) -> list[str]:
    """What the map shows, in plain sentences of the learner's language (`t` looks up the
    interface texts under `network.`): the groups and what unites them, who connects
    them, what separates them, and who is not connected yet."""
    label = {person.key: person.label for person in network.people}
    word_and = t("network.and")
    if not network.people:
        return [t("network.no_people")]
    sentences: list[str] = []
    if not network.ties:
        sentences.append(t("network.no_ties"))
    elif len(analysis.clusters) == 1:
        sentences.append(t("network.one_group"))
    elif analysis.clusters:
        sentences.append(t("network.groups", count=len(analysis.clusters)))
    for cluster in analysis.clusters:
        people = _listed([label[key] for key in cluster.members], word_and)
        if cluster.uniting_tags:
            tags = _listed(
                [t("network.tag", tag=tag) for tag in cluster.uniting_tags[:3]], word_and
            )
            line = t("network.group_unites", number=cluster.number, people=people, tags=tags)
        else:
            line = t("network.group_plain", number=cluster.number, people=people)
        if cluster.customers == 0:
            customers = t("network.group_no_customers")
        elif cluster.customers == 1:
            customers = t("network.group_one_customer")
        else:
            customers = t("network.group_customers", count=cluster.customers)
        sentences.append(f"{line} {customers}")
    for connector in analysis.connectors:
        person = label[connector.key]
        parts = connector.split_clusters
        apart = len(parts) >= 2 and not set(parts[0]).intersection(*parts[1:])
        if connector.cut_vertex and apart:
            groups = _listed(["+".join(str(n) for n in part) for part in parts], word_and)
            sentences.append(t("network.cut", person=person, groups=groups))
        elif len(connector.joins) >= 2:
            groups = _listed([str(n) for n in connector.joins], word_and)
            sentences.append(t("network.broker", person=person, groups=groups))
        elif connector.cut_vertex and connector.split_people:
            cut_off = _listed([label[key] for key in connector.split_people[0]], word_and)
            one = len(connector.split_people[0]) == 1
            key = "network.cut_off_one" if one else "network.cut_off"
            sentences.append(t(key, person=person, people=cut_off))
    described = {c.key for c in analysis.connectors if c.cut_vertex}
    for first, second in analysis.bridges:
        if first not in described and second not in described:  # said already, by name
            sentences.append(t("network.bridge", first=label[first], second=label[second]))
    pairs: dict[tuple[int, int], list[str]] = {}
    for separating in analysis.separating_tags:
        pairs.setdefault((separating.strong_in, separating.weak_in), []).append(separating.tag)
    for (strong, weak), split_by in list(pairs.items())[:4]:
        key = "network.separates" if len(split_by) == 1 else "network.separate"
        quoted = _listed([t("network.tag", tag=tag) for tag in split_by[:3]], word_and)
        sentences.append(t(key, tags=quoted, strong=strong, weak=weak))
    if len(analysis.isolated) == 1:
        sentences.append(t("network.isolated_one", person=label[analysis.isolated[0]]))
    elif analysis.isolated:
        people = _listed([label[key] for key in analysis.isolated], word_and)
        sentences.append(t("network.isolated", people=people))
    return sentences
