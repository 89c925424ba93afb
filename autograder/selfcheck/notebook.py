"""What the self-check reads from notebook files: the questions, their tests and where they stand.

Only the notebook's *structure* comes from the file (locked cells: the test
cells, the set-up cells, headings, cell ids); the student's answers are never
read from it, since the file holds what was last saved, not what was run.
"""
from __future__ import annotations

import ast
import builtins
import os
from dataclasses import dataclass, field
from pathlib import Path

#: Marks the start of nbgrader's hidden tests in an instructor test cell.
HIDDEN_BEGIN = "### BEGIN HIDDEN TESTS"


@dataclass
class Question:
    """One autograded question: title, points, its answer cells' ids and its visible tests.

    ``full_tests`` is the instructor test cell (visible and hidden tests) when the
    instructor version is at hand, else None.
    """

    grade_id: str
    title: str
    points: float
    answer_ids: list[str]
    tests: str
    full_tests: str | None = None
    answer_sources: list[str] = field(default_factory=list)


@dataclass
class Exercise:
    """A notebook's questions, the names its set-up cells define, its cell order and language."""

    questions: list[Question]
    setup_names: set[str]
    order: dict[str, int]
    lang: str
    source: Path | None = None


def _nbgrader(cell) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {})


def _heading(markdown: str) -> str | None:
    lines = [line.lstrip("#").strip() for line in markdown.splitlines() if line.startswith("#")]
    return lines[-1] if lines else None


def python(code: str) -> str:
    """Cell source as plain Python (IPython's magics and shell escapes turned into calls)."""
    from IPython.core.inputtransformer2 import TransformerManager

    return TransformerManager().transform_cell(code)


def _names(code: str) -> tuple[set[str], set[str]]:
    """(names read, names bound) anywhere in ``code``; empty sets when it does not parse."""
    try:
        tree = ast.parse(python(code))
    except SyntaxError:
        return set(), set()
    read, bound = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            (read if isinstance(node.ctx, ast.Load) else bound).add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            bound.add(node.name)
        elif isinstance(node, ast.arg):
            bound.add(node.arg)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            bound.update((a.asname or a.name).split(".")[0] for a in node.names)
    return read, bound


def needed_names(tests: str) -> set[str]:
    """The names a test cell reads but neither binds nor gets from Python's builtins."""
    read, bound = _names(tests)
    return read - bound - set(dir(builtins))


def bound_names(code: str) -> set[str]:
    """The names a cell binds (assignments, imports, definitions)."""
    return _names(code)[1]


def visible_part(tests: str) -> str:
    """An instructor test cell without its hidden tests (what the released notebook shows)."""
    return tests.split(HIDDEN_BEGIN)[0].rstrip() + "\n"


def edition(nb) -> str:
    """``"en"`` or ``"zh"`` from the notebook's ``metadata.course.edition``."""
    return "en" if nb.metadata.get("course", {}).get("edition") == "en" else "zh"


def read(path: str | Path, source: Path | None = None) -> Exercise:
    """The exercise at ``path`` (a released or instructor notebook); with ``source``, each
    question also gets the instructor test cell of the same ``grade_id``."""
    import nbformat  # here, not above: a notebook being graded imports this module and reads none

    nb = nbformat.read(str(path), as_version=4)
    full = _instructor_tests(source) if source is not None else {}
    found, answers, sources, setup, title = [], [], [], set(), None
    order = {cell.get("id", ""): i for i, cell in enumerate(nb.cells)}
    for cell in nb.cells:
        meta = _nbgrader(cell)
        if cell.cell_type == "markdown":
            title = _heading(cell.source) or title
        elif meta.get("solution") and not meta.get("grade"):
            if "group-id" not in cell.get("metadata", {}).get("tags", []):
                answers.append(cell.get("id", ""))
                sources.append(cell.source)
        elif meta.get("grade") and not meta.get("solution"):
            grade_id = meta.get("grade_id", "")
            tests = visible_part(cell.source)
            found.append(Question(grade_id, title or grade_id, float(meta.get("points", 0)), answers,
                                  tests, full.get(grade_id), sources))
            answers, sources = [], []
        elif cell.cell_type == "code" and "check(" not in cell.source:
            setup |= bound_names(cell.source)
    return Exercise(found, setup, order, edition(nb), source if full else None)


def _instructor_tests(source: Path) -> dict[str, str]:
    import nbformat

    nb = nbformat.read(str(source), as_version=4)
    return {_nbgrader(c)["grade_id"]: c.source for c in nb.cells
            if c.cell_type == "code" and _nbgrader(c).get("grade") and not _nbgrader(c).get("solution")}


def find_source(path: Path) -> Path | None:
    """The instructor version of the exercise at ``path`` when it is in the same checkout:
    ``<checkout>/exercises/<a>/<a>.ipynb`` → ``<checkout>/source/<a>/<a>.ipynb``."""
    path = Path(path).resolve()
    if len(path.parents) < 3:
        return None
    candidate = path.parents[2] / "source" / path.parent.name / path.name
    return candidate if candidate.is_file() and candidate != path else None


def find_notebook(namespace: dict | None = None, cwd: Path | None = None) -> Path | None:
    """The running notebook: JPY_SESSION_NAME (jupyter_server), VS Code's ``__vsc_ipynb_file__``,
    else the only .ipynb file in the working directory; None if it cannot be told."""
    cwd = cwd or Path.cwd()
    candidates = [os.environ.get("JPY_SESSION_NAME"), (namespace or {}).get("__vsc_ipynb_file__")]
    for name in filter(None, candidates):
        for path in (Path(name), cwd / Path(name).name):
            if path.suffix == ".ipynb" and path.is_file():
                return path
    notebooks = sorted(cwd.glob("*.ipynb"))
    return notebooks[0] if len(notebooks) == 1 else None
