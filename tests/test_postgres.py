"""A course whose nbgrader gradebook lives on a real PostgreSQL server (the ``postgres_url`` fixture):
init writes the roster there, grading writes the scores there, and nothing falls back to SQLite."""
import random

import nbformat
import pytest
import sqlalchemy

from autograder.teacher.demo import _answers, make_submission
from autograder.teacher.grade import grade
from autograder.teacher.init import init_course
from corpus.fixture import ASSIGNMENT, AUTO_POINTS, SOURCE

ROSTER = ("student_id,first_name,last_name,group_id,role,email\n"
          "s01,伟,王,G1,leader,s01@school.example\n"
          "s02,芳,李,G1,member,s02@school.example\n"
          "s03,Ann,Lee,G2,leader,s03@school.example\n"
          "s04,Bo,Chen,G2,member,s04@school.example\n")
#: What each student hands in; s04 hands in nothing.
KINDS = {"s01": "correct", "s02": "blank", "s03": "partial"}
#: Per student, nbgrader's autograded points and their maximum over the test cells ``:tests``,
#: summed in PostgreSQL straight from nbgrader's tables (grade → cell, notebook → assignment).
AUTO_SCORES = sqlalchemy.text("""
    SELECT submitted_assignment.student_id, SUM(grade.auto_score) AS auto_score,
           SUM(grade_cells.max_score) AS max_score
    FROM grade
    JOIN grade_cells ON grade.cell_id = grade_cells.id
    JOIN base_cell ON grade_cells.id = base_cell.id
    JOIN submitted_notebook ON grade.notebook_id = submitted_notebook.id
    JOIN submitted_assignment ON submitted_notebook.assignment_id = submitted_assignment.id
    JOIN assignment ON submitted_assignment.assignment_id = assignment.id
    WHERE assignment.name = :assignment AND base_cell.name IN :tests
    GROUP BY submitted_assignment.student_id""").bindparams(sqlalchemy.bindparam("tests", expanding=True))


def autograder_tests(course) -> list[str]:
    """Grade ids of the assignment's autograder test cells (graded, not an answer to write)."""
    return [cell.metadata["nbgrader"]["grade_id"]
            for path in course.path("source", ASSIGNMENT).glob("*.ipynb")
            for cell in nbformat.read(path, as_version=4).cells
            if cell.metadata.get("nbgrader", {}).get("grade") and not cell.metadata["nbgrader"].get("solution")]


@pytest.mark.slow
def test_grading_writes_the_gradebook_to_postgresql(tmp_path, postgres_url):
    (tmp_path / "roster.csv").write_text(ROSTER, "utf-8")
    course = init_course(tmp_path / "course", tmp_path / "roster.csv", [ASSIGNMENT], source=SOURCE,
                         db_url=postgres_url)
    assert course.db_url == postgres_url
    assert repr(postgres_url) in course.path("nbgrader_config.py").read_text("utf-8")

    release = nbformat.read(course.path("release", ASSIGNMENT, f"{ASSIGNMENT}.ipynb"), as_version=4)
    answers, rng = _answers(course, ASSIGNMENT), random.Random(7)
    for sid, kind in KINDS.items():
        folder = course.path("submitted", sid, ASSIGNMENT)
        folder.mkdir(parents=True)
        (folder / "timestamp.txt").write_text("2026-03-10 20:00:00.000000 UTC")
        group = "G1" if sid in ("s01", "s02") else "G2"
        nbformat.write(make_submission(release, answers, kind, group, False, rng), folder / f"{ASSIGNMENT}.ipynb")

    run = grade(course, ASSIGNMENT, progress=False)

    engine = sqlalchemy.create_engine(postgres_url)
    try:
        with engine.connect() as db:
            students = {row.id for row in db.execute(sqlalchemy.text("SELECT id FROM student"))}
            rows = db.execute(AUTO_SCORES, {"assignment": ASSIGNMENT, "tests": autograder_tests(course)}).all()
    finally:
        engine.dispose()
    assert students == {"s01", "s02", "s03", "s04"}
    auto = {row.student_id: row.auto_score for row in rows}
    assert set(auto) == set(KINDS)
    assert {row.max_score for row in rows} == {AUTO_POINTS}
    assert auto["s01"] == AUTO_POINTS and auto["s02"] == 0
    assert 0 <= auto["s03"] <= AUTO_POINTS

    # grade()'s table reads the same gradebook: no manual grading yet, so individual = auto points.
    table = run.scores.students
    assert not run.failures
    assert table["status"].to_dict() == {"s01": "graded", "s02": "graded", "s03": "graded",
                                         "s04": "not submitted"}
    assert table.loc[list(KINDS), "individual"].to_dict() == auto
    assert table.loc["s04", "total"] == 0
    # Nothing fell back to a SQLite gradebook anywhere in the course.
    assert not list(course.root.rglob("gradebook.db"))


@pytest.mark.slow
def test_init_on_postgresql_is_all_or_nothing(tmp_path, postgres_url):
    (tmp_path / "roster.csv").write_text(ROSTER, "utf-8")
    source = tmp_path / "source"
    (source / "broken").mkdir(parents=True)
    (source / "broken" / "broken.ipynb").write_text("{ not json", "utf-8")
    # The roster reaches the gradebook before nbgrader fails on the notebook: init takes it out again.
    with pytest.raises(RuntimeError, match="generate_assignment broken failed"):
        init_course(tmp_path / "failed", tmp_path / "roster.csv", source=source, db_url=postgres_url)
    assert not (tmp_path / "failed").exists()
    engine = sqlalchemy.create_engine(postgres_url)
    try:
        with engine.connect() as db:
            assert db.execute(sqlalchemy.text("SELECT COUNT(*) FROM student")).scalar() == 0
            assert db.execute(sqlalchemy.text("SELECT COUNT(*) FROM assignment")).scalar() == 0
    finally:
        engine.dispose()

    # A gradebook that already holds a course is refused before anything is written.
    init_course(tmp_path / "first", tmp_path / "roster.csv", [ASSIGNMENT], source=SOURCE, db_url=postgres_url)
    with pytest.raises(ValueError, match="already holds 4 students and 1 assignments"):
        init_course(tmp_path / "second", tmp_path / "roster.csv", [ASSIGNMENT], source=SOURCE,
                    db_url=postgres_url)
    assert not (tmp_path / "second").exists()
