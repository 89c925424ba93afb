"""The install step's compiling for every grading run (see :mod:`.precompiled`, which reads it).

``python -m autograder.engine.precompile`` (the Makefile runs it after ``compileall``) compiles
the checks of every notebook version nbformat knows (strict and relaxed, as nbformat checks
them), nbgrader's cell-metadata check, and the feedback page's templates, by making them as a
grading run makes them while :data:`.precompiled.SAVING` is on.
"""
from __future__ import annotations

import tempfile

import nbformat
from nbconvert.exporters import HTMLExporter
from nbgrader.converters import GenerateFeedback
from nbgrader.coursedir import CourseDirectory
from nbgrader.nbgraderformat import MetadataValidator, common

from . import precompiled
from .schemas import CachedSchemas, QuickNotebookChecks


def _notebook_checks() -> None:
    for minor in range(nbformat.v4.nbformat_minor + 1):  # every notebook version a class may hand in
        for relaxed in (False, True):  # the schema nbformat checks it with, as QuickNotebookChecks gets it
            QuickNotebookChecks(nbformat.validator.get_validator(4, minor, relax_add_props=relaxed,
                                                                 name="jsonschema")._schema)


def _metadata_checks(sample) -> None:
    before, common.jsonschema = common.jsonschema, CachedSchemas()
    try:
        MetadataValidator().validate_nb(sample)
    finally:
        common.jsonschema = before


def _feedback_templates(sample) -> None:
    """The templates nbgrader's feedback page is rendered with, configured as GenerateFeedback does."""
    with tempfile.TemporaryDirectory() as root:
        app = GenerateFeedback(coursedir=CourseDirectory(root=root))
        exporter = HTMLExporter(config=app.config)
        exporter.environment.bytecode_cache = precompiled.TemplateCache()
        exporter.from_notebook_node(sample, {"nbgrader": {"notebook": "sample", "score": 0.0, "max_score": 1.0,
                                                          "late_penalty": 0.0}})


def build() -> list[str]:
    """Compile into :func:`.precompiled.folder`; returns the files there, each readable by every
    account that grades with this installation."""
    sample = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1")])
    sample.cells[0].metadata["nbgrader"] = {"grade": False, "solution": True, "locked": False,
                                            "grade_id": "sample", "schema_version": 3}
    precompiled.SAVING = True
    try:
        _notebook_checks()
        _metadata_checks(sample)
        _feedback_templates(sample)
    finally:
        precompiled.SAVING = False
    written = sorted(p for p in precompiled.folder().rglob("*") if p.is_file())
    for path in written:
        path.chmod(0o644)
    return [str(p.relative_to(precompiled.folder())) for p in written]


if __name__ == "__main__":
    print(f"{len(build())} compiled files in {precompiled.folder()}")
