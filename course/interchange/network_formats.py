"""A network map out of the app and into it: Graphviz DOT, Mermaid, GraphML, a one-page
Markdown summary, and CSV from a spreadsheet.

The exports are for printing, for a workshop's wall and for other graph tools; the CSV
import is for the many people who keep their contacts in a spreadsheet: a file of ties
(two columns, a third for the kind of tie) and, optionally, a file of people with their
tags and whether they use the learner's offer.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from course.core.network_map import MapAnalysis, MapError, NetworkMap, parse_tags

MAX_CSV_BYTES = 2_000_000
"""A CSV file larger than this is no map of the most important people."""

PERSON_COLUMNS = {
    "label": ("label", "name", "person", "kürzel", "kuerzel", "initials", "initialen", "rolle"),
    "uses_offer": ("uses_offer", "uses offer", "customer", "client", "kunde", "kundin", "nutzt"),
    "tags": ("tags", "tag", "merkmale", "schlagworte", "schlagwörter", "labels"),
}
"""Column names a people file may use, in English or German (case ignored)."""
TIE_COLUMNS = {
    "first": ("first", "from", "person 1", "person1", "a", "von", "erste"),
    "second": ("second", "to", "person 2", "person2", "b", "an", "zweite", "zu"),
    "kind": ("kind", "type", "tie", "art", "verbindung", "beziehung"),
}
"""Column names a ties file may use."""
YES = frozenset({"yes", "y", "true", "1", "x", "ja", "j", "wahr"})
NO = frozenset({"no", "n", "false", "0", "", "nein", "falsch"})


# Out ----------------------------------------------------------------------------------------


def _dot_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def to_dot(network: NetworkMap, analysis: MapAnalysis | None = None, name: str = "market") -> str:
    """The map in Graphviz DOT: people as boxes (bold for those who use the offer), ties as
    lines with their kind, and each cluster of `analysis` as a framed subgraph."""
    lines = [f"graph {_dot_string(name)} {{", "  node [shape=box];"]
    in_cluster: set[str] = set()
    if analysis is not None:
        for cluster in analysis.clusters:
            lines.append(f"  subgraph cluster_{cluster.number} {{")
            lines.append(f"    label={_dot_string(f'{cluster.number}')};")
            lines.extend(f"    {_dot_string(key)};" for key in cluster.members)
            lines.append("  }")
            in_cluster.update(cluster.members)
    for person in network.people:
        attributes = [f"label={_dot_string(person.label)}"]
        if person.uses_offer:
            attributes.append("style=bold")
        if person.tags:
            attributes.append(f"tooltip={_dot_string(', '.join(person.tags))}")
        lines.append(f"  {_dot_string(person.key)} [{', '.join(attributes)}];")
    for tie in network.ties:
        kind = f" [label={_dot_string(tie.kind)}]" if tie.kind else ""
        lines.append(f"  {_dot_string(tie.first)} -- {_dot_string(tie.second)}{kind};")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _mermaid_text(text: str) -> str:
    # Mermaid takes entity codes inside quoted labels; a quote would end the label.
    return text.replace('"', "#quot;").replace("\n", " ")


def to_mermaid(network: NetworkMap) -> str:
    """The map as a Mermaid flowchart (`graph LR`), which Markdown renderers such as
    GitHub's draw; people who use the offer get the class `customer`."""
    lines = ["graph LR"]
    for person in network.people:
        lines.append(f'  {person.key}["{_mermaid_text(person.label)}"]')
    for tie in network.ties:
        link = f'---|"{_mermaid_text(tie.kind)}"|' if tie.kind else "---"
        lines.append(f"  {tie.first} {link} {tie.second}")
    customers = [person.key for person in network.people if person.uses_offer]
    if customers:
        lines.append("  classDef customer stroke-width:3px")
        lines.append(f"  class {','.join(customers)} customer")
    return "\n".join(lines) + "\n"


def to_graphml(network: NetworkMap) -> str:
    """The map as GraphML (for yEd, Gephi, Cytoscape): label, offer and tags per node."""
    import networkx as nx

    from course.core.network_map import graph_of

    graph = graph_of(network)
    for person in network.people:
        graph.nodes[person.key].update(
            label=person.label, uses_offer=person.uses_offer, tags="; ".join(person.tags)
        )
    for tie in network.ties:
        graph.edges[tie.first, tie.second]["kind"] = tie.kind
    return "\n".join(nx.generate_graphml(graph)) + "\n"


def to_markdown(
    network: NetworkMap,
    analysis: MapAnalysis,
    sentences: Sequence[str],
    answers: Sequence[tuple[str, str]],
    t: Callable[..., str],
    title: str,
) -> str:
    """One page to print or take to a workshop: the picture (as Mermaid, which Markdown
    viewers draw), the people and their tags, what the map shows, and the learner's
    answers to the closing questions."""
    out = [f"# {title}", "", "```mermaid", to_mermaid(network).rstrip(), "```", ""]
    out += [f"## {t('network.summary_people')}", ""]
    for person in network.people:
        mark = f" ({t('network.summary_customer')})" if person.uses_offer else ""
        tags = f": {', '.join(person.tags)}" if person.tags else ""
        out.append(f"- **{person.label}**{mark}{tags}")
    out += ["", f"## {t('network.summary_shows')}", ""]
    out += [f"- {sentence}" for sentence in sentences]
    if answers:
        out += ["", f"## {t('network.summary_answers')}", ""]
        for question, answer in answers:
            out += [f"**{question}**", "", answer.strip() or "–", ""]
    return "\n".join(out).rstrip() + "\n"


# In -----------------------------------------------------------------------------------------


@dataclass
class CsvResult:
    """What reading a map from CSV gave: the map, or the problems with their lines."""

    network: NetworkMap | None = None
    """The map, when there was no error."""
    problems: list[str] = field(default_factory=list)
    """`file:line: message` for each problem."""


def _rows(text: str) -> list[list[str]]:
    """The rows of a CSV text, with the delimiter the first line uses: a comma, or the
    semicolon that spreadsheets write where the comma is the decimal mark, or a tab."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max(";,\t", key=first.count) if any(c in first for c in ";,\t") else ","
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


def _header(row: Sequence[str], known: dict[str, tuple[str, ...]]) -> dict[str, int] | None:
    names = [cell.strip().casefold() for cell in row]
    found = {
        column: names.index(alias)
        for column, aliases in known.items()
        for alias in aliases
        if alias in names
    }
    return found or None


def read_csv_map(
    ties_text: str,
    ties_name: str,
    people_text: str | None = None,
    people_name: str = "",
) -> CsvResult:
    """A map from a ties file (first, second[, kind]) and an optional people file (label[,
    uses_offer][, tags]). Both may have a header row (English or German column names)
    and use commas, semicolons or tabs. People named only in ties are added."""
    result = CsvResult()
    network = NetworkMap()
    for text, name in ((ties_text, ties_name), (people_text or "", people_name)):
        if len(text.encode("utf-8")) > MAX_CSV_BYTES:
            result.problems.append(
                f"{name}: the file is larger than {MAX_CSV_BYTES // 1_000_000} MB"
            )
            return result
    try:
        if people_text is not None:
            network = _read_people(
                network, _rows(people_text.lstrip("\ufeff")), people_name, result
            )
        network = _read_ties(network, _rows(ties_text.lstrip("\ufeff")), ties_name, result)
    except csv.Error as error:
        result.problems.append(f"{ties_name}: not a CSV file: {error}")
    if not result.problems:
        result.network = network
    return result


def _read_people(
    network: NetworkMap, rows: list[list[str]], name: str, result: CsvResult
) -> NetworkMap:
    columns = _header(rows[0], PERSON_COLUMNS) if rows else None
    start = 2 if columns else 1
    if columns is None:
        columns = {"label": 0, "uses_offer": 1, "tags": 2}
    elif "label" not in columns:
        result.problems.append(f"{name}:1: no column for the person's label (name it 'label')")
        return network
    for line, row in enumerate(rows[start - 1 :], start=start):
        if not any(cell.strip() for cell in row):
            continue

        def cell(column: str, row: list[str] = row) -> str:
            index = columns.get(column)
            return row[index].strip() if index is not None and index < len(row) else ""

        offer = cell("uses_offer").casefold()
        if offer not in YES | NO:
            result.problems.append(
                f"{name}:{line}: {cell('uses_offer')!r} is not yes or no (does the person "
                "use your offer?)"
            )
            continue
        try:
            network, _ = network.with_person(cell("label"), offer in YES, parse_tags(cell("tags")))
        except MapError as error:
            result.problems.append(f"{name}:{line}: {error}")
    return network


def _read_ties(
    network: NetworkMap, rows: list[list[str]], name: str, result: CsvResult
) -> NetworkMap:
    columns = _header(rows[0], TIE_COLUMNS) if rows else None
    start = 2 if columns else 1
    if columns is None:
        columns = {"first": 0, "second": 1, "kind": 2}
    elif not {"first", "second"} <= columns.keys():
        result.problems.append(f"{name}:1: a ties file needs two columns, 'first' and 'second'")
        return network
    for line, row in enumerate(rows[start - 1 :], start=start):
        if not any(cell.strip() for cell in row):
            continue
        cells = {
            column: row[index].strip() if index < len(row) else ""
            for column, index in columns.items()
        }
        if not cells["first"] or not cells["second"]:
            result.problems.append(f"{name}:{line}: a tie needs two people, one in each column")
            continue
        keys = []
        try:
            for label in (cells["first"], cells["second"]):
                person = network.person_named(label)
                if person is None:
                    network, person = network.with_person(label)
                keys.append(person.key)
            network = network.with_tie(keys[0], keys[1], cells.get("kind", ""))
        except MapError as error:
            result.problems.append(f"{name}:{line}: {error}")
    return network
