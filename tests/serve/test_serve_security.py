"""`course serve` as a real process, attacked and crowded: nothing starts without a
session from the served origin, a name needs its PIN, the cap holds under simultaneous
joins, guessing is throttled, and the projector shows nothing but the banner."""

from __future__ import annotations

import asyncio
import os
import signal
import stat
import urllib.error
import urllib.request
from pathlib import Path

import aiohttp
import pytest

from .conftest import JOIN_CODE, Served, Tab, join, serve, wait_for

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("linux_proc")]


def client() -> aiohttp.ClientSession:
    """A browser's cookie jar (it keeps cookies of an IP address, as browsers do)."""
    return aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))


async def websocket_status(session: aiohttp.ClientSession, served: Served, origin: str) -> int:
    """The HTTP status of a websocket handshake (101 when a tab was opened)."""
    try:
        socket = await session.ws_connect(
            f"http://127.0.0.1:{served.port}/ws?width=80&height=24",
            headers={"Origin": origin},
        )
    except aiohttp.WSServerHandshakeError as refused:
        return refused.status
    await socket.close()
    return 101


async def settle() -> None:
    """Time for a learner process to appear, were one started."""
    await asyncio.sleep(1.5)


async def test_a_websocket_without_a_session_starts_nothing_and_prints_nothing(
    tmp_path: Path,
) -> None:
    with serve(tmp_path) as served:
        printed = served.projected()
        origin = f"http://127.0.0.1:{served.port}"
        async with client() as session:
            assert await websocket_status(session, served, origin) == 403
        # A plain request of the websocket's address, as `curl` makes it.
        with pytest.raises(urllib.error.HTTPError) as plain:
            urllib.request.urlopen(f"{served.url}ws", timeout=5)
        assert plain.value.code == 400
        await settle()
        assert served.learner_processes() == []
        assert served.projected() == printed


async def test_a_page_of_another_origin_starts_nothing_even_for_a_joined_learner(
    tmp_path: Path,
) -> None:
    with serve(tmp_path) as served:
        printed = served.projected()
        async with client() as session:
            assert await join(session, served, "ana", "1234") == 303
            assert await websocket_status(session, served, "http://evil.example") == 403
            assert await websocket_status(session, served, "null") == 403
            # Nor may another site post the join form for a learner.
            async with session.post(
                f"http://127.0.0.1:{served.port}/join",
                data={"code": JOIN_CODE, "name": "mallory", "pin": "1234"},
                headers={"Origin": "http://evil.example"},
                allow_redirects=False,
            ) as posted:
                assert posted.status == 403
        await settle()
        assert served.learner_processes() == []
        assert served.projected() == printed


async def test_the_same_name_with_a_wrong_pin_is_refused(tmp_path: Path) -> None:
    with serve(tmp_path) as served:
        async with client() as priya, client() as impostor:
            assert await join(priya, served, "Priya", "4711") == 303
            assert await join(impostor, served, "priya", "1234") == 403
            assert await join(impostor, served, "Priya", "4711", code="WRONG1") == 403
            origin = f"http://127.0.0.1:{served.port}"
            assert await websocket_status(impostor, served, origin) == 403
            assert await join(impostor, served, "Priya", "4711") == 303  # her PIN: her


async def test_with_joining_closed_a_new_name_is_refused_and_a_known_learner_gets_in(
    tmp_path: Path,
) -> None:
    from course.store import ProgressStore

    with serve(tmp_path) as served:
        async with client() as priya, client() as olu:
            assert await join(priya, served, "Priya", "4711") == 303
            with ProgressStore.open(served.data_dir) as store:  # the trainer presses j
                store.classroom("example").set_joining_locked(True)
            base = f"http://127.0.0.1:{served.port}"
            async with olu.post(
                f"{base}/join",
                data={"code": JOIN_CODE, "name": "Olu", "pin": "1234"},
                headers={"Origin": base},
                allow_redirects=False,
            ) as answer:
                assert answer.status == 403
                assert "The trainer has closed joining" in await answer.text()
            assert await join(priya, served, "priya", "4711") == 303  # she joined before
            wait_for(lambda: "Joining closed" in served.text(), 10, "the status line")
        with ProgressStore.open(served.data_dir) as store:
            assert store.find_learner("Olu") is None


async def test_simultaneous_joins_get_no_more_seats_than_the_cap(tmp_path: Path) -> None:
    with serve(tmp_path, "--max-learners", "2") as served:
        origin = f"http://127.0.0.1:{served.port}"
        sessions = [client() for _ in range(6)]
        try:
            for number, session in enumerate(sessions):
                assert await join(session, served, f"learner{number}", "1234") == 303
            sockets = await asyncio.gather(
                *(
                    session.ws_connect(
                        f"http://127.0.0.1:{served.port}/ws?width=80&height=24",
                        headers={"Origin": origin},
                    )
                    for session in sessions
                ),
                return_exceptions=True,
            )
            opened = [s for s in sockets if isinstance(s, aiohttp.ClientWebSocketResponse)]
            refused = [s for s in sockets if isinstance(s, aiohttp.WSServerHandshakeError)]
            assert len(opened) == 2
            assert [error.status for error in refused] == [503] * 4
            await settle()
            assert len(served.learner_processes()) <= 2
            for socket in opened:
                await socket.close()
        finally:
            for session in sessions:
                await session.close()


async def test_a_learners_second_tab_replaces_the_first_instead_of_taking_a_seat(
    tmp_path: Path,
) -> None:
    with serve(tmp_path, "--max-learners", "1") as served:
        async with Tab(served, "ana", "1234") as first:
            await asyncio.to_thread(wait_for, served.learner_processes, 20, "ana's first app")
            async with Tab(served, "ana", "1234"):
                await asyncio.wait_for(first.reader, 10)  # the server closed the first tab
                assert first.socket.closed

                def one_app() -> bool:
                    return len(served.learner_processes()) == 1

                await asyncio.to_thread(wait_for, one_app, 15, "one app for ana")
                async with client() as other:
                    assert await join(other, served, "bo", "1234") == 503  # still full


async def test_sigkill_of_serve_leaves_no_learner_process(tmp_path: Path) -> None:
    with serve(tmp_path) as served:
        async with Tab(served):
            learners = await asyncio.to_thread(
                wait_for, served.learner_processes, 20, "a learner app process"
            )
            assert isinstance(learners, list)
            served.process.send_signal(signal.SIGKILL)
            await asyncio.to_thread(served.process.wait, 10)
            await asyncio.to_thread(
                wait_for,
                lambda: not any(Path(f"/proc/{pid}").exists() for pid in learners),
                10,
                "the learner apps to end with the server",
            )


async def test_wrong_joins_are_throttled_across_connections_and_counted_for_the_trainer(
    tmp_path: Path,
) -> None:
    with serve(tmp_path) as served:
        sessions = [client() for _ in range(6)]
        try:
            # Six connections guess at once: the address has five tries a minute.
            statuses = await asyncio.gather(
                *(
                    join(session, served, f"guess{number}", "1234", code=f"GUESS{number}")
                    for number, session in enumerate(sessions)
                )
            )
            assert sorted(statuses) == [403] * 5 + [429]
            # Now even the right code waits: the address is slowed, not the tab.
            assert await join(sessions[0], served, "ana", "1234") == 429
        finally:
            for session in sessions:
                await session.close()
        await asyncio.sleep(0.3)
        assert "Failed join attempts: 7" in served.text()
        assert "GUESS" not in served.text()


async def test_a_learner_app_that_dies_shows_nothing_on_the_projector_and_can_rejoin(
    tmp_path: Path,
) -> None:
    with serve(tmp_path) as served:
        async with Tab(served) as tab:
            learners = await asyncio.to_thread(
                wait_for, served.learner_processes, 20, "a learner app process"
            )
            assert isinstance(learners, list)
            printed = served.projected()
            log = served.data_dir / "learners.log"
            # The app's errors go to the class log, never to the serve terminal.
            assert Path(os.readlink(f"/proc/{learners[0]}/fd/2")) == log.resolve()
            os.kill(learners[0], signal.SIGKILL)
            await asyncio.wait_for(tab.reader, 10)  # the tab is told the session ended
            assert served.projected() == printed
            # The same browser (its session cookie) gets a new app at once.
            socket = await tab.session.ws_connect(
                f"http://127.0.0.1:{served.port}/ws?width=80&height=24",
                headers={"Origin": tab.origin},
            )
            again = await asyncio.to_thread(
                wait_for,
                lambda: [p for p in served.learner_processes() if p != learners[0]],
                20,
                "a new app for the learner",
            )
            assert again
            await socket.close()


def test_the_class_folder_and_its_logs_are_private(tmp_path: Path) -> None:
    with serve(tmp_path) as served:
        folder = served.data_dir
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
        assert stat.S_IMODE(folder.parent.stat().st_mode) == 0o700
        for name in ("learners.log", "serve.log"):
            assert stat.S_IMODE((folder / name).stat().st_mode) == 0o600, name
        assert not (served.trainer_dir / "progress.sqlite3").exists()
