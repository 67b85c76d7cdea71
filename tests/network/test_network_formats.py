"""A network map out of the app (DOT, Mermaid, GraphML, Markdown) and in from CSV."""

from __future__ import annotations

import re

import networkx as nx
import pydot

from course.core.network_map import NetworkMap, analyse, describe
from course.i18n import Catalogue
from course.interchange.network_formats import (
    read_csv_map,
    to_dot,
    to_graphml,
    to_markdown,
    to_mermaid,
)

from .test_network_analysis import two_groups_and_a_connector


def awkward_map() -> NetworkMap:
    """Labels and kinds with quotes, backslashes and non-ASCII letters."""
    network = two_groups_and_a_connector()
    network, odd = network.with_person('Ö "the boss" \\ HR', True, ("Zürich",))
    return network.with_tie(odd.key, network.people[0].key, 'meets in "Kaffee" group')


def edges_by_label(network: NetworkMap) -> set[tuple[frozenset[str], str]]:
    label = {person.key: person.label for person in network.people}
    return {(frozenset((label[t.first], label[t.second])), t.kind) for t in network.ties}


def test_dot_reads_back_as_the_same_graph() -> None:
    network = awkward_map()
    (graph,) = pydot.graph_from_dot_data(to_dot(network, analyse(network)))
    nodes = {}
    for node in [*graph.get_nodes(), *(n for s in graph.get_subgraphs() for n in s.get_nodes())]:
        label = node.get("label")
        if label is not None:
            nodes[node.get_name().strip('"')] = (
                label[1:-1].replace('\\"', '"').replace("\\\\", "\\")
            )
    assert nodes == {person.key: person.label for person in network.people}
    read = set()
    for edge in graph.get_edges():
        kind = (edge.get("label") or '""')[1:-1].replace('\\"', '"')
        read.add(
            (
                frozenset(
                    (nodes[edge.get_source().strip('"')], nodes[edge.get_destination().strip('"')])
                ),
                kind,
            )
        )
    assert read == edges_by_label(network)
    assert len(graph.get_subgraphs()) == len(analyse(network).clusters)


def test_mermaid_reads_back_as_the_same_graph() -> None:
    network = awkward_map()
    text = to_mermaid(network)
    assert text.startswith("graph LR\n")
    nodes = {
        key: label.replace("#quot;", '"')
        for key, label in re.findall(r'^  (\w+)\["(.*)"\]$', text, re.MULTILINE)
    }
    assert nodes == {person.key: person.label for person in network.people}
    ties = {
        (frozenset((nodes[a], nodes[b])), (kind or "").replace("#quot;", '"'))
        for a, kind, b in re.findall(r'^  (\w+) ---(?:\|"(.*)"\|)? (\w+)$', text, re.MULTILINE)
    }
    assert ties == edges_by_label(network)
    customers = {p.key for p in network.people if p.uses_offer}
    assert f"  class {','.join(sorted(customers, key=lambda k: int(k[1:])))} customer" in text


def test_graphml_reads_back_with_labels_tags_and_kinds() -> None:
    network = awkward_map()
    graph = nx.parse_graphml(to_graphml(network))
    assert {n: graph.nodes[n]["label"] for n in graph} == {p.key: p.label for p in network.people}
    assert graph.nodes[network.people[-1].key]["tags"] == "Zürich"
    assert graph.number_of_edges() == len(network.ties)


def test_the_markdown_summary_holds_picture_people_findings_and_answers() -> None:
    network = two_groups_and_a_connector()
    analysis = analyse(network)
    catalogue = Catalogue("en")
    page = to_markdown(
        network,
        analysis,
        describe(network, analysis, catalogue),
        [("Which shared thing could my offer strengthen?", "Peer supervision for coaches.")],
        catalogue,
        "My market",
    )
    assert page.startswith("# My market\n\n```mermaid\ngraph LR\n")
    assert "- **A1** (uses my offer): coach, LinkedIn, Berlin" in page
    assert "- Without Dirk, groups 1 and 2 would not talk to each other." in page
    assert "**Which shared thing could my offer strengthen?**\n\nPeer supervision" in page


def test_a_spreadsheet_of_ties_alone_makes_a_map() -> None:
    result = read_csv_map("AK;BL;works with\nBL;CM\n", "ties.csv")
    assert result.problems == []
    assert result.network is not None
    assert [p.label for p in result.network.people] == ["AK", "BL", "CM"]
    assert edges_by_label(result.network) == {
        (frozenset({"AK", "BL"}), "works with"),
        (frozenset({"BL", "CM"}), ""),
    }


def test_people_with_tags_and_german_headers() -> None:
    people = "\ufeffName;Kunde;Merkmale\nAK;ja;Coach, Berlin\nBL;nein;HR\n"
    ties = "von,an,art\nAK,BL,kennt\n"
    result = read_csv_map(ties, "ties.csv", people, "people.csv")
    assert result.problems == []
    assert result.network is not None
    ak = result.network.person_named("AK")
    assert ak is not None and ak.uses_offer and ak.tags == ("Coach", "Berlin")


def test_mistakes_in_csv_are_named_with_file_and_line() -> None:
    people = "label,uses_offer,tags\nAK,yes,\nAK,no,\nBL,perhaps,\n"
    ties = "first,second\nAK,\nAK,AK\n"
    result = read_csv_map(ties, "ties.csv", people, "people.csv")
    assert result.network is None
    assert result.problems == [
        "people.csv:3: 'AK' is on the map already: give each person their own label",
        "people.csv:4: 'perhaps' is not yes or no (does the person use your offer?)",
        "ties.csv:2: a tie needs two people, one in each column",
        "ties.csv:3: a tie connects two different people",
    ]


def test_a_huge_csv_is_refused() -> None:
    result = read_csv_map("a,b\n" * 1_000_000, "ties.csv")
    assert result.network is None and "larger than" in result.problems[0]
