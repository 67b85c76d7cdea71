"""The command palette's entries in the order the app gives them.

Textual's own provider sorts what it offers before anything is typed by title, which put
the lessons in alphabetical order; a course is read in its own order.
"""

from __future__ import annotations

from textual.command import DiscoveryHit, Hits
from textual.system_commands import SystemCommandsProvider


class CourseCommands(SystemCommandsProvider):
    """The app's system commands, offered in the order `get_system_commands` yields them."""

    async def discover(self) -> Hits:
        """Every command to discover, unsorted: lessons in course order, each with its quiz."""
        for name, help_text, callback, discover in self.app.get_system_commands(self.screen):
            if discover:
                yield DiscoveryHit(name, callback, help=help_text)


def course_commands() -> type[CourseCommands]:
    """The provider, imported only when the palette first opens (not part of the start)."""
    return CourseCommands
