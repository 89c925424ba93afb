"""Lesson 1 in a real browser: JupyterLab via `make lab`, Debian's headless Chromium, Playwright.

The student's path: open the lesson, run all cells, drag the gap calculator's
first slider (the expectation of 信赖度) to 1, see the verdict turn from 低于期望
to 超出期望. A screenshot is kept in tests/artifacts/.
Playwright only drives the system browser; it never downloads one.
"""
from __future__ import annotations

import shutil

import pytest

from conftest import running_lab

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
#: Flags probed on this kind of machine: no sandbox as root, nothing fetched in the background.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
LESSON = "lessons/01-identify.zh-CN.ipynb"


@pytest.mark.slow
def test_moving_a_slider_in_lesson_1_changes_the_verdict(root, tmp_path):
    from playwright.sync_api import expect, sync_playwright

    artifacts = root / "tests" / "artifacts"
    artifacts.mkdir(exist_ok=True)
    course = tmp_path / "course"
    shutil.copytree(root / "lessons", course / "lessons")
    with running_lab(root, tmp_path, serve=course) as (base, token), sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 1000})
            page.goto(f"{base}/lab/tree/{LESSON}?token={token}&reset")
            page.locator(".jp-Notebook .jp-Cell").first.wait_for(timeout=60_000)
            # Run only once the kernel is up: cells run before that make JupyterLab ask which
            # kernel to start (seen on a busy machine).
            idle = page.get_by_role("button", name="Python 3 (ipykernel) | Idle")
            expect(idle).to_be_visible(timeout=120_000)
            page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
            page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()

            verdict = page.locator(".sat-verdict").first
            expect(verdict).to_have_text("低于期望", timeout=120_000)  # the starting store falls short
            verdict.scroll_into_view_if_needed()

            handle = page.locator(".widget-slider .noUi-handle").first
            track = page.locator(".widget-slider .noUi-target").first
            box, start = track.bounding_box(), handle.bounding_box()
            page.mouse.move(start["x"] + start["width"] / 2, start["y"] + start["height"] / 2)
            page.mouse.down()
            page.mouse.move(box["x"] + 1, start["y"] + start["height"] / 2, steps=8)
            page.mouse.up()

            # Expectation of 信赖度 down to 1: mean a = 5.8 < b = 6.4, c = 1.10.
            expect(verdict).to_have_text("超出期望", timeout=30_000)
            page.screenshot(path=str(artifacts / "lesson1.png"))
        finally:
            browser.close()
