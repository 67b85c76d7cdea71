"""Imports go one way only: the layer contracts of `pyproject.toml` hold (checked by
import-linter), and the headless core (content model, grading, loader, progress store,
study rules, slides, live tally, class view) never imports Textual, not even indirectly,
so that `course validate` starts fast and the core is testable without a terminal."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from importlib.util import find_spec

import pytest
from conftest import REPO
from importlinter.cli import lint_imports

CORE = [
    "course.core.model",
    "course.core.grading",
    "course.core.kinds",
    "course.content",
    "course.study",
    "course.workshop.slides",
    "course.workshop.live",
    "course.workshop.countdown",
    "course.workshop.classview",
    "course.core.plaintext",
    "course.core.gc_pause",
]
if find_spec("course.store") is not None:
    CORE.append("course.store")

PROBE = """
import importlib, json, pkgutil, sys
found = {}
for name in sys.argv[1:]:
    module = importlib.import_module(name)
    for info in pkgutil.walk_packages(getattr(module, "__path__", []), name + "."):
        importlib.import_module(info.name)
    found[name] = sorted(m for m in sys.modules if m == "textual" or m.startswith("textual."))
print(json.dumps(found))
"""


def textual_modules_after_importing(*modules: str) -> dict[str, list[str]]:
    """For each of `modules`, imported in turn with every module below it in one fresh
    interpreter: the Textual modules loaded by then."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *modules],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    found: dict[str, list[str]] = json.loads(result.stdout)
    return found


def test_every_import_follows_the_layer_contracts(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # lint-imports reads the packages of the current folder; it also puts that folder on
    # sys.path, which must not outlive the test.
    monkeypatch.chdir(REPO)
    monkeypatch.setattr(sys, "path", list(sys.path))

    status = lint_imports(str(REPO / "pyproject.toml"), no_cache=True, no_logo=True)

    assert status == 0, capsys.readouterr().out


def test_the_layer_contracts_cover_every_layer() -> None:
    # A package missing from the contract would be free to import anything.
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = {c["id"]: c for c in config["tool"]["importlinter"]["contracts"]}
    listed = {name.strip() for layer in contracts["layers"]["layers"] for name in layer.split("|")}
    packages = {
        f"course.{path.stem}"
        for path in (REPO / "course").iterdir()
        if (path / "__init__.py").is_file() or (path.suffix == ".py" and path.stem != "__init__")
    }

    assert packages <= listed


@pytest.mark.slow
def test_the_core_imports_no_textual() -> None:
    assert textual_modules_after_importing(*CORE) == {name: [] for name in CORE}


@pytest.mark.slow
def test_the_check_sees_textual_when_it_is_imported() -> None:
    found = textual_modules_after_importing("course.core.model", "textual.app")

    assert found["course.core.model"] == []
    assert "textual.app" in found["textual.app"]
