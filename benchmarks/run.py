"""How fast the course app starts and shows lessons, each figure next to a bare-Textual baseline.

Run from the repository root with the interpreter that has the app installed:

    python benchmarks/run.py

Every figure is measured next to a baseline taken in the same run on the same machine: a
bare Textual app doing the least it can (one `Static`). Comparing with the baseline, not
with a wall-clock number alone, tells what the course app adds on top of Textual itself.
The exit code is 1 when a target is missed, 2 when a figure could not be measured.

1. Start: a fresh interpreter until the outline is mounted and painted, against a bare app
   showing one `Static` (median of several runs each, after a warm-up run of each that
   also fills the bytecode caches). Target: at most 1.2 times the baseline.
2. Open a lesson: `app.open_lesson(id)` in a running app until the lesson screen is
   mounted and painted, every bundled lesson several times (after a warm-up round, which
   also fills the app's cache of rendered lesson text, as reading the course once does;
   the warm-up round's own figures, with nothing rendered yet, are printed as a note);
   baseline: pushing a screen with one `Static`. Target: the median of each lesson at or
   under the baseline's median (the maximum is printed too).
3. A generated lesson of 200 `##` sections until it is on screen; baseline: the same
   Markdown in one `Static(rich.markdown.Markdown(text))` in a bare app. Target: under 1 s.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    # `python benchmarks/run.py` puts benchmarks/ on the path, not the checkout.
    sys.path.insert(0, str(ROOT))

from rich.markdown import Markdown  # noqa: E402
from textual.app import App, ComposeResult  # noqa: E402
from textual.pilot import Pilot  # noqa: E402
from textual.screen import Screen  # noqa: E402
from textual.widgets import Static  # noqa: E402

from course.content import load_course  # noqa: E402
from course.core.model import Course  # noqa: E402
from course.locations import bundled_course_dir  # noqa: E402
from course.ui.app import make_app  # noqa: E402
from course.ui.screens.lesson import LessonScreen  # noqa: E402
from course.ui.widgets.markdown_text import RENDERED  # noqa: E402

START_RATIO_TARGET = 1.2
"""The course app may take at most this many times as long as the bare app to start."""
OPEN_LESSON_RATIO_TARGET = 1.0
"""Opening each bundled lesson may take at most this many times as long (median) as
pushing a screen with one `Static` in the bare app."""
LONG_LESSON_TARGET = 1.0
"""Seconds: the generated 200-section lesson must be on screen within this."""
LONG_LESSON_SECTIONS = 200
"""Number of `##` sections in the generated lesson."""
PYCACHE_FOLDER = "course-benchmarks-pycache"
"""Bytecode cache of the start-up children, in the system's temporary folder."""
PAINT_TIMEOUT = 60.0
"""Seconds to wait for a screen to be painted before giving up on the measurement."""
SIZE = (80, 24)
"""Terminal size of every measured app: the smallest the course is designed for."""

# The children of figure 1 run the app headless and report, on their last line of output,
# the moment (on the system-wide monotonic clock, shared with the parent) when the first
# screen had been mounted and painted; they then exit. The auto pilot starts once the app
# has been composed and mounted (for the course app: after `on_mount` pushed the outline),
# and `wait_for_refresh` returns after the screen's next compositor refresh.
CHILD_COMMON = """
import json, sys, time

def report(app):
    async def until_painted(pilot):
        screen = app.screen
        await screen.wait_for_refresh()
        sys.stdout.write(json.dumps({"ready": time.monotonic(),
                                     "screen": type(app.screen).__name__}) + "\\n")
        sys.stdout.flush()
        app.exit()
    return until_painted
"""

BARE_CHILD = (
    CHILD_COMMON
    + """
from textual.app import App
from textual.widgets import Static

class Bare(App[None]):
    def compose(self):
        yield Static("Hello")

app = Bare()
app.run(headless=True, size=(80, 24), auto_pilot=report(app))
"""
)

COURSE_CHILD = (
    CHILD_COMMON
    + """
import tempfile
from pathlib import Path

from course.content import load_course
from course.locations import bundled_course_dir

result = load_course(bundled_course_dir())
if result.course is None:
    sys.exit("the bundled course does not load: " + "; ".join(map(str, result.errors)))
from course.ui.app import make_app

with tempfile.TemporaryDirectory() as data:
    app = make_app(result.course, Path(data), language="en")
    try:
        app.run(headless=True, size=(80, 24), auto_pilot=report(app))
    finally:
        app.store.close()
"""
)


class BenchmarkError(RuntimeError):
    """A measurement could not be taken (the app failed or showed the wrong screen)."""


@dataclass(frozen=True)
class Row:
    """One line of the result table."""

    figure: str
    """What was measured."""
    measured: str
    """The course app's figure, formatted."""
    baseline: str
    """The bare app's figure, formatted."""
    ratio: float
    """Measured over baseline."""
    target: str
    """The target, in words."""
    ok: bool
    """Whether the target was met."""


def ms(seconds: float) -> str:
    """Seconds as whole milliseconds."""
    return f"{seconds * 1000:.0f} ms"


# 1. Start ------------------------------------------------------------------------------


def child_environment() -> dict[str, str]:
    """The environment of the children: bytecode is cached, as in a normal installation.

    Some environments set PYTHONDONTWRITEBYTECODE, which would make every child compile
    the app's modules again; the cache goes to a folder of its own so that the checkout
    stays clean and both apps are measured with the same, warm, cache.
    """
    environment = dict(os.environ)
    environment.pop("PYTHONDONTWRITEBYTECODE", None)
    environment["PYTHONPYCACHEPREFIX"] = str(Path(tempfile.gettempdir()) / PYCACHE_FOLDER)
    return environment


def start_time(code: str, expected_screen: str) -> float:
    """Seconds from starting a fresh interpreter on `code` until its first screen is painted."""
    environment = child_environment()
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    if done.returncode != 0:
        raise BenchmarkError(f"child failed ({done.returncode}):\n{done.stderr[-2000:]}")
    lines = done.stdout.strip().splitlines()
    if not lines:
        raise BenchmarkError(f"child reported nothing:\n{done.stderr[-2000:]}")
    report = json.loads(lines[-1])
    if report["screen"] != expected_screen:
        raise BenchmarkError(f"child showed {report['screen']}, not {expected_screen}")
    return float(report["ready"]) - started


def measure_start(runs: int) -> tuple[list[float], list[float]]:
    """Start times of the bare app and of the course app, interleaved so drift hits both."""
    bare: list[float] = []
    course: list[float] = []
    for run in range(runs + 1):
        bare_time = start_time(BARE_CHILD, "Screen")
        course_time = start_time(COURSE_CHILD, "OutlineScreen")
        if run:  # the first run of each warms the disk cache and writes bytecode
            bare.append(bare_time)
            course.append(course_time)
    return bare, course


# Opening screens in a running app ----------------------------------------------------


class Page(Screen[None]):
    """A screen holding one `Static`."""

    def __init__(self, content: Callable[[], Any]) -> None:
        super().__init__()
        self._content = content

    def compose(self) -> ComposeResult:
        yield Static(self._content())


class BareApp(App[None]):
    """A bare app whose pages replace each other like the course app's lessons do."""

    def compose(self) -> ComposeResult:
        yield Static("Start")

    def open_page(self, content: Callable[[], Any]) -> None:
        """Replace the page shown (if any) with a new one holding `content()`."""
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.push_screen(Page(content))


@dataclass(frozen=True)
class Opening:
    """How long one screen took to appear."""

    first_paint: float
    """Seconds until the new screen's first layout was painted (what the learner sees first)."""
    settled: float
    """Seconds until it was mounted and painted with nothing left to lay out or repaint."""


async def time_to_paint(pilot: Pilot[Any], open_screen: Callable[[], None], kind: type) -> Opening:
    """Time from calling `open_screen` until the screen it pushed is mounted and painted.

    `settled` is the figure judged: `wait_for_refresh` returns once the screen has been
    mounted, refreshed, and has no layout or repaint pending. The screen's follow-up work
    (restoring the scroll position, finishing the screen it replaced) then settles outside
    the timing, so that it does not count against the next measurement.
    """
    app = pilot.app
    gc.collect()
    painted: list[float] = []

    def first_paint(_screen: Screen[Any]) -> None:
        if not painted:
            painted.append(time.perf_counter())

    started = time.perf_counter()
    open_screen()
    screen = app.screen
    # Published after each layout refresh of the screen, once it has been painted.
    screen.screen_layout_refresh_signal.subscribe(app, first_paint, immediate=True)
    try:
        await asyncio.wait_for(screen.wait_for_refresh(), PAINT_TIMEOUT)
    except TimeoutError:
        raise BenchmarkError(
            f"{type(screen).__name__} was not painted within {PAINT_TIMEOUT:.0f} s"
            " (an error in the app stops it from painting: run the app to see it)"
        ) from None
    settled = time.perf_counter()
    if not isinstance(screen, kind) or app.screen is not screen:
        raise BenchmarkError(f"expected a {kind.__name__} on top, found {app.screen!r}")
    screen.screen_layout_refresh_signal.unsubscribe(app)
    await pilot.pause()
    return Opening((painted[0] if painted else settled) - started, settled - started)


async def measure_lessons(
    course: Course, data_dir: Path, rounds: int
) -> tuple[dict[str, list[Opening]], dict[str, Opening]]:
    """Open each lesson of `course` `rounds` times, after one warm-up round.

    Lessons are opened in course order, each replacing the one before (as "Next" does),
    straight away, so the app has no idle moment to render the next lesson ahead. Also
    returns the warm-up round's openings: the first of them pays for imports and cold
    style caches, and none of them finds its text rendered.
    """
    RENDERED.clear()
    app = make_app(course, data_dir, language="en")
    times: dict[str, list[Opening]] = {lesson.id: [] for lesson in course.text("en").lessons}
    cold: dict[str, Opening] = {}
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            for round_ in range(rounds + 1):
                for lesson_id in times:
                    opening = await time_to_paint(
                        pilot, lambda lesson_id=lesson_id: app.open_lesson(lesson_id), LessonScreen
                    )
                    if round_:
                        times[lesson_id].append(opening)
                    else:
                        cold[lesson_id] = opening
    finally:
        app.store.close()
    return times, cold


async def measure_pages(content: Callable[[], Any], times: int, budget: float) -> list[Opening]:
    """Push a page holding `content()` in a bare app up to `times` times, after a warm-up
    page of one line; stop early (after at least one) once `budget` seconds are spent."""
    app = BareApp()
    found: list[Opening] = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await time_to_paint(pilot, lambda: app.open_page(lambda: "Warm-up"), Page)
        began = time.perf_counter()
        while len(found) < times and (not found or time.perf_counter() - began < budget):
            found.append(await time_to_paint(pilot, lambda: app.open_page(content), Page))
    return found


# 3. A generated long lesson ----------------------------------------------------------

WORDS = (
    "market", "conversation", "network", "voice", "trust", "listen", "answer", "question",
    "customer", "story", "coach", "trainer", "people", "party", "talk", "idea", "share",
    "honest", "human", "thread", "reply", "community", "product", "message", "reader",
)  # fmt: skip


def sentence(rng: random.Random) -> str:
    """A made-up sentence, with some emphasis for the Markdown renderer to do."""
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 16))]
    words[rng.randrange(len(words))] = f"**{rng.choice(WORDS)}**"
    return " ".join(words).capitalize() + "."


def paragraph(rng: random.Random) -> str:
    """A made-up paragraph of a few sentences, wrapped like hand-written Markdown."""
    text = " ".join(sentence(rng) for _ in range(rng.randint(3, 5)))
    lines: list[str] = []
    line = ""
    for word in text.split():
        if len(line) + len(word) > 88:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return "\n".join([*lines, line])


def long_lesson(sections: int) -> str:
    """A lesson file with `sections` `##` sections of a few paragraphs (and one list) each."""
    rng = random.Random(sections)
    parts = [
        "---\nid: long\ntitle: A very long lesson\nminutes: 120\nobjectives: [O1]\n---\n",
        paragraph(rng),
    ]
    for number in range(1, sections + 1):
        parts.append(f"## Section {number}")
        parts.extend(paragraph(rng) for _ in range(3))
        parts.append("\n".join(f"- {sentence(rng)}" for _ in range(3)))
    parts.append("::: takeaways\n- Long lessons stay readable.\n- And quick to open.\n:::")
    parts.append("::: reflection\nWhat would you cut from this lesson?\n:::")
    return "\n\n".join(parts) + "\n"


def write_long_course(root: Path, sections: int) -> None:
    """A one-language course with a short warm-up lesson and the long lesson."""
    (root / "lessons" / "en").mkdir(parents=True)
    (root / "course.toml").write_text(
        'id = "benchmark"\nversion = "1.0.0"\nlanguages = ["en"]\npass_mark = 70\n'
        'lessons = ["warm-up", "long"]\n\n'
        '[title]\nen = "Benchmark"\n\n[description]\nen = "A generated course."\n\n'
        '[objectives]\nO1 = { en = "Read a long lesson", tested = false }\n',
        encoding="utf-8",
    )
    (root / "lessons" / "en" / "01-warm-up.md").write_text(
        "---\nid: warm-up\ntitle: Warm-up\nminutes: 1\nobjectives: [O1]\n---\n\n"
        "A short lesson, opened first so that imports do not count.\n\n"
        "::: takeaways\n- Nothing.\n:::\n\n::: reflection\nNothing?\n:::\n",
        encoding="utf-8",
    )
    (root / "lessons" / "en" / "02-long.md").write_text(long_lesson(sections), encoding="utf-8")


async def measure_long_lesson(
    course: Course, data_dir: Path, times: int, budget: float
) -> list[Opening]:
    """Open the long lesson up to `times` times, each after the short warm-up lesson; stop
    early (after at least one) once `budget` seconds are spent."""
    app = make_app(course, data_dir, language="en")
    found: list[Opening] = []
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            began = time.perf_counter()
            while len(found) < times and (not found or time.perf_counter() - began < budget):
                await time_to_paint(pilot, lambda: app.open_lesson("warm-up"), LessonScreen)
                RENDERED.clear()  # this figure is about rendering a long text from scratch
                found.append(
                    await time_to_paint(pilot, lambda: app.open_lesson("long"), LessonScreen)
                )
                body = app.screen.query_one("#lesson-body")
                if body.size.height < LONG_LESSON_SECTIONS:
                    raise BenchmarkError(f"the long lesson is only {body.size.height} lines")
    finally:
        app.store.close()
    return found


# Report ------------------------------------------------------------------------------


def print_table(rows: Sequence[Row]) -> None:
    """The rows as an aligned text table."""
    header = ("figure", "measured", "baseline", "ratio", "target", "result")
    cells = [
        (r.figure, r.measured, r.baseline, f"{r.ratio:.2f}", r.target, "OK" if r.ok else "MISSED")
        for r in rows
    ]
    widths = [max(len(str(line[i])) for line in [header, *cells]) for i in range(len(header))]
    for line in [header, *cells]:
        print(
            "  ".join(
                str(cell).ljust(width) for cell, width in zip(line, widths, strict=True)
            ).rstrip()
        )


def check_clock() -> None:
    """Figure 1 compares monotonic times across processes: the clock must be system-wide."""
    implementation = time.get_clock_info("monotonic").implementation
    if sys.platform.startswith("linux") and "CLOCK_MONOTONIC" not in implementation:
        raise BenchmarkError(f"monotonic clock is {implementation}, not system-wide")


def median_of(openings: Sequence[Opening], field: str = "settled") -> float:
    """The median of one field of `openings`."""
    return statistics.median(getattr(opening, field) for opening in openings)


def load_average() -> str:
    """The system load while measuring, to judge the absolute figures by."""
    try:
        return " ".join(f"{load:.1f}" for load in os.getloadavg())
    except (AttributeError, OSError):
        return "unknown"


def main(argv: Sequence[str] | None = None) -> int:
    """Measure every figure, print the table, and return 1 when a target is missed."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n", 1)[0])
    parser.add_argument("--starts", type=int, default=15, help="start runs per app (default 15)")
    parser.add_argument("--rounds", type=int, default=3, help="opens per lesson (default 3)")
    args = parser.parse_args(argv)
    check_clock()
    began = time.perf_counter()
    rows: list[Row] = []
    notes: list[str] = []

    # 1. Start.
    bare_starts, course_starts = measure_start(args.starts)
    bare_start = statistics.median(bare_starts)
    course_start = statistics.median(course_starts)
    ratio = course_start / bare_start
    rows.append(
        Row(
            f"start to outline (median of {args.starts})",
            ms(course_start),
            ms(bare_start),
            ratio,
            f"ratio <= {START_RATIO_TARGET}",
            ratio <= START_RATIO_TARGET,
        )
    )
    notes.append(f"start, best run: {ms(min(course_starts))}, bare {ms(min(bare_starts))}")

    # 2. Opening each bundled lesson.
    loaded = load_course(bundled_course_dir())
    if loaded.course is None:
        raise BenchmarkError(f"the bundled course does not load: {loaded.errors}")
    with tempfile.TemporaryDirectory() as data:
        lesson_times, cold = asyncio.run(measure_lessons(loaded.course, Path(data), args.rounds))
    pages = asyncio.run(measure_pages(lambda: "One line", args.rounds * 3, budget=10.0))
    page_median, page_max = median_of(pages), max(p.settled for p in pages)
    for number, (lesson_id, openings) in enumerate(lesson_times.items(), start=1):
        median, longest = median_of(openings), max(o.settled for o in openings)
        rows.append(
            Row(
                f"open lesson {number} {lesson_id} (median/max)",
                f"{median * 1000:.0f}/{longest * 1000:.0f} ms",
                f"{page_median * 1000:.0f}/{page_max * 1000:.0f} ms",
                median / page_median,
                f"ratio <= {OPEN_LESSON_RATIO_TARGET}",
                median / page_median <= OPEN_LESSON_RATIO_TARGET,
            )
        )
    first_paints = ", ".join(
        f"{median_of(openings, 'first_paint') * 1000:.0f}" for openings in lesson_times.values()
    )
    notes.append(
        f"open lesson, first paint (median, lessons 1-{len(lesson_times)}): {first_paints} ms;"
        f" bare {median_of(pages, 'first_paint') * 1000:.0f} ms"
    )
    notes.append(
        "open lesson, nothing rendered yet (warm-up round, lessons 1-"
        f"{len(cold)}): {', '.join(f'{o.settled * 1000:.0f}' for o in cold.values())} ms,"
        " the first paying for imports too"
    )

    # 3. A lesson of 200 sections.
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "course"
        write_long_course(root, LONG_LESSON_SECTIONS)
        generated = load_course(root)
        if generated.course is None:
            raise BenchmarkError(f"the generated course does not load: {generated.errors}")
        long_lesson_text = generated.course.text("en").lesson("long")
        assert long_lesson_text is not None
        long_times = asyncio.run(
            measure_long_lesson(generated.course, Path(folder) / "data", 3, budget=6.0)
        )
    text = long_lesson_text.body
    markdown_times = asyncio.run(measure_pages(lambda: Markdown(text), 3, budget=6.0))
    long_median, markdown_median = median_of(long_times), median_of(markdown_times)
    rows.append(
        Row(
            f"{LONG_LESSON_SECTIONS}-section lesson on screen (median of {len(long_times)})",
            ms(long_median),
            ms(markdown_median),
            long_median / markdown_median,
            f"< {LONG_LESSON_TARGET:.0f} s",
            long_median < LONG_LESSON_TARGET,
        )
    )
    notes.append(
        f"{LONG_LESSON_SECTIONS}-section lesson ({len(text) // 1000} kB of Markdown),"
        f" first paint: {ms(median_of(long_times, 'first_paint'))},"
        f" bare {ms(median_of(markdown_times, 'first_paint'))}"
    )

    print_table(rows)
    print()
    for note in notes:
        print(f"- {note}")
    print(
        f"- baseline: a bare Textual app showing one Static; Textual {_textual_version()},"
        f" Python {sys.version.split()[0]}; load average {load_average()};"
        f" {time.perf_counter() - began:.0f} s in all"
    )
    missed = [row.figure for row in rows if not row.ok]
    if missed:
        print(f"MISSED {len(missed)} of {len(rows)} targets")
        return 1
    return 0


def _textual_version() -> str:
    from importlib.metadata import version

    return version("textual")


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BenchmarkError as error:
        print(f"benchmark failed: {error}", file=sys.stderr)
        sys.exit(2)
    except Exception:  # an error in the app: exit 2, not 1, which means a missed target
        traceback.print_exc()
        sys.exit(2)
