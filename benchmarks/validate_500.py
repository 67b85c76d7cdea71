"""How long `course validate` takes on a large course: 500 lessons in two languages.

Generates the course in a temporary folder, runs `python -m course validate` on it as a
subprocess (best of 3, so that the number includes interpreter start and imports, as an
author experiences it: with the app's bytecode cached, as in an installation, after a
warm-up run that writes it), and compares the time with the 1.5-second target. A baseline
measured in the same run (`python -c pass`) shows how fast this machine starts Python at
all. Exits 1 when the validation takes longer than the target.

    python benchmarks/validate_500.py [--lessons N] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TARGET_SECONDS = 1.5
PYCACHE_FOLDER = "course-benchmarks-pycache"
"""Bytecode cache of the runs, in the system's temporary folder (as in `run.py`)."""
RUNS = 3
LANGUAGES = ("en", "de")
OBJECTIVES = 20

LESSON = """\
---
id: {id}
title: Lesson {n} ({language})
minutes: {minutes}
objectives: [{objective}]
---

This is lesson {n}. It has **some emphasis**, a list and a link to
[the next lesson]({next_file}) and one to [the web](https://example.org/{n}).

## A heading

- First point of lesson {n}.
- Second point, with `code` and *emphasis*.
- Third point.

> A quotation for the slides of lesson {n}.
> — Somebody

More text follows here, a paragraph of several lines that goes on for a while so that
the parser has something to chew on, just as in a real lesson with real explanations
of real ideas.

::: takeaways
- The first key point of lesson {n}.
- The second key point.
:::

::: exercise
Do something with what lesson {n} taught.
:::

::: reflection
What does lesson {n} mean for you?
:::

::: facilitator
**Timing:** 10 minutes.
:::

::: sources
Made up for the benchmark.
:::
"""

QUIZ = """\
---
id: {id}-quiz
lesson: {id}
title: Quiz {n}
---

## {id}-single (single)
objectives: {objective}
points: 2

Which one is right in lesson {n}?

- [ ] A wrong option.
  Why it is wrong.
- [x] The right option.
  Why it is right.
- [ ] Another wrong option.
  Why that is wrong too.

::: explanation
Because lesson {n} said so.
:::

## {id}-multiple (multiple)
objectives: {objective}

Which are right in lesson {n}?

- [x] One.
  Right.
- [x] Two.
  Right.
- [ ] Three.
  Wrong.

::: explanation
One and two.
:::

## {id}-order (ordering)
objectives: {objective}

Put the steps of lesson {n} in order.

1. First.
2. Second.
3. Third.

::: explanation
First things first.
:::

## {id}-pairs (matching)
objectives: {objective}

Match the pairs of lesson {n}.

- A → one
- B → two
- C → three

::: explanation
Alphabetical.
:::

## {id}-word (short)
objectives: {objective}

Lesson {n} asks for one ___.

- [x] word
- [ ] other
  Not that one.

::: explanation
The word.
:::
"""


def write_course(root: Path, lessons: int) -> None:
    """A valid course with `lessons` lessons in every language, each with a five-question
    quiz, and without item-writing warnings (every question asks about its own lesson)."""
    ids = [f"lesson-{n:04d}" for n in range(1, lessons + 1)]
    objectives = "\n".join(
        f'O{i} = {{ en = "Objective {i}", de = "Lernziel {i}" }}' for i in range(OBJECTIVES)
    )
    (root / "course.toml").write_text(
        f'id = "benchmark"\nversion = "1.0.0"\nlanguages = {list(LANGUAGES)!r}\n'
        f"lessons = {ids!r}\n\n"
        '[title]\nen = "Benchmark"\nde = "Benchmark"\n\n'
        '[description]\nen = "A large course."\nde = "Ein großer Kurs."\n\n'
        f"[objectives]\n{objectives}\n".replace("'", '"'),
        encoding="utf-8",
    )
    for language in LANGUAGES:
        lesson_dir = root / "lessons" / language
        quiz_dir = root / "quizzes" / language
        lesson_dir.mkdir(parents=True)
        quiz_dir.mkdir(parents=True)
        for n, lesson_id in enumerate(ids, start=1):
            name = f"{lesson_id}.md"
            values = {
                "id": lesson_id,
                "n": n,
                "language": language,
                "minutes": 1 + n % 60,
                "objective": f"O{n % OBJECTIVES}",
                "next_file": f"{ids[n % lessons]}.md",
            }
            (lesson_dir / name).write_text(LESSON.format(**values), encoding="utf-8")
            (quiz_dir / name).write_text(QUIZ.format(**values), encoding="utf-8")


def best_time(command: list[str], runs: int = RUNS, expect: int = 0) -> tuple[float, float]:
    """The fastest of `runs` runs of `command`: its wall-clock seconds and the CPU seconds
    it used (less disturbed by other busy processes). Fails if it exits otherwise than
    `expect`."""
    path = os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))
    env = {**os.environ, "PYTHONPATH": path}
    # Some environments set PYTHONDONTWRITEBYTECODE, which would make every run compile
    # the app again: an installed app has its bytecode (pip writes it).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(Path(tempfile.gettempdir()) / PYCACHE_FOLDER)
    subprocess.run(command, cwd=REPO, env=env, capture_output=True, check=False)  # warm-up
    best = (float("inf"), float("inf"))
    for _ in range(runs):
        before = os.times()
        start = time.perf_counter()
        done = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True)
        wall = time.perf_counter() - start
        after = os.times()
        # Children's CPU time; os.times reports it as 0 on Windows.
        cpu = (after.children_user - before.children_user) + (
            after.children_system - before.children_system
        )
        if done.returncode != expect:
            sys.exit(f"{' '.join(command)} exited {done.returncode}:\n{done.stderr[-2000:]}")
        best = min(best, (wall, cpu))
    return best


def main() -> int:
    """Generate, time, report; 1 when over the target."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lessons", type=int, default=500, help="lessons per language")
    parser.add_argument("--keep", metavar="DIR", help="write the course to DIR and keep it")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="course-bench-") as scratch:
        root = Path(args.keep) if args.keep else Path(scratch) / "course"
        root.mkdir(parents=True, exist_ok=bool(args.keep))
        write_course(root, args.lessons)
        files = sum(1 for _ in root.rglob("*.md"))
        baseline, _ = best_time([sys.executable, "-c", "pass"])
        seconds, cpu = best_time([sys.executable, "-m", "course", "validate", str(root)])
    print(f"course: {args.lessons} lessons × {len(LANGUAGES)} languages, {files} files")
    print(f"python -c pass:   {baseline:6.3f} s (baseline)")
    print(
        f"course validate:  {seconds:6.3f} s (best of {RUNS}; {cpu:.3f} s CPU) = "
        f"{seconds / TARGET_SECONDS:.0%} of the {TARGET_SECONDS:g} s target, "
        f"{seconds / baseline:.0f}× the baseline"
    )
    if seconds > TARGET_SECONDS:
        print("over the target: profile with python -m cProfile -s cumtime -m course validate DIR")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
