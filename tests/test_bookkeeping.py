"""autograder.engine.bookkeeping: the gradebook work around each notebook, cheaper, the same rows.

Each test runs in a forked child: :func:`bookkeeping.prepare` changes nbgrader for its whole process."""
from __future__ import annotations

from corpus.fixture import ASSIGNMENT, forked, frozen_course


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
        made = {}
        for student in ("s001", "s002"):
            rows = [database.execute("SELECT timestamp FROM submitted_assignment WHERE student_id = ?",
                                     (student,)).fetchall()]
            for table in ("submitted_notebook", "grade", "comment"):
                join = ("JOIN notebook AS n ON n.id = t.notebook_id" if table == "submitted_notebook" else
                        "JOIN submitted_notebook AS s ON s.id = t.notebook_id JOIN base_cell AS c ON c.id = t.cell_id")
                shown = "n.name" if table == "submitted_notebook" else "c.name, t.*"
                rows.append([row[:1] + tuple(v for v in row[1:] if not (isinstance(v, str) and len(v) == 32))
                             for row in database.execute(
                                 f"SELECT {shown} FROM {table} AS t {join} JOIN submitted_assignment AS a "
                                 f"ON a.id = {'t.assignment_id' if table == 'submitted_notebook' else 's.assignment_id'} "
                                 f"WHERE a.student_id = ? ORDER BY t.rowid", (student,))])
            made[student] = rows
        return {"same": made["s001"] == made["s002"], "grades": len(made["s002"][2]),
                "comments": len(made["s002"][3]), "again": again}

    found = forked(probe)
    assert found == {"same": True, "grades": found["grades"], "comments": found["comments"], "again": "refused"}, found
    assert found["grades"] >= 5 and found["comments"] >= 5
