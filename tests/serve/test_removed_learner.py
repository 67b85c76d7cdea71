"""A learner the trainer removes from the class (`course class`, `x`) or whose PIN is reset
(`p`) while `course serve` runs: their app closes, their seat frees, and their session
cookie opens nothing any more, not even for a new learner who gets their id."""

from __future__ import annotations

import asyncio
from pathlib import Path

import aiohttp
import pytest

from course.store import ProgressStore, seats

from .conftest import Served, Tab, join, serve, wait_for

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("linux_proc")]


def client() -> aiohttp.ClientSession:
    return aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))


async def opens_the_class(session: aiohttp.ClientSession, served: Served) -> bool:
    """Whether the session's cookie opens the class page (not the join page) and a tab."""
    async with session.get(served.url) as page:
        if 'name="pin"' in await page.text():
            return False
    try:
        socket = await session.ws_connect(
            f"http://127.0.0.1:{served.port}/ws?width=80&height=24",
            headers={"Origin": f"http://127.0.0.1:{served.port}"},
        )
    except aiohttp.WSServerHandshakeError as refused:
        assert refused.status == 403
        return False
    await socket.close()
    return True


def in_class_store(served: Served, work: object) -> object:
    with ProgressStore.open(served.data_dir) as store:
        assert callable(work)
        return work(store)


async def test_a_removed_learners_app_closes_and_their_cookie_opens_nothing(
    tmp_path: Path,
) -> None:
    with serve(tmp_path) as served:
        async with Tab(served, "ana", "1234") as tab:
            await asyncio.to_thread(wait_for, served.learner_processes, 20, "ana's app")
            # The trainer removes ana in the dashboard (another process, the same store).
            in_class_store(served, lambda store: seats.remove_learner(store, "ana"))
            await asyncio.to_thread(
                wait_for, lambda: served.learner_processes() == [], 20, "ana's app to close"
            )
            await asyncio.wait_for(tab.reader, 10)  # the server closed her tab
            assert tab.socket.closed
            assert not await opens_the_class(tab.session, served)
            # A new learner may get ana's id (SQLite reuses the highest): her cookie is
            # still worth nothing, and his works.
            async with client() as other:
                assert await join(other, served, "ben", "5678") == 303
                assert not await opens_the_class(tab.session, served)
                assert await opens_the_class(other, served)
        assert "Traceback" not in served.projected()


async def test_a_pin_reset_ends_the_learners_session_but_not_their_progress(
    tmp_path: Path,
) -> None:
    with serve(tmp_path) as served:
        async with client() as session:
            assert await join(session, served, "cleo", "1234") == 303
            assert await opens_the_class(session, served)
            in_class_store(served, lambda store: seats.reset_pin(store, "cleo"))
            assert not await opens_the_class(session, served)
            # Her next join sets a new PIN, and the same profile goes on.
            assert await join(session, served, "cleo", "9876") == 303
            assert await opens_the_class(session, served)
        assert in_class_store(served, lambda store: len(store.learners())) == 1
