"""The app's title in one line at the top: Textual's header, drawn light."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.widget import Widget

ICON = "⭘"
"""Drawn at the left, as in Textual's header; a click on it opens the command palette."""
ICON_WIDTH = 8
"""Cells of the icon's place on the left (the header's `HeaderIcon`)."""
RIGHT_WIDTH = 10
"""Cells kept free on the right (the header's place for a clock)."""


class TitleBar(Widget):
    """The screen's or the app's title, centred, looking like Textual's `Header`.

    `Header` composes three widgets and sets its title only after the first paint, so a
    new screen is laid out and painted twice; this bar draws the title on its first paint.
    """

    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        width: 100%;
        height: 1;
        background: $panel;
        color: $foreground;
    }
    """
    ALLOW_SELECT = False

    def on_mount(self) -> None:
        for node in (self.app, self.screen):
            self.watch(node, "title", self._retitle, init=False)
            self.watch(node, "sub_title", self._retitle, init=False)

    def _retitle(self) -> None:
        self.refresh()

    def render(self) -> Text:
        width = self.size.width
        title = self.screen.title if self.screen.title is not None else self.app.title
        sub_title = self.screen.sub_title
        sub_title = sub_title if sub_title is not None else self.app.sub_title
        shown = Text(title, no_wrap=True, end="")
        if sub_title:
            shown.append(" — ", "dim")
            shown.append(sub_title, "dim")
        room = max(0, width - ICON_WIDTH - RIGHT_WIDTH)
        shown.truncate(room, overflow="ellipsis")
        line = Text(f" {ICON}".ljust(ICON_WIDTH), no_wrap=True, end="")
        line.append(" " * ((room - shown.cell_len) // 2))
        line.append_text(shown)
        return line

    async def on_click(self, event: events.Click) -> None:
        if event.x < ICON_WIDTH and self.app.ENABLE_COMMAND_PALETTE:
            event.stop()
            await self.run_action("app.command_palette")
