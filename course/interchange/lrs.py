"""Sending xAPI statements to a Learning Record Store, as xAPI 1.0.3 describes it.

`post_statements` sends one batch; `send` sends many in batches, waits and tries again
when the network or the LRS fails (5xx), stops at once with the LRS's reason when it
refuses (4xx: bad credentials, a statement it rejects), and tells the caller after each
batch which statements are stored, so that an interrupted sync resumes where it stopped.
Statement ids are fixed by the sender (UUIDv5), so sending a statement twice stores it
once: an LRS drops a statement whose id and content it already holds.

Credentials never come from the command line (other users see it in the process list):
`COURSE_LRS_USER` and `COURSE_LRS_PASSWORD`, else a config file only its owner can read.
The standard library's HTTP client is enough for this; no dependency is added.
"""

from __future__ import annotations

import base64
import json
import os
import stat
import time
import tomllib
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

XAPI_VERSION = "1.0.3"
"""The xAPI version sent in every request's `X-Experience-API-Version` header."""
BATCH_SIZE = 50
"""Statements per request: small enough for any LRS's request limit."""
TIMEOUT = 20.0
"""Seconds to wait for an LRS's answer."""
RETRIES = 5
"""Attempts per batch before a sync gives up (it resumes next time)."""
BACKOFF = 1.0
"""Seconds before the first retry; each retry waits twice as long as the one before."""


class LrsError(Exception):
    """Sending failed; the message says why and what to do."""


class LrsRefused(LrsError):
    """The LRS refused the request (4xx): retrying the same request will not help."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(f"the LRS refused the statements ({status}): {reason}")
        self.status = status
        self.reason = reason


class LrsUnavailable(LrsError):
    """The LRS could not be reached or failed (network error, 5xx): try again later."""


@dataclass(frozen=True)
class LrsEndpoint:
    """Where and as whom to send."""

    url: str
    """The LRS's xAPI base address, for example `https://lrs.example.org/xAPI/`."""
    username: str
    """The basic-auth user (the LRS's key)."""
    password: str
    """The basic-auth password (the LRS's secret)."""

    @property
    def statements_url(self) -> str:
        """The statements resource."""
        return self.url.rstrip("/") + "/statements"

    def headers(self) -> dict[str, str]:
        """The headers of every request: version, content type and basic auth."""
        token = base64.b64encode(f"{self.username}:{self.password}".encode()).decode("ascii")
        return {
            "X-Experience-API-Version": XAPI_VERSION,
            "Content-Type": "application/json",
            "Authorization": f"Basic {token}",
        }


def credentials(environ: Mapping[str, str], config_file: Path | None = None) -> tuple[str, str]:
    """The LRS user and password: from `COURSE_LRS_USER`/`COURSE_LRS_PASSWORD`, else from
    `config_file` (TOML with `user` and `password`), which must be readable by its owner
    only (mode 0600). LrsError says what is missing or unsafe."""
    user, password = environ.get("COURSE_LRS_USER"), environ.get("COURSE_LRS_PASSWORD")
    if user and password:
        return user, password
    if config_file is None or not config_file.exists():
        where = f" or in {config_file}" if config_file is not None else ""
        raise LrsError(
            "no LRS credentials: set COURSE_LRS_USER and COURSE_LRS_PASSWORD"
            f"{where} (user = …, password = …, a file only you can read)"
        )
    mode = stat.S_IMODE(config_file.stat().st_mode)
    if os.name == "posix" and mode & 0o077:
        raise LrsError(
            f"{config_file} can be read by others (mode {mode:04o}): run `chmod 600 "
            f"{config_file}` so that only you can read the LRS password"
        )
    try:
        data = tomllib.loads(config_file.read_text(encoding="utf-8"))
        return str(data["user"]), str(data["password"])
    except (tomllib.TOMLDecodeError, KeyError, UnicodeDecodeError) as error:
        raise LrsError(
            f"{config_file}: cannot read the LRS credentials ({error}); write "
            'user = "…" and password = "…"'
        ) from error


class _KeptProxies(urllib.request.ProxyHandler):
    """The proxies of the environment as it was when made, `no_proxy` included."""

    def __init__(self) -> None:
        self.kept = urllib.request.getproxies_environment()
        super().__init__({kind: url for kind, url in self.kept.items() if kind != "no"})

    def proxy_open(self, req: urllib.request.Request, proxy: str, type: str) -> Any:
        bypass = getattr(urllib.request, "proxy_bypass_environment")  # noqa: B009  # untyped
        if req.host and bypass(req.host, self.kept):
            return None
        return super().proxy_open(req, proxy, type)


def opener_of_this_environment() -> urllib.request.OpenerDirector:
    """An HTTP opener that keeps using the proxies of the environment as it is now, even
    after the environment is emptied (`course serve` keeps the trainer's environment from
    the learners' apps, and an organisation's LRS may be reached through its proxy)."""
    return urllib.request.build_opener(_KeptProxies())


def post_statements(
    endpoint: LrsEndpoint,
    statements: Sequence[Mapping[str, Any]],
    timeout: float = TIMEOUT,
    opener: urllib.request.OpenerDirector | None = None,
) -> None:
    """Store one batch of statements; LrsRefused or LrsUnavailable when it is not stored.
    `opener`: how to connect (by default as the environment says now)."""
    request = urllib.request.Request(
        endpoint.statements_url,
        data=json.dumps(list(statements)).encode("utf-8"),
        headers=endpoint.headers(),
        method="POST",
    )
    try:
        with (opener or urllib.request.build_opener()).open(request, timeout=timeout) as response:
            response.read()
    except urllib.error.HTTPError as error:
        reason = _reason(error)
        if 400 <= error.code < 500:
            raise LrsRefused(error.code, reason) from error
        raise LrsUnavailable(f"the LRS failed ({error.code}): {reason}") from error
    except (urllib.error.URLError, TimeoutError, ConnectionError, OSError) as error:
        why = getattr(error, "reason", error)
        raise LrsUnavailable(f"cannot reach the LRS at {endpoint.url}: {why}") from error


def _reason(error: urllib.error.HTTPError) -> str:
    """The LRS's own words for a failure, short."""
    try:
        body = error.read().decode("utf-8", "replace")
    except OSError:
        body = ""
    try:
        detail = json.loads(body).get("detail", body)
    except (ValueError, AttributeError):
        detail = body
    text = detail if isinstance(detail, str) else json.dumps(detail)[:300]
    return " ".join(text.split())[:300] or str(error.reason)


@dataclass(frozen=True)
class SyncReport:
    """What one sync did."""

    sent: int
    """Statements the LRS now holds that it did not hold from us before."""
    batches: int
    """Requests that succeeded."""
    retries: int
    """Requests that failed and were tried again."""


def send(
    endpoint: LrsEndpoint,
    statements: Sequence[Mapping[str, Any]],
    stored: Callable[[Sequence[str]], None],
    *,
    batch_size: int = BATCH_SIZE,
    retries: int = RETRIES,
    backoff: float = BACKOFF,
    sleep: Callable[[float], None] = time.sleep,
    post: Callable[[LrsEndpoint, Sequence[Mapping[str, Any]]], None] = post_statements,
) -> SyncReport:
    """Send `statements` in batches; after each stored batch, `stored(ids)` records it (the
    caller keeps that in its store, so a later sync leaves them out). A batch that fails
    for the network or a 5xx is tried again after 1, 2, 4, … seconds; LrsUnavailable after
    the last try, LrsRefused at once on a 4xx. What was stored before stays stored."""
    sent = batches = retried = 0
    for start in range(0, len(statements), batch_size):
        batch = statements[start : start + batch_size]
        for attempt in range(retries):
            try:
                post(endpoint, batch)
                break
            except LrsUnavailable:
                if attempt == retries - 1:
                    raise
                retried += 1
                sleep(backoff * 2**attempt)
        stored([str(statement["id"]) for statement in batch])
        sent += len(batch)
        batches += 1
    return SyncReport(sent, batches, retried)
