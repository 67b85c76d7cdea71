"""`course serve` without a server: the join code, the learner's command line and
environment, the address and the banner, and what the command stores before serving."""

from __future__ import annotations

import argparse
import datetime
import shlex
import socket
import stat
import sys
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from course.cli import serve as serve_command
from course.cli.main import main
from course.store import ProgressStore
from course.workshop import serve as serving

from .conftest import EXAMPLE_COURSE

TRAINER_ENVIRONMENT = {
    "PATH": "/usr/local/bin:/usr/bin:/bin",
    "LANG": "de_DE.UTF-8",
    "LC_ALL": "de_DE.UTF-8",
    "LC_TIME": "en_GB.UTF-8",
    "TZ": "Europe/Berlin",
    "HOME": "/home/trainer",
    "USER": "trainer",
    "AWS_SECRET_ACCESS_KEY": "very-secret",
    "GITHUB_TOKEN": "ghp_secret",
    "SSH_AUTH_SOCK": "/tmp/ssh-agent.sock",
    "HTTPS_PROXY": "http://user:password@proxy:3128",
    "COURSE_DATA_DIR": "/home/trainer/private",
    "COURSE_DIR": "/home/trainer/drafts",
    "PYTHONSTARTUP": "/home/trainer/.pythonrc",
    "TEXTUAL": "devtools",
    "NO_COLOR": "1",
}


# The join code ------------------------------------------------------------------------


def test_random_join_codes_use_only_the_unambiguous_alphabet() -> None:
    codes = {serving.new_join_code() for _ in range(200)}
    assert len(codes) == 200
    for code in codes:
        assert len(code) == serving.CODE_LENGTH
        assert set(code) <= set(serving.CODE_ALPHABET)
    assert not set("0OD1IL2Z5S8B") & set(serving.CODE_ALPHABET)


def test_every_code_character_has_a_big_glyph() -> None:
    assert serving.big_text(serving.CODE_ALPHABET) is not None


@pytest.mark.parametrize(
    ("given", "kept"), [("tea42x", "TEA42X"), ("  Abcd  ", "ABCD"), ("X" * 32, "X" * 32)]
)
def test_a_chosen_join_code_is_upper_cased_and_stripped(given: str, kept: str) -> None:
    assert serving.clean_join_code(given) == kept


@pytest.mark.parametrize("given", ["abc", "", "X" * 33, "two words", "tab\tcode", "nul\0code"])
def test_a_weak_or_odd_join_code_is_refused(given: str) -> None:
    with pytest.raises(ValueError):
        serving.clean_join_code(given)


# The learner's command line and environment ---------------------------------------------


def test_the_learner_command_takes_a_seat_in_the_class_store(tmp_path: Path) -> None:
    argv = serving.learner_argv(Path("docs/example-course"), tmp_path / "data", "de")
    assert argv[:4] == [sys.executable, "-m", "course", "--seat"]
    assert argv[argv.index("--course") + 1] == str(Path("docs/example-course").resolve())
    assert argv[argv.index("--data-dir") + 1] == str((tmp_path / "data").resolve())
    assert argv[-2:] == ["--lang", "de"]
    assert "--lang" not in serving.learner_argv(EXAMPLE_COURSE, tmp_path, None)


def test_the_shell_command_keeps_paths_with_spaces_and_quotes_whole(tmp_path: Path) -> None:
    odd = tmp_path / "my course's data; rm -rf ~"
    argv = serving.learner_argv(EXAMPLE_COURSE, odd, "en", python="/opt/py thon/bin/python")
    assert shlex.split(serving.shell_command(argv)) == argv


def test_the_learner_environment_keeps_path_and_locale_only(tmp_path: Path) -> None:
    environment = serving.learner_environment(TRAINER_ENVIRONMENT, tmp_path)
    assert environment == {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "LANG": "de_DE.UTF-8",
        "LC_ALL": "de_DE.UTF-8",
        "LC_TIME": "en_GB.UTF-8",
        "TZ": "Europe/Berlin",
        "HOME": str(tmp_path),
        "TERM": serving.LEARNER_TERM,
    }


def test_replacing_the_environment_leaves_nothing_else(monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    monkeypatch.setattr(os, "environ", os.environ.copy())  # the test's own copy
    os.environ["SOMETHING_SECRET"] = "x"
    serving.replace_environment({"PATH": "/bin"})
    assert dict(os.environ) == {"PATH": "/bin"}


# The address and the banner --------------------------------------------------------------


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.0.1.1", True),
        ("localhost", True),
        ("::1", True),
        ("0.0.0.0", False),
        ("::", False),
        ("192.168.1.20", False),
        ("classroom.example.org", False),
    ],
)
def test_only_loopback_hosts_count_as_this_machine_only(host: str, loopback: bool) -> None:
    assert serving.is_loopback(host) is loopback


def test_addresses_put_ipv6_in_brackets() -> None:
    assert serving.url("127.0.0.1", 8000) == "http://127.0.0.1:8000"
    assert serving.url("fe80::1", 8000) == "http://[fe80::1]:8000"
    assert serving.url("class.local", 80) == "http://class.local:80"


def test_a_wildcard_host_is_shared_as_a_real_address() -> None:
    shared = serving.share_host("0.0.0.0")
    assert shared not in ("0.0.0.0", "") and not serving.is_loopback(shared)
    assert serving.share_host("192.168.1.20") == "192.168.1.20"


def render(renderable: Any, width: int = 80) -> str:
    console = Console(width=width, record=True, color_system=None, file=open("/dev/null", "w"))  # noqa: SIM115
    console.print(renderable)
    return console.export_text()


def test_the_banner_warns_when_the_class_is_open_to_the_network() -> None:
    text = render(serving.banner("http://10.0.0.5:8000", "10.0.0.5:8000", "ABCD", 5, True))
    assert "Warning: this class is open to the network" in " ".join(text.split())
    assert "knows the code can join" in " ".join(text.split())


def test_text_too_wide_or_without_glyphs_stays_plain() -> None:
    assert serving.big_text("äöü") is None
    assert serving.big_text("A" * 40, width=74) is None
    text = render(
        serving.banner(
            "http://a.very.long.host.name.example:8000",
            "a.very.long.host.name.example:8000",
            "ABCD",
            5,
            True,
        )
    )
    assert "a.very.long.host.name.example:8000" in text


# The command ------------------------------------------------------------------------------


def today_class(data_dir: Path) -> Path:
    """The folder of today's class of the example course."""
    return data_dir / "classes" / f"{datetime.date.today().isoformat()}-example"


def run_serve(monkeypatch: pytest.MonkeyPatch, *args: str) -> dict[str, Any]:
    """Run `course serve` with the server itself (and its port) replaced; returns what it
    was given."""
    given: dict[str, Any] = {}
    monkeypatch.setattr(serving, "listen", lambda host, port: [])
    monkeypatch.setattr(serving, "serve", lambda **kwargs: given.update(kwargs))
    assert main(["--course", str(EXAMPLE_COURSE), "serve", *args]) == 0
    return given


def test_serve_keeps_only_a_hash_of_the_code_and_the_limit_before_serving(
    monkeypatch: pytest.MonkeyPatch, data_dir: Path
) -> None:
    given = run_serve(monkeypatch, "--join-code", "tea42x", "--max-learners", "12")
    assert given["code"] == "TEA42X"
    assert given["host"] == "127.0.0.1" and given["port"] == 8000
    assert given["max_learners"] == 12
    assert given["data_dir"] == today_class(data_dir) and given["course_dir"] == EXAMPLE_COURSE
    assert given["title"] == "Making good tea"
    with ProgressStore.open(today_class(data_dir)) as store:
        room = store.classroom("example")
        assert room.check_join_code("TEA42X") and room.check_join_code(" tea42x ")
        assert not room.check_join_code("TEA42Y")
        assert room.state().max_learners == 12
    assert b"TEA42X" not in (today_class(data_dir) / "progress.sqlite3").read_bytes()
    # The trainer's own progress is not the class's: serve never opened it.
    assert not (data_dir / "progress.sqlite3").exists()


def test_serve_makes_up_a_code_when_none_is_given(
    monkeypatch: pytest.MonkeyPatch, data_dir: Path
) -> None:
    given = run_serve(monkeypatch)
    assert len(given["code"]) == serving.CODE_LENGTH
    assert given["max_learners"] == serving.DEFAULT_MAX_LEARNERS
    with ProgressStore.open(today_class(data_dir)) as store:
        assert store.classroom("example").check_join_code(given["code"])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--port", "0"], "--port"),
        (["--port", "70000"], "--port"),
        (["--max-learners", "0"], "--max-learners"),
        (["--join-code", "ab"], "--join-code"),
    ],
)
def test_serve_refuses_bad_options_with_a_message(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["--course", str(EXAMPLE_COURSE), "serve", *args])
    assert stopped.value.code == 1
    assert message in capsys.readouterr().err


def test_serve_says_why_when_the_port_is_taken(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def taken(host: str, port: int) -> None:
        raise OSError(98, "Address already in use")

    monkeypatch.setattr(serving, "listen", taken)
    with pytest.raises(SystemExit):
        main(["--course", str(EXAMPLE_COURSE), "serve", "--port", "8123"])
    assert "cannot serve on 127.0.0.1:8123: Address already in use" in capsys.readouterr().err


def test_a_server_that_cannot_have_its_port_leaves_the_running_class_alone(
    monkeypatch: pytest.MonkeyPatch, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    listen = serving.listen
    run_serve(monkeypatch, "--join-code", "QAT7", "--max-learners", "2")
    capsys.readouterr()
    monkeypatch.setattr(serving, "listen", listen)  # the real port, taken by the class
    with socket.create_server(("127.0.0.1", 0)) as running:
        port = str(running.getsockname()[1])
        with pytest.raises(SystemExit):
            main(["--course", str(EXAMPLE_COURSE), "serve", "--port", port, "--join-code", "ZZZZ"])
    shown = capsys.readouterr()
    assert f"cannot serve on 127.0.0.1:{port}" in shown.err
    assert "ZZZZ" not in shown.out + shown.err
    with ProgressStore.open(today_class(data_dir)) as store:
        room = store.classroom("example")
        assert room.check_join_code("QAT7") and not room.check_join_code("ZZZZ")
        assert room.state().max_learners == 2


def test_serve_is_listed_with_its_options(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["serve", "--help"])
    shown = capsys.readouterr().out
    for option in ("--host", "--port", "--join-code", "--max-learners", "--class", "--lang"):
        assert option in shown
    assert serve_command.NAME == "serve"
    assert isinstance(argparse.ArgumentParser(), argparse.ArgumentParser)


def test_a_named_class_has_its_own_folder_private_to_the_trainer(
    monkeypatch: pytest.MonkeyPatch, data_dir: Path
) -> None:
    given = run_serve(monkeypatch, "--class", "tuesday-group")
    folder = data_dir / "classes" / "tuesday-group"
    assert given["data_dir"] == folder
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(folder.parent.stat().st_mode) == 0o700
    for lock in folder.glob("*.lock"):
        assert stat.S_IMODE(lock.stat().st_mode) == 0o600, lock


@pytest.mark.parametrize("name", ["", "../escape", "a/b", ".hidden", "x" * 65, "tab\tname"])
def test_a_class_name_that_cannot_name_a_folder_is_refused(
    name: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(serving, "listen", lambda host, port: [])
    monkeypatch.setattr(serving, "serve", lambda **kwargs: None)
    with pytest.raises(SystemExit):
        main(["--course", str(EXAMPLE_COURSE), "serve", "--class", name])
    assert "--class" in capsys.readouterr().err
