"""What every screen of the course shares: access to the app, and texts in its language."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.screen import ModalScreen, Screen

from course.ui.bindings import localize_bindings

if TYPE_CHECKING:
    from course.ui.app import CourseApp


__all__ = ["CourseModal", "CoursePlace", "CourseScreen", "localize_bindings"]


class CoursePlace(Screen[Any]):
    """What every screen and dialog of the course app shares: the typed app, texts in the
    current language, and a redraw when the language changes."""

    @property
    def course_app(self) -> CourseApp:
        """The app, typed."""
        from course.ui.app import CourseApp

        assert isinstance(self.app, CourseApp)
        return self.app

    def t(self, key: str, **fields: object) -> str:
        """An interface text in the current language."""
        return self.course_app.t(key, **fields)

    def on_mount(self) -> None:
        localize_bindings(self, self.course_app)

    async def relabel(self) -> None:
        """Redraw in the current language (content and interface)."""
        localize_bindings(self, self.course_app)
        self.keep_unsaved()  # a recompose builds every field again, empty
        focused = self.focused.id if self.focused is not None else None
        await self.recompose()
        self.after_relabel()
        # Back into the field the learner was typing in: else their next letters are keys.
        if focused is not None:
            again = self.query(f"#{focused}")
            if again and again.first().focusable:
                again.first().focus()

    def after_relabel(self) -> None:
        """Restore what a recompose reset (focus, scroll); screens override it."""

    def keep_unsaved(self) -> None:
        """Save or note what the learner entered and is not saved yet, because the widgets
        that hold it are about to go (the app closes, or the language switch rebuilds
        them). Screens with such input override it."""


class CourseScreen(CoursePlace):
    """A screen of the course app."""


class CourseModal(CoursePlace, ModalScreen[Any]):
    """A dialog of the course app."""

    BINDINGS = [("escape", "close", "Close")]

    def action_close(self) -> None:
        """Close the dialog."""
        self.dismiss(None)
