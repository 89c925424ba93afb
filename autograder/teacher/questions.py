"""The questions of an assignment as the students read them: titles for grade cells.

A grade cell (``q2_index_tests``, ``q7_case``, ``group_stories``) is shown to the
teacher by the title of the question it belongs to: the last heading above it
in the assignment's notebook (``### 问题 2 客户满意度指数（2 分）`` → ``问题 2
客户满意度指数``), without the points the heading announces. A cell with no
heading above it keeps its id.
"""
from __future__ import annotations

import re
from pathlib import Path

import nbformat

from ..course import Course

_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$", re.MULTILINE)
_POINTS = re.compile(r"\s*[（(][^（）()]*(?:分|points?|pts)[^（）()]*[）)]\s*$", re.IGNORECASE)
_MARKUP = re.compile(r"[*_`]")


def heading(markdown: str) -> str | None:
    """The last heading of a markdown cell, without markup and announced points; None if none."""
    found = _HEADING.findall(markdown)
    if not found:
        return None
    return _POINTS.sub("", _MARKUP.sub("", found[-1])).strip() or None


def titles_in(nb: nbformat.NotebookNode) -> dict[str, str]:
    """grade_id → title for every grade and answer cell of a notebook."""
    titles, current = {}, None
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type == "markdown" and not meta.get("solution"):  # never the teacher's answer
            current = heading(cell.source) or current
        if (meta.get("grade") or meta.get("solution")) and meta.get("grade_id"):
            titles[meta["grade_id"]] = current or meta["grade_id"]
    return titles


def question_titles(course: Course, assignment: str) -> dict[str, str]:
    """grade_id → question title for the source notebooks of ``assignment``."""
    titles: dict[str, str] = {}
    for path in sorted(Path(course.path("source", assignment)).glob("*.ipynb")):
        titles.update(titles_in(nbformat.read(path, as_version=4)))
    return titles
