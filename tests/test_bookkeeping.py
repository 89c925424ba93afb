"""autograder.engine.bookkeeping: the gradebook work around each notebook, cheaper, the same rows.

Each test runs in a forked child: :func:`bookkeeping.prepare` changes nbgrader for its whole process."""
from __future__ import annotations

from corpus.fixture import ASSIGNMENT, forked, frozen_course


#: A submission's rows, oldest first, each by what names it (the notebook, the cell) and its values.
ROWS = {
    "submitted_assignment": "SELECT a.timestamp FROM submitted_assignment AS a WHERE a.student_id = ? "
                            "ORDER BY a.rowid",
    "submitted_notebook": "SELECT n.name FROM submitted_notebook AS t JOIN notebook AS n ON n.id = t.notebook_id "
                          "JOIN submitted_assignment AS a ON a.id = t.assignment_id WHERE a.student_id = ? "
                          "ORDER BY t.rowid",
    **{table: f"SELECT c.name, t.* FROM {table} AS t JOIN base_cell AS c ON c.id = t.cell_id "
              "JOIN submitted_notebook AS s ON s.id = t.notebook_id "
              "JOIN submitted_assignment AS a ON a.id = s.assignment_id WHERE a.student_id = ? ORDER BY t.rowid"
       for table in ("grade", "comment")},
}


def rows(database, student: str) -> dict[str, list[tuple]]:
    """``student``'s rows of each table in :data:`ROWS`, without their ids (new ones each time)."""
    def without_ids(row):
        return tuple(value for value in row if not (isinstance(value, str) and len(value) == 32))

    return {table: [without_ids(row) for row in database.execute(query, (student,))] for table, query in ROWS.items()}


def test_a_new_submission_has_the_rows_nbgraders_add_submission_makes(tmp_path):
    course = frozen_course(tmp_path, ["s001", "s002"])

    def probe():
        import sqlite3

        from nbgrader.api import Gradebook, InvalidEntry

        from autograder.engine import bookkeeping

        nbgraders = Gradebook.add_submission
        bookkeeping.prepare()
        assert Gradebook.add_submission is bookkeeping.add_submission
        with course.gradebook() as gradebook:
            gradebook.update_or_create_student("s001")
            gradebook.update_or_create_student("s002")
            nbgraders(gradebook, ASSIGNMENT, "s001", timestamp="2026-11-30 08:15:00 Asia/Shanghai")
            gradebook.add_submission(ASSIGNMENT, "s002", timestamp="2026-11-30 08:15:00 Asia/Shanghai")
            try:
                gradebook.add_submission(ASSIGNMENT, "s002")
                again = "added twice"
            except InvalidEntry:
                again = "refused"
        database = sqlite3.connect(course.db_file())
        made = {student: rows(database, student) for student in ("s001", "s002")}
        return {"same": made["s001"] == made["s002"], "grades": len(made["s002"]["grade"]),
                "comments": len(made["s002"]["comment"]), "again": again}

    found = forked(probe)
    assert found == {"same": True, "grades": found["grades"], "comments": found["comments"], "again": "refused"}, found
    assert found["grades"] >= 5 and found["comments"] >= 5
