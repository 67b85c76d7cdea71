"""A child process for the kill test: the real app, headless, on the example course.

`python plan_worker.py DATA_DIR`: open My plan, write a commitment into its field, give it
a follow-up day, go back to the outline (which saves what is typed at once, without
waiting for a pause in typing) and print "saved" once the app's store thread has written
both; then wait to be killed.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from textual.widgets import Input, TextArea

from course.ui.screens.plan import PlanScreen
from tests.app.helpers import build_app, type_text
from tests.app.test_my_plan import seed_commitment


async def work(data_dir: Path) -> None:
    seed_commitment(data_dir)
    app = build_app(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        plan = app.screen
        assert isinstance(plan, PlanScreen)
        area = next(a for a in plan.query(TextArea) if (a.id or "").startswith("plan-commit"))
        area.focus()
        await pilot.press("end")
        await type_text(pilot, " Weigh the leaves.")
        plan.query(".plan-follow-input").first(Input).focus()
        await type_text(pilot, "+7d")
        await pilot.press("enter")
        await pilot.press("escape")
        await asyncio.to_thread(app.storage.drain)
        print("saved", flush=True)
        await asyncio.sleep(3600)


if __name__ == "__main__":
    asyncio.run(work(Path(sys.argv[1])))
