"""`course map`: the learner's network map out (DOT, Mermaid, GraphML, Markdown) and in
(CSV), with clear messages and exit 1 on bad input; and the map's privacy in `course
export`, `course reset` and the class dashboard."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import networkx as nx
import pydot
import pytest

from course.cli import main as cli
from course.core.network_map import NetworkMap, graph_of
from course.store import ProgressStore
from course.ui.dashboard import ClassDashboardApp

COURSE = "market-is-conversation"
"""The bundled course, which `course` uses when no other is given."""


@pytest.fixture(autouse=True)
def english_system(monkeypatch: pytest.MonkeyPatch) -> None:
    """Messages in English, whatever the machine's locale."""
    for variable in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")


def course_main(*argv: str) -> int:
    """Run `course ARGV`; SystemExit is turned into its code."""
    try:
        return cli.main(list(argv))
    except SystemExit as exit_:
        return int(exit_.code or 0)


def kerstins_map() -> NetworkMap:
    network = NetworkMap()
    keys = {}
    for label, customer, tags in [
        ("A", True, ["nursing", "association"]),
        ("B", False, ["nursing", "D's group"]),
        ("C", True, ["training", "association", "D's group"]),
        ('D "the host"', False, ["D's group", "LinkedIn"]),
    ]:
        network, person = network.with_person(label, customer, tags)
        keys[label[0]] = person.key
    for first, second, kind in [
        ("A", "B", "same hospital"),
        ("A", "C", "association"),
        ("C", "D", "posts in D's group"),
        ("B", "D", ""),
    ]:
        network = network.with_tie(keys[first], keys[second], kind)
    return network


@pytest.fixture
def saved(data_dir: Path) -> NetworkMap:
    """The default profile's map of the bundled course, with an answer and a snapshot."""
    with ProgressStore.open(data_dir) as store:
        learner = store.learner()
        maps = store.network_maps(learner.id, COURSE)
        maps.save(kerstins_map())
        maps.save_answers({"shared": "helping new nurses settle in"})
        maps.take_snapshot("first", kerstins_map())
        store.lesson_opened(learner.id, COURSE, "network-exercise")
    return kerstins_map()


def same_graph(found: nx.Graph[str], network: NetworkMap) -> None:
    expected = graph_of(network)
    assert set(found.nodes) == set(expected.nodes)
    assert {frozenset(edge) for edge in found.edges} == {frozenset(edge) for edge in expected.edges}


def test_dot_written_by_the_command_parses_back_to_the_same_graph(
    saved: NetworkMap, tmp_path: Path
) -> None:
    target = tmp_path / "market.dot"
    assert course_main("map", "-o", str(target)) == 0
    (graph,) = pydot.graph_from_dot_data(target.read_text(encoding="utf-8"))
    found: nx.Graph[str] = nx.Graph()
    for node in graph.get_nodes():
        if node.get_name().strip('"') not in ("node", "graph", "edge"):
            found.add_node(node.get_name().strip('"'))
    for sub in graph.get_subgraphs():
        for node in sub.get_nodes():
            found.add_node(node.get_name().strip('"'))
    for edge in graph.get_edges():
        found.add_edge(edge.get_source().strip('"'), edge.get_destination().strip('"'))
    same_graph(found, saved)


def test_graphml_written_by_the_command_keeps_labels_offer_and_tags(
    saved: NetworkMap, tmp_path: Path
) -> None:
    target = tmp_path / "market.graphml"
    assert course_main("map", "-o", str(target)) == 0
    found = nx.read_graphml(target)
    same_graph(found, saved)
    assert found.nodes["p4"]["label"] == 'D "the host"'
    assert found.nodes["p1"]["uses_offer"] is True


def test_mermaid_goes_to_standard_output_with_format(
    saved: NetworkMap, capsys: pytest.CaptureFixture[str]
) -> None:
    assert course_main("map", "--format", "mermaid") == 0
    out = capsys.readouterr().out
    assert out.startswith("graph LR")
    assert 'p1 ---|"same hospital"| p2' in out


def test_the_markdown_summary_holds_the_analysis_and_the_answers(
    saved: NetworkMap, tmp_path: Path
) -> None:
    target = tmp_path / "summary.md"
    assert course_main("map", "-o", str(target)) == 0
    text = target.read_text(encoding="utf-8")
    assert "```mermaid" in text and "## What the map shows" in text
    assert "helping new nurses settle in" in text


def test_an_unknown_suffix_is_refused_with_the_formats_named(
    saved: NetworkMap, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert course_main("map", "-o", str(tmp_path / "map.txt")) == 1
    assert ".dot, .mmd, .graphml or .md" in capsys.readouterr().err
    assert not (tmp_path / "map.txt").exists()


def test_export_without_a_map_says_how_to_make_one(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert course_main("map", "--format", "dot") == 1
    assert "has no network map yet" in capsys.readouterr().err


def test_csv_import_replaces_the_map_and_keeps_the_old_one_as_a_snapshot(
    saved: NetworkMap, data_dir: Path, tmp_path: Path
) -> None:
    ties = tmp_path / "ties.csv"
    ties.write_text("first;second;kind\nX;Y;knows\nY;Z;\n", encoding="utf-8")
    people = tmp_path / "people.csv"
    people.write_text('label,uses_offer,tags\nX,yes,"coach; LinkedIn"\n', encoding="utf-8")
    assert course_main("map", "--ties", str(ties), "--people", str(people)) == 0
    with ProgressStore.open(data_dir) as store:
        maps = store.network_maps(store.learner().id, COURSE)
        network = maps.current()
        assert network is not None
        assert [p.label for p in network.people] == ["X", "Y", "Z"]
        x = network.person_named("X")
        assert x is not None and x.uses_offer and x.tags == ("coach", "LinkedIn")
        assert [s.name for s in maps.snapshots()] == ["first", "before the import"]


def test_the_import_message_counts_one_tie_as_a_tie(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ties = tmp_path / "ties.csv"
    ties.write_text("first,second\nX,Y\n", encoding="utf-8")
    assert course_main("map", "--ties", str(ties)) == 0
    assert "Imported a map of 2 people and 1 tie." in capsys.readouterr().err


def test_a_bad_csv_line_is_named_and_nothing_is_imported(
    saved: NetworkMap, data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ties = tmp_path / "ties.csv"
    ties.write_text("first,second\nX,Y\nX,\n", encoding="utf-8")
    assert course_main("map", "--ties", str(ties)) == 1
    err = capsys.readouterr().err
    assert f"{ties}:3:" in err and "nothing was imported" in err
    with ProgressStore.open(data_dir) as store:
        assert store.network_maps(store.learner().id, COURSE).current() == saved


def test_a_missing_csv_file_is_a_clear_error(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert course_main("map", "--ties", str(tmp_path / "nope.csv")) == 1
    assert "there is no file" in capsys.readouterr().err


def test_people_without_ties_is_refused(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert course_main("map", "--people", str(tmp_path / "p.csv")) == 1
    assert "--people needs --ties" in capsys.readouterr().err


# Privacy ------------------------------------------------------------------------------------


def test_course_export_leaves_the_map_out_unless_private_texts_are_asked_for(
    saved: NetworkMap, capsys: pytest.CaptureFixture[str]
) -> None:
    assert course_main("export") == 0
    plain = capsys.readouterr().out
    assert "network_map" not in plain and "same hospital" not in plain
    assert course_main("export", "--include-private") == 0
    (course,) = [c for c in json.loads(capsys.readouterr().out)["courses"] if c["id"] == COURSE]
    assert NetworkMap.from_json(course["network_map"]["map"]) == saved
    assert course["network_map"]["answers"] == {"shared": "helping new nurses settle in"}


def test_course_reset_deletes_the_map(saved: NetworkMap, data_dir: Path) -> None:
    sys.stdin = io.StringIO("")
    try:
        assert course_main("reset", "--yes") == 0
    finally:
        sys.stdin = sys.__stdin__
    with ProgressStore.open(data_dir) as store:
        maps = store.network_maps(store.learner().id, COURSE)
        assert maps.current() is None and maps.snapshots() == [] and maps.answers() == {}


async def test_the_class_dashboard_never_shows_a_learners_map(
    saved: NetworkMap, data_dir: Path
) -> None:
    from course.content import load_course

    loaded = load_course(Path(__file__).resolve().parents[2])
    assert loaded.course is not None
    with ProgressStore.open(data_dir) as store:
        app = ClassDashboardApp(loaded.course, store, "en")
        async with app.run_test(size=(200, 50)) as pilot:
            await pilot.pause(0.5)
            shown = app.export_screenshot().replace("&#160;", " ")
    assert "default" in shown  # the learner is listed …
    for private in ("same hospital", "the host", "helping new nurses", "D&#x27;s group"):
        assert private not in shown  # … but nothing of their map


def test_no_dashboard_or_class_view_code_reads_the_map_tables() -> None:
    root = Path(__file__).resolve().parents[2] / "course"
    for module in ("ui/dashboard.py", "workshop/classview.py", "store/classroom.py"):
        assert "network" not in (root / module).read_text(encoding="utf-8"), module
