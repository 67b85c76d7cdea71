"""Every key, in the current language."""

from __future__ import annotations

import re

from textual.app import ComposeResult
from textual.containers import VerticalScroll

from course.ui.screens.base import CourseModal
from course.ui.widgets.markdown_text import MarkdownText

KEYS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    (
        "help.everywhere",
        (
            ("F1, ?", "help.k_help"),
            ("Ctrl+P", "help.k_palette"),
            ("F2", "help.k_language"),
            ("F3", "help.k_theme"),
            ("F4", "help.k_about"),
            ("Escape", "help.k_back"),
            ("q, Ctrl+Q", "help.k_quit"),
        ),
    ),
    (
        "help.outline",
        (
            ("↑ ↓, Enter", "help.k_open"),
            ("c", "help.k_continue"),
            ("r", "help.k_review"),
            ("m", "help.k_mastery"),
            ("p", "help.k_plan"),
            ("o", "help.k_settings"),
        ),
    ),
    (
        "help.lesson",
        (
            ("↑ ↓ PgUp PgDn Home End", "help.k_scroll"),
            ("n, p", "help.k_next_prev"),
            ("s", "help.k_quiz"),
            ("l", "help.k_links"),
            ("r", "help.k_write"),
        ),
    ),
    (
        "help.quiz",
        (
            ("a b c …, ↑ ↓, Space, Enter, Tab", "help.k_select"),
            ("Ctrl+↑ Ctrl+↓, u d", "help.k_move"),
            ("Ctrl+S", "help.k_check"),
            ("n, Enter", "help.k_next"),
            ("y", "help.k_sure"),
            ("1 … 9", "help.k_study"),
        ),
    ),
)


class HelpScreen(CourseModal):
    """The keys of every screen."""

    BINDINGS = [("escape,f1,question_mark", "close", "Close")]

    def compose(self) -> ComposeResult:
        lines = [f"# {self.t('help.title')}", ""]
        for section, keys in KEYS:
            lines.append(f"## {self.t(section)}")
            lines.append("")
            lines.extend(f"- **{self._key_names(key)}** — {self.t(text)}" for key, text in keys)
            lines.append("")
        lines.append(f"*{self.t('help.close')}*")
        with VerticalScroll(classes="dialog wide"):
            yield MarkdownText("\n".join(lines), id="help-text")

    def _key_names(self, keys: str) -> str:
        """Keys as the learner's keyboard labels them ("Strg+S" on a German one)."""
        catalogue = self.course_app.catalogue
        return re.sub(
            r"[A-Za-z]{2,}", lambda word: catalogue.get(f"key_names.{word[0]}") or word[0], keys
        )
