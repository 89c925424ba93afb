"""Every lesson (both editions) and exercise 1 in a real browser, as a student meets them.

One JupyterLab (`make lab`, serving a copy of the course) and one headless Debian
Chromium (driven by Playwright, which never downloads a browser) serve the whole
module; each notebook gets its own page and kernel. For each lesson: open it, Run
All, no error output, every slider's track at least 200 px wide, every text box
showing its whole value, every widget chart shown no wider than half its pixel
width (rendered at 2× for HiDPI screens), the notebook not marked modified on opening
and no toast over it, and one input of every widget driven as
a student would, its result changing. Exercise 1: a wrong answer written and run
but not saved is reported by the self-check as run and failed. Screenshots of
every widget land in tests/artifacts/ (git-ignored).
"""
from __future__ import annotations

import json
import re
import shutil
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from autograder import selfcheck
from conftest import running_lab

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
#: Flags probed on this kind of machine: no sandbox as root, nothing fetched in the background.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
LESSONS = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "lessons").glob("*.ipynb"))
EXERCISES = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "exercises").glob("task1-*/*.ipynb"))
#: What a student types into a text box (valid in every widget, and unlike every starting value).
TYPED = "6"
REPLY = {"zh": "您好，非常抱歉给您带来不便，我马上为您处理。", "en": "We are sorry; we will fix your order today."}
ARTIFACTS = ROOT / "tests" / "artifacts"
#: The status of the current notebook's kernel (undefined until one is connected), in the page.
KERNEL = "window.jupyterapp.shell.currentWidget.sessionContext.session?.kernel?.status"

pytestmark = [pytest.mark.slow, pytest.mark.browser]


@dataclass
class Lab:
    base: str
    token: str
    browser: object
    course: Path

    def api(self, method: str, path: str, body: dict | None = None):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(f"{self.base}{path}?token={self.token}", data=data, method=method,
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=30) as reply:
            text = reply.read()
        return json.loads(text) if text else None


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    from playwright.sync_api import sync_playwright

    tmp = tmp_path_factory.mktemp("lab")
    course = tmp / "course"
    shutil.copytree(ROOT / "lessons", course / "lessons")
    shutil.copytree(ROOT / "exercises", course / "exercises")  # released notebooks only: a class
    ARTIFACTS.mkdir(exist_ok=True)
    args = "--LabApp.expose_app_in_browser=True"  # the test reads the notebook model through the page
    with running_lab(ROOT, tmp, serve=course, lab_args=args) as (base, token), sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            session = Lab(base, token, browser, course)
            # A test must never save what it typed: autosave off (in this server's own settings folder).
            session.api("PUT", "/lab/api/settings/@jupyterlab/docmanager-extension:plugin",
                        {"raw": json.dumps({"autosave": False})})
            yield session
        finally:
            browser.close()


def open_notebook(lab: Lab, path: str):
    page = lab.browser.new_page(viewport={"width": 1280, "height": 1000})
    page.goto(f"{lab.base}/lab/tree/{path}?token={lab.token}&reset")
    page.locator(".jp-Notebook .jp-Cell").first.wait_for(timeout=90_000)
    # Run only once the kernel is up (cells run before make JupyterLab ask which kernel to start).
    page.wait_for_function(f"() => {KERNEL} === 'idle'", timeout=120_000)
    return page


def model(page) -> dict:
    """The notebook as JupyterLab holds it now (outputs included), not as saved."""
    return page.evaluate("() => window.jupyterapp.shell.currentWidget.context.model.toJSON()")


def run_all(page) -> None:
    page.locator(".jp-Notebook").first.click()
    page.keyboard.press("Escape")
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")


def wait_idle_after_run(page, timeout: float = 240) -> dict:
    """Wait until every code cell ran or the run stopped at an error; returns the model."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        nb = model(page)
        codes = [c for c in nb["cells"] if c["cell_type"] == "code"]
        stopped = any(o.get("output_type") == "error" for c in codes for o in c["outputs"])
        if page.evaluate(f"() => {KERNEL}") == "idle" and (stopped or all(c["execution_count"] for c in codes)):
            return nb
        time.sleep(1)
    raise AssertionError("the notebook did not finish running in time")


def problems(nb: dict) -> list[str]:
    """Errors and anything written to stderr, per cell."""
    found = []
    for n, cell in enumerate(nb["cells"]):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error" or (out.get("output_type") == "stream" and out.get("name") == "stderr"):
                found.append(f"cell {n}: {out.get('ename') or ''} {''.join(out.get('text', ''))[:300]}")
    return found


def widget_cells(nb: dict) -> list[int]:
    return [n for n, c in enumerate(nb["cells"]) if any(
        "application/vnd.jupyter.widget-view+json" in o.get("data", {}) for o in c.get("outputs", []))]


def snapshot(output) -> str:
    """What a widget shows as its result: its texts (not its controls) and its pictures."""
    return output.evaluate("""e => [...e.querySelectorAll('.widget-html, img')].map(x => x.tagName === 'IMG'
        ? x.src.length + ':' + x.src.slice(-40) + ':' + getComputedStyle(x).display : x.innerText).join('|')""")


def measure(output) -> dict:
    """Widths as laid out in the page (the output scrolled into view first)."""
    output.scroll_into_view_if_needed()
    return output.evaluate("""e => ({
        tracks: [...e.querySelectorAll('.widget-slider .noUi-target')].map(t => t.getBoundingClientRect().width),
        images: [...e.querySelectorAll('img.widget-image')].filter(i => i.naturalWidth)
                  .map(i => [i.getBoundingClientRect().width, i.naturalWidth]),
        boxes: [...e.querySelectorAll('.widget-text input')].map(i => [i.value, i.scrollWidth, i.clientWidth])})""")


def drive(page, output, lang: str) -> None:
    """Change one input the way a student would: type into a box and press Enter, drag a slider,
    pick another option or answer; press the widget's main button where that shows the result."""
    button = output.locator("button.mod-primary")
    if output.locator("textarea").count():
        output.locator("textarea").first.fill(REPLY[lang])
    elif output.locator(".widget-text input").count():
        box = output.locator(".widget-text input").first
        box.fill(TYPED)
        box.press("Enter")  # Enter alone must be enough
        return
    elif output.locator(".noUi-handle").count():
        track = output.locator(".noUi-target").first.bounding_box()
        handle = output.locator(".noUi-handle").first.bounding_box()
        page.mouse.move(handle["x"] + handle["width"] / 2, handle["y"] + handle["height"] / 2)
        page.mouse.down()
        page.mouse.move(track["x"] + 1, handle["y"] + handle["height"] / 2, steps=8)
        page.mouse.up()
        return
    elif output.locator("select").count() and not button.count():
        select = output.locator("select").first
        values = select.locator("option").evaluate_all("options => options.map(o => o.value)")
        select.select_option(value=next(v for v in values if v != select.input_value()))
        return
    elif output.locator(".widget-radio-box label").count():
        output.locator(".widget-radio-box label").first.click()
    if button.count():
        page.wait_for_timeout(300)
        button.first.click()


@pytest.mark.parametrize("path", LESSONS)
def test_lesson_runs_and_every_widget_works(lab, path):
    from playwright.sync_api import expect

    lang = "en" if ".en." in path else "zh"
    page = open_notebook(lab, path)
    try:
        # Opened, not yet run: not marked modified, and no toast (such as Jupyter's news) over it.
        assert page.evaluate("() => window.jupyterapp.shell.currentWidget.context.model.dirty") is False
        assert page.locator(".Toastify__toast").count() == 0
        run_all(page)
        nb = wait_idle_after_run(page)
        assert problems(nb) == []
        cells = page.locator(".jp-Notebook .jp-Cell")
        for n in widget_cells(nb):
            output = cells.nth(n).locator(".jp-OutputArea").first
            output.scroll_into_view_if_needed()
            expect(output.locator(".jupyter-widgets").first).to_be_visible(timeout=30_000)
            page.wait_for_timeout(300)
            sizes = measure(output)
            assert all(w >= 200 for w in sizes["tracks"]), (n, sizes["tracks"])
            assert all(shown <= natural / 2 + 1 for shown, natural in sizes["images"]), (n, sizes["images"])
            assert all(scroll <= client + 1 for _v, scroll, client in sizes["boxes"]), (n, sizes["boxes"])
            before = snapshot(output)
            drive(page, output, lang)
            deadline = time.monotonic() + 30
            while snapshot(output) == before and time.monotonic() < deadline:
                page.wait_for_timeout(250)
            assert snapshot(output) != before, f"cell {n}: nothing changed"
            page.wait_for_function(f"() => {KERNEL} === 'idle'", timeout=60_000)
            page.wait_for_timeout(500)  # the last messages of the update reach the page
            assert output.locator(".sat-error").count() == 0, f"cell {n}: the driven input was refused"
            name = f"{Path(path).stem}-cell{n:02d}.png"
            output.screenshot(path=str(ARTIFACTS / name))
        assert problems(model(page)) == []
    finally:
        close(lab, page)


def close(lab: Lab, page) -> None:
    page.close()
    for session in lab.api("GET", "/api/sessions"):
        lab.api("DELETE", f"/api/sessions/{session['id']}")


def check_cell(path: Path) -> int:
    """The position of the exercise's last cell that runs the self-check."""
    import nbformat

    cells = nbformat.read(path, as_version=4).cells
    return max(n for n, c in enumerate(cells) if c.cell_type == "code" and "check()" in c.source)


@pytest.mark.parametrize("path", EXERCISES)
def test_exercise_1_reports_an_unsaved_wrong_answer_as_run_and_failed(lab, path):
    from playwright.sync_api import expect

    exercise = selfcheck.read(lab.course / path)
    first = exercise.questions[0]
    names = sorted(selfcheck.notebook.needed_names(first.tests) - exercise.setup_names)
    wrong = "\n".join(f"{name} = None" for name in names)  # the right names, values of no use
    position = exercise.order[first.answer_ids[0]]
    saved = (lab.course / path).read_text("utf-8")
    page = open_notebook(lab, path)
    try:
        run_all(page)  # stops at the first unanswered question
        wait_idle_after_run(page)
        cell = page.locator(".jp-Notebook .jp-Cell").nth(position)
        cell.scroll_into_view_if_needed()
        cell.locator(".cm-content").click()
        page.keyboard.press("Control+a")
        page.keyboard.insert_text(wrong)
        page.keyboard.press("Control+Enter")
        expect(cell.locator(".jp-InputPrompt")).to_have_text(re.compile(r"\[\d+\]"), timeout=60_000)
        check = page.locator(".jp-Notebook .jp-Cell").nth(check_cell(lab.course / path))
        check.scroll_into_view_if_needed()
        check.locator(".cm-content").click()
        page.keyboard.press("Control+Enter")
        report = page.locator(".sat-selfcheck-report").last
        expect(report).to_be_visible(timeout=60_000)
        rows = report.locator(".sat-selfcheck-row")
        statuses = {r.get_attribute("data-question"): r.get_attribute("data-status") for r in rows.all()}
        assert statuses[first.grade_id] == "failed"
        assert {s for q, s in statuses.items() if q != first.grade_id} == {"not_attempted"}
        assert (lab.course / path).read_text("utf-8") == saved  # nothing was saved
        report.screenshot(path=str(ARTIFACTS / f"{Path(path).stem}-selfcheck.png"))
    finally:
        close(lab, page)
