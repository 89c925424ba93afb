"""The grading engine's own assignment, frozen: the engine tests do not move when the course does.

``source/identify-frozen/`` is task1-identify as it was when the engine's tests were
written (its instructor notebook and CSVs), plus one judgement question graded with
per-item (partial) credit the way the course's convention asks (a hidden test whose
last expression is the points earned; the helpers live in the locked setup cell).
Six computation questions of 2 points and that 3-point question: 15 autograded points.
"""
from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

import nbformat

from autograder.course import Course
from autograder.teacher.demo import _answers, make_submission
from autograder.teacher.init import init_course

ASSIGNMENT = "identify-frozen"
SOURCE = Path(__file__).resolve().parent / "source"
#: Autograded points of the assignment (six questions of 2 points, one of 3).
AUTO_POINTS = 15.0
#: The judgement question's answer cell and its right answer.
JUDGE = "q7_judge"
RIGHT = {"repair": "exceeds", "coffee": "meets", "hotel": "falls_short", "bank": "falls_short"}


def roster(folder: Path, ids: list[str]) -> Path:
    """A roster of ``ids`` in groups of five, the first of each leading."""
    path = folder / "roster.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("student_id,first_name,last_name,group_id,role,email\n" + "".join(
        f"{sid},A,B,G{n // 5 + 1},{'leader' if n % 5 == 0 else 'member'},\n" for n, sid in enumerate(ids)), "utf-8")
    return path


def frozen_course(folder: Path, ids: list[str], **kwargs) -> Course:
    """A course in ``folder``/course whose one assignment is the frozen fixture (nothing submitted)."""
    return init_course(folder / "course", roster(folder, ids), [ASSIGNMENT], source=SOURCE, **kwargs)


def hand_in(course: Course, student: str, nb: nbformat.NotebookNode) -> Path:
    """``nb`` submitted by ``student``, with the assignment's data files beside it."""
    target = course.path("submitted", student, ASSIGNMENT)
    target.mkdir(parents=True, exist_ok=True)
    for data in course.path("release", ASSIGNMENT).glob("*.csv"):
        shutil.copy(data, target / data.name)
    nbformat.write(nb, target / f"{ASSIGNMENT}.ipynb")
    return target


def frozen_class(folder: Path, students: int, seed: int = 6) -> Course:
    """``students`` submissions s001, s002, …: in turn complete, partly done (seeded), untouched."""
    ids = [f"s{n + 1:03d}" for n in range(students)]
    course = frozen_course(folder, ids, course_id="simulated-class")
    release = nbformat.read(course.path("release", ASSIGNMENT, f"{ASSIGNMENT}.ipynb"), as_version=4)
    answers, rng = _answers(course, ASSIGNMENT), random.Random(seed)
    for n, sid in enumerate(ids):
        kind = ("correct", "partial", "blank")[n % 3]
        hand_in(course, sid, make_submission(release, answers, kind, f"G{n // 5 + 1}", n % 5 == 0, rng))
    return course


def corpus_items(name: str) -> list[dict]:
    """The items of ``tests/corpus/<name>.toml`` (its header says how each is made)."""
    import tomllib

    return tomllib.loads((Path(__file__).resolve().parent / f"{name}.toml").read_text("utf-8"))["item"]


def build(course: Course, item: dict, repo: Path) -> None:
    """Write ``item``'s submission into the course (see the corpus files' header)."""
    folder = course.path("submitted", item["id"], ASSIGNMENT)
    folder.mkdir(parents=True)
    for data in course.path("release", ASSIGNMENT).glob("*.csv"):
        shutil.copy(data, folder / data.name)
    for name, text in item.get("extra", {}).items():
        (folder / name).write_text(text, "utf-8")
    target = folder / item.get("rename", f"{ASSIGNMENT}.ipynb")
    if "text" in item or "hex" in item:
        target.write_bytes(bytes.fromhex(item["hex"]) if "hex" in item else item["text"].encode())
        return
    nb = nbformat.read(course.path("release", ASSIGNMENT, f"{ASSIGNMENT}.ipynb"), as_version=4)
    answers = _answers(course, ASSIGNMENT) if item.get("base") == "solution" else {}
    answer_cells = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("solution")
                    and c.cell_type == "code" and not c.metadata.get("nbgrader", {}).get("grade")
                    and "group-id" not in c.metadata.get("tags", [])]
    for cell in answer_cells:
        cell.source = answers.get(cell.metadata["nbgrader"]["grade_id"], cell.source)
    for key in ("inject", "append"):
        if key in item:
            cell = answer_cells[item.get("into", 0)]
            code = item[key].replace("{course}", str(course.root)).replace("{repo}", str(repo))
            cell.source = code + "\n" + cell.source if key == "inject" else cell.source + "\n" + code
    by_id = {c.metadata.get("nbgrader", {}).get("grade_id"): c for c in nb.cells}
    for grade_id, code in item.get("edit", {}).items():
        by_id[grade_id].source = code
    nb.cells = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") not in item.get("delete", [])]
    if item.get("reverse"):
        nb.cells.reverse()
    if "pad_mb" in item:
        answer_cells[0].outputs = [nbformat.v4.new_output("stream", name="stdout",
                                                          text="0123456789" * (item["pad_mb"] * 100_000))]
    if item.get("omit"):
        return
    data = json.loads(nbformat.writes(nb))
    data.update(item.get("set_json", {}))
    target.write_text(json.dumps(data, ensure_ascii=False), "utf-8")


def forked(probe) -> dict:
    """``probe()`` run in a forked child, so that what it changes (a shell it makes, signal
    handlers, audit hooks) stays there; returns what it returned (JSON), or ``{"error": ...}``."""
    import os
    import traceback

    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        os.close(read)
        try:
            result = probe()
        except BaseException as exc:  # noqa: BLE001 - report anything
            result = {"error": f"{type(exc).__name__}: {exc}", "traceback": traceback.format_exc()}
        with os.fdopen(write, "w") as channel:
            channel.write(json.dumps(result))
        os._exit(0)
    os.close(write)
    with os.fdopen(read) as channel:
        data = channel.read()
    os.waitpid(pid, 0)
    return json.loads(data)
