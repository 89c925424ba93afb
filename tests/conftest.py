"""Shared fixtures and test builders: the one place tests share code from."""
from __future__ import annotations

import contextlib
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


def pytest_addoption(parser):
    parser.addoption("--update-goldens", action="store_true",
                     help="rewrite the golden files in tests/golden/ from this run instead of comparing")


@pytest.fixture
def update_goldens(request) -> bool:
    return request.config.getoption("--update-goldens")


@contextlib.contextmanager
def running_lab(root: Path, tmp_path: Path, serve: Path | None = None):
    """`make lab` on loopback with a fresh token; yields its base URL and token, then stops it.

    ``serve``: a folder to serve instead of the repository (a copy, so that a test
    driving a browser can never autosave outputs into the committed notebooks).
    """
    import json
    import secrets
    import signal
    import socket
    import subprocess
    import time
    import urllib.request

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    token = secrets.token_hex(16)
    args = f"--no-browser --ServerApp.ip=127.0.0.1 --port={port} --IdentityProvider.token={token}"
    where = [f"LAB_ROOT={serve}"] if serve is not None else []
    env = {**os.environ, "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime")}
    env.pop("MPLBACKEND", None)  # kernels run with JupyterLab's inline backend, as for a student
    log_path = tmp_path / "lab.log"
    with log_path.open("w") as log:
        proc = subprocess.Popen(["make", "--no-print-directory", "lab", f"LAB_ARGS={args}", *where], cwd=root,
                                stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True)
        try:
            base, deadline, status = f"http://127.0.0.1:{port}", time.monotonic() + 90, None
            while status is None and time.monotonic() < deadline and proc.poll() is None:
                try:
                    with urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2) as response:
                        status = json.load(response)
                except OSError:
                    time.sleep(0.5)
            assert status is not None and "started" in status, log_path.read_text()
            yield base, token
        finally:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
                proc.wait(timeout=30)


def shown(html_widget) -> str:
    """The text a learner reads in an HTML widget (tags removed, spaces folded)."""
    import html
    import re

    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", html_widget.value)).split())


def assert_redraws(view, change) -> None:
    """``change()`` redraws ``view`` (a FigureView) in its same figure, to a new picture."""
    fig, before = view.fig, view.widget.value
    change()
    assert view.fig is fig, "a chart update must reuse its figure"
    assert view.widget.value != before and view.widget.value[:4] == b"\x89PNG"


BAD_NUMBERS = ("0", "-3", "", "abc")


def read_toml(path: Path) -> dict:
    """A TOML file's contents (``tomllib`` from Python 3.11, ``tomli`` before)."""
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib
    return tomllib.loads(Path(path).read_text("utf-8"))
