"""How fast spaced review answers its two questions for a learner with 10,000 cards, each
figure next to a baseline measured in the same run on the same store.

Run from the repository root with the interpreter that has the app installed:

    python benchmarks/review.py

1. The due count ("Review: N due" on the outline): `Reviews.due_count(now)`, one range of
   the index on (learner, course, due). Baseline: the same store read of `SELECT 1`, that
   is what any read through the store costs (its lock and transaction). The count without
   the index (a full scan of the learner's cards) is printed for comparison. Target: the
   median under 5 ms.
2. Building a 15-card session: the cards due read from the store and decoded, ordered by
   retrievability (`course.core.review.session`). Baseline: reading the first 15 due rows
   undecoded (`LIMIT 15`). Target: the median under 50 ms.

The cards' due times spread from 30 days ago to a year ahead (about 7.5 % due now, as a
learner who reviews every few weeks would have); other learners' cards fill the same
table, so the index has to pick one learner's out. The exit code is 1 when a target is
missed.
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from course.core.review import Card, Rating, new_card, review, session  # noqa: E402
from course.store import ProgressStore  # noqa: E402
from course.store.records import format_time  # noqa: E402

CARDS = 10_000
"""Cards of the measured learner."""
OTHER_LEARNERS = 3
"""Other learners with as many cards each, in the same file."""
RUNS = 200
"""Timed runs of each figure (after 10 untimed)."""
DUE_COUNT_TARGET_MS = 5.0
SESSION_TARGET_MS = 50.0
COURSE = "bench"
NOW = datetime(2026, 12, 4, 9, 0, tzinfo=UTC)


def fill(store: ProgressStore, learner_id: int, seed: int) -> None:
    """CARDS reviewed cards for one learner, due from 30 days ago to a year ahead."""
    shuffle = random.Random(seed)
    template = review(new_card(COURSE, "q", NOW), Rating.Good, NOW - timedelta(days=40))[0]
    rows = []
    for number in range(CARDS):
        due = NOW + timedelta(days=shuffle.uniform(-30, 365))
        card = Card(
            card_id=number,
            state=template.state,
            step=template.step,
            stability=shuffle.uniform(1, 200),
            difficulty=shuffle.uniform(1, 10),
            due=due,
            last_review=due - timedelta(days=shuffle.uniform(1, 60)),
        )
        rows.append(
            (learner_id, COURSE, f"q{number}", card.to_json(), format_time(due), format_time(NOW))
        )
    store.write(
        "fill the benchmark",
        lambda c: c.executemany(
            "INSERT INTO review_cards (learner_id, course_id, question_id, card, due, "
            "updated_at) VALUES (?, ?, ?, ?, ?, ?)",
            rows,
        ),
    )


def timed(work: Callable[[], object]) -> tuple[float, float]:
    """Median and maximum milliseconds of `work` over RUNS runs."""
    for _ in range(10):
        work()
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), max(times)


def main() -> int:
    with tempfile.TemporaryDirectory() as folder, ProgressStore.open(folder) as store:
        learners = [store.learner(f"learner {n}") for n in range(OTHER_LEARNERS + 1)]
        for seed, learner in enumerate(learners):
            fill(store, learner.id, seed)
        me = learners[OTHER_LEARNERS // 2]
        reviews = store.reviews(me.id, COURSE)
        due = reviews.due_count(NOW)
        print(f"{CARDS} cards of one learner ({due} due now), {len(learners) * CARDS} in the file")

        select_one = timed(lambda: store.read("bench", lambda c: c.execute("SELECT 1").fetchone()))
        counted = timed(lambda: reviews.due_count(NOW))
        first_rows = timed(
            lambda: store.read(
                "bench",
                lambda c: c.execute(
                    "SELECT question_id, card FROM review_cards "
                    "WHERE learner_id = ? AND course_id = ? AND due <= ? LIMIT 15",
                    (me.id, COURSE, format_time(NOW)),
                ).fetchall(),
            )
        )
        retention = reviews.retention()
        built = timed(lambda: session(reviews.cards(due_by=NOW), NOW, retention))
        assert len(session(reviews.cards(due_by=NOW), NOW, retention)) == 15

    def line(name: str, figure: tuple[float, float]) -> str:
        return f"  {name:<46} median {figure[0]:8.3f} ms   max {figure[1]:8.3f} ms"

    print("Due count")
    print(line("baseline: a store read of SELECT 1", select_one))
    print(line("due count (index on learner, course, due)", counted))
    print(f"  target: median under {DUE_COUNT_TARGET_MS} ms")
    print("15-card session")
    print(line("baseline: the first 15 due rows, undecoded", first_rows))
    print(line("session: due cards decoded, by retrievability", built))
    print(f"  target: median under {SESSION_TARGET_MS} ms")
    missed = counted[0] >= DUE_COUNT_TARGET_MS or built[0] >= SESSION_TARGET_MS
    print("MISSED a target" if missed else "Both targets met.")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
