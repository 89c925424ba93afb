"""Answer placeholders in each edition's language: the build, `init` and plain nbgrader agree."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from autograder.authoring.stubs import STUBS, EditionStubs, use_edition_stubs
from autograder.teacher.init import init_course
from conftest import nbgrader_cell

BIN = Path(sys.executable).parent


def notebook(edition: str | None) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    if edition:
        nb.metadata["course"] = {"edition": edition}
    nb.cells = [nbgrader_cell("code", "### BEGIN SOLUTION\nx = 1\n### END SOLUTION", "q1", solution=True),
                nbgrader_cell("markdown", "Answer", "q2", solution=True, grade=True, points=1)]
    return nb


@pytest.mark.parametrize("edition, lang", [("zh-CN", "zh"), ("en", "en")])
def test_stub_follows_the_edition(edition, lang):
    nb, _ = EditionStubs().preprocess(notebook(edition), {})
    assert nb.cells[0].source == STUBS[lang]["code"] and nb.cells[1].source == STUBS[lang]["text"]


def test_without_an_edition_nbgraders_configured_stubs_stay():
    stubs = EditionStubs(text_stub="ANSWER")
    nb, _ = stubs.preprocess(notebook(None), {})
    assert nb.cells[1].source == "ANSWER" and "YOUR CODE HERE" in nb.cells[0].source
    nb, _ = stubs.preprocess(notebook("zh-CN"), {})
    assert stubs.text_stub == "ANSWER"  # the edition's stub holds for that notebook only


def test_config_swaps_only_clear_solutions():
    from nbgrader.converters import GenerateAssignment
    from nbgrader.preprocessors import ClearSolutions
    from traitlets.config import Config

    c = Config()
    use_edition_stubs(c)
    default = GenerateAssignment.class_traits()["preprocessors"].default()
    assert c.GenerateAssignment.preprocessors == [EditionStubs if p is ClearSolutions else p for p in default]


def released(course: Path, assignment: str) -> list[str]:
    nb = nbformat.read(course / "release" / assignment / f"{assignment}.ipynb", as_version=4)
    return [c.source for c in nb.cells if c.metadata.get("nbgrader", {}).get("solution")
            and "group-id" not in c.metadata.get("tags", [])]


@pytest.mark.slow
def test_a_fresh_course_releases_each_edition_with_its_own_placeholders(tmp_path):
    (tmp_path / "roster.csv").write_text("student_id,first_name,last_name,group_id,role\ns01,伟,王,G1,leader\n",
                                         "utf-8")
    course = init_course(tmp_path / "course", tmp_path / "roster.csv", ["task1-identify", "task1-identify-en"]).root
    env = {**os.environ, "PYTHONUTF8": "1", "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
    for assignment in ("task1-identify", "task1-identify-en"):
        (course / "release" / assignment / f"{assignment}.ipynb").unlink()
        # Plain nbgrader in the course folder, as the README tells teachers to run it after editing source/.
        done = subprocess.run(["nbgrader", "generate_assignment", assignment, "--force"], cwd=course, env=env,
                              capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stdout + done.stderr
    zh, en = released(course, "task1-identify"), released(course, "task1-identify-en")
    assert zh and all("在此作答" in s for s in zh) and not any("YOUR" in s for s in zh)
    assert any("# 在此作答\nraise NotImplementedError()" in s for s in zh) and "在此作答。" in zh
    assert en and all("YOUR CODE HERE" in s or s == "YOUR ANSWER HERE" for s in en) and "YOUR ANSWER HERE" in en
    assert not any("在此作答" in s for s in en)
