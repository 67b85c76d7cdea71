"""Child processes for the process tests, run with `sys.executable store_worker.py ...`.

`report DATA_DIR LEARNER COUNT`: open the store, start an attempt, print "ready", wait for a
line on stdin (the parent decides when writing starts), then record COUNT answers, printing
"answer <attempt uid> <question id>" after each and "reflection <n>" after every fifth
saved reflection. A line is printed only once its call has returned, that is, committed.

`writers DATA_DIR COUNT LEARNER...`: start one process per LEARNER (forked from this
fresh, single-threaded interpreter, so 30 of them start in a fraction of a second), let
each open the store, release them all at once with a barrier, and have each record COUNT
answers. Prints a JSON object: "reports", a list of ["ok" | "error", learner, detail], and
"seconds" taken to start and open ("started") and to write ("wrote"); exits 1 on any
error.
"""

from __future__ import annotations

import json
import multiprocessing
import sys
import time
from pathlib import Path
from typing import Any

from course.store import ProgressStore


def report(data_dir: str, name: str, count: int) -> int:
    """Write answers and reflections, reporting each one once it is committed."""
    with ProgressStore.open(Path(data_dir)) as store:
        learner = store.learner(name)
        order = [f"q{i}" for i in range(min(count, 100))]
        attempt = store.start_attempt(learner.id, "course", "1", "quiz", "lesson", order, 1)
        print("ready", flush=True)
        sys.stdin.readline()
        for index in range(count):
            question = f"q{index}"
            store.record_answer(attempt.id, question, {"chosen": [index % 4]}, "right", 1, 1)
            print(f"answer {attempt.uid} {question}", flush=True)
            if index % 5 == 0:
                text = f"text {index}"
                store.save_reflection(learner.id, "course", "lesson", text, f"s{index}")
                print(f"reflection {index}", flush=True)
    return 0


def write_answers(data_dir: str, name: str, count: int, start: Any, results: Any) -> None:
    """One writer: open the store, wait at `start` with the others, record `count` answers
    (each its own transaction), and put ("ok" | "error", name, detail) on `results`."""
    try:
        with ProgressStore.open(Path(data_dir)) as store:
            learner = store.learner(name)
            order = [f"q{i}" for i in range(count)]
            attempt = store.start_attempt(learner.id, "course", "1", "quiz", "lesson", order, 1)
            start.wait(timeout=60)
            for index in range(count):
                store.record_answer(attempt.id, f"q{index}", {"chosen": [0]}, "right", 1, 1)
        results.put(("ok", name, count))
    except BaseException as error:
        results.put(("error", name, f"{type(error).__name__}: {error}"))
        raise


def writers(data_dir: str, count: int, names: list[str]) -> int:
    """Run one `write_answers` process per name, released together; print their reports."""
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    start = context.Barrier(len(names) + 1)
    results = context.Queue()
    processes = [
        context.Process(target=write_answers, args=(data_dir, name, count, start, results))
        for name in names
    ]
    began = time.monotonic()
    for process in processes:
        process.start()
    start.wait(timeout=60)
    released = time.monotonic()
    reports = [results.get(timeout=120) for _ in processes]
    for process in processes:
        process.join(timeout=60)
    timing = {"started": released - began, "wrote": time.monotonic() - released}
    print(json.dumps({"reports": reports, "seconds": timing}))
    failed = any(r[0] != "ok" for r in reports) or any(p.exitcode != 0 for p in processes)
    return 1 if failed else 0


def main(argv: list[str]) -> int:
    """Dispatch on the first argument (see the module docstring)."""
    if argv[0] == "report":
        return report(argv[1], argv[2], int(argv[3]))
    return writers(argv[1], int(argv[2]), argv[3:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
