"""autograder.engine.passes: the same autograded notebooks and grades as nbgrader's own converter."""
from __future__ import annotations

import copy
import shutil

import nbformat
from nbconvert.exporters import NotebookExporter
from nbconvert.preprocessors import Preprocessor
from nbgrader.converters import Autograde
from nbgrader.coursedir import CourseDirectory
from nbgrader.preprocessors import (AssignLatePenalties, CheckCellMetadata, IgnorePattern, LimitOutput,
                                    SaveAutoGrades)
from nbgrader.utils import temp_attrs

from autograder.course import Course
from autograder.engine.passes import EngineAutograde, OneCopyNotebookExporter
from autograder.teacher.scores import cell_table
from corpus.fixture import ASSIGNMENT, frozen_class


class Scripted(Preprocessor):
    """Stands in for execution, the same for both converters: every test cell of a notebook whose
    first answer is filled in passes with one point; the others fail."""

    def preprocess(self, nb, resources):
        answered = any(c.metadata.get("nbgrader", {}).get("solution") and "raise NotImplementedError" not in c.source
                       for c in nb.cells if c.cell_type == "code")
        for cell in nb.cells:
            if cell.cell_type == "code" and cell.metadata.get("nbgrader", {}).get("grade"):
                cell.outputs = [nbformat.v4.new_output("execute_result", {"text/plain": "1"}, execution_count=1)] \
                    if answered else [nbformat.v4.new_output("error", ename="AssertionError", evalue="no",
                                                             traceback=["AssertionError: no"])]
        return nb, resources


def autograde(course: Course, converter, student: str) -> None:
    config = course.nbgrader_config()
    config.Autograde.autograde_preprocessors = [Scripted, IgnorePattern, LimitOutput, SaveAutoGrades,
                                                AssignLatePenalties, CheckCellMetadata]
    coursedir = CourseDirectory(config=config)
    with temp_attrs(coursedir, assignment_id=ASSIGNMENT, student_id=student):
        app = converter(coursedir=coursedir, config=config)
        app.force, app.create_student = True, True
        app.start()


def test_the_sanitized_notebook_handed_over_in_memory_grades_as_through_the_file(tmp_path):
    ours = frozen_class(tmp_path / "ours", 3)  # complete, partly done, untouched
    theirs = Course(shutil.copytree(ours.root, tmp_path / "theirs" / "course"))
    for student in ("s001", "s002", "s003"):
        autograde(ours, EngineAutograde, student)
        autograde(theirs, Autograde, student)
        name = f"{ASSIGNMENT}.ipynb"
        mine = ours.path("autograded", student, ASSIGNMENT, name).read_bytes()
        assert mine == theirs.path("autograded", student, ASSIGNMENT, name).read_bytes(), student
    table = {c.root.parent.name: cell_table(c, ASSIGNMENT)[0].sort_values(["student_id", "cell"])
             .reset_index(drop=True) for c in (ours, theirs)}
    assert table["ours"][["student_id", "cell", "score"]].equals(table["theirs"][["student_id", "cell", "score"]])
    assert table["ours"]["score"].sum() > 0


class Marks(Preprocessor):
    """Changes the notebook it is given, as preprocessors do."""

    def preprocess(self, nb, resources):
        nb.metadata["marked"] = True
        nb.cells[0].source = "changed"
        return nb, resources


def test_one_copy_exports_the_same_text_and_leaves_the_callers_notebook_alone():
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1"), nbformat.v4.new_markdown_cell("*a*")],
                                  metadata={"language": "Python"})
    before = copy.deepcopy(nb)
    outputs = []
    for exporter_class in (NotebookExporter, OneCopyNotebookExporter):
        exporter = exporter_class()
        exporter.register_preprocessor(Marks, enabled=True)
        output, resources = exporter.from_notebook_node(nb, {"metadata": {"name": "n", "path": "."}})
        outputs.append((output, resources["language"], dict(resources["metadata"])))
        assert nb == before  # the caller's notebook is not the one the preprocessors changed
    assert outputs[0] == outputs[1] and '"marked": true' in outputs[0][0]
    node, _ = OneCopyNotebookExporter(preprocessors=[Marks]).from_notebook_node(nb, serialize=False)
    assert isinstance(node, nbformat.NotebookNode) and node.cells[0].source == "changed"


def test_the_autograded_notebook_is_kept_as_reading_its_file_gives_it(tmp_path):
    import json
    import os

    from autograder.engine import passes

    course = frozen_class(tmp_path, 2)
    for student in ("s001", "s002"):
        autograde(course, EngineAutograde, student)
        path = str(course.path("autograded", student, ASSIGNMENT, f"{ASSIGNMENT}.ipynb"))
        read = nbformat.read(path, as_version=4)
        kept = passes.written(path)
        assert json.dumps(kept, ensure_ascii=False) == json.dumps(read, ensure_ascii=False)  # key order too
        assert passes.written(path) is None  # handed out once
    autograde(course, EngineAutograde, "s001")
    path = course.path("autograded", "s001", ASSIGNMENT, f"{ASSIGNMENT}.ipynb")
    assert passes.written(str(course.path("autograded", "s002", ASSIGNMENT, f"{ASSIGNMENT}.ipynb"))) is None
    os.utime(path, ns=(0, 0))  # the file changed since it was written: read it
    assert passes.written(str(path)) is None
