"""The lesson notebooks: generated, clean, parallel in both editions, complete, and runnable.

Every notebook in ``lessons/`` is executed top to bottom in a real kernel; any
error or anything written to stderr (warnings, matplotlib's missing-glyph
message) fails the test, the QuantEcon ``-W`` habit.
"""
from __future__ import annotations

import os
import re
import time
from pathlib import Path

import nbclient
import nbformat
import pytest

from autograder.authoring import __main__ as authoring
from conftest import read_toml

ROOT = Path(__file__).resolve().parents[1]
LESSONS = ROOT / "lessons"
SOURCES = sorted((ROOT / "content" / "lessons").glob("*.md"))
NOTEBOOKS = sorted(LESSONS.glob("*.ipynb"))
TERMS = read_toml(Path(__file__).parent / "syllabus_terms.toml")
LINK = re.compile(r"\]\(([^)#]+\.ipynb)\)")


def read(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)


def editions(stem: str) -> tuple[nbformat.NotebookNode, nbformat.NotebookNode]:
    return read(LESSONS / f"{stem}.zh-CN.ipynb"), read(LESSONS / f"{stem}.en.ipynb")


def markdown(nb: nbformat.NotebookNode) -> str:
    return "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


def test_the_index_and_four_lessons_exist_in_both_editions():
    stems = [s.stem for s in SOURCES]
    assert stems == ["00-index", "00-python", "01-identify", "02-improve", "03-dissatisfaction", "04-complaints"]
    assert [p.name for p in NOTEBOOKS] == sorted(f"{s}.{e}.ipynb" for s in stems for e in ("zh-CN", "en"))


def test_lessons_are_up_to_date_with_their_sources(capsys):
    assert authoring.main(["lessons", "--check"]) == 0, capsys.readouterr().out


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_lessons_carry_no_outputs(path):
    for cell in read(path).cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, cell.source[:60]


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_editions_share_code_and_section_structure(source):
    zh, en = editions(source.stem)
    assert [c.cell_type for c in zh.cells] == [c.cell_type for c in en.cells]
    for a, b in zip(zh.cells, en.cells):
        if a.cell_type == "code":
            # Only the edition cell may differ, and only by its language code.
            assert a.source == b.source or a.source.replace('"zh"', '"en"') == b.source
        else:
            heads = [re.findall(r"^(#+) ", c.source, re.MULTILINE) for c in (a, b)]
            assert heads[0] == heads[1], (a.source[:80], b.source[:80])


@pytest.mark.parametrize("stem", sorted(TERMS), ids=str)
def test_every_syllabus_term_is_taught_in_the_zh_edition(stem):
    text = markdown(editions(stem)[0])
    missing = [term for term in TERMS[stem]["terms"] if term not in text]
    assert not missing, f"{stem}.zh-CN is missing syllabus terms: {missing}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_links_lead_to_existing_notebooks(path):
    links = LINK.findall(markdown(read(path)))
    assert links or "index" not in path.name
    for link in links:
        assert (path.parent / link).resolve().is_file(), f"{path.name} links to missing {link}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_lesson_runs_top_to_bottom_without_errors_or_warnings(path):
    nb = read(path)
    start = time.perf_counter()
    # The kernel runs as in JupyterLab: with the inline backend, not the tests' Agg.
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
    nbclient.NotebookClient(nb, timeout=180, kernel_name="python3",
                            resources={"metadata": {"path": str(LESSONS)}}).execute(env=env)
    seconds = time.perf_counter() - start
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            assert out.output_type != "error", f"{cell.source[:60]!r}: {out.get('evalue')}"
            assert not (out.output_type == "stream" and out.name == "stderr"), \
                f"{cell.source[:60]!r} wrote to stderr: {out.text[:300]}"
    images = sum("image/png" in o.get("data", {}) for c in nb.cells for o in c.get("outputs", []))
    widgets = sum("application/vnd.jupyter.widget-view+json" in o.get("data", {})
                  for c in nb.cells for o in c.get("outputs", []))
    assert images >= 1, "every lesson draws at least one figure"
    if "index" not in path.name:
        assert widgets >= 3, "a lesson has at least two interactive widgets and a quiz"
    print(f"{path.name}: executed in {seconds:.1f} s")
