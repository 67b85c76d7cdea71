"""The Textual interface: the learner app, the presenter, the class dashboard.

Screens for places, widgets for parts; nothing below this layer imports it.
"""

from course.core.gc_pause import collect_less

# Importing Textual and the screens makes many objects that live as long as the app: the
# collector is let run less often until an app's first screen is painted
# (`CourseAppBase.on_mount` turns it back to normal).
collect_less()
