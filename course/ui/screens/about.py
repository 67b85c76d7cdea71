"""About the course: what it is and the sources it paraphrases."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll

from course.ui.screens.base import CourseModal
from course.ui.widgets.markdown_text import MarkdownText


class AboutScreen(CourseModal):
    """The course's about page (`lessons/<language>/about.md`)."""

    BINDINGS = [("escape,f4", "close", "Close")]

    def compose(self) -> ComposeResult:
        app = self.course_app
        course = app.course
        title = course.title.get(app.language, course.id)
        about = app.text.about or f"# {title}\n\n{course.description.get(app.language, '')}"
        with VerticalScroll(classes="dialog wide"):
            yield MarkdownText(f"{about}\n\n*course {course.id} {course.version}*", id="about-text")
