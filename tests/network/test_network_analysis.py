"""What a network map shows: clusters, connectors, uniting and separating tags."""

from __future__ import annotations

import pytest

from course.core.network_map import MapError, NetworkMap, analyse, compare, parse_tags


def two_groups_and_a_connector() -> NetworkMap:
    """Three coaches on LinkedIn, three HR managers in an association, Dirk between them
    (not a customer), and Zoe, who knows nobody on the map yet."""
    network = NetworkMap()
    keys: dict[str, str] = {}
    for label, customer, tags in [
        ("A1", True, "coach, LinkedIn, Berlin"),
        ("A2", True, "coach, LinkedIn"),
        ("A3", False, "coach, LinkedIn"),
        ("B1", False, "HR, association"),
        ("B2", True, "HR, association"),
        ("B3", False, "HR, association, Berlin"),
        ("Dirk", False, "group host"),
        ("Zoe", False, "coach"),
    ]:
        network, person = network.with_person(label, customer, parse_tags(tags))
        keys[label] = person.key
    for first, second in [
        ("A1", "A2"), ("A2", "A3"), ("A1", "A3"),
        ("B1", "B2"), ("B2", "B3"), ("B1", "B3"),
        ("A1", "Dirk"), ("Dirk", "B1"),
    ]:  # fmt: skip
        network = network.with_tie(keys[first], keys[second])
    return network


def labels(network: NetworkMap, keys: tuple[str, ...]) -> set[str]:
    return {person.label for person in network.people if person.key in keys}


def test_two_groups_are_two_clusters_and_the_loner_is_isolated() -> None:
    network = two_groups_and_a_connector()
    analysis = analyse(network)
    assert len(analysis.clusters) == 2
    first, second = (labels(network, cluster.members) for cluster in analysis.clusters)
    assert {"A1", "A2", "A3"} <= first or {"A1", "A2", "A3"} <= second
    assert {"B1", "B2", "B3"} <= first or {"B1", "B2", "B3"} <= second
    assert labels(network, analysis.isolated) == {"Zoe"}


def test_the_connector_splits_the_groups_when_gone() -> None:
    network = two_groups_and_a_connector()
    analysis = analyse(network)
    dirk = network.person_named("Dirk")
    assert dirk is not None
    top = analysis.connectors[0]
    assert top.key == dirk.key and top.cut_vertex
    assert top.split_clusters == ((1,), (2,))
    bridged = {frozenset(labels(network, pair)) for pair in analysis.bridges}
    assert bridged == {frozenset({"A1", "Dirk"}), frozenset({"Dirk", "B1"})}


def test_tags_most_of_a_cluster_share_unite_it_and_split_it_from_the_other() -> None:
    network = two_groups_and_a_connector()
    analysis = analyse(network)
    by_members = {
        frozenset(labels(network, c.members)) & {"A1", "B1"}: c for c in analysis.clusters
    }
    coaches, hr = by_members[frozenset({"A1"})], by_members[frozenset({"B1"})]
    assert coaches.uniting_tags[:2] == ("coach", "LinkedIn")
    assert "Berlin" not in coaches.uniting_tags  # one of four is not "most"
    assert set(hr.uniting_tags) >= {"HR", "association"}
    separating = {(s.tag, s.strong_in, s.weak_in) for s in analysis.separating_tags}
    assert ("coach", coaches.number, hr.number) in separating
    assert ("HR", hr.number, coaches.number) in separating
    assert not any(s.tag == "Berlin" for s in analysis.separating_tags)
    assert coaches.customers == 2


def test_an_empty_map_and_a_map_without_ties_show_nothing_but_isolated_people() -> None:
    assert analyse(NetworkMap()).clusters == ()
    network, _ = NetworkMap().with_person("Solo")
    analysis = analyse(network)
    assert analysis.clusters == () and analysis.connectors == ()
    assert labels(network, analysis.isolated) == {"Solo"}


def test_the_same_map_always_gives_the_same_analysis() -> None:
    assert analyse(two_groups_and_a_connector()) == analyse(two_groups_and_a_connector())


def test_a_map_turns_into_json_and_back() -> None:
    network = two_groups_and_a_connector()
    network = network.with_tie(network.people[0].key, network.people[7].key, "meets in group X")
    assert NetworkMap.from_json(network.to_json()) == network


@pytest.mark.parametrize(
    "data",
    [
        {"people": [{"key": "p1", "label": "A"}], "ties": [{"first": "p1", "second": "p9"}]},
        {"people": [{"key": "p1", "label": "A"}, {"key": "p1", "label": "B"}]},
        {"people": [{"label": "no key"}]},
        {"people": [{"key": "p1", "label": ""}]},
        {"people": "not a list"},
    ],
)
def test_a_damaged_map_is_refused_with_a_message(data: dict[str, object]) -> None:
    with pytest.raises(MapError):
        NetworkMap.from_json(data)


def test_people_are_distinct_by_label_and_ties_need_two_of_them() -> None:
    network, anna = NetworkMap().with_person("AK")
    with pytest.raises(MapError, match="already"):
        network.with_person("ak")
    with pytest.raises(MapError, match="two different"):
        network.with_tie(anna.key, anna.key)
    with pytest.raises(MapError, match="label"):
        network.with_person("   ")


def test_removing_a_person_removes_their_ties() -> None:
    network = two_groups_and_a_connector()
    dirk = network.person_named("Dirk")
    assert dirk is not None
    without = network.without_person(dirk.key)
    assert all(dirk.key not in tie.pair for tie in without.ties)
    assert len(analyse(without).clusters) == 2
    assert analyse(without).connectors == ()


def test_tags_are_kept_once_whatever_their_case() -> None:
    assert parse_tags("LinkedIn, linkedin; #Berlin ,  ,coach") == ("LinkedIn", "Berlin", "coach")


def test_comparing_snapshots_names_who_joined_left_and_which_ties_are_new() -> None:
    older = two_groups_and_a_connector()
    newer = older.without_person(older.people[7].key)  # Zoe
    newer, carla = newer.with_person("Carla", True, ("coach",))
    a3 = newer.person_named("A3")
    b3 = newer.person_named("B3")
    assert a3 is not None and b3 is not None
    newer = newer.with_tie(carla.key, a3.key).with_tie(a3.key, b3.key)
    changes = compare(older, newer)
    assert changes.joined == ("Carla",)
    assert changes.left == ("Zoe",)
    assert set(changes.new_ties) == {("A3", "Carla"), ("A3", "B3")}
    assert changes.lost_ties == ()
    assert changes.clusters_before == 2


def test_the_analysis_reads_as_sentences_in_english() -> None:
    from course.core.network_map import describe
    from course.i18n import Catalogue

    network = two_groups_and_a_connector()
    sentences = describe(network, analyse(network), Catalogue("en"))
    text = "\n".join(sentences)
    assert sentences[0] == "Your map shows 2 groups."
    assert "“coach” and “LinkedIn”" in text and "2 of them use your offer." in text
    assert "Without Dirk, groups 1 and 2 would not talk to each other." in text
    assert "Zoe has no tie to anyone on your map yet: whom does Zoe know?" in text
    assert "“coach” and “LinkedIn” are common in group 1 and rare in group 2" in text
    assert "Without A1, A2 and A3 would lose touch with the rest of your map." in text
    assert "The tie between" not in text  # Dirk's ties are said already, by his name


def test_the_analysis_reads_as_sentences_in_german() -> None:
    from course.core.network_map import describe
    from course.i18n import Catalogue

    network = two_groups_and_a_connector()
    text = "\n".join(describe(network, analyse(network), Catalogue("de")))
    assert "Ohne Dirk würden die Gruppen 1 und 2 nicht miteinander reden." in text
    assert "Ihre Karte zeigt 2 Gruppen." in text


def test_an_empty_map_asks_for_people() -> None:
    from course.core.network_map import describe
    from course.i18n import Catalogue

    assert describe(NetworkMap(), analyse(NetworkMap()), Catalogue("en")) == [
        "Your map is empty: add the people who matter for your offer."
    ]


@pytest.mark.parametrize("seed", range(6))
def test_the_fast_graph_measures_agree_with_networkx(seed: int) -> None:
    """Betweenness, cut vertices and bridges are computed on adjacency lists for speed;
    on random maps (with isolated people and leaves) they must equal networkx's."""
    import random

    import networkx as nx

    from course.core.network_map import _betweenness, _cuts_and_bridges

    draw = random.Random(seed)
    count = draw.randrange(5, 50)
    graph: nx.Graph[int] = nx.Graph()
    graph.add_nodes_from(range(count))
    for _ in range(draw.randrange(count // 2, count * 2)):
        a, b = draw.randrange(count), draw.randrange(count)
        if a != b:
            graph.add_edge(a, b)
    neighbours = [list(graph.neighbors(node)) for node in range(count)]
    expected = nx.betweenness_centrality(graph, normalized=True)
    assert _betweenness(neighbours) == pytest.approx([expected[n] for n in range(count)])
    cuts, bridges = _cuts_and_bridges(neighbours)
    assert cuts == set(nx.articulation_points(graph))
    assert {frozenset(b) for b in bridges} == {frozenset(b) for b in nx.bridges(graph)}
