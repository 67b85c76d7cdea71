"""A Textual `Button` with only the styles of its default and primary looks."""

from __future__ import annotations

from textual.widgets import Button


class LightButton(Button, inherit_css=False):
    """A `Button` that looks like one in the default or primary variant, and nothing more.

    Textual's `Button` brings the styles of every variant in both its default and its flat
    look: parsing them is about a tenth of what the app adds to a bare Textual app at start.
    The outline's only button needs two of them, copied here from Textual 8.2 in Button's
    order (the ANSI rules too, for 16-colour terminals and NO_COLOR). It is still a
    `Button`: same messages, same behaviour; other variants and `flat=True` are not styled.

    A button being made is not styled when its look is set, only once it is mounted (as
    every widget is): `Button` styled it, and every node under it, at each of the two
    settings, which was a twentieth of showing a live question with its Check button
    (benchmarks/class_serve.py).
    """

    DEFAULT_CSS = """
    LightButton:ansi.-style-default {
        border: tall $border-blurred;
        background: ansi_default;

        &:disabled {
            text-opacity: 1;
            text-style: bold dim;
            border: tall $border-blurred !important;
            background: ansi_default !important;
            pointer: not-allowed;
            &:hover {
                background: ansi_default;
            }
        }
        &:hover {
            background: $ansi-background;
            border: tall $border;
        }
        &.-active {
            background: $ansi-background !important;
            border: blank $background !important;
            tint: transparent;
        }
        &.-primary {
            color: $primary;
            border: tall $primary;
            background: ansi_default;
            &:hover {
                background: $ansi-background;
            }
        }
    }
    LightButton {
        width: auto;
        min-width: 16;
        height: auto;
        line-pad: 1;
        text-align: center;
        content-align: center middle;
        pointer: pointer;

        &.-style-default {
            text-style: bold;
            color: $button-foreground;
            background: $surface;
            border: none;
            border-top: tall $surface-lighten-1;
            border-bottom: tall $surface-darken-1;

            &.-textual-compact {
                border: none !important;
            }
            &:disabled {
                text-opacity: 0.6;
                pointer: not-allowed;
            }
            &:focus {
                text-style: $button-focus-text-style;
                background-tint: $foreground 5%;
            }
            &:hover {
                border-top: tall $surface;
                background: $surface-darken-1;
            }
            &.-active {
                background: $surface;
                border-bottom: tall $surface-lighten-1;
                border-top: tall $surface-darken-1;
                tint: $background 30%;
            }
            &.-primary {
                color: $button-color-foreground;
                background: $primary;
                border-top: tall $primary-lighten-3;
                border-bottom: tall $primary-darken-3;

                &:hover {
                    background: $primary-darken-2;
                    border-top: tall $primary;
                }
                &.-active {
                    background: $primary;
                    border-bottom: tall $primary-lighten-3;
                    border-top: tall $primary-darken-3;
                }
            }
        }
    }
    """

    def watch_variant(self, old_variant: str, variant: str) -> None:
        attached = self.is_attached
        self.remove_class(f"-{old_variant}", update=attached)
        self.add_class(f"-{variant}", update=attached)

    def watch_flat(self, flat: bool) -> None:
        attached = self.is_attached
        self.set_class(flat, "-style-flat", update=attached)
        self.set_class(not flat, "-style-default", update=attached)
