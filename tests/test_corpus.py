"""The corpus of broken and hostile submissions (tests/corpus/), graded in one batch.

Every item gets its defined status, autograded points and reason; the two honest
students beside them get exactly their points; nothing a submission did reaches
the gradebook, and no hidden test appears in any output or feedback file.
"""
from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from autograder.course import Course
from autograder.teacher.grade import grade
from corpus.fixture import ASSIGNMENT, AUTO_POINTS, build, corpus_items, frozen_course

HONEST = {"honest-solution": AUTO_POINTS, "honest-blank": 0}
_HIDDEN = re.compile(r"### BEGIN HIDDEN TESTS\n(.*?)### END HIDDEN TESTS", re.S)
REPO = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow


def hidden_lines(course: Course) -> list[str]:
    source = course.path("source", ASSIGNMENT, f"{ASSIGNMENT}.ipynb").read_text("utf-8")
    cells = [c for c in json.loads(source)["cells"] if c["cell_type"] == "code"]
    text = "\n".join("".join(c["source"]) for c in cells)
    return [line.strip() for block in _HIDDEN.findall(text) for line in block.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("corpus")
    items = corpus_items(ASSIGNMENT)
    course = frozen_course(tmp, list(HONEST) + [item["id"] for item in items])
    build(course, {"id": "honest-solution", "base": "solution"}, REPO)
    build(course, {"id": "honest-blank", "base": "blank"}, REPO)
    for item in items:
        build(course, item, REPO)
    before = course.db_file().read_bytes()
    run = grade(course, ASSIGNMENT, progress=False, cell_timeout=3)
    return course, run, items, before


def auto_points(course: Course) -> dict[str, float]:
    with sqlite3.connect(course.db_file()) as db:
        rows = db.execute("""
            SELECT sa.student_id, SUM(COALESCE(g.auto_score, 0)), MAX(COALESCE(g.manual_score, 0))
            FROM grade g JOIN grade_cells gc ON g.cell_id = gc.id JOIN base_cell bc ON gc.id = bc.id
            JOIN submitted_notebook sn ON g.notebook_id = sn.id
            JOIN submitted_assignment sa ON sn.assignment_id = sa.id
            WHERE bc.name LIKE '%\\_tests' ESCAPE '\\' GROUP BY sa.student_id""").fetchall()
    assert all(manual < 999 for _, _, manual in rows)
    return {sid: auto for sid, auto, _ in rows}


def test_every_corpus_item_gets_its_defined_outcome(graded):
    course, run, items, _ = graded
    table = run.scores.students
    points = auto_points(course)
    for item in items:
        row = table.loc[item["id"]]
        assert row["status"] == item["status"], (item["id"], row["status"], row["reason"])
        assert points.get(item["id"], 0.0) == item["auto"], (item["id"], points.get(item["id"]), row["reason"])
        assert item.get("reason", "") in row["reason"], (item["id"], row["reason"])


def test_honest_students_beside_the_corpus_keep_their_points(graded):
    course, run, _, _ = graded
    points = auto_points(course)
    assert {sid: points[sid] for sid in HONEST} == HONEST
    assert run.scores.students.loc[list(HONEST), "status"].tolist() == ["graded", "graded"]


def printed(course: Course, student: str) -> str:
    """Everything the student's notebook printed while it was graded."""
    nb = nbformat.read(course.path("autograded", student, ASSIGNMENT, f"{ASSIGNMENT}.ipynb"), as_version=4)
    return "".join(o.get("text", "") for c in nb.cells for o in c.get("outputs", []) if o.output_type == "stream")


def test_no_submission_reaches_the_gradebook_the_instructor_files_or_the_network(graded):
    course, _, _, _ = graded
    reads = printed(course, "reads-instructor-files")
    assert reads.count("cannot read") == 6 and "BEGIN SOLUTION" not in reads and "SQLite format" not in reads
    listing = reads.strip().splitlines()[-1]  # what glob found in the course and above the working copy
    assert not [word for word in ("source", "submitted", "gradebook", ".ipynb") if word in listing], listing
    assert printed(course, "writes-gradebook").count("cannot write") == 2
    assert printed(course, "network").count("no connection") == 2
    feedback = course.path("feedback", "reads-instructor-files", ASSIGNMENT, f"{ASSIGNMENT}.html").read_text("utf-8")
    assert "BEGIN SOLUTION" not in feedback and "SQLite format" not in feedback


def test_no_hidden_test_in_any_output_or_feedback(graded):
    course, _, _, _ = graded
    lines = hidden_lines(course)
    assert len(lines) >= 6
    checked = 0
    for path in course.path("autograded").rglob("*.ipynb"):
        nb = nbformat.read(path, as_version=4)
        outputs = json.dumps([c.get("outputs", []) for c in nb.cells], ensure_ascii=False)
        assert not [line for line in lines if line in outputs], path
        checked += 1
    for path in course.path("feedback").rglob("*.html"):
        text = path.read_text("utf-8")
        assert not [line for line in lines if line in text or line.replace('"', "&quot;") in text], path
        checked += 1
    assert checked > 2 * len(HONEST)


def test_huge_output_is_cut_and_the_big_notebook_graded(graded):
    course, _, _, _ = graded
    nb = nbformat.read(course.path("autograded", "huge-output", ASSIGNMENT, f"{ASSIGNMENT}.ipynb"), as_version=4)
    size = sum(len(json.dumps(c.get("outputs", []))) for c in nb.cells)
    assert size < 5 * 1024 * 1024 and "output truncated" in json.dumps([c.get("outputs") for c in nb.cells])
    assert pd.read_csv(course.path("grades", f"{ASSIGNMENT}.csv"), index_col="student_id").loc["big-notebook", "status"] == "graded"
