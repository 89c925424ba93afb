"""autograder.engine.worker through ``grade``: both sandbox modes give the same scores."""
from __future__ import annotations

import pytest

from autograder.teacher.grade import grade
from autograder.teacher.scores import cell_table
from corpus.fixture import ASSIGNMENT, frozen_class

pytestmark = pytest.mark.slow


def scores(course) -> dict:
    table, _ = cell_table(course, ASSIGNMENT)
    return {(r.student_id, r.cell): r.score for r in table.itertuples()}


def test_root_and_user_namespace_sandboxes_grade_alike(tmp_path):
    course = frozen_class(tmp_path, 3)  # complete, partly done, untouched
    first = grade(course, ASSIGNMENT, progress=False, sandbox="userns", feedback=False)
    assert not first.failures and first.graded_now == ["s001", "s002", "s003"]
    by_userns = scores(course)
    again = grade(course, ASSIGNMENT, progress=False, regrade=True, sandbox="root", feedback=False)
    assert not again.failures and scores(course) == by_userns
    totals = again.scores.students["total"]
    assert totals["s001"] > totals["s002"] > totals["s003"] == 0
    assert grade(course, ASSIGNMENT, progress=False).graded_now == []  # nothing left to do
