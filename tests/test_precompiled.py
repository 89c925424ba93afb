"""autograder.engine.precompiled: a run loads what the install step compiled, gives the same
verdicts and pages, and compiles (without writing) whatever was not compiled at install."""
from __future__ import annotations

import copy
import json
from pathlib import Path

import fastjsonschema
import nbformat
from nbgrader.coursedir import CourseDirectory

from autograder.engine import precompiled
from autograder.engine.feedback import WarmFeedback
from autograder.engine.schemas import quick_schema

SCHEMA = json.loads((Path(nbformat.v4.__file__).parent / "nbformat.v4.5.schema.json").read_text("utf-8"))


def notebooks() -> list[dict]:
    """A valid notebook and invalid ones (a cell of no known type, an output of no known kind)."""
    good = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1"), nbformat.v4.new_markdown_cell("# a")])
    good.cells[0].outputs = [nbformat.v4.new_output("stream", name="stdout", text="1\n")]
    no_type, no_kind = copy.deepcopy(good), copy.deepcopy(good)
    no_type.cells[1].cell_type = "slide"
    no_kind.cells[0].outputs[0].output_type = "sound"
    return [json.loads(json.dumps(nb)) for nb in (good, no_type, no_kind)]


def verdicts(check) -> list[bool]:
    found = []
    for nb in notebooks():
        try:
            check(nb)
            found.append(True)
        except fastjsonschema.JsonSchemaException:
            found.append(False)
    return found


SAMPLE = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# 题目"), nbformat.v4.new_code_cell("x = 1")])


def sample_page() -> str:
    nb = copy.deepcopy(SAMPLE)
    exporter = WarmFeedback(coursedir=CourseDirectory(root="/nonexistent")).warm_exporter()
    steps, exporter._preprocessors = exporter._preprocessors, []
    try:
        resources = {"nbgrader": {"notebook": "n", "score": 1.0, "max_score": 2.0, "late_penalty": 0.0}}
        return exporter.from_notebook_node(nb, resources)[0]
    finally:
        exporter._preprocessors = steps


def test_a_run_loads_the_checks_the_install_step_compiled_and_they_judge_as_compiled_ones(precompiled_folder, monkeypatch):
    quick = quick_schema(SCHEMA)
    expected = verdicts(fastjsonschema.compile(quick, use_default=False))
    assert expected == [True, False, False]
    monkeypatch.setattr(precompiled, "folder", lambda: precompiled_folder)

    def no_compiling(*args, **kwargs):
        raise AssertionError("compiled in the run")

    monkeypatch.setattr(fastjsonschema, "compile", no_compiling)
    assert verdicts(precompiled.schema_check(quick, use_default=False)) == expected


def test_a_schema_the_install_step_did_not_compile_is_compiled_in_the_run_and_not_written(precompiled_folder, monkeypatch):
    monkeypatch.setattr(precompiled, "folder", lambda: precompiled_folder)
    before = sorted(precompiled_folder.rglob("*"))
    other = {"type": "object", "required": ["cells"]}
    assert verdicts(precompiled.schema_check(other, use_default=False)) == [True, True, True]
    assert sorted(precompiled_folder.rglob("*")) == before


def test_without_the_install_step_a_run_compiles_everything_itself(tmp_path, monkeypatch):
    monkeypatch.setattr(precompiled, "folder", lambda: tmp_path / "never-built")
    assert precompiled.template_cache() is None
    assert verdicts(precompiled.schema_check(quick_schema(SCHEMA), use_default=False)) == [True, False, False]
    assert not (tmp_path / "never-built").exists()


def test_the_feedback_page_is_the_same_from_compiled_templates(precompiled_folder, monkeypatch):
    monkeypatch.setattr(precompiled, "folder", lambda: precompiled_folder.parent / "never-built")
    from autograder.engine import feedback

    monkeypatch.setattr(feedback, "_EXPORTERS", {})
    fresh = sample_page()
    monkeypatch.setattr(precompiled, "folder", lambda: precompiled_folder)
    monkeypatch.setattr(feedback, "_EXPORTERS", {})
    templates = sorted((precompiled_folder / "templates").iterdir())
    loaded = []
    load = precompiled.TemplateCache.load_bytecode
    monkeypatch.setattr(precompiled.TemplateCache, "load_bytecode",
                        lambda self, bucket: (load(self, bucket), loaded.append(bucket.code is not None)))
    assert sample_page() == fresh
    assert loaded and all(loaded)  # every template came compiled from the install step
    assert sorted((precompiled_folder / "templates").iterdir()) == templates  # and the run wrote none
