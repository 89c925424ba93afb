"""The same submissions graded by ``grade`` and by plain ``nbgrader autograde``, compared cell by cell.

The notebooks of ``tests/corpus/output.toml`` (200,000 prints, a 50 MB print, 10,000
displays, 100 figures) and the honest partial answers of the judgement question
(per-item credit, read by nbgrader from the displayed score): every cell's score must be
what nbgrader's own kernels give, and what the corpus file says.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from autograder.course import Course
from autograder.teacher.grade import grade
from autograder.teacher.scores import cell_table
from corpus.fixture import ASSIGNMENT, build, corpus_items, frozen_course

REPO = Path(__file__).resolve().parents[1]
PARTIAL = ("partial-half", "partial-three-quarters", "partial-none-right")
#: Generous for both graders: this compares scores, not speed (benchmarks/grading.py times it).
TIMEOUT = 600

pytestmark = pytest.mark.slow


def items() -> list[dict]:
    partial = [item for item in corpus_items(ASSIGNMENT) if item["id"] in PARTIAL]
    return corpus_items("output") + partial


def scores(course: Course) -> dict[tuple[str, str], float]:
    table, _ = cell_table(course, ASSIGNMENT)
    return {(r.student_id, r.cell): r.score for r in table.itertuples()}


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("against-nbgrader")
    chosen = items()
    course = frozen_course(tmp, [item["id"] for item in chosen])
    for item in chosen:
        build(course, item, REPO)
    plain = Course(shutil.copytree(course.root, tmp / "plain"))
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "PYTHONUTF8": "1", "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}
    # nbgrader also gives up on a whole submission when a cell's outputs trail its end by more
    # than 4 s (iopub_timeout), as 10,000 displays can on a busy machine: allow it as long.
    done = subprocess.run([str(bin_dir / "nbgrader"), "autograde", ASSIGNMENT, f"--Execute.timeout={TIMEOUT}",
                           f"--Execute.iopub_timeout={TIMEOUT}"],
                          cwd=plain.root, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-3000:]
    run = grade(course, ASSIGNMENT, progress=False, cell_timeout=TIMEOUT)
    return course, plain, run, chosen


def test_every_cell_scores_as_plain_nbgrader_scores_it(both):
    course, plain, run, chosen = both
    ours, theirs = scores(course), scores(plain)
    assert len(theirs) == 9 * len(chosen)  # seven test cells and two manual ones per submission
    assert ours == theirs
    assert not run.failures


def test_each_item_gets_its_defined_points(both):
    course, _, run, chosen = both
    ours = scores(course)
    for item in chosen:
        auto = sum(score for (student, cell), score in ours.items() if student == item["id"] and cell.endswith("_tests"))
        assert auto == item["auto"], (item["id"], auto)
        assert run.scores.students.loc[item["id"], "status"] == item["status"]
