"""The keys of the current screen, in one line at the bottom: Textual's footer, drawn light."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.widget import Widget


class KeyBar(Widget):
    """The shown key bindings of the screen, looking like Textual's `Footer`.

    `Footer` composes a widget per key and builds them again whenever the bindings may
    have changed; when a screen opens, that alone takes a few layout and paint rounds. This
    bar is one widget that draws its line from the screen's active bindings, on its first
    paint, and draws it again when they change. As in the footer, a click on a key presses
    it, a key whose action cannot run now is dimmed, and the command palette's key sits on
    the right.
    """

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        width: 100%;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        .key-bar--item {
            background: $footer-item-background;
        }
        .key-bar--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .key-bar--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        .key-bar--separator {
            color: $foreground 20%;
        }
    }
    """
    COMPONENT_CLASSES = {
        "key-bar--item",
        "key-bar--key",
        "key-bar--description",
        "key-bar--separator",
    }
    ALLOW_SELECT = False

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._spans: list[tuple[int, int, Binding, bool]] = []
        """Where each key is drawn: start and end cell, its binding, whether it can run."""
        self._drawn_keys: tuple[tuple[str, str, str, bool], ...] | None = None
        """The keys as last drawn (see `_keys`)."""

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, _screen: object) -> None:
        # The signal comes with every change of focus and every mount, mostly with the same
        # keys: drawn again only when they differ (opening the network workbench drew the
        # same bar three times). Before its first drawing there is nothing to compare: that
        # drawing shows the keys as they are then.
        if self._drawn_keys is not None and self._keys() != self._drawn_keys:
            self.refresh()

    def _keys(
        self, shown: tuple[list[tuple[Binding, bool]], tuple[Binding, bool] | None] | None = None
    ) -> tuple[tuple[str, str, str, bool], ...]:
        """What the bar shows of each key: key, action, description, whether it can run
        (of the bindings `_shown` gives, or gave)."""
        keys, palette = self._shown() if shown is None else shown
        every = [*keys, palette] if palette is not None else keys
        return tuple((b.key, b.action, b.description, ok) for b, ok in every)

    def _shown(self) -> tuple[list[tuple[Binding, bool]], tuple[Binding, bool] | None]:
        """The bindings to show (the first key of each action, as the footer does) and the
        command palette's, if it is shown."""
        active = self.screen.active_bindings
        by_action: dict[str, tuple[Binding, bool]] = {}
        for _node, binding, enabled, _tooltip in active.values():
            if binding.show:
                by_action.setdefault(binding.action, (binding, enabled))
        palette = None
        if self.app.ENABLE_COMMAND_PALETTE:
            found = active.get(self.app.COMMAND_PALETTE_BINDING)
            if found is not None:
                palette = (found.binding, found.enabled)
        return list(by_action.values()), palette

    def _item(self, binding: Binding, enabled: bool, compact: bool = False) -> Text:
        """One key as the footer draws it: " key " in the key style, then "description "
        (compact, as the footer draws the palette's key: "key description")."""
        key_display = self.app.get_key_display(binding)
        key_style = self.get_component_rich_style("key-bar--key")
        if binding.description:
            description_style = self.get_component_rich_style("key-bar--description")
            if compact:
                parts = ((key_display, key_style), (f" {binding.description}", description_style))
            else:
                parts = (
                    (f" {key_display} ", key_style),
                    (f"{binding.description} ", description_style),
                )
            item = Text.assemble(*parts)
        else:
            item = Text(key_display, style=key_style)
        base = self.get_component_rich_style("key-bar--item")
        item.stylize_before(base + Style(dim=True) if not enabled else base)
        return item

    def _fitting_items(self, keys: list[tuple[Binding, bool]], room: int) -> list[Text]:
        """The keys drawn in `room` cells, whole: as the footer draws them if they fit;
        otherwise compact (" key description", one cell apart); otherwise compact without
        the last keys but help, which lists them all. A key cut in half helps nobody."""
        roomy = [self._item(binding, enabled) for binding, enabled in keys]
        if sum(item.cell_len for item in roomy) <= room:
            return roomy
        gap = Text(" ", style=self.get_component_rich_style("key-bar--item"))
        compact = [Text.assemble(gap, self._item(b, ok, compact=True)) for b, ok in keys]
        kept = list(range(len(keys)))
        while kept and sum(compact[index].cell_len for index in kept) > room:
            droppable = [index for index in kept if keys[index][0].action != "help"]
            kept.remove(droppable[-1] if droppable else kept[-1])
        return [compact[index] if index in kept else Text() for index in range(len(keys))]

    def render(self) -> Text:
        width = self.size.width
        keys, palette = shown = self._shown()
        self._drawn_keys = self._keys(shown)
        palette_item = self._item(*palette, compact=True) if palette is not None else None
        # The palette's key is docked on the right after a thin line, one cell from the edge.
        room = width - palette_item.cell_len - 2 if palette_item is not None else width
        line = Text(no_wrap=True, overflow="crop", end="")
        spans: list[tuple[int, int, Binding, bool]] = []
        items = self._fitting_items(keys, max(0, room))
        for (binding, enabled), item in zip(keys, items, strict=True):
            if item.cell_len:
                spans.append((line.cell_len, line.cell_len + item.cell_len, binding, enabled))
                line.append_text(item)
        if palette is not None and palette_item is not None:
            separator = Text("▏", style=self.get_component_rich_style("key-bar--separator"))
            start = max(0, room)
            line.truncate(start, pad=True)
            spans = [(a, min(b, start), binding, ok) for a, b, binding, ok in spans if a < start]
            line.append_text(separator)
            spans.append((start + 1, start + 1 + palette_item.cell_len, *palette))
            line.append_text(palette_item)
            line.append(" ", self.get_component_rich_style("key-bar--item"))
        self._spans = spans
        return line

    def on_mouse_down(self, event: events.MouseDown) -> None:
        for start, end, binding, enabled in self._spans:
            if start <= event.x < end:
                event.stop()
                if enabled:
                    self.app.simulate_key(binding.key)
                else:
                    self.app.bell()
                return
