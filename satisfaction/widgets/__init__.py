"""Interactive widgets of the lessons, one module per lesson.

Each widget function takes ``lang`` ("zh" or "en") and returns an ipywidgets
container; the computing is done by the pure functions of ``satisfaction``.
"""

from .. import style

# Importing the widgets means a lesson is running: use the course style (CJK font first).
style.use()
