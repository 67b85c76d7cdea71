"""A terminal course app: Markdown lessons and quizzes, progress kept on the learner's machine."""

from __future__ import annotations


def __getattr__(name: str) -> str:
    # Looked up only when asked for: importlib.metadata costs tens of milliseconds at start.
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("course-app")
        except PackageNotFoundError:  # a source tree that was never installed
            return "0.0.0+source"
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
