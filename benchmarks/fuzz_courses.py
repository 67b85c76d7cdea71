"""Load thousands of damaged courses and count crashes: there must be none.

Each seed damages a kept copy of the bundled course or of the example
course (alternately) with one to three seeded mutations from
tests/engine/course_mutations.py (byte flips, truncation, deleted and doubled lines,
broken YAML and TOML, digits that are not ASCII, symbolic links that loop, byte order
marks, CRLF, huge lines, ...), loads it, checks that the result is a course or
`path:line:` problems, and puts the copy back. The same seed always does the same damage,
so a crash is repeated with `--first SEED --count 1`.

    python benchmarks/fuzz_courses.py [--count N] [--first SEED] [--huge BYTES]

Prints how many courses loaded, how many gave problems and how many crashed (with the
seed, the damage and the traceback of the first few); exits 1 on any crash.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import traceback
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.engine.course_mutations import COURSES, Workbench, mutate, outcome  # noqa: E402

SHOWN = 5
"""Crashes whose traceback is printed."""


def main(argv: list[str] | None = None) -> int:
    """Run the fuzz loop; 0 when nothing crashed."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=10_000, help="courses (default: 10000)")
    parser.add_argument("--first", type=int, default=0, help="the first seed (default: 0)")
    parser.add_argument(
        "--huge",
        type=int,
        default=200_000,
        help="the longest huge line, in characters (default: 200000)",
    )
    args = parser.parse_args(argv)
    # The loader's cache must not answer for the damaged copies: a folder of its own.
    os.environ["COURSE_CACHE_DIR"] = tempfile.mkdtemp(prefix="fuzz-cache-")
    counts = {"course": 0, "problems": 0}
    crashes: list[tuple[int, str, str]] = []
    by_course = {name: {"course": 0, "problems": 0, "crashes": 0} for name in COURSES}
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="fuzz-courses-") as folder:
        benches = {name: Workbench(source, Path(folder) / name) for name, source in COURSES.items()}
        names = sorted(benches)
        for seed in range(args.first, args.first + args.count):
            name = names[seed % len(names)]
            bench = benches[name]
            try:
                kind, _ = outcome(bench, seed, args.huge)
            except Exception:  # every crash is counted and shown, the loop goes on
                details = traceback.format_exc()
                try:
                    damage = "; ".join(mutate(bench, seed, args.huge))
                finally:
                    bench.restore()
                crashes.append((seed, f"{name}: {damage}", details))
                by_course[name]["crashes"] += 1
            else:
                counts[kind] += 1
                by_course[name][kind] += 1
            done = seed - args.first + 1
            if done % 1000 == 0:
                print(f"  {done} courses, {len(crashes)} crashes", file=sys.stderr, flush=True)
    seconds = time.perf_counter() - started
    for seed, damage, details in crashes[:SHOWN]:
        print(f"crash at seed {seed} ({damage}):\n{details}")
    print(
        f"{args.count} damaged courses in {seconds:.0f} s: {counts['course']} loaded, "
        f"{counts['problems']} gave path:line problems, {len(crashes)} crashed."
    )
    for name, numbers in by_course.items():
        print(
            f"  {name}: {numbers['course']} loaded, {numbers['problems']} with problems, "
            f"{numbers['crashes']} crashed"
        )
    return 1 if crashes else 0


if __name__ == "__main__":
    raise SystemExit(main())
