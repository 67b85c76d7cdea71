"""A child process for the kill -9 test: `review_worker.py DATA_DIR`.

Opens the store, prints "ready", and then reviews question after question as a review
session does (an attempt of mode review per question, its answer saved with the card's
review, the attempt finished), printing "reviewed <question id>" once each is committed.
It never stops by itself: the test kills it.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from course.core.review import Rating
from course.core.scoring import AttemptMode
from course.store import ProgressStore
from course.store.reviews import ReviewSource


def main(data_dir: str) -> int:
    """Review until killed."""
    start = datetime(2026, 12, 4, 9, 0, tzinfo=UTC)
    with ProgressStore.open(Path(data_dir)) as store:
        learner = store.learner()
        print("ready", flush=True)
        number = 0
        while True:
            question = f"q{number}"
            attempt = store.start_attempt(
                learner.id, "course", "1", "quiz", "lesson", [question], 1, AttemptMode.REVIEW
            )
            at = start + timedelta(seconds=number)
            review = (Rating.Again, at, ReviewSource.REVIEW)
            store.record_answer(attempt.id, question, {"chosen": [0]}, "wrong", 0, 1, review)
            store.finish_attempt(attempt.id)
            print(f"reviewed {question}", flush=True)
            number += 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
