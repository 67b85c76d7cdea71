"""The live picture of a network map: clusters as framed groups, connectors between them.

Why not a drawn graph of dots and lines: measured with `benchmarks/network_map.py`'s
sibling experiment (netext 0.5, a Textual graph widget with a Sugiyama layout), a map of 40
people and 60 ties took 290 ms to lay out in 50×20 cells and its boxes overlapped until the
labels were unreadable; 150 people and 400 ties took 9.5 s at 150×46. A terminal has too
few cells for 150 dots and 400 lines. What the learner needs to see is what the analysis
finds — who is grouped with whom, who joins the groups, who is alone — so the picture draws
exactly that: each cluster a box of its people, the links between clusters with the people
who carry them, and the isolated people apart. It lays out in a few milliseconds for 150
people and stays readable at any width, because boxes flow into rows and the picture
scrolls. Zoom shows each person's tags; focus shows one person with all their ties.
"""

from __future__ import annotations

import textwrap
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.geometry import Size
from textual.strip import Strip

from course.core.network_map import MapAnalysis, NetworkMap
from course.ui.widgets.line_drawn import LineDrawn

CUSTOMER = "●"
"""Mark of a person who uses the learner's offer."""
OTHER = "○"
"""Mark of a person who does not (yet)."""
CONNECTOR = "◆"
"""Mark after a connector's label."""
MIN_BOX = 16
"""Cells of the narrowest group box."""


@dataclass(frozen=True)
class PictureView:
    """How the picture is shown: overview, zoomed in (with tags), or one person."""

    detail: bool = False
    """Show each person on a line of their own, with their tags."""
    focus: str | None = None
    """The key of the person shown with all their ties, or None for the whole map."""


def _token(label: str, customer: bool, connector: bool) -> Text:
    text = Text(f"{CUSTOMER if customer else OTHER}{label}", no_wrap=True)
    if customer:
        text.stylize("bold")
    if connector:
        text.append(CONNECTOR)
        text.stylize("underline", 1, 1 + len(label))
    return text


def _box(title: str, lines: Sequence[Text], width: int, dashed: bool = False) -> list[Text]:
    """A framed box `width` cells wide around `lines`, its title in the top border."""
    inner = width - 4
    horizontal, vertical = ("┄", "┆") if dashed else ("─", "│")
    title = title if len(title) <= inner else title[: max(0, inner - 1)] + "…"
    top = Text(f"╭{horizontal} {title} " + horizontal * max(0, inner - len(title) - 1) + "╮")
    top.stylize("bold", 3, 3 + len(title))
    out = [top]
    for line in lines:
        row = Text(f"{vertical} ")
        shown = line.copy()
        shown.truncate(inner, overflow="ellipsis")
        row.append_text(shown)
        row.append(" " * max(0, inner - shown.cell_len) + f" {vertical}")
        out.append(row)
    out.append(Text("╰" + horizontal * (width - 2) + "╯"))
    return out


def _flow(tokens: Sequence[Text], inner: int) -> list[Text]:
    """Tokens into lines of at most `inner` cells, one space apart."""
    lines: list[Text] = []
    line = Text()
    for token in tokens:
        if line.cell_len and line.cell_len + 1 + token.cell_len > inner:
            lines.append(line)
            line = Text()
        if line.cell_len:
            line.append(" ")
        line.append_text(token)
    if line.cell_len or not lines:
        lines.append(line)
    return lines


def draw_map(
    network: NetworkMap,
    analysis: MapAnalysis,
    width: int,
    t: Callable[..., str],
    view: PictureView = PictureView(),
) -> Text:
    """The picture of `network` in at most `width` cells per line."""
    width = max(width, MIN_BOX)
    if view.focus is not None and network.person(view.focus) is not None:
        return _draw_focus(network, analysis, width, t, view.focus)
    people = {person.key: person for person in network.people}
    connectors = {c.key for c in analysis.connectors}
    blocks: list[list[Text]] = []
    for cluster in analysis.clusters:
        title = t("network.picture_group", number=cluster.number)
        if cluster.uniting_tags:
            title += f" · {cluster.uniting_tags[0]}"
        tokens = [
            _token(people[key].label, people[key].uses_offer, key in connectors)
            for key in cluster.members
        ]
        if view.detail:
            lines = []
            for key, token in zip(cluster.members, tokens, strict=True):
                tags = ", ".join(people[key].tags)
                line = token.copy()
                if tags:
                    line.append(f"  {tags}", style="dim")
                lines.append(line)
            box_width = width
        else:
            longest = max(token.cell_len for token in tokens)
            natural = sum(token.cell_len + 1 for token in tokens) + 3
            box_width = min(width, max(MIN_BOX, len(title) + 6, longest + 4, min(natural, 30)))
            lines = _flow(tokens, box_width - 4)
        blocks.append(_box(title, lines, box_width))
    if analysis.isolated:
        tokens = [
            _token(people[key].label, people[key].uses_offer, False) for key in analysis.isolated
        ]
        title = t("network.picture_alone")
        box_width = min(
            width, max(MIN_BOX, len(title) + 6, min(30, 3 + sum(x.cell_len + 1 for x in tokens)))
        )
        blocks.append(_box(title, _flow(tokens, box_width - 4), box_width, dashed=True))
    out: list[Text] = []
    row: list[list[Text]] = []
    used = 0
    for block in blocks:
        block_width = block[0].cell_len
        if row and used + 1 + block_width > width:
            out.extend(_side_by_side(row))
            row, used = [], 0
        row.append(block)
        used += block_width + (1 if used else 0)
    if row:
        out.extend(_side_by_side(row))
    out.extend(_links(network, analysis, t))
    if network.people:
        legend = t("network.picture_legend", customer=CUSTOMER, other=OTHER, connector=CONNECTOR)
        # On a narrow picture each mark gets a line of its own rather than a scrollbar.
        parts = [legend] if len(legend) <= width else legend.split("  ")
        out.extend(Text(part, style="dim") for part in parts)
    else:
        # Wrapped by hand: the picture does not wrap (see `_unwrapped`), and cut off at
        # 80×24 the hint lost its second half, how to connect people.
        hint = textwrap.wrap(t("network.picture_empty"), width)
        out.extend(Text(line, style="dim") for line in hint)
    return _unwrapped(Text("\n").join(out))


def _side_by_side(blocks: Sequence[list[Text]]) -> list[Text]:
    height = max(len(block) for block in blocks)
    rows: list[Text] = []
    for index in range(height):
        line = Text(no_wrap=True)
        for number, block in enumerate(blocks):
            if number:
                line.append(" ")
            part = block[index] if index < len(block) else Text(" " * block[0].cell_len)
            line.append_text(part)
        rows.append(line)
    return rows


def _links(network: NetworkMap, analysis: MapAnalysis, t: Callable[..., str]) -> list[Text]:
    """One line per pair of clusters that have ties: how many, and through whom."""
    cluster_of = analysis.cluster_of
    label = {person.key: person.label for person in network.people}
    counts: Counter[tuple[int, int]] = Counter()
    carriers: dict[tuple[int, int], Counter[str]] = {}
    for tie in network.ties:
        a, b = cluster_of.get(tie.first), cluster_of.get(tie.second)
        if a is None or b is None or a == b:
            continue
        pair = (min(a, b), max(a, b))
        counts[pair] += 1
        carriers.setdefault(pair, Counter()).update((tie.first, tie.second))
    lines = []
    for (a, b), count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        via = [label[key] for key, _ in carriers[(a, b)].most_common(3)]
        line = Text(f" {a} ", style="bold")
        line.append("═" * 3 if count > 1 else "─" * 3)
        line.append(f" {b} ", style="bold")
        key = "network.picture_via" if count > 1 else "network.picture_via_one"
        line.append(" " + t(key, count=count, people=", ".join(via)), style="dim")
        lines.append(line)
    return lines


def _draw_focus(
    network: NetworkMap, analysis: MapAnalysis, width: int, t: Callable[..., str], key: str
) -> Text:
    person = network.person(key)
    assert person is not None
    number = analysis.cluster_of.get(key)
    connectors = {c.key for c in analysis.connectors}
    head = [_token(person.label, person.uses_offer, key in connectors)]
    if person.tags:
        head.append(Text(", ".join(person.tags), style="dim"))
    where = t("network.picture_group", number=number) if number else t("network.picture_alone")
    out = _box(where, head, min(width, max(MIN_BOX, max(x.cell_len for x in head) + 4)))
    neighbours = []
    for tie in network.ties:
        if key in tie.pair:
            other_key = tie.second if tie.first == key else tie.first
            other = network.person(other_key)
            assert other is not None
            line = Text("  ├── ")
            if tie.kind:
                line.append(f"{tie.kind} ── ", style="italic")
            line.append_text(_token(other.label, other.uses_offer, other_key in connectors))
            group = analysis.cluster_of.get(other_key)
            if group is not None and group != number:
                line.append(f"  ({t('network.picture_group', number=group)})", style="dim")
            neighbours.append(line)
    if neighbours:
        last = neighbours[-1]
        neighbours[-1] = Text("  └── ") + last[6:]
    else:
        neighbours.append(Text("  " + t("network.picture_no_ties"), style="dim"))
    return _unwrapped(Text("\n").join([*out, *neighbours]))


def _unwrapped(text: Text) -> Text:
    """Lines too long for the picture end in "…" instead of wrapping: the picture's height
    is its number of lines."""
    text.no_wrap = True
    text.overflow = "ellipsis"
    return text


class MapPicture(LineDrawn):
    """The picture of the map, laid out for the width it is given.

    It is drawn when Textual asks for its height at a width (and cached for that width and
    map), so the first paint of the workbench already holds it, and a resized terminal
    lays it out again by itself. Only the lines on screen are turned into cells, each once:
    the whole picture of 150 people (64 lines in the frame of an 80×24 screen, 14 of them
    visible) through Textual's renderer took 6 to 9 ms of the workbench's first drawing
    (benchmarks/network_map.py).
    """

    DEFAULT_CSS = """
    MapPicture {
        height: auto;
    }
    """

    def __init__(self, t: Callable[..., str], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._t = t
        self._network = NetworkMap()
        self._analysis = MapAnalysis()
        self.view = PictureView()
        """What the picture shows."""
        self._drawn: tuple[int, Text, list[Text]] | None = None
        self._strips: dict[tuple[int, int, Style], Strip] = {}

    def show(self, network: NetworkMap, analysis: MapAnalysis, view: PictureView) -> None:
        """Draw this map and view."""
        self._network, self._analysis, self.view = network, analysis, view
        self._drawn = None
        self._strips.clear()
        self.refresh(layout=True)

    def _drawing(self, width: int) -> tuple[int, Text, list[Text]]:
        if self._drawn is None or self._drawn[0] != width:
            text = draw_map(self._network, self._analysis, width, self._t, self.view)
            self._drawn = (width, text, list(text.split("\n", allow_blank=True)))
            self._strips.clear()
        return self._drawn

    def picture(self, width: int) -> Text:
        """The picture at `width` cells."""
        return self._drawing(width)[1]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._drawing(width)[2])

    def render_line(self, y: int) -> Strip:
        width = self.content_size.width
        base = self.base_style
        key = (width, y, base)
        strip = self._strips.get(key)
        if strip is None:
            lines = self._drawing(width)[2]
            if y < len(lines):
                # As the picture's Text would be shown: too long ends in "…", never wraps.
                line = lines[y].copy()
                line.truncate(width, overflow="ellipsis")
                segments = Segment.apply_style(line.render(self.app.console), base)
                strip = Strip(segments).adjust_cell_length(width, base)
            else:
                strip = Strip.blank(width, base)
            self._strips[key] = strip
        return strip
