"""A class on the class server, end to end, with real Unix accounts on loopback.

`python -m autograder hub` serves a new course; three throwaway accounts (two students, a
teacher) use it as people would: the teacher releases task1-identify in a terminal; a
student logs in in headless Chromium (Debian's), lands on the index lesson with the
Assignments tab open in the Chinese interface, runs lesson 1 and sees its widget answer,
fetches the assignment and (with answers written) submits it; the other student fetches and
submits a blank copy over HTTP. A second hub on the same port is refused. The hub is stopped
and started again, and both submissions are still there. The teacher collects, grades with
`python -m autograder grade`, releases feedback and exports; the first student fetches the
feedback in the browser and the score on it equals the export's. The formgrader opens in the
teacher's browser tab. Everything is stopped and the accounts removed, also on failure.
"""
from __future__ import annotations

import csv
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import running_hub, shared_tmp, unix_users

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
ASSIGNMENT, COURSE_ID = "task1-identify", "satisfaction-101"
#: The total on a feedback page: nbgrader's "Score: 12.0 / 28.0" (or the course's Chinese heading).
SCORE = re.compile(r"(?:Score|得分|总分)\s*[:：]?\s*([0-9]+(?:\.[0-9]+)?)\s*/\s*([0-9]+(?:\.[0-9]+)?)")


def in_terminal(login: str, state: Path, course: Path, *args: str) -> str:
    """``args`` as ``login`` in a JupyterLab terminal of the hub would run them (same PATH and config)."""
    import json

    saved = json.loads((state / "hub.json").read_text("utf-8"))
    python = saved["python"]
    env = {"HOME": f"/home/{login}", "USER": login, "LOGNAME": login, "PYTHONUTF8": "1",
           "LD_LIBRARY_PATH": saved["library_path"],
           "PATH": f"{Path(python).parent}:/usr/bin:/bin", "JUPYTER_CONFIG_PATH": str(state / "teacher")}
    done = subprocess.run(["runuser", "-u", login, "--", "env", "-i", *(f"{k}={v}" for k, v in env.items()),
                           *args], cwd=course, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, f"{args}:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done.stdout


def log_in(page, url: str, login: str, password: str) -> None:
    page.goto(f"{url}/hub/login")
    page.fill("input[name=username]", login)
    page.fill("input[name=password]", password)
    page.click("input[type=submit], button[type=submit]")


def open_assignments(page):
    """Bring nbgrader's Assignments tab to the front (from its tab, else from the Nbgrader menu)."""
    title = page.locator(".lm-TabBar-tab", has_text="Assignments")
    if title.count():
        title.first.click()
    else:
        page.locator(".lm-MenuBar-itemLabel", has_text="Nbgrader").click()
        page.locator(".lm-Menu-itemLabel", has_text="Assignment List").click()
    tab = page.locator("#nbgrader-assignment-list")
    tab.wait_for(state="visible", timeout=60_000)
    return tab


@pytest.mark.slow
@pytest.mark.browser
def test_a_class_on_the_hub_from_release_to_feedback(root):
    from playwright.sync_api import expect, sync_playwright

    from autograder.hub.client import StudentSession
    from autograder.hub.launcher import free_port
    from autograder.teacher.init import init_course

    artifacts = root / "tests" / "artifacts"
    artifacts.mkdir(exist_ok=True)
    base = shared_tmp()
    try:
        with unix_users(3, prefix="hub") as ((s1, p1), (s2, p2), (teacher, tp)), sync_playwright() as pw:
            roster = base / "roster.csv"
            roster.write_text("student_id,first_name,last_name,group_id,role\n"
                              f"{s1},伟,王,G1,leader\n{s2},芳,李,G1,member\n", "utf-8")
            course = init_course(base / "course", roster, [ASSIGNMENT], exchange=base / "exchange").root
            state, port = base / "state", free_port()
            command = [sys.executable, "-m", "autograder", "hub", str(course), "--teacher", teacher,
                       "--ip", "127.0.0.1", "--port", str(port), "--state-dir", str(state)]
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            try:
                with running_hub(command, base / "hub.log") as url:
                    second = subprocess.run(command, capture_output=True, text=True, timeout=300)
                    assert second.returncode == 2 and f"127.0.0.1 上的端口 {port} 已被占用" in second.stderr
                    in_terminal(teacher, state, course, "nbgrader", "release_assignment", ASSIGNMENT)

                    page = browser.new_page(viewport={"width": 1280, "height": 900})
                    log_in(page, url, s1, p1)
                    page.locator(".jp-Notebook .jp-Cell").first.wait_for(timeout=240_000)
                    assert page.url.startswith(f"{url}/user/{s1}/lab")
                    expect(page.locator(".lm-MenuBar-itemLabel", has_text="文件")).to_be_visible()
                    tab = page.locator("#nbgrader-assignment-list")
                    expect(tab.locator("#released_assignments_list")).to_contain_text(ASSIGNMENT, timeout=60_000)
                    expect(page.get_by_text("Create Assignment")).to_have_count(0)  # the teacher's tools only

                    page.goto(f"{url}/user/{s1}/lab/tree/lessons/01-identify.zh-CN.ipynb")
                    expect(page.get_by_role("button", name=re.compile(r"Python 3 \(ipykernel\) \| (空闲|Idle)"))
                           ).to_be_visible(timeout=180_000)
                    page.locator(".lm-MenuBar-itemLabel", has_text="运行").first.click()
                    page.locator(".lm-Menu-itemLabel", has_text="运行所有单元格").first.click()
                    expect(page.locator(".sat-verdict").first).to_have_text("低于期望", timeout=180_000)

                    tab = open_assignments(page)
                    tab.locator("#released_assignments_list button", has_text="Fetch").click()
                    expect(tab.locator("#fetched_assignments_list")).to_contain_text(ASSIGNMENT, timeout=60_000)
                    answered = Path(f"/home/{s1}/exercises/{ASSIGNMENT}/{ASSIGNMENT}.ipynb")
                    shutil.copyfile(course / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", answered)
                    shutil.chown(answered, s1, s1)
                    tab.locator("#fetched_assignments_list button", has_text="Submit").click()
                    expect(tab.locator("#submitted_assignments_list")).to_contain_text(ASSIGNMENT, timeout=60_000)
                    page.screenshot(path=str(artifacts / "hub-student-assignments.png"))

                    with StudentSession(url, s2, p2) as other:
                        other.log_in()
                        other.start_server()
                        other.assignment("fetch", COURSE_ID, ASSIGNMENT)
                        other.assignment("submit", COURSE_ID, ASSIGNMENT)
                    page.close()

                inbound = base / "exchange" / COURSE_ID / "inbound"  # the hub is stopped: nothing lost
                assert sorted(p.name.split("+")[0] for p in inbound.iterdir()) == sorted([s1, s2])

                with running_hub(command, base / "hub.log") as url:
                    in_terminal(teacher, state, course, "nbgrader", "collect", ASSIGNMENT)
                    in_terminal(teacher, state, course, "python", "-m", "autograder", "grade", ASSIGNMENT,
                                "--quiet")
                    in_terminal(teacher, state, course, "nbgrader", "release_feedback", ASSIGNMENT)
                    in_terminal(teacher, state, course, "python", "-m", "autograder", "export")
                    with (course / "exports" / "grades-plain.csv").open(encoding="utf-8") as f:
                        exported = {row["student_id"]: float(row[ASSIGNMENT]) for row in csv.DictReader(f)}
                    assert exported[s1] > 0

                    page = browser.new_page(viewport={"width": 1280, "height": 900})
                    log_in(page, url, s1, p1)
                    page.locator("#jp-main-dock-panel .lm-TabBar-tab").first.wait_for(timeout=240_000)
                    tab = open_assignments(page)
                    tab.locator("#submitted_assignments_list button", has_text="Fetch Feedback").click()
                    expect(tab.locator("#submitted_assignments_list")).to_contain_text("view feedback", timeout=60_000)
                    feedback = next(Path(f"/home/{s1}/exercises/{ASSIGNMENT}/feedback").glob(f"*/{ASSIGNMENT}.html"))
                    relative = feedback.relative_to(f"/home/{s1}")
                    page.goto(f"{url}/user/{s1}/files/{relative}")
                    shown = SCORE.search(page.locator("body").inner_text())
                    page.screenshot(path=str(artifacts / "hub-student-feedback.png"))
                    assert shown is not None, "no score on the feedback page"
                    assert float(shown.group(1)) == pytest.approx(exported[s1])

                    teacher_page = browser.new_page(viewport={"width": 1280, "height": 900})
                    log_in(teacher_page, url, teacher, tp)
                    teacher_page.locator(".lm-MenuBar").first.wait_for(timeout=240_000)
                    teacher_page.goto(f"{url}/user/{teacher}/formgrader")
                    expect(teacher_page.locator("body")).to_contain_text(ASSIGNMENT, timeout=60_000)
                    teacher_page.screenshot(path=str(artifacts / "hub-formgrader.png"))
            finally:
                browser.close()
    finally:
        shutil.rmtree(base, ignore_errors=True)
