"""A child process for the kill test: the real app, headless, on the bundled course.

`python workbench_worker.py DATA_DIR COUNT`: open lesson 6's workbench, switch to the
learner's own map, and add COUNT people by keys (with a tie to the one before), printing
"saved <label>" once each change has been made; then wait to be killed.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from tests.app.workbench_helpers import add_person, add_tie, bundled_app, open_workbench


async def work(data_dir: Path, count: int) -> None:
    app = bundled_app(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_workbench(pilot)
        print("ready", flush=True)
        for number in range(1, count + 1):
            await add_person(pilot, f"P{number}", tags="group")
            if number > 1:
                await add_tie(pilot, f"P{number - 1}", f"P{number}", "knows")
            print(f"saved P{number}", flush=True)
        await asyncio.sleep(3600)


if __name__ == "__main__":
    asyncio.run(work(Path(sys.argv[1]), int(sys.argv[2])))
