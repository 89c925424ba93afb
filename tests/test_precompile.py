"""autograder.engine.precompile: the install step compiles every check and template a grading run
starts by compiling, readable by every account, the same files each time it runs."""
from __future__ import annotations

import stat

import nbformat

from autograder.engine import precompile, precompiled


def test_every_notebook_version_the_metadata_check_and_the_feedback_templates_are_compiled(precompiled_folder):
    schemas = list((precompiled_folder / "schemas").iterdir())
    templates = list((precompiled_folder / "templates").iterdir())
    # a quick check per nbformat 4 version that has one (strict and relaxed), and nbgrader's metadata check
    versions = nbformat.v4.nbformat_minor + 1
    assert versions < len(schemas) <= 2 * versions + 1
    assert len(templates) >= 5  # nbgrader's feedback page and the nbconvert templates it extends
    for path in schemas + templates:
        assert stat.S_IMODE(path.stat().st_mode) == 0o644  # a teacher's account grades with root's install


def test_building_again_writes_the_same_files(precompiled_folder, monkeypatch):
    monkeypatch.setattr(precompiled, "folder", lambda: precompiled_folder)
    before = {p: p.read_bytes() for p in precompiled_folder.rglob("*") if p.is_file()}
    assert sorted(precompile.build()) == sorted(str(p.relative_to(precompiled_folder)) for p in before)
    assert {p: p.read_bytes() for p in before} == before
    assert not precompiled.SAVING  # a run after the build only reads
