"""What every screen of the course shares: access to the app, and texts in its language."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

from textual import events
from textual.screen import ModalScreen, Screen

from course.ui.base import CourseAppBase
from course.ui.bindings import localize_bindings

if TYPE_CHECKING:
    from course.study import StudySession
    from course.ui.app import CourseApp

__all__ = ["CourseModal", "CoursePlace", "CourseScreen", "localize_bindings"]

P = ParamSpec("P")
T = TypeVar("T")


class CoursePlace(Screen[Any]):
    """What every screen and dialog of the three apps shares: the typed app, texts in the
    current language, a redraw when the language changes, and the store through the app's
    store thread."""

    @property
    def course_app(self) -> CourseAppBase:
        """The app (learner, presenter or dashboard), typed."""
        assert isinstance(self.app, CourseAppBase)
        return self.app

    @property
    def learner_app(self) -> CourseApp:
        """The learner app, on a screen only it shows."""
        from course.ui.app import CourseApp

        assert isinstance(self.app, CourseApp)
        return self.app

    @property
    def study(self) -> StudySession:
        """The learner's session, on a screen shown once the learner is known."""
        study = self.learner_app.study
        assert study is not None, "a learner's screen before the learner joined"
        return study

    def read(self, call: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """Ask the store (in the app's store thread, after every write given before)."""
        return self.course_app.storage.run(call, *args, **kwargs)

    def write(self, call: Callable[P, object], *args: P.args, **kwargs: P.kwargs) -> None:
        """Tell the store, without waiting (in the app's store thread, in order)."""
        self.course_app.storage.write(call, *args, **kwargs)

    def t(self, key: str, **fields: object) -> str:
        """An interface text in the current language."""
        return self.course_app.t(key, **fields)

    def on_mount(self) -> None:
        localize_bindings(self, self.course_app)

    def on_screen_resume(self) -> None:
        # Also when a screen's own handler exists: Textual calls every class's handler.
        self.course_app.screen_resumed()

    async def _on_resize(self, event: events.Resize) -> None:
        # Once Textual has laid out a screen just shown at its size, it sends the screen a
        # Resize to that size, and lays the screen out again on it, and every screen behind
        # it too: three layouts where one did. That event is let through to the screen's
        # own handlers (a width to follow) but not to Textual's layout. A terminal that
        # changed size sends a size the screen was not laid out at yet (`outer_size`; a
        # screen's `size` is the terminal's at once), laid out as ever. Textual calls the
        # handler of each class from the screen's own down (8.2).
        if event.size == self.outer_size:
            event.prevent_default()

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
