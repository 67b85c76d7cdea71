"""A child process for the process tests: writes progress and reports each commit.

Run as `python store_worker.py DATA_DIR LEARNER COUNT MODE`. It opens the store, starts an
attempt, prints "ready", waits for a line on stdin (so that the parent can release all
children at once), then records COUNT answers. MODE "report" prints
"answer <attempt uid> <question id>" after each answer and "reflection <n>" after each
saved reflection, each line flushed only once the call has returned (committed); MODE
"quiet" prints only "done <count>" at the end. Errors go to stderr with exit code 1.
"""

from __future__ import annotations

import sys
from pathlib import Path


def main() -> int:
    """Write answers as told on the command line."""
    data_dir, name, count, mode = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    from course.store import ProgressStore

    with ProgressStore.open(Path(data_dir)) as store:
        learner = store.learner(name)
        attempt = store.start_attempt(
            learner.id, "course", "1", "quiz", "lesson", [f"q{i}" for i in range(count)], seed=1
        )
        print("ready", flush=True)
        sys.stdin.readline()
        for index in range(count):
            question = f"q{index}"
            store.record_answer(attempt.id, question, {"choice": [index % 4]}, "right", 1, 1)
            if mode == "report":
                print(f"answer {attempt.uid} {question}", flush=True)
                if index % 5 == 0:
                    store.save_reflection(
                        learner.id, "course", "lesson", f"text {index}", session=f"s{index}"
                    )
                    print(f"reflection {index}", flush=True)
        print(f"done {count}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
