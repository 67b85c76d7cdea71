"""The door of `course serve` without a server: session cookies, the throttle on join
attempts, the Origin and Host checks, and the join page."""

from __future__ import annotations

import re

import pytest

from course.i18n import Catalogue
from course.workshop.gate import SessionSigner, Throttle, join_page, same_origin

KEY = b"k" * 32


def test_a_signed_session_names_its_learner_and_key_until_it_expires() -> None:
    signer = SessionSigner(KEY, seconds=60)
    value = signer.sign(7, "abc123", now=1000)
    session = signer.check(value, now=1059)
    assert session is not None and (session.learner_id, session.key) == (7, "abc123")
    assert signer.check(value, now=1060) is None


@pytest.mark.parametrize(
    "forge",
    [
        lambda v: v.replace("7.", "8.", 1),  # another learner
        lambda v: v.replace(".abc123.", ".abc124.", 1),  # another PIN's key
        lambda v: "7.abc123.99999999999." + v.split(".")[3],  # a later end
        lambda v: v[:-1] + ("0" if v[-1] != "0" else "1"),  # another signature
        lambda v: "",
        lambda v: "7.abc123.1060",
        lambda v: "x" * 500,
    ],
)
def test_a_forged_or_malformed_session_is_nobody(forge: object) -> None:
    signer = SessionSigner(KEY, seconds=60)
    value = signer.sign(7, "abc123", now=1000)
    assert callable(forge)
    assert signer.check(forge(value), now=1001) is None


def test_a_session_of_another_server_is_nobody() -> None:
    earlier = SessionSigner(b"e" * 32).sign(7)
    assert SessionSigner(KEY).check(earlier) is None


def test_one_address_waits_after_a_few_failures_others_do_not() -> None:
    throttle = Throttle(per_address=3, in_all=100, window=60)
    for moment in range(3):
        assert throttle.wait("10.0.0.9", now=moment) == 0
        throttle.fail("10.0.0.9", now=moment)
    assert throttle.wait("10.0.0.9", now=3) == pytest.approx(57)
    assert throttle.wait("10.0.0.10", now=3) == 0
    assert throttle.wait("10.0.0.9", now=61) == 0  # the window moved on
    assert throttle.failed == 3


def test_failures_from_many_addresses_slow_everyone() -> None:
    throttle = Throttle(per_address=3, in_all=10, window=60)
    for number in range(10):  # one try each from ten addresses: a spread-out search
        throttle.fail(f"10.0.1.{number}", now=number)
    assert throttle.wait("10.0.2.1", now=10) == pytest.approx(50)
    assert throttle.failed == 10


def test_the_throttle_remembers_a_bounded_number_of_addresses() -> None:
    throttle = Throttle(per_address=2, in_all=5, window=1000)
    for number in range(12_000):
        throttle.fail(f"a{number}", now=number * 0.001)
    assert len(throttle._by_address) <= 10_000
    assert len(throttle._all) == 5


@pytest.mark.parametrize(
    ("origin", "host", "allowed"),
    [
        ("http://127.0.0.1:8000", "127.0.0.1:8000", True),
        ("http://localhost:8000", "localhost:8000", True),
        ("http://evil.example", "127.0.0.1:8000", False),
        ("null", "127.0.0.1:8000", False),
        (None, "127.0.0.1:8000", False),
        ("http://127.0.0.1:8000", None, False),
        ("https://127.0.0.1:8000", "127.0.0.1:8000", False),
        ("http://rebound.example:8000", "rebound.example:8000", False),  # DNS rebinding
    ],
)
def test_only_the_served_origin_is_allowed(
    origin: str | None, host: str | None, allowed: bool
) -> None:
    hosts = frozenset({"127.0.0.1:8000", "localhost:8000"})
    assert same_origin(origin, host, hosts) is allowed


def test_on_every_address_any_host_of_this_server_is_its_own_origin() -> None:
    assert same_origin("http://10.0.0.5:8000", "10.0.0.5:8000", None)
    assert not same_origin("http://evil.example", "10.0.0.5:8000", None)


@pytest.mark.parametrize("language", ["en", "de"])
def test_the_join_page_is_ours_alone_and_escapes_what_it_shows(language: str) -> None:
    page = join_page(
        Catalogue(language),
        "Tea <script>",
        message="<b>no</b>",
        name='"><script>alert(1)</script>',
    )
    assert "<script" not in page.replace("&lt;script", "")
    assert not re.search(r"(src|href)=", page)  # no font, script or style from elsewhere
    assert 'name="code"' in page and 'name="name"' in page and 'name="pin"' in page
    assert 'type="password"' in page
    assert Catalogue(language)("serve_page.pin_label") in page
