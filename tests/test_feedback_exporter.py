"""autograder.engine.feedback: the warm exporter's page is the page nbconvert's own pass gives."""
from __future__ import annotations

import nbformat
import pytest
from bs4 import BeautifulSoup

from autograder.engine.feedback import NO_ALT, _with_soup, accessible

PAGES = {
    "no image": "<html><body><p>Score: 3 / 4</p><pre>x = 1</pre></body></html>",
    "figure without alt": '<body><div class="output_png"><img src="data:image/png;base64,AAAA"\n></div></body>',
    "figure with alt": '<body><img alt="chart" src="a.png"><IMG SRC="b.png"/></body>',
    "img in a script": '<body><script>var t = "<img src=x>";</script><img src="y.png"></body>',
    "JupyterLab cells": '<body><div class="jp-Notebook"><div class="jp-Cell-inputWrapper">x</div></div></body>',
}


def parsed(html: str) -> list:
    """What a browser sees: every element with its attributes."""
    return [(tag.name, dict(tag.attrs)) for tag in BeautifulSoup(html, "html.parser").find_all(True)]


@pytest.mark.parametrize("name", PAGES)
def test_every_image_gets_the_alt_nbconvert_gives_it(name):
    page = PAGES[name]
    assert parsed(accessible(page)) == parsed(_with_soup(page))


def test_a_page_without_images_is_returned_untouched():
    page = PAGES["no image"]
    assert accessible(page) is page


def test_missing_alts_are_counted_in_the_log():
    said = []

    class Log:
        def warning(self, text, *args):
            said.append(text % args)

    html = accessible(PAGES["figure without alt"], Log())
    assert f'alt="{NO_ALT}"' in html and said == ["Alternative text is missing on 1 image(s)."]


class Outputs:
    """Stands in for the sandboxed run: every code cell gets a stream and a rich result (its
    mimetypes not in the order nbformat writes them)."""

    runner_gone = False

    def execute(self, nb, folder):
        from autograder.engine.executor import ExecReport

        for n, cell in enumerate(c for c in nb.cells if c.cell_type == "code"):
            cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=f"line {n}\n")]
            if not cell.metadata.get("nbgrader", {}).get("grade"):  # a test's result would be its score
                cell.outputs.append(nbformat.v4.new_output(
                    "execute_result", {"text/plain": f"'{n}'", "text/html": f"<b>{n}</b>"}, execution_count=n + 1))
            cell.execution_count = n + 1
        return ExecReport()


def test_the_page_from_the_notebook_kept_in_memory_is_the_page_from_its_file(tmp_path, monkeypatch):
    from autograder.engine import lookups, worker
    from corpus.fixture import ASSIGNMENT, frozen_class

    course = frozen_class(tmp_path, 1)
    # A worker's process-wide set-up (bookkeeping.prepare) is left out: it would stay in this one.
    monkeypatch.setattr(lookups, "_DEFINITIONS", {})
    monkeypatch.setattr(worker, "EXECUTOR", Outputs())
    api = worker.configured_api(course)
    page = course.path("feedback", "s001", ASSIGNMENT, f"{ASSIGNMENT}.html")
    assert api.autograde(ASSIGNMENT, "s001")["success"]
    assert api.generate_feedback(ASSIGNMENT, "s001")["success"]  # from the notebook the autograde pass kept
    from_memory = page.read_text("utf-8")
    assert api.generate_feedback(ASSIGNMENT, "s001")["success"]  # nothing kept any more: from the file
    assert page.read_text("utf-8") == from_memory and "<b>1</b>" in from_memory
