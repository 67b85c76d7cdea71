"""The headless core (content model, grading, loader, progress store, study rules, slides,
live tally, class view) never imports Textual, so `course validate` starts fast and the
core is testable without a terminal."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib.util import find_spec

import pytest
from conftest import REPO

pytestmark = pytest.mark.slow

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


def test_the_core_imports_no_textual() -> None:
    assert textual_modules_after_importing(*CORE) == {name: [] for name in CORE}


def test_the_check_sees_textual_when_it_is_imported() -> None:
    found = textual_modules_after_importing("course.core.model", "textual.app")

    assert found["course.core.model"] == []
    assert "textual.app" in found["textual.app"]
