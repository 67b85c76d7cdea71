"""The door of `course serve`, before any learner app is started: the signed session
cookie, the throttle on join attempts, the Origin and Host checks, and the join page.

Nothing here starts a process or touches the store; `course.workshop.serve` puts it
together with aiohttp. A browser tab gets a learner app only with a valid session (which
only a right join code, name and PIN give) and from the served origin, so that a script on
another web page, or a `curl` of the websocket, starts nothing.
"""

from __future__ import annotations

import hashlib
import hmac
import html
import time
from collections import deque
from dataclasses import dataclass

from course.i18n import Catalogue

SESSION_COOKIE = "course_session"
"""The name of the session cookie."""
SESSION_SECONDS = 4 * 3600
"""How long a session cookie is good for: a class day's half; then the learner joins again
(the same name and PIN bring back the same progress)."""
WINDOW_SECONDS = 60.0
"""Failed join attempts are counted over this many seconds."""
FAILURES_PER_ADDRESS = 5
"""Failed join attempts one address may make per window before it has to wait."""
FAILURES_IN_ALL = 30
"""Failed join attempts from all addresses together per window before everyone waits: a
class has few typos, a search for the code has many, from however many addresses."""
ADDRESSES_KEPT = 10_000
"""Addresses whose failures are remembered at most (the oldest are forgotten first)."""


@dataclass(frozen=True)
class Session:
    """Who a valid session cookie stands for."""

    learner_id: int
    """The learner's profile id in the class store."""
    key: str
    """What the session is bound to (`course.store.seats.session_key`): the server checks
    it against the store, so that a PIN reset or a removal from the class ends it."""
    expires: int
    """When the session ends (Unix time, seconds)."""


class SessionSigner:
    """Signs and checks session cookies with a key that lives as long as the server: a
    cookie of an earlier `course serve` is worth nothing."""

    def __init__(self, key: bytes, seconds: int = SESSION_SECONDS) -> None:
        self._key = key
        self.seconds = seconds
        """How long a new session lasts."""

    def _signature(self, payload: str) -> str:
        return hmac.new(self._key, payload.encode(), hashlib.sha256).hexdigest()

    def sign(self, learner_id: int, key: str = "", now: float | None = None) -> str:
        """A cookie value for the learner, bound to `key` (letters and digits), good for
        `seconds`."""
        if not key.isalnum() and key:
            raise ValueError("a session key has letters and digits only")
        expires = int((time.time() if now is None else now) + self.seconds)
        payload = f"{int(learner_id)}.{key}.{expires}"
        return f"{payload}.{self._signature(payload)}"

    def check(self, value: str | None, now: float | None = None) -> Session | None:
        """The session a cookie value stands for; None when it is missing, forged,
        malformed or expired (whether its key still holds is the store's to say)."""
        if not value or len(value) > 300:
            return None
        parts = value.split(".")
        if len(parts) != 4 or not parts[0].isdigit() or not parts[2].isdigit():
            return None
        payload = ".".join(parts[:3])
        if not hmac.compare_digest(parts[3], self._signature(payload)):
            return None
        expires = int(parts[2])
        if expires <= (time.time() if now is None else now):
            return None
        return Session(int(parts[0]), parts[1], expires)


class Throttle:
    """Failed join attempts per address and in all, over a sliding window. The server
    runs one event loop, so nothing here needs a lock."""

    def __init__(
        self,
        per_address: int = FAILURES_PER_ADDRESS,
        in_all: int = FAILURES_IN_ALL,
        window: float = WINDOW_SECONDS,
    ) -> None:
        self.per_address = per_address
        self.in_all = in_all
        self.window = window
        self._by_address: dict[str, deque[float]] = {}
        self._all: deque[float] = deque()
        self.failed = 0
        """Failed (and refused) join attempts since the server started, for the trainer."""

    def _forget(self, now: float) -> None:
        since = now - self.window
        while self._all and self._all[0] <= since:
            self._all.popleft()
        for address in list(self._by_address):
            times = self._by_address[address]
            while times and times[0] <= since:
                times.popleft()
            if not times:
                del self._by_address[address]

    def wait(self, address: str, now: float | None = None) -> float:
        """Seconds `address` has to wait before its next try; 0 when it may try now."""
        now = time.monotonic() if now is None else now
        self._forget(now)
        waits = [0.0]
        mine = self._by_address.get(address)
        if mine is not None and len(mine) >= self.per_address:
            waits.append(mine[len(mine) - self.per_address] + self.window - now)
        if len(self._all) >= self.in_all:
            waits.append(self._all[len(self._all) - self.in_all] + self.window - now)
        return max(waits)

    def fail(self, address: str, now: float | None = None) -> None:
        """Count a failed attempt (or one refused for waiting) from `address`."""
        now = time.monotonic() if now is None else now
        self.failed += 1
        self._all.append(now)
        self._by_address.setdefault(address, deque()).append(now)
        while len(self._all) > self.in_all:  # only the newest `in_all` ever matter
            self._all.popleft()
        mine = self._by_address[address]
        while len(mine) > self.per_address:
            mine.popleft()
        if len(self._by_address) > ADDRESSES_KEPT:
            oldest = min(self._by_address, key=lambda a: self._by_address[a][-1])
            del self._by_address[oldest]


def same_origin(origin: str | None, host: str | None, allowed_hosts: frozenset[str] | None) -> bool:
    """Whether a request with these Origin and Host headers comes from a page of this
    server: the Origin is `http://` and the Host, and the Host is one this server is
    reached by (`allowed_hosts`; None: any, for a server on every address). A missing
    Origin is refused: every browser sends one with a websocket and a form post."""
    if not origin or not host:
        return False
    if allowed_hosts is not None and host.lower() not in allowed_hosts:
        return False
    return origin.lower() == f"http://{host.lower()}"


_PAGE_STYLE = """
body { font-family: system-ui, sans-serif; background: #0c181f; color: #eef2f4;
  margin: 0; display: flex; justify-content: center; }
main { max-width: 30rem; margin: 3rem 1rem; padding: 1.5rem 2rem; background: #12232d;
  border-radius: 0.5rem; }
h1 { font-size: 1.5rem; margin-top: 0; }
p { line-height: 1.4; }
label { display: block; font-weight: bold; margin-top: 1rem; }
input { font-size: 1.2rem; width: 100%; box-sizing: border-box; padding: 0.4rem;
  margin-top: 0.25rem; border-radius: 0.25rem; border: 1px solid #5b7a8c; }
button { font-size: 1.1rem; margin-top: 1.5rem; padding: 0.6rem 1.5rem; border: none;
  border-radius: 0.25rem; background: #2f7fd0; color: white; cursor: pointer; }
.problem { color: #ff9b8f; font-weight: bold; }
"""


def join_page(
    catalogue: Catalogue,
    course_title: str,
    *,
    message: str | None = None,
    name: str = "",
    code: str = "",
    name_limit: int = 40,
) -> str:
    """The join page: the course title, the join code, name and PIN fields, and a message
    (why the last try failed). `code` fills the code field (the banner's short link has
    it): the name field then takes the first keys. Plain HTML and CSS: no script,
    nothing from elsewhere."""
    t = catalogue
    escape = html.escape
    problem = f'<p class="problem" role="alert">{escape(message)}</p>' if message else ""
    return f"""<!DOCTYPE html>
<html lang="{escape(catalogue.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(course_title)}</title>
<style>{_PAGE_STYLE}</style>
</head>
<body>
<main>
<h1>{escape(t("serve_page.title"))}: {escape(course_title)}</h1>
<p>{escape(t("serve_page.intro"))}</p>
{problem}
<form method="post" action="/join" autocomplete="off">
<label for="code">{escape(t("serve_page.code_label"))}</label>
<input id="code" name="code" required maxlength="32" autocapitalize="characters"
  spellcheck="false" value="{escape(code)}"{"" if code else " autofocus"}>
<label for="name">{escape(t("serve_page.name_label"))}</label>
<input id="name" name="name" required maxlength="{int(name_limit)}" value="{escape(name)}"
  spellcheck="false"{" autofocus" if code else ""}>
<label for="pin">{escape(t("serve_page.pin_label"))}</label>
<input id="pin" name="pin" type="password" required minlength="4" maxlength="8"
  inputmode="numeric" pattern="[0-9]{{4,8}}">
<button type="submit" id="join">{escape(t("serve_page.submit"))}</button>
</form>
</main>
</body>
</html>
"""
