"""Feedback that matches the grade: every student's feedback page shows the total of the grade sheet.

The grading workers write nbgrader's own feedback per student right after
grading (:func:`autograder.engine.worker.grade_student`). Once the class's scores
are known, :func:`refresh_feedback` (run by ``grade``, or on its own by
``python -m autograder feedback ASSIGNMENT``) brings every page up to date:

* the summary at the top of the page (:mod:`.feedback_page`): individual part,
  group part (which group, who handed it in, the points carried), peer points,
  late penalty, the teacher's comments, the total and maximum of
  ``grades/<assignment>.csv``, and whether manual grading is still incomplete;
* nbgrader's part (the notebook with each question's points and comments) is
  regenerated through nbgrader's API only for a student whose own grades or
  comments changed since it was written (manual grades entered later), or
  whose page was rewritten by someone else (``nbgrader generate_feedback``).

A stamp per student (``grading/<assignment>/feedback/<student>.json``) records
digests of what the page shows and when it was written, so a student whose page
is current costs two small reads, and :func:`feedback_states` tells the report
which pages are stale: feedback never goes stale silently. A submission nbgrader
could not grade gets a page with the summary and the reason.
"""
from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import shutil
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import nbformat
import pandas as pd

from ..course import Course
from . import feedback_page
from .reasons import reason_text
from .scores import AssignmentScores, assignment_scores
from .texts import DEFAULT_LANG, edition_lang, say

#: Bump when the page's layout changes, so every page is written again once.
FORMAT = 1
#: What nbgrader's release_feedback needs beside a page.
RELEASE_FILES = ("timestamp.txt", "submission_secret.txt")


@dataclass
class FeedbackRun:
    """What one refresh did, by student."""

    regenerated: list[str] = field(default_factory=list)   # nbgrader's part written again
    updated: list[str] = field(default_factory=list)       # summary replaced (grade changed)
    current: list[str] = field(default_factory=list)       # nothing to do
    failed: dict[str, str] = field(default_factory=dict)   # student → why nbgrader could not write it
    seconds: float = 0.0


def _digest(value) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True, ensure_ascii=False, default=str).encode()).hexdigest()


def _stamp_path(course: Course, assignment: str, student: str) -> Path:
    return course.path("grading", assignment, "feedback", f"{student}.json")


def read_stamp(course: Course, assignment: str, student: str) -> dict | None:
    try:
        return json.loads(_stamp_path(course, assignment, student).read_text("utf-8"))
    except (FileNotFoundError, ValueError):
        return None


def _write_stamp(course: Course, assignment: str, student: str, stamp: dict) -> None:
    path = _stamp_path(course, assignment, student)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{student}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(stamp, ensure_ascii=False), "utf-8")
    os.replace(tmp, path)


def assignment_lang(course: Course, assignment: str) -> str:
    """The language of the assignment's edition (its source notebook's ``metadata.course.edition``)."""
    for path in sorted(course.path("source", assignment).glob("*.ipynb")):
        return edition_lang(nbformat.read(path, as_version=4), DEFAULT_LANG)
    return DEFAULT_LANG


class ByStudent:
    """The class's tables split by student once: each page's data is then a few lookups, not a scan
    of the whole class (40 pages or 400, the refresh stays a fraction of a second)."""

    def __init__(self, scores: AssignmentScores):
        cells = scores.cells
        distinct = cells.drop_duplicates("cell")
        group_max = float(distinct.loc[distinct["group_part"], "max_score"].sum())
        self.individual_max = scores.max_points - scores.peer_weight - group_max
        self.group_max = group_max
        self.group_ids = set(cells.loc[cells["group_part"], "cell"])
        self.cells = dict(tuple(cells.groupby("student_id", sort=False)))
        comments = scores.comments if scores.comments is not None else pd.DataFrame(
            columns=["student_id", "cell", "comment"])
        self.comments = {s: list(zip(g["cell"], g["comment"])) for s, g in comments.groupby("student_id", sort=False)}
        pending = scores.pending()
        self.pending = {s: list(zip(g["cell"], g["group_part"])) for s, g in pending.groupby("student_id", sort=False)}


def summary_data(scores: AssignmentScores, student: str, lang: str, by: ByStudent) -> dict:
    """Everything the summary of ``student``'s page shows (JSON-able; its digest says when it changed).
    ``by``: the class split by student."""
    row = scores.students.loc[student]
    individual_max, group_max = by.individual_max, by.group_max
    source = row["group_from"]
    titles = scores.questions
    said = [(c, text) for c, text in by.comments.get(student, []) if c not in by.group_ids]
    said += [(c, text) for c, text in by.comments.get(source, []) if c in by.group_ids] if source else []
    waiting = [c for c, group in by.pending.get(student, []) if not group]
    waiting += [c for c, group in by.pending.get(source, []) if group] if source else []
    names = scores.students["name"]
    return {
        "format": FORMAT, "lang": lang, "assignment": scores.assignment, "student_id": student,
        "name": row["name"] or student, "individual": row["individual"], "individual_max": individual_max,
        "group_id": row["group_id"], "group": row["group"], "group_max": group_max, "group_from": source,
        "group_from_name": (names.get(source) or source) if source else "",
        "peer": row["peer"], "peer_weight": scores.peer_weight,
        "peer_fraction": scores.peer_fractions.get(row["group_id"], 0.0),
        "late_penalty": row["late_penalty"], "total": row["total"], "max_points": scores.max_points,
        "pending": len(waiting), "pending_questions": sorted({titles.get(c, c) for c in waiting}),
        "comments": [[titles.get(c, c), text] for c, text in said],
        "notebook_note": row["status"] == "graded" and bool(group_max or scores.peer_weight or row["late_penalty"]),
        "problem": (say("feedback", "could_not_grade", lang, reason=reason_text(row["reason"], lang))
                    if row["status"] == "failed" else ""),
    }


def _own_digest(course: Course, scores: AssignmentScores, assignment: str, student: str, by: ByStudent) -> str:
    """What nbgrader's part of the page shows: the student's own grades, comments, penalty, graded notebook."""
    cells = by.cells.get(student, scores.cells[:0])
    grades = sorted(zip(cells["cell"], cells["score"], cells["manual"], cells["needs_manual_grade"]))
    comments = [] if scores.comments is None else sorted(by.comments.get(student, []))
    graded = sorted((p.name, p.stat().st_mtime_ns, p.stat().st_size)
                    for p in course.path("autograded", student, assignment).glob("*.ipynb"))
    return _digest([FORMAT, grades, comments, float(scores.students.loc[student, "late_penalty"]), graded])


def _pages(course: Course, assignment: str, student: str) -> list[Path]:
    """The feedback pages of a student: one per graded notebook (or per source notebook if none)."""
    graded = sorted(course.path("autograded", student, assignment).glob("*.ipynb"))
    names = [p.stem for p in graded] or [p.stem for p in sorted(course.path("source", assignment).glob("*.ipynb"))]
    return [course.path("feedback", student, assignment, f"{name}.html") for name in names]


def _files_state(pages: list[Path]) -> list:
    return [[p.name, p.stat().st_mtime_ns, p.stat().st_size] if p.exists() else [p.name, None, None] for p in pages]


def _needs(course, scores, assignment, student, lang, fresh, force, by) -> tuple[str, dict, str]:
    """(what to do: 'regenerate' | 'update' | 'current', summary data, own digest) for one student."""
    data = summary_data(scores, student, lang, by)
    graded = scores.students.loc[student, "status"] == "graded"
    own = _own_digest(course, scores, assignment, student, by) if graded else ""
    stamp = read_stamp(course, assignment, student) or {}
    pages = _pages(course, assignment, student)
    untouched = stamp.get("files") == _files_state(pages)
    if graded and (force or (student not in fresh and (stamp.get("own") != own or not untouched))):
        return "regenerate", data, own
    if force or not untouched or stamp.get("summary") != _digest(data):
        return "update", data, own
    return "current", data, own


def _write_summary(course, scores, assignment, student, data, own, titles) -> None:
    generated = datetime.now().astimezone().strftime("%Y-%m-%d %H:%M")
    block = feedback_page.summary_block(data, generated)
    pages = _pages(course, assignment, student)
    for page in pages:
        if page.exists():
            text = feedback_page.localise(page.read_text("utf-8"), data["lang"], titles)
        else:  # nbgrader could not grade the submission: a page with the summary alone
            text = feedback_page.summary_page("", f"{assignment} · {student}")
            page.parent.mkdir(parents=True, exist_ok=True)
            for name in RELEASE_FILES:
                found = course.path("submitted", student, assignment, name)
                if found.exists():
                    shutil.copyfile(found, page.parent / name)
        page.write_text(feedback_page.place(text, block), "utf-8")
    _write_stamp(course, assignment, student, {"format": FORMAT, "own": own, "summary": _digest(data),
                                               "files": _files_state(pages), "generated": generated,
                                               "total": data["total"]})


#: Pages each process writes when a refresh has many: with fewer, starting processes costs more than it saves.
PAGES_PER_PROCESS = 16
#: The pages being written (course, scores, assignment, [(student, data, own)]): set before the
#: processes that write them are forked, so each starts with the class's scores in memory.
_PAGES: tuple = ()


def _write_pages(course: Course, scores: AssignmentScores, assignment: str, pages: list[tuple]) -> None:
    """:func:`_write_summary` for each ``(student, data, own)``, shared out among one process per
    core when there are many (each page is read, localised and written on its own)."""
    global _PAGES
    count = min(os.cpu_count() or 1, len(pages) // PAGES_PER_PROCESS)
    if count < 2:
        for student, data, own in pages:
            _write_summary(course, scores, assignment, student, data, own, scores.questions)
        return
    _PAGES = (course, scores, assignment, pages)
    try:
        with multiprocessing.get_context("fork").Pool(count, maxtasksperchild=1) as pool:  # a share each
            pool.map(_write_share, [(part, count) for part in range(count)])
    finally:
        _PAGES = ()


def _write_share(share: tuple[int, int]) -> None:
    """One writing process's share of :data:`_PAGES`: every ``count``-th page from ``part``."""
    part, count = share
    course, scores, assignment, pages = _PAGES
    for student, data, own in pages[part::count]:
        _write_summary(course, scores, assignment, student, data, own, scores.questions)


def with_feedback(scores: AssignmentScores) -> list[str]:
    """Students who get a feedback page: graded, or handed in something nbgrader could not grade."""
    table = scores.students
    return list(table.index[table["status"].isin(["graded", "failed"])])


def refresh_feedback(course: Course, assignment: str, scores: AssignmentScores | None = None,
                     fresh: list[str] = (), force: bool = False, progress: bool = False) -> FeedbackRun:
    """Bring every student's feedback up to date (see the module docstring).

    ``fresh``: students whose nbgrader feedback was written just now from the current
    gradebook (by ``grade``), so only their summary is added; ``force``: write every page again.
    """
    start = time.perf_counter()
    scores = scores or assignment_scores(course, assignment)
    lang, run, todo = assignment_lang(course, assignment), FeedbackRun(), []
    fresh, by = set(fresh), ByStudent(scores)
    for student in with_feedback(scores):
        action, data, own = _needs(course, scores, assignment, student, lang, fresh, force, by)
        if action == "current":
            run.current.append(student)
        else:
            todo.append((student, action, data, own))
    regenerate = [t for t in todo if t[1] == "regenerate"]
    if regenerate:
        from tqdm.auto import tqdm

        from ..engine.worker import configured_api

        api = configured_api(course)
        for student, _, _, _ in tqdm(regenerate, desc=say("cli", "feedback_progress", lang), unit="",
                                     disable=not progress, leave=False):
            made = api.generate_feedback(assignment, student)
            if not made["success"]:
                run.failed[student] = (made.get("error") or made.get("log") or "").strip()[-300:]
    todo = [t for t in todo if t[0] not in run.failed]
    _write_pages(course, scores, assignment, [(student, data, own) for student, _, data, own in todo])
    for student, action, _, _ in todo:
        (run.regenerated if action == "regenerate" else run.updated).append(student)
    run.seconds = time.perf_counter() - start
    return run


def feedback_states(course: Course, assignment: str, scores: AssignmentScores) -> pd.DataFrame:
    """Per student with a page due: ``state`` (current, stale, missing) and ``generated`` (time or '')."""
    lang, rows, by = assignment_lang(course, assignment), {}, ByStudent(scores)
    for student in with_feedback(scores):
        stamp = read_stamp(course, assignment, student)
        if stamp is None or not all(p.exists() for p in _pages(course, assignment, student)):
            rows[student] = ("missing", (stamp or {}).get("generated", ""))
            continue
        action, _, _ = _needs(course, scores, assignment, student, lang, (), False, by)
        rows[student] = ("current" if action == "current" else "stale", stamp.get("generated", ""))
    return pd.DataFrame.from_dict(rows, orient="index", columns=["state", "generated"])
