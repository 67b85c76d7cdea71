"""Key bindings in the learner's language: shared by screens, dialogs and input widgets,
so that a widget needs nothing from the screens above it."""

from __future__ import annotations

from dataclasses import replace
from typing import Protocol

from textual.dom import DOMNode

from course.i18n import Catalogue


class HasCatalogue(Protocol):
    """An app with the interface texts of its current language."""

    @property
    def catalogue(self) -> Catalogue:
        """The texts of the current language."""
        ...


def localize_bindings(node: DOMNode, app: HasCatalogue) -> None:
    """Give a node's key bindings their descriptions in the current language.

    Textual's bindings are declared once per class, with fixed descriptions; the footer and
    the help must follow the language switch, so the descriptions are swapped in place from
    the `keys` table of the catalogue (keyed by action name).
    """
    bindings = node._bindings.key_to_bindings
    for key, found in bindings.items():
        bindings[key] = [
            replace(b, description=text) if (text := app.catalogue.get(_key_of(b.action))) else b
            for b in found
        ]


def _key_of(action: str) -> str:
    """The catalogue key of an action: `app.switch_language` → `keys.switch_language`."""
    return "keys." + action.split("(", 1)[0].removeprefix("app.")
