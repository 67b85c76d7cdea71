"""What the widgets that draw their own lines share: their style, worked out once a
drawing."""

from __future__ import annotations

from rich.style import Style
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget


class LineDrawn(Widget):
    """A widget that draws each line itself (`render_line`, with `base_style`).

    Its own style (`rich_style`) walks up every ancestor; asked for once a line, it took
    half the time of the workbench's list of people. It is worked out once for the lines
    drawn together instead.

    With another Textual base (`ScrollView`), list this one after it: Textual keeps each
    widget class's registries (reactives, bindings) on the class itself, and a base listed
    first would hide the other's, its scroll watchers among them.
    """

    _base: Style | None = None
    """The widget's own style while its lines are drawn."""

    def render_lines(self, crop: Region) -> list[Strip]:
        self._base = self.rich_style
        try:
            return super().render_lines(crop)
        finally:
            self._base = None

    @property
    def base_style(self) -> Style:
        """The widget's own style: as worked out for the drawing under way, if any."""
        return self._base if self._base is not None else self.rich_style
