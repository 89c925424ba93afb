"""Shared fixtures and test builders: the one place tests share code from."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
#: The Python of the project's environment (the one running the tests).
PYTHON = sys.executable

os.environ.setdefault("PYTHONUTF8", "1")
os.environ.setdefault("MPLBACKEND", "Agg")


@pytest.fixture
def root() -> Path:
    return ROOT


def bad_input_cases(valid_kwargs: dict, field: str) -> list[dict]:
    """Variants of valid keyword arguments with one field made unusable."""
    return [{**valid_kwargs, field: bad} for bad in ("abc", float("nan"), float("inf"), None, [])]


def nbgrader_cell(kind, source, grade_id, *, solution=False, grade=False, locked=False,
                  points=0, tags=()):
    """A notebook cell with nbgrader metadata (a test builder)."""
    import nbformat

    make = nbformat.v4.new_code_cell if kind == "code" else nbformat.v4.new_markdown_cell
    cell = make(source)
    cell.metadata["nbgrader"] = {"grade": grade, "solution": solution, "locked": locked,
                                 "grade_id": grade_id, "schema_version": 3,
                                 **({"points": points} if grade else {})}
    if tags:
        cell.metadata["tags"] = list(tags)
    return cell


def mini_assignment(folder: Path, name: str = "mini") -> Path:
    """A small nbgrader source assignment: one autograded question (2 points), one group-id
    cell and one manually graded group answer (3 points). Returns the notebook path."""
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [
        nbgrader_cell("code", 'GROUP_ID = ""  # e.g. "G1"', "group_id", solution=True, tags=("group-id",)),
        nbgrader_cell("code", "### BEGIN SOLUTION\nanswer = 6 / 8\n### END SOLUTION", "q1", solution=True),
        nbgrader_cell("code", "assert round(answer, 2) == 0.75", "q1_tests", grade=True, locked=True, points=2),
        nbgrader_cell("markdown", "YOUR ANSWER HERE", "group_story", solution=True, grade=True, points=3,
                      tags=("group",)),
    ]
    path = folder / name / f"{name}.ipynb"
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path
