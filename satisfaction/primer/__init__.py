"""Lesson 0 (Jupyter and just enough Python): try-it feedback, a table explorer, the practice check.

:mod:`.tryit` checks what a learner wrote in a try-it cell; :mod:`.explorer` shows which line of
pandas picks rows or groups a table; :mod:`.practice` checks the closing practice in one click.
Imported by the lesson only (it needs ipywidgets), not by ``import satisfaction``.
"""
from .explorer import TableExplorer
from .practice import Practice
from .tryit import SAMPLE_CSV, Feedback, check

__all__ = ["SAMPLE_CSV", "Feedback", "Practice", "TableExplorer", "check"]
