"""A terminal course app: Markdown lessons and quizzes, progress kept on the learner's machine."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("course-app")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"
