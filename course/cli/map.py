"""`course map`: the learner's network map out of the store (DOT, Mermaid, GraphML, a
Markdown summary) or into it from CSV files, as the workbench does it."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from course.cli import common
from course.core.network_map import NetworkMap, analyse, describe
from course.i18n import Catalogue
from course.locations import write_atomically
from course.store import StoreError

NAME = "map"
SUMMARY = "export the network map (dot, mermaid, graphml, markdown) or import it from CSV"

FORMATS = ("dot", "mermaid", "graphml", "markdown")
SUFFIXES = {
    ".dot": "dot",
    ".gv": "dot",
    ".mmd": "mermaid",
    ".mermaid": "mermaid",
    ".graphml": "graphml",
    ".md": "markdown",
    ".markdown": "markdown",
}
"""File name suffixes that choose a format when --format is not given."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """--profile, -o, --format, --ties, --people."""
    common.add_profile_option(parser, "whose map (default: 'default')")
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        default=None,
        help="write the map to FILE (default: standard output); its suffix chooses the "
        "format: .dot, .mmd, .graphml, .md",
    )
    parser.add_argument("--format", choices=FORMATS, default=None, help="the export format")
    parser.add_argument(
        "--ties",
        metavar="FILE",
        default=None,
        help="import instead: a CSV file of ties (first, second[, kind]); replaces the map, "
        "keeping the old one as a snapshot",
    )
    parser.add_argument(
        "--people",
        metavar="FILE",
        default=None,
        help="with --ties: a CSV file of people (label[, uses_offer][, tags])",
    )


def run(args: argparse.Namespace) -> int:
    """Import when --ties is given, else export."""
    if args.people and not args.ties:
        common.fail("--people needs --ties: a map is read from its ties and, optionally, people.")
    if args.ties and (args.output or args.format):
        common.fail("import (--ties) and export (-o, --format) are separate runs: give one.")
    course = common.open_course(args)
    name = common.profile_name(args)
    with common.open_store(args) as store:
        try:
            learner = store.find_learner(name)
            if learner is None and name != "default":
                common.fail(f"there is no profile named {name!r}; `course profiles` lists them.")
            learner = learner or store.learner(name)
            maps = store.network_maps(learner.id, course.id)
            if args.ties:
                return _import(args, maps)
            network = maps.current()
            answers = maps.answers()
        except StoreError as error:
            common.fail(error)
    if network is None or not network.people:
        common.fail(
            f"profile {name!r} has no network map yet: draw one in lesson 6's workbench "
            "(key w) or import one with `course map --ties FILE`."
        )
    output = Path(args.output) if args.output and args.output != "-" else None
    form = args.format or (SUFFIXES.get(output.suffix.lower()) if output else "dot")
    if form is None:
        assert output is not None
        common.fail(
            f"cannot tell the format from {output.name!r}: use .dot, .mmd, .graphml or .md, "
            "or give --format."
        )
    text = _export_text(network, answers, form, course, common.course_language(args, course))
    if output is None:
        sys.stdout.write(text)
        return 0
    try:
        write_atomically(output, text)
    except OSError as error:
        common.fail(f"cannot write {output}: {error.strerror or error}.")
    print(f"Wrote the network map of {name!r} to {output} ({form}).", file=sys.stderr)
    return 0


def _export_text(
    network: NetworkMap, answers: dict[str, str], form: str, course: object, language: str
) -> str:
    from course.interchange import network_formats as formats

    analysis = analyse(network)
    if form == "mermaid":
        return formats.to_mermaid(network)
    if form == "graphml":
        return formats.to_graphml(network)
    if form == "dot":
        return formats.to_dot(network, analysis)
    from course.content.network_practice import activity_in
    from course.core.model import Course
    from course.core.network_activity import ClosingQuestion

    assert isinstance(course, Course)
    t = Catalogue(language)
    questions: tuple[ClosingQuestion, ...] = ()
    lesson = next((x.id for x in course.text(language).lessons if activity_in(course, x.id)), None)
    if lesson is not None:
        found = activity_in(course, lesson)
        questions = found(language).questions if found else ()
    # Questions are shown with the learner's answers only: an empty page of questions is
    # no summary of their map.
    asked = [(q.text, answers.get(q.id, "")) for q in questions] if answers else []
    asked += [(key, text) for key, text in answers.items() if key not in {q.id for q in questions}]
    sentences = describe(network, analysis, t)
    return formats.to_markdown(network, analysis, sentences, asked, t, t("network.own_title"))


def _import(args: argparse.Namespace, maps: object) -> int:
    from course.interchange.network_formats import read_csv_map
    from course.store.network_maps import NetworkMaps

    assert isinstance(maps, NetworkMaps)
    texts: list[str | None] = []
    for option, given in (("--ties", args.ties), ("--people", args.people)):
        if given is None:
            texts.append(None)
            continue
        path = Path(given)
        try:
            texts.append(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            common.fail(f"{option}: there is no file {path}.")
        except UnicodeDecodeError:
            common.fail(f"{path}: not a UTF-8 text file; save the sheet as CSV (UTF-8).")
        except OSError as error:
            common.fail(f"{path}: cannot be read: {error.strerror or error}.")
    result = read_csv_map(texts[0] or "", str(args.ties), texts[1], str(args.people or ""))
    if result.network is None:
        for problem in result.problems:
            print(problem, file=sys.stderr)
        common.fail("nothing was imported; correct the lines above and run it again.")
    old = maps.current()
    if old is not None and old.people:
        maps.take_snapshot("before the import", old)
    maps.save(result.network)
    people, ties = len(result.network.people), len(result.network.ties)
    kept = (
        " (the old map is kept as the snapshot 'before the import')" if old and old.people else ""
    )
    counted = (
        f"{people} {'person' if people == 1 else 'people'} "
        f"and {ties} {'tie' if ties == 1 else 'ties'}"
    )
    print(f"Imported a map of {counted}{kept}.", file=sys.stderr)
    return 0
