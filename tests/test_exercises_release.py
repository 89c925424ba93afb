"""The released student copies in exercises/: no solutions, no hidden tests, up to date."""
from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
ASSIGNMENTS = sorted(p.name for p in (ROOT / "source").iterdir() if p.is_dir())
REGION = {"solution": ("BEGIN SOLUTION", "END SOLUTION"), "hidden": ("BEGIN HIDDEN TESTS", "END HIDDEN TESTS")}


def notebooks(top: str) -> list[Path]:
    return sorted((ROOT / top).glob("*/*.ipynb"))


def split(source: str, kind: str) -> tuple[list[str], list[str]]:
    """(lines inside the kind's regions, lines outside them) of one cell's source."""
    begin, end = REGION[kind]
    inside, outside, active = [], [], False
    for line in source.splitlines():
        if begin in line:
            active = True
        elif end in line:
            active = False
        else:
            (inside if active else outside).append(line)
    return inside, outside


def cells(assignment: str, top: str) -> list[nbformat.NotebookNode]:
    return nbformat.read(ROOT / top / assignment / f"{assignment}.ipynb", as_version=4).cells


def literals(code: str) -> set[str]:
    """Numbers and strings written in a piece of Python, as text."""
    found = set()
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float, str)) \
                and not isinstance(node.value, bool):
            found.add(str(node.value))
    return found


def visible_text(assignment: str, top: str) -> str:
    """Everything a reader of the notebook sees outside solution and hidden-test regions."""
    parts = []
    for cell in cells(assignment, top):
        _, outside = split(cell.source, "hidden")
        parts.append("\n".join(split("\n".join(outside), "solution")[1]))
    return "\n".join(parts)


def tokens(text: str) -> set[str]:
    return set(re.findall(r"[-\w.]+", text)) | set(re.findall(r'"([^"\n]*)"', text))


def test_there_are_four_assignments_in_two_editions():
    assert ASSIGNMENTS == sorted(["task1-identify", "task2-improve", "task3-dissatisfaction",
                                  "task4-complaints"] + [f"{a}-en" for a in (
                                      "task1-identify", "task2-improve", "task3-dissatisfaction",
                                      "task4-complaints")])
    assert [p.parent.name for p in notebooks("exercises")] == ASSIGNMENTS


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_release_holds_no_solution_and_no_hidden_test(assignment):
    released = "\n".join(c.source for c in cells(assignment, "exercises"))
    for marker in ("BEGIN SOLUTION", "END SOLUTION", "HIDDEN TESTS"):
        assert marker not in released
    secret = set()
    for cell in cells(assignment, "source"):
        for kind in REGION:
            inside, outside = split(cell.source, kind)
            secret |= {line.strip() for line in inside if len(line.strip()) > 3} - \
                {line.strip() for line in outside}
    released_lines = {line.strip() for line in released.splitlines()}
    assert secret and not (secret & released_lines)


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_release_reveals_no_value_only_hidden_tests_hold(assignment):
    hidden = set()
    for cell in cells(assignment, "source"):
        if cell.cell_type == "code":
            inside, _ = split(cell.source, "hidden")
            hidden |= literals("\n".join(inside)) if inside else set()
    only_hidden = hidden - tokens(visible_text(assignment, "source"))
    assert only_hidden, "the hidden tests should check values the visible parts do not show"
    released = tokens("\n".join(c.source for c in cells(assignment, "exercises")))
    assert not (only_hidden & released)


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_release_keeps_visible_tests_and_stubs_answers(assignment):
    source, released = cells(assignment, "source"), cells(assignment, "exercises")
    assert [c.metadata.get("nbgrader", {}).get("grade_id") for c in source] == \
        [c.metadata.get("nbgrader", {}).get("grade_id") for c in released]
    for before, after in zip(source, released):
        meta = before.metadata.get("nbgrader", {})
        if meta.get("solution") and before.cell_type == "code":
            assert "raise NotImplementedError()" in after.source
        if meta.get("grade") and not meta.get("solution"):
            assert after.source.strip() == "\n".join(split(before.source, "hidden")[1]).strip()


@pytest.mark.parametrize("path", notebooks("source") + notebooks("exercises"), ids=lambda p: p.parent.name)
def test_committed_notebooks_have_no_outputs(path):
    nb = nbformat.read(path, as_version=4)
    assert all(not c.get("outputs") and c.get("execution_count") is None for c in nb.cells if c.cell_type == "code")


@pytest.mark.slow
def test_exercises_are_what_source_generates():
    # PATH without the venv: the build must find nbgrader's `alembic` by itself.
    env = {**os.environ, "PYTHONUTF8": "1", "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-m", "autograder.authoring", "exercises", "--check"],
                          cwd=ROOT, capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stdout + done.stderr
