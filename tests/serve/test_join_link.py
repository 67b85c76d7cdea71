"""Joining by the banner's short link and its QR code, and a class page that asks no third
party for anything (no web font from Google, no script from a CDN)."""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import aiohttp
import pytest
import segno
from rich.console import Console

from course.workshop import serve as serving

from .conftest import JOIN_CODE, join, serve

LINK = "http://192.168.178.100:65535/j/MKWG7Y"


def render(renderable: object, width: int = 80) -> str:
    console = Console(width=width, record=True, color_system=None, file=open("/dev/null", "w"))  # noqa: SIM115
    console.print(renderable)
    return console.export_text()


def modules_of(lines: list[str]) -> list[list[int]]:
    """The QR code's modules (1 dark) read back from its half-block characters."""
    rows: list[list[int]] = []
    for line in lines:
        rows.append([int(c in "█▀") for c in line])
        rows.append([int(c in "█▄") for c in line])
    return rows


def test_the_short_link_carries_the_code_in_its_path() -> None:
    assert serving.join_link("http://10.0.0.5:8000", "TEA42X") == "http://10.0.0.5:8000/j/TEA42X"
    assert (
        serving.join_link("http://[fe80::1]:8000/", "A B/C") == "http://[fe80::1]:8000/j/A%20B%2FC"
    )


def test_the_qr_code_is_segnos_code_of_the_link_with_a_quiet_zone() -> None:
    expected = [list(row) for row in segno.make(LINK, micro=False).matrix_iter(border=2)]
    drawn = modules_of(serving.qr_lines(LINK))
    # Half blocks hold two rows each: an odd count gets a light row under the last.
    assert drawn[: len(expected)] == expected
    assert all(not any(row) for row in drawn[len(expected) :])
    assert len(drawn) - len(expected) in (0, 1)


@pytest.mark.parametrize("host", ["127.0.0.1:8000", "192.168.178.100:65535"])
def test_the_banner_shows_the_link_its_qr_code_and_the_code_big_within_80_columns(
    host: str,
) -> None:
    link = serving.join_link(f"http://{host}", "MKWG7Y")
    text = render(serving.banner(link, host, "MKWG7Y", 40, warning=False))
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert link in text
    qr = serving.qr_lines(link)
    assert all(any(row in line for line in lines) for row in qr if row.strip())
    big_address = serving.big_text(host)
    assert big_address is not None
    # The code as big as fits beside the QR code: twice as wide, else plain big.
    assert any(
        big is not None and all(any(row in line for line in lines) for row in big)
        for big in (serving.big_text("MKWG7Y", scale=2), serving.big_text("MKWG7Y"))
    )
    assert "40 learners" in " ".join(text.replace("│", " ").split())
    assert "Warning" not in text
    assert all(any(row in line for line in lines) for row in big_address)


needs_zbar = pytest.mark.skipif(
    shutil.which("zbarimg") is None,
    reason="no zbarimg to read QR codes (Debian: apt-get install zbar-tools)",
)


@needs_zbar
def test_a_qr_reader_reads_the_banners_code_as_the_link(tmp_path: Path) -> None:
    text = render(serving.banner(LINK, "192.168.178.100:65535", "MKWG7Y", 40, warning=True))
    qr = serving.qr_lines(LINK)
    # The code as the terminal shows it: cut from the printed banner, not taken from segno.
    lines = text.splitlines()
    top = next(number for number, line in enumerate(lines) if qr[1] in line) - 1
    start = lines[top + 1].index(qr[1])
    rows = modules_of([line[start : start + len(qr[0])] for line in lines[top : top + len(qr)]])
    picture = tmp_path / "banner-qr.pbm"
    scale, margin = 8, 4
    width = (len(rows[0]) + 2 * margin) * scale
    height = (len(rows) + 2 * margin) * scale
    bits = []
    for y in range(height):
        row_index = y // scale - margin
        for x in range(width):
            column = x // scale - margin
            dark = 0 <= row_index < len(rows) and 0 <= column < len(rows[0])
            bits.append("1" if dark and rows[row_index][column] else "0")
    picture.write_text(f"P1\n{width} {height}\n" + "\n".join(bits) + "\n")
    read = subprocess.run(
        ["zbarimg", "--raw", "-q", str(picture)], capture_output=True, text=True, timeout=30
    )
    assert read.stdout.strip() == LINK


class References(HTMLParser):
    """Every address a page names: src, href, and url(...) in its styles."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found += [
            value for name, value in attrs if name in ("src", "href", "action") and value
        ]
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.found += re.findall(r"url\(\s*[\"']?([^\"')]+)", data)


def references(page: str) -> list[str]:
    parser = References()
    parser.feed(page)
    return parser.found


@pytest.mark.slow
async def test_the_short_link_opens_the_join_page_with_the_code_filled(tmp_path: Path) -> None:
    with serve(tmp_path) as served:
        base = f"http://127.0.0.1:{served.port}"
        async with (
            aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as session,
            session.get(serving.join_link(base, JOIN_CODE)) as opened,
        ):
            assert opened.status == 200
            page = await opened.text()
        assert re.search(rf'<input id="code"[^>]*value="{JOIN_CODE}"', page)
        assert re.search(r'<input id="name"[^>]*autofocus', page)
        assert f"{base}/j/{JOIN_CODE}" in served.projected()


@pytest.mark.slow
async def test_the_class_pages_and_everything_they_name_come_from_the_server(
    tmp_path: Path,
) -> None:
    with serve(tmp_path) as served:
        base = f"http://127.0.0.1:{served.port}/"
        async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as session:
            async with session.get(base) as join_page:
                pages = [await join_page.text()]
            assert await join(session, served, "ana", "1234") == 303
            async with session.get(base) as app_page:
                pages.append(await app_page.text())
            assert 'class="textual-terminal"' in pages[1]
            named = [reference for page in pages for reference in references(page)]
            assert any("/static/js/" in reference for reference in named)
            assert any("/static/fonts/" in reference for reference in named)
            for reference in named:
                address = urlsplit(urljoin(base, reference))
                assert (address.scheme, address.netloc) == ("http", f"127.0.0.1:{served.port}")
                if reference != "/join":
                    async with session.get(urljoin(base, reference)) as asset:
                        assert asset.status == 200, reference
        # Nor does any other address in the pages (the SVG namespace names, it loads nothing).
        ours = (f"http://127.0.0.1:{served.port}/", f"ws://127.0.0.1:{served.port}/")
        elsewhere = [
            found
            for page in pages
            for found in re.findall(r"(?:https?|wss?)://[^\"'\s)<>]+", page)
            if not found.startswith(ours) and found != "http://www.w3.org/2000/svg"
        ]
        assert elsewhere == []
