"""What the three apps share: the learner app, the presenter and the class dashboard.

`CourseAppBase` holds the course, the progress store and the one thread that talks to it
(`StoreThread`: no SQLite call runs on the event loop), the language with its catalogue
(`t()`, F2), the key descriptions in that language, the theme (F3), help (F1, ?), the
about page (F4), and a clean end on a closed terminal. Each app adds its own places.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
import sys
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import App, SystemCommand
from textual.binding import BindingType
from textual.dom import DOMNode
from textual.message import Message
from textual.reactive import var
from textual.screen import Screen

from course.core.gc_pause import collect_as_before
from course.core.model import Course, CourseText, Lesson
from course.i18n import Catalogue
from course.locations import shown
from course.store import ProgressStore, StoreError
from course.ui.store_thread import StoreThread
from course.ui.style_cache import KeptStylesheet, styles_file

if TYPE_CHECKING:
    from rich.console import RenderableType
    from textual.command import Provider


def _course_commands() -> type[Provider]:
    from course.ui.palette import course_commands

    return course_commands()


LIGHT_THEME = "textual-light"
DARK_THEME = "textual-dark"

SETTLE_SECONDS = 2.0
"""How long quitting waits for the focused field to take the keys typed before the quit."""

LATER_CSS_DELAY = 0.1
"""Seconds after the first paint until the other places' styles are parsed."""

DRAIN_SECONDS = 30.0
"""How long closing waits for the writes still queued (a locked file retries for 5 s)."""


def describe_bindings(node: DOMNode, app: CourseAppBase) -> None:
    """Give a node's key bindings the descriptions `app.key_description` gives them.

    As `course.ui.bindings.localize_bindings` does for screens and widgets (from the
    catalogue's `keys` table), but through the app, so that an app with keys of its own
    (the dashboard's `dashboard.key_*`, the language F2 leads to) can name them.
    """
    bindings = node._bindings.key_to_bindings
    for key, found in bindings.items():
        bindings[key] = [
            replace(b, description=text) if (text := app.key_description(b.action)) else b
            for b in found
        ]


# Plain classes rather than dataclasses: made at every start, a dataclass costs more.


class StoreFailed(Message):
    """A store write that nobody waited for failed (posted from the store thread)."""

    def __init__(self, error: BaseException) -> None:
        super().__init__()
        self.error = error
        """What went wrong."""


class StoreDone(Message):
    """A store call finished; `then(result)` runs on the event loop."""

    def __init__(self, then: Callable[[Any], None], result: Any) -> None:
        super().__init__()
        self.then = then
        """What to do with the result."""
        self.result = result
        """The call's result."""


class CourseAppBase(App[None]):
    """A Textual app over one course and its progress store, in one of its languages."""

    BINDINGS: ClassVar[list[BindingType]] = []
    """Each app lists its keys itself (`help`, `switch_language`, `toggle_theme`, `about`
    and `quit` are here): the footer shows them in the order they are declared, and an
    inherited list would put these first."""

    language: var[str] = var("en", init=False)
    """The language of content and interface; changing it redraws every screen."""

    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {_course_commands}
    """The palette lists the commands in the order given (Textual's own sorts them)."""

    LATER_CSS_PATH: ClassVar[str | None] = None
    """A stylesheet read after `CSS_PATH` (a file next to the app's module): the rules of
    every place but the first screen. It is parsed once that screen is painted, or before
    any other screen is shown if one comes sooner, so that the start does not wait for
    rules it does not use (parsing all of them was about a tenth of the start)."""

    def __init__(
        self,
        course: Course,
        store: ProgressStore,
        language: str,
        *,
        theme: str = DARK_THEME,
        notice: str | None = None,
    ) -> None:
        super().__init__()
        # Parsed styles are kept between starts (see the module). Its variables are those
        # Textual just made for its own stylesheet: making them again costs as much as a
        # widget. Setting the theme below hands it new ones where the theme differs.
        variables = self.stylesheet._variables
        self.stylesheet = KeptStylesheet(variables=variables, path=styles_file())
        self.course = course
        self.store = store
        """The progress store; call it only through `storage`, never on the event loop."""
        self.storage = StoreThread(on_failure=self._write_failed)
        """The thread every store call of this app runs in, in the order given."""
        self.catalogue = Catalogue(course.best_language(language))
        self.set_reactive(CourseAppBase.language, course.best_language(language))
        self.theme = theme
        self._notice = notice
        self._later_css: Path | None = None
        """The stylesheet still to read after the first paint; None once read."""
        if self.LATER_CSS_PATH is not None:
            module = sys.modules[type(self).__module__].__file__ or ""
            self._later_css = Path(module).with_name(self.LATER_CSS_PATH)

    # Language -------------------------------------------------------------------------

    @property
    def text(self) -> CourseText:
        """The course content in the current language."""
        return self.course.text(self.language)

    def t(self, key: str, **fields: object) -> str:
        """An interface text in the current language."""
        return self.catalogue(key, **fields)

    def other_language(self) -> str:
        """The next of the course's languages, for the language switch."""
        languages = self.course.languages
        return languages[(languages.index(self.language) + 1) % len(languages)]

    def key_description(self, action: str) -> str | None:
        """A key's description in the current language (None: keep the declared one)."""
        return self.catalogue.get("keys." + action.split("(", 1)[0].removeprefix("app."))

    def window_title(self) -> str:
        """The title in the header, in the current language."""
        return self.course.title.get(self.language, self.course.id)

    def window_subtitle(self) -> str:
        """What the header shows after the title, in the current language (none here)."""
        return ""

    def relabel_app(self) -> None:
        """Title and key descriptions in the current language (the footer is told)."""
        self.title = self.window_title()
        self.sub_title = self.window_subtitle()
        describe_bindings(self, self)
        self.refresh_bindings()

    async def watch_language(self, language: str) -> None:
        self.catalogue = Catalogue(language)
        self.relabel_app()
        for screen in self.screen_stack:
            relabel = getattr(screen, "relabel", None)
            if relabel is not None:
                await relabel()

    def action_switch_language(self) -> None:
        """Switch content and interface to the next language."""
        self.language = self.other_language()

    # Theme and help -------------------------------------------------------------------

    def action_toggle_theme(self) -> None:
        """Switch between the light and the dark theme."""
        self.theme = LIGHT_THEME if self.theme == DARK_THEME else DARK_THEME

    def help_screen(self) -> Screen[Any] | None:
        """The help of this app (None: it has none)."""
        return None

    def action_help(self) -> None:
        """Show every key."""
        shown = self.help_screen()
        if shown is not None and type(self.screen) is not type(shown):
            self.push_screen(shown)

    def about_screen(self) -> Screen[Any] | None:
        """The about page of this app (None: it has none)."""
        return None

    def action_about(self) -> None:
        """Show the about page with the sources."""
        shown = self.about_screen()
        if shown is not None and type(self.screen) is not type(shown):
            self.push_screen(shown)

    def confirm_screen(self, question: str, detail: str) -> Screen[bool | None] | None:
        """A dialog that asks `question` about `detail` (None: this app opens no links)."""
        return None

    def open_url(self, url: str, *, new_tab: bool = True) -> None:
        """Open a web link, but only after the user confirms."""
        dialog = self.confirm_screen(self.t("lesson.open_link"), url)
        if dialog is None:
            return

        def opened(confirmed: bool | None) -> None:
            if confirmed:
                super(CourseAppBase, self).open_url(url, new_tab=new_tab)

        self.push_screen(dialog, opened)

    # Base classes cannot import the screens (they sit below them): apps with these
    # dialogs name them, as the learner app and the presenter do.

    def action_command_palette(self) -> None:
        """The command palette, its search field in the current language."""
        from textual.command import CommandPalette

        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]
            self.push_screen(
                CommandPalette(id="--command-palette", placeholder=self.t("commands.search"))
            )

    # The store ------------------------------------------------------------------------

    def store_then(self, then: Callable[[Any], None], call: Callable[..., Any], *args: Any) -> None:
        """Run `call(*args)` in the store thread, then `then(result)` on the event loop."""
        future = self.storage.submit(call, *args)

        def done(_: object) -> None:
            error = future.exception()
            if error is None:
                self.post_message(StoreDone(then, future.result()))
            else:
                self.post_message(StoreFailed(error))

        future.add_done_callback(done)

    def _write_failed(self, error: BaseException) -> None:
        self.post_message(StoreFailed(error))  # from the store thread: no waiting for the loop

    def on_store_done(self, message: StoreDone) -> None:
        message.then(message.result)

    def on_store_failed(self, message: StoreFailed) -> None:
        """Say that something could not be saved (the store's message says what to do)."""
        self.notify(str(message.error), severity="error", timeout=20)

    def keep_unsaved(self) -> None:
        """Let every screen queue what the user entered and is not saved yet."""
        for screen in reversed(self.screen_stack):
            keep = getattr(screen, "keep_unsaved", None)
            if keep is not None and screen.is_mounted:
                keep()

    async def action_quit(self) -> None:
        """Quit once the keys typed before the quit are in their field, then save it.

        A terminal hands a fast burst of keys over at once: the app passes each on to the
        focused field's queue and may reach the quit key before the field has taken them,
        so a reflection typed just before Ctrl+Q lost its end (or all of it).
        """
        await self.settle_focused_field()
        self.exit()

    async def settle_focused_field(self) -> None:
        """Wait (briefly) until the focused widget has handled every key queued for it."""
        focused = self.focused
        if focused is None:
            return
        handled = asyncio.Event()
        # A field stuck for so long: quit with what it holds.
        if focused.call_later(handled.set):
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(handled.wait(), SETTLE_SECONDS)

    def exit(
        self, result: None = None, return_code: int = 0, message: RenderableType | None = None
    ) -> None:
        """Close the app once every screen saved what was entered and every queued write
        is on disk: once the app closes, its widgets are gone."""
        try:
            self.keep_unsaved()
        except StoreError as error:
            message = message or str(error)
            return_code = return_code or 1
        self.storage.drain(DRAIN_SECONDS)
        failed = self.storage.failed
        if failed:
            message = message or str(failed[0])
            return_code = return_code or 1
        super().exit(result, return_code, message)

    # Starting and ending --------------------------------------------------------------

    def on_mount(self) -> None:
        # Before the first paint nothing needs telling: refreshing the bindings here made
        # the footer lay out again and cost the start about 10 ms.
        self.title = self.window_title()
        self.sub_title = self.window_subtitle()
        describe_bindings(self, self)
        if self._notice:
            self.notify(self._notice, severity="warning", timeout=15, markup=False)
        if not self.is_headless:
            self._catch_hang_up()
        self.call_after_refresh(collect_as_before)  # see course/ui/__init__.py
        if self._later_css is not None:
            # Not in the first paint's own callbacks, which would make it wait; a screen
            # shown sooner reads the file itself.
            self.call_after_refresh(self.set_timer, LATER_CSS_DELAY, self.load_later_css)

    def _load_screen_css(self, screen: Screen[Any]) -> None:
        # Textual calls this for every screen it shows after the first (pushed, switched
        # to): the place of the rules the first screen did without.
        self.load_later_css()
        super()._load_screen_css(screen)

    def load_later_css(self) -> None:
        """Read and apply `LATER_CSS_PATH`, once."""
        path, self._later_css = self._later_css, None
        if path is None:
            return
        self.stylesheet.read(path)
        # `parse`, not `reparse`: the rules read so far are kept, only the new file is parsed.
        self.stylesheet.parse()
        self.stylesheet.update(self)

    def _catch_hang_up(self) -> None:
        """End the app as `q` does when its terminal closes (SIGHUP) or it is told to stop
        (SIGTERM): by default the process just dies, and what was queued is lost."""
        loop = asyncio.get_running_loop()
        for name in ("SIGHUP", "SIGTERM"):
            number = getattr(signal, name, None)
            if number is None:  # Windows has no SIGHUP
                continue
            try:
                loop.add_signal_handler(number, self.hang_up)
            except (NotImplementedError, RuntimeError, ValueError):
                return  # no signal handlers in this event loop or thread: nothing to catch

    def hang_up(self) -> None:
        """The terminal closed or the process is told to stop: close as `q` does."""
        self.exit()

    def on_unmount(self) -> None:
        self.storage.stop(DRAIN_SECONDS)
        if isinstance(self.stylesheet, KeptStylesheet):  # Textual replaces it on a CSS edit
            self.stylesheet.save()

    def screen_resumed(self) -> None:
        """A screen of this app is on top again (a dialog over it closed, say)."""

    def close_store(self) -> None:
        """After the app ended: wait for the queued writes, then close the store."""
        self.storage.stop(DRAIN_SECONDS)
        self.store.close()

    # Command palette ------------------------------------------------------------------

    def open_lesson(self, lesson_id: str) -> None:
        """Show a lesson (each app in its own way)."""

    def extra_commands(self) -> Iterable[SystemCommand]:
        """Commands of one app, listed after the themes (none here)."""
        return ()

    def offers_lessons(self) -> bool:
        """Whether the command palette offers the lessons (a learner app: once joined)."""
        return True

    def lesson_commands(self, lesson: Lesson) -> Iterable[SystemCommand]:
        """The palette's entries for a lesson besides opening it (each app its own)."""
        return ()

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        for lesson in self.text.lessons if self.offers_lessons() else ():
            yield SystemCommand(
                self.t("commands.open_lesson", title=lesson.title),
                lesson.title,
                lambda lesson_id=lesson.id: self.open_lesson(lesson_id),
            )
            yield from self.lesson_commands(lesson)
        for language in self.course.languages:
            if language != self.language:
                name = Catalogue(language)("language_name")
                yield SystemCommand(
                    self.t("commands.switch_language", name=name),
                    name,
                    lambda code=language: setattr(self, "language", code),
                )
        yield SystemCommand(
            self.t("commands.light_theme"), "", lambda: setattr(self, "theme", LIGHT_THEME)
        )
        yield SystemCommand(
            self.t("commands.dark_theme"), "", lambda: setattr(self, "theme", DARK_THEME)
        )
        yield from self.extra_commands()
        yield SystemCommand(self.t("commands.show_about"), "", self.action_about)
        yield SystemCommand(self.t("commands.show_help"), "", self.action_help)
        # Textual's own entries, in the current language; its key panel is left out, as
        # the help screen lists every key.
        yield SystemCommand(self.t("commands.change_theme"), "", self.action_change_theme)
        yield SystemCommand(
            self.t("commands.screenshot"), "", lambda: self.set_timer(0.1, self.deliver_screenshot)
        )
        yield SystemCommand(self.t("commands.quit"), "", self.action_quit)


def recovered_notice(course: Course, store: ProgressStore, language: str) -> str | None:
    """What to tell the user when a damaged progress file was moved aside on opening, or
    when the file cannot be written (then nothing of the session is saved)."""
    t = Catalogue(course.best_language(language))
    notices = []
    # The file name and its folder apart: a path longer than a line is wrapped mid-word.
    if store.recovered_from is not None:
        moved = store.recovered_from
        notices.append(t("outline.recovered", name=moved.name, folder=shown(moved.parent)))
    if store.read_only is not None:
        notices.append(
            t(
                "outline.read_only",
                name=store.path.name,
                folder=shown(store.path.parent),
                reason=store.read_only,
            )
        )
    return "\n\n".join(notices) or None
