"""``grade``: autograde every submission of an assignment through nbgrader, with feedback.

Runs nbgrader's own autograde (checksums, restoring locked and test cells from
the gradebook, scoring) and generate_feedback for each student found in
``submitted/*/<assignment>/``, with a progress bar. A submission nbgrader cannot
grade does not stop the batch: it is recorded with its reason and scores 0.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from tqdm.auto import tqdm

from .course import Course
from .scores import AssignmentScores, assignment_scores


@dataclass
class GradeRun:
    """What one ``grade`` run did."""

    assignment: str
    scores: AssignmentScores
    failures: dict[str, str] = field(default_factory=dict)   # student → reason
    seconds: float = 0.0
    table_path: Path | None = None


def submitted_students(course: Course, assignment: str) -> list[str]:
    """Students with a submission folder for ``assignment``, sorted."""
    return sorted(p.parent.name for p in course.path("submitted").glob(f"*/{assignment}") if p.is_dir())


def _reason(result: dict) -> str:
    text = (result.get("error") or result.get("log") or "").strip().splitlines()
    useful = [line for line in text if line.strip() and not line.startswith(" ")]
    return (useful or text or ["nbgrader reported a failure without a message"])[-1][:300]


def autograde_all(course: Course, assignment: str, students: list[str],
                  progress: bool = True) -> dict[str, str]:
    """nbgrader autograde + generate_feedback per student; returns failures (student → reason)."""
    api = course.api()
    failures: dict[str, str] = {}
    for student in tqdm(students, desc=f"grading {assignment}", unit="submission", disable=not progress):
        result = api.autograde(assignment, student)
        if not result["success"]:
            failures[student] = _reason(result)
            continue
        feedback = api.generate_feedback(assignment, student)
        if not feedback["success"]:
            failures[student] = "feedback: " + _reason(feedback)
    return failures


def grade(course: Course, assignment: str, progress: bool = True) -> GradeRun:
    """Grade every submission, then write ``grades/<assignment>.csv`` (see :mod:`autograder.scores`)."""
    if assignment not in course.assignments():
        raise ValueError(f"no assignment {assignment!r} in {course.path('source')}; "
                         f"known: {course.assignments()}")
    start = time.perf_counter()
    students = submitted_students(course, assignment)
    failures = autograde_all(course, assignment, students, progress)
    scores = assignment_scores(course, assignment)
    table = scores.students.copy()
    table["status"] = ["not submitted" if not s else "graded" for s in table["submitted"]]
    for student, reason in failures.items():
        if student in table.index:
            table.loc[student, "status"] = "failed"
        scores.notes.append(f"{student}: could not be graded: {reason}")
    table["reason"] = pd.Series(failures).reindex(table.index).fillna("")
    scores.students = table
    path = course.path("grades", f"{assignment}.csv")
    path.parent.mkdir(parents=True, exist_ok=True)
    table.to_csv(path, encoding="utf-8")
    return GradeRun(assignment, scores, failures, time.perf_counter() - start, path)
