"""autograder.engine.lookups: nbgrader's per-cell steps read and write what nbgrader's own do."""
from __future__ import annotations

import copy

import nbformat
import pytest
from nbgrader.preprocessors import GetGrades

from autograder.engine import lookups
from autograder.teacher.grade import grade
from corpus.fixture import ASSIGNMENT, frozen_class

pytestmark = pytest.mark.slow


def feedback_view(step, course, student):
    """The notebook and resources a feedback step hands on, for ``student``'s graded notebook."""
    nb = nbformat.read(course.path("autograded", student, ASSIGNMENT, f"{ASSIGNMENT}.ipynb"), as_version=4)
    resources = {"nbgrader": {"notebook": ASSIGNMENT, "assignment": ASSIGNMENT, "student": student,
                              "db_url": course.db_url}}
    nb, resources = step.preprocess(copy.deepcopy(nb), resources)
    return nb, resources["nbgrader"]


def test_the_feedback_reads_the_grades_comments_and_totals_nbgrader_reads(tmp_path, monkeypatch):
    course = frozen_class(tmp_path, 3)  # complete, partly done, untouched
    assert not grade(course, ASSIGNMENT, progress=False, feedback=False).failures
    with course.gradebook() as gradebook:  # a late penalty, as nbgrader's late-submission plugin records one
        gradebook.find_submission_notebook(ASSIGNMENT, ASSIGNMENT, "s002").late_submission_penalty = 0.5
        gradebook.db.commit()
    monkeypatch.setattr(lookups, "_DEFINITIONS", {})
    for student in ("s001", "s002", "s003"):
        theirs = feedback_view(GetGrades(), course, student)
        ours = feedback_view(lookups.GetGrades(), course, student)
        assert ours == theirs, student
    assert theirs[1]["max_score"] > 0 and feedback_view(GetGrades(), course, "s002")[1]["late_penalty"] == 0.5
