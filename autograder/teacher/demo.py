"""``demo``: a simulated class of 30 students in 6 groups, graded end to end.

Everything is seeded, so the same demo gives the same grades (the tests keep
the per-student totals as a golden file). The class mixes what a teacher sees:
complete and correct notebooks, partly done ones, untouched releases, broken
files (not JSON, a wrong nbformat version) and a student who never submitted.
Group parts are answered by each group's leader; in one group a member also
submits a later version (the latest counts), and one group submits none.
Manual grading is simulated with seeded rubric scores, and each group rates
two others on the seed's criteria (strengths, mistakes, upgraded plan).
"""
from __future__ import annotations

import random
import re
import shutil
import tempfile
import time
from pathlib import Path

import nbformat

from ..course import Course
from .export import export_course
from .feedback import feedback_states, refresh_feedback
from .grade import grade
from .init import init_course
from .records import GROUP_ID_TAG, GROUP_TAG
from .report import write_report
from .sheet import refresh_sheet

#: The assignment the demo class hands in.
DEMO_ASSIGNMENT = "task1-identify"
SEED = 2026
GROUPS, PER_GROUP = 6, 5
#: How the 30 students behave, assigned in this order after a seeded shuffle.
KINDS = ["correct"] * 14 + ["partial"] * 9 + ["blank"] * 4 + ["not_json", "empty_file"] + ["absent"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = ["伟", "芳", "娜", "敏", "静", "磊", "洋", "艳", "勇", "军", "杰", "娟", "涛", "明", "超", "霞"]
CRITERIA = ("strengths", "mistakes", "upgraded_plan")
_SOLUTION = re.compile(r"^\s*### (BEGIN|END) SOLUTION\s*$\n?", re.MULTILINE)


def roster_csv(rng: random.Random) -> str:
    lines = ["student_id,first_name,last_name,group_id,role,email"]
    for n in range(GROUPS * PER_GROUP):
        group, role = f"G{n // PER_GROUP + 1}", "leader" if n % PER_GROUP == 0 else "member"
        sid = f"s{n + 1:02d}"
        lines.append(f"{sid},{rng.choice(GIVEN)},{rng.choice(SURNAMES)},{group},{role},{sid}@school.example")
    return "\n".join(lines) + "\n"


def _answers(course: Course, assignment: str = DEMO_ASSIGNMENT) -> dict[str, str]:
    """grade_id → the instructor's answer with nbgrader's solution markers removed."""
    found = {}
    for path in course.path("source", assignment).glob("*.ipynb"):
        for cell in nbformat.read(path, as_version=4).cells:
            meta = cell.metadata.get("nbgrader", {})
            if meta.get("solution"):
                found[meta["grade_id"]] = _SOLUTION.sub("", cell.source)
    return found


def make_submission(release: nbformat.NotebookNode, answers: dict[str, str], kind: str,
                    group_id: str, write_group: bool, rng: random.Random) -> nbformat.NotebookNode:
    """A student's notebook: ``kind`` decides which answers are filled in."""
    nb = nbformat.from_dict(release)
    for cell in nb.cells:
        meta, tags = cell.metadata.get("nbgrader", {}), cell.metadata.get("tags", [])
        if not meta.get("solution"):
            continue
        if GROUP_ID_TAG in tags:
            cell.source = f'GROUP_ID = "{group_id}"'
        elif GROUP_TAG in tags:
            if write_group:
                cell.source = answers[meta["grade_id"]]
        elif kind == "correct" or (kind == "partial" and rng.random() < 0.5):
            cell.source = answers[meta["grade_id"]]
    return nb


def simulate_class(course: Course, rng: random.Random) -> dict[str, str]:
    """Write every student's submission; returns student → kind."""
    release = nbformat.read(course.path("release", DEMO_ASSIGNMENT, f"{DEMO_ASSIGNMENT}.ipynb"), as_version=4)
    answers = _answers(course)
    ids = [f"s{n + 1:02d}" for n in range(GROUPS * PER_GROUP)]
    kinds = KINDS[:]
    rng.shuffle(kinds)
    plan = dict(zip(ids, kinds))
    for n, sid in enumerate(ids):
        group, leader = f"G{n // PER_GROUP + 1}", n % PER_GROUP == 0
        kind = plan[sid]
        if kind == "absent":
            continue
        folder = course.path("submitted", sid, DEMO_ASSIGNMENT)
        folder.mkdir(parents=True, exist_ok=True)
        day = 10 + n % 3 + (1 if group == "G2" and n % PER_GROUP == 1 else 0)
        (folder / "timestamp.txt").write_text(f"2026-03-{day:02d} 20:{n:02d}:00.000000 UTC")
        target = folder / f"{DEMO_ASSIGNMENT}.ipynb"
        if kind == "not_json":  # the upload was cut off half way
            target.write_text('{"cells": [ {"cell_type": "code", "source": "x = ', "utf-8")
            continue
        if kind == "empty_file":  # saved while the notebook was still loading
            target.write_bytes(b"")
            continue
        # Leaders write the group part, except in G6; in G2 a member submits a later version too.
        write_group = (leader and group != "G6") or (group == "G2" and n % PER_GROUP == 1)
        nb = make_submission(release, answers, kind, group, write_group, rng)
        nbformat.write(nb, target)
    return plan


def make_class(folder: Path, assignment: str, students: int, seed: int = 6,
               kinds: tuple[str, ...] = ("correct", "partial", "blank"),
               course_id: str = "simulated-class") -> Course:
    """A course in ``folder``/course with ``students`` submissions of ``assignment``.

    Students s001, s002, … hand in, in turn, one notebook of each of ``kinds`` (default a
    complete, a partly done and an untouched one; seeded), with the data files; groups of
    five, the first one leading.
    """
    rng = random.Random(seed)
    ids = [f"s{n + 1:03d}" for n in range(students)]
    folder.mkdir(parents=True, exist_ok=True)
    roster = folder / "roster.csv"
    roster.write_text("student_id,first_name,last_name,group_id,role,email\n" + "".join(
        f"{sid},A,B,G{n // 5 + 1},{'leader' if n % 5 == 0 else 'member'},\n" for n, sid in enumerate(ids)), "utf-8")
    course = init_course(folder / "course", roster, [assignment], course_id=course_id)
    release = nbformat.read(course.path("release", assignment, f"{assignment}.ipynb"), as_version=4)
    answers = _answers(course, assignment)
    for n, sid in enumerate(ids):
        target = course.path("submitted", sid, assignment)
        target.mkdir(parents=True)
        for data in course.path("release", assignment).glob("*.csv"):
            shutil.copy(data, target / data.name)
        kind = kinds[n % len(kinds)]
        nb = make_submission(release, answers, kind, f"G{n // 5 + 1}", n % 5 == 0, rng)
        nbformat.write(nb, target / f"{assignment}.ipynb")
    return course


def simulate_manual_grading(course: Course, rng: random.Random) -> None:
    """Seeded rubric scores for every manually graded answer a student wrote, saved as nbgrader's
    formgrader saves them (the score, and the answer no longer waiting for a grade)."""
    with course.gradebook() as gb:
        for sub in sorted(gb.assignment_submissions(DEMO_ASSIGNMENT), key=lambda s: s.student_id):
            if not course.path("autograded", sub.student_id, DEMO_ASSIGNMENT).is_dir():
                continue
            for notebook in sub.notebooks:
                for g in sorted(notebook.grades, key=lambda g: g.name):
                    if g.needs_manual_grade:
                        g.manual_score = round(g.max_score * rng.choice([0.5, 0.7, 0.8, 0.9, 1.0]), 1)
                        g.needs_manual_grade = False
        gb.db.commit()


def peer_ratings_csv(rng: random.Random) -> str:
    lines = ["rater_group,rated_group,criterion,score"]
    for rater in range(1, GROUPS + 1):
        for rated in (rater % GROUPS + 1, (rater + 1) % GROUPS + 1):
            lines += [f"G{rater},G{rated},{c},{rng.randint(5, 10)}" for c in CRITERIA]
    lines.append("G1,G1,strengths,10")  # a self-rating: ignored, and the report says so
    return "\n".join(lines) + "\n"


def run_demo(output: Path | None = None, progress: bool = True) -> Course:
    """Build, simulate, grade, export and report the demo class; print where everything is."""
    rng = random.Random(SEED)
    base = Path(output) if output else Path(tempfile.mkdtemp(prefix="satisfaction-demo-"))
    if base.exists() and any(base.iterdir()):
        raise ValueError(f"{base} is not empty; give a new folder")
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="roster-") as work:
        (Path(work) / "roster.csv").write_text(roster_csv(rng), "utf-8")
        course = init_course(base, Path(work) / "roster.csv", [DEMO_ASSIGNMENT], course_id="demo-class")
    simulate_class(course, rng)
    run = grade(course, DEMO_ASSIGNMENT, progress=progress)
    simulate_manual_grading(course, rng)
    course.path("peer").mkdir(exist_ok=True)
    course.path("peer", f"{DEMO_ASSIGNMENT}.csv").write_text(peer_ratings_csv(rng), "utf-8")
    scores = refresh_sheet(course, DEMO_ASSIGNMENT)  # the manual grades and peer points, as grade would
    refresh_feedback(course, DEMO_ASSIGNMENT, scores)
    report = write_report(scores, DEMO_ASSIGNMENT, course.path("reports", DEMO_ASSIGNMENT), "zh",
                          feedback_states(course, DEMO_ASSIGNMENT, scores))
    export_course(course, excel=True)
    seconds = time.perf_counter() - start
    print(f"demo class: {len(scores.students)} students in {GROUPS} groups, graded in {run.seconds:.1f} s "
          f"(whole demo {seconds:.1f} s)")
    print(f"  course folder: {course.root}")
    print(f"  grades:        {run.table_path}")
    print(f"  export:        {course.path('exports', 'grades-plain.csv')}")
    print(f"  report:        {report}")
    return course
