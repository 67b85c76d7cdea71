"""Loading a course folder into the content model, with every problem reported.

No UI import here: `course validate`, the app and the tests share this code.
"""

from .course_loader import LoadResult, load_course
from .diagnostics import Diagnostic

__all__ = ["Diagnostic", "LoadResult", "load_course"]
