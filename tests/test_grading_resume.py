"""``grade`` killed with kill -9 at any moment and run again: the class is finished, nothing
finished is graded twice, no grade is lost, and the gradebook stays sound."""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from autograder.engine.ledger import Ledger
from corpus.fixture import ASSIGNMENT, AUTO_POINTS, frozen_class

STUDENTS = 9
#: What frozen_class hands in, in turn: complete, partly done, untouched.
FULL, BLANK = AUTO_POINTS, 0.0

pytestmark = pytest.mark.slow


def command(course) -> list[str]:
    return [sys.executable, "-m", "autograder", "grade", ASSIGNMENT, "--quiet", "--workers", "1",
            "--course-dir", str(course.root)]


def finished(course) -> dict[str, float]:
    """Student → modification time of its ledger entry."""
    return {p.stem: p.stat().st_mtime_ns for p in course.path("grading", ASSIGNMENT).glob("*.json")}


def points_of_tests(course) -> dict[str, float | None]:
    """Student → the points of their test cells in the gradebook (None: none recorded)."""
    with sqlite3.connect(course.db_file()) as db:
        return dict(db.execute("""
            SELECT sa.student_id, SUM(g.auto_score) FROM grade g
            JOIN submitted_notebook sn ON g.notebook_id = sn.id
            JOIN submitted_assignment sa ON sn.assignment_id = sa.id
            JOIN grade_cells gc ON g.cell_id = gc.id JOIN base_cell bc ON gc.id = bc.id
            WHERE bc.name LIKE '%\\_tests' ESCAPE '\\' GROUP BY sa.student_id""").fetchall())


def kill_when(course, done_at_least: int, deadline: float = 120) -> dict[str, float]:
    proc = subprocess.Popen(command(course), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    end = time.monotonic() + deadline
    while len(finished(course)) < done_at_least and proc.poll() is None and time.monotonic() < end:
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    time.sleep(0.5)  # the workers follow their parent (PR_SET_PDEATHSIG)
    return finished(course)


def test_killed_runs_resume_and_lose_nothing(tmp_path):
    course = frozen_class(tmp_path, STUDENTS)
    assert kill_when(course, 0) == {}          # killed while starting up
    first = kill_when(course, 3)                # killed half way
    assert 3 <= len(first) < STUDENTS
    second = kill_when(course, len(first) + 2)  # killed again, later
    assert {s: second[s] for s in first} == first  # nothing finished was graded again

    done = subprocess.run(command(course), capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    assert f"之前已评分 {len(second)} 份" in done.stdout  # the course's language (zh)
    final = finished(course)
    assert len(final) == STUDENTS and {s: final[s] for s in second} == second

    with sqlite3.connect(course.db_file()) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    rows = points_of_tests(course)
    assert len(rows) == STUDENTS
    assert [rows[f"s{n:03d}"] for n in (1, 4, 7)] == [FULL] * 3
    assert [rows[f"s{n:03d}"] for n in (3, 6, 9)] == [BLANK] * 3
    assert all(Ledger(course, ASSIGNMENT).entry(s)["status"] == "graded" for s in rows)
    assert not list(course.path(".grading-workspace").glob("*"))  # no working copy left behind


def test_a_second_run_at_the_same_time_is_refused(tmp_path):
    course = frozen_class(tmp_path, 2)
    ledger = Ledger(course, ASSIGNMENT)
    with ledger.lock():
        done = subprocess.run(command(course), capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "another grading run is working on" in done.stderr
    assert str(os.getpid()) in done.stderr


def test_a_student_graded_as_the_runner_stops_is_left_to_the_next_run(tmp_path):
    # The notebook runner killed under a worker (a run being stopped, or the runner crashing): the
    # student it was running is not recorded as failed (nor its unrun cells as zero), and the
    # next run grades it as it should be graded.
    course = frozen_class(tmp_path, 6)
    proc = subprocess.Popen(command(course), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        end = time.monotonic() + 120
        while not finished(course) and proc.poll() is None and time.monotonic() < end:
            time.sleep(0.02)
        children = Path(f"/proc/{proc.pid}/task/{proc.pid}/children").read_text().split()
        os.kill(int(children[0]), signal.SIGKILL)  # the runner: the first process grade starts
        out, _ = proc.communicate(timeout=120)
    finally:
        proc.kill()
    recorded = {s: Ledger(course, ASSIGNMENT).entry(s) for s in finished(course)}
    assert recorded and len(recorded) < 6, out
    assert all(e["status"] == "graded" for e in recorded.values()), recorded
    left = 6 - len(recorded)
    assert f"本次评分 {len(recorded)} 份，之前已评分 0 份，无法评分 0 份" in out, out
    assert f"有 {left} 份提交因评分进程中途停止，这次没有评分" in out, out  # reported, not recorded

    done = subprocess.run(command(course), capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    assert f"本次评分 {left} 份，之前已评分 {len(recorded)} 份" in done.stdout
    rows = points_of_tests(course)
    assert [rows["s001"], rows["s004"]] == [FULL] * 2 and [rows["s003"], rows["s006"]] == [BLANK] * 2
    assert all(Ledger(course, ASSIGNMENT).entry(f"s{n:03d}")["status"] == "graded" for n in range(1, 7))
