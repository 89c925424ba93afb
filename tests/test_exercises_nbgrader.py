"""The exercises through nbgrader's real command line, in a temporary course directory.

One ``generate_assignment`` run and one ``autograde`` run cover every
assignment and a class of fake students: ``solutions`` submits the instructor
notebooks, ``blank`` the untouched release, and ``wrong-<assignment>-<grade_id>``
the instructor notebook with one answer replaced by a plausible wrong answer
from ``tests/wrong_answers/<assignment>.toml``.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

from conftest import read_toml

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
ASSIGNMENTS = sorted(p.name for p in (ROOT / "source").iterdir() if p.is_dir())
WRONG = {p.stem: read_toml(p) for p in (ROOT / "tests" / "wrong_answers").glob("*.toml")}

pytestmark = pytest.mark.slow

#: Reads every autograded notebook's scores from nbgrader's gradebook (in a subprocess,
#: so nbgrader's and SQLAlchemy's import-time warnings stay out of this test run).
READ_SCORES = """
import json, sys
from nbgrader.api import Gradebook
scores = {}
with Gradebook(sys.argv[1]) as gb:
    for assignment in gb.assignments:
        for submission in assignment.submissions:
            for notebook in submission.notebooks:
                key = submission.student.id + "/" + assignment.name
                scores[key] = {g.name: [g.score, g.max_score] for g in notebook.grades}
print(json.dumps(scores))
"""


def autograded(notebook: nbformat.NotebookNode) -> dict[str, str]:
    """Solution cell id → id of the tests cell that grades it (the next tests cell)."""
    owners, pending = {}, []
    for cell in notebook.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("solution") and not meta.get("grade") and "group-id" not in cell.metadata.get("tags", []):
            pending.append(meta["grade_id"])
        elif meta.get("grade") and not meta.get("solution"):
            owners.update({sid: meta["grade_id"] for sid in pending})
            pending = []
    return owners


def source_nb(assignment: str) -> nbformat.NotebookNode:
    return nbformat.read(ROOT / "source" / assignment / f"{assignment}.ipynb", as_version=4)


def with_wrong_answer(nb: nbformat.NotebookNode, grade_id: str, code: str) -> nbformat.NotebookNode:
    nb = nbformat.from_dict(json.loads(json.dumps(nb)))
    [cell] = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id]
    cell.source = code.strip("\n")
    return nb


def nbgrader(root: Path, *args: str) -> float:
    env = {**os.environ, "PYTHONUTF8": "1", "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    start = time.perf_counter()
    done = subprocess.run([str(BIN / "nbgrader"), *args], cwd=root, env=env, capture_output=True,
                          text=True, timeout=1800)
    assert done.returncode == 0, done.stdout + done.stderr
    return time.perf_counter() - start


def submit(root: Path, student: str, assignment: str, nb: nbformat.NotebookNode) -> None:
    folder = root / "submitted" / student / assignment
    folder.mkdir(parents=True)
    nbformat.write(nb, folder / f"{assignment}.ipynb")
    for data in (ROOT / "exercises" / assignment).glob("*.csv"):
        shutil.copy(data, folder / data.name)


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    root = tmp_path_factory.mktemp("course")
    shutil.copy(ROOT / "nbgrader_config.py", root)
    shutil.copytree(ROOT / "source", root / "source")
    generate_s = nbgrader(root, "generate_assignment", "*", "--force")
    for assignment in ASSIGNMENTS:
        submit(root, "solutions", assignment, source_nb(assignment))
        release = ROOT / "exercises" / assignment / f"{assignment}.ipynb"
        submit(root, "blank", assignment, nbformat.read(release, as_version=4))
        for grade_id, code in WRONG.get(assignment, {}).items():
            submit(root, f"wrong-{assignment}-{grade_id}", assignment,
                   with_wrong_answer(source_nb(assignment), grade_id, code))
    students = len(list((root / "submitted").glob("*/*")))
    shutil.copytree(root, root.parent / "fast-course")  # graded again by our executor, compared below
    autograde_s = nbgrader(root, "autograde", "*", "--force")
    read = subprocess.run([sys.executable, "-c", READ_SCORES, f"sqlite:///{root / 'gradebook.db'}"],
                          capture_output=True, text=True, check=True,
                          env={**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"})
    print(f"\nnbgrader generate_assignment, {len(ASSIGNMENTS)} assignments: {generate_s:.1f} s; "
          f"autograde, {students} submissions: {autograde_s:.1f} s")
    return root, json.loads(read.stdout)


def test_generate_assignment_makes_every_edition(course):
    root, _ = course
    assert len(ASSIGNMENTS) == 8 and sum(a.endswith("-en") for a in ASSIGNMENTS) == 4
    for assignment in ASSIGNMENTS:
        folder = root / "exercises" / assignment
        assert (folder / f"{assignment}.ipynb").is_file(), assignment
        assert sorted(p.name for p in folder.glob("*.csv")) == \
            sorted(p.name for p in (root / "source" / assignment).glob("*.csv"))


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_instructor_solutions_get_full_marks(course, assignment):
    _, scores = course
    tests = set(autograded(source_nb(assignment)).values())
    assert len(tests) >= 5
    got = scores[f"solutions/{assignment}"]
    assert {t: got[t] for t in tests} == {t: [got[t][1], got[t][1]] for t in tests}
    assert all(got[t][1] > 0 for t in tests)


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_untouched_release_gets_no_autograded_points(course, assignment):
    _, scores = course
    tests = set(autograded(source_nb(assignment)).values())
    got = scores[f"blank/{assignment}"]
    assert {t: got[t][0] for t in tests} == {t: 0 for t in tests}


def test_every_autograded_question_has_a_wrong_answer():
    for assignment in (a for a in ASSIGNMENTS if not a.endswith("-en")):
        assert sorted(WRONG.get(assignment, {})) == sorted(autograded(source_nb(assignment))), assignment


@pytest.mark.parametrize("assignment, grade_id",
                         [(a, g) for a in sorted(WRONG) for g in WRONG[a]])
def test_wrong_answer_loses_only_its_question(course, assignment, grade_id):
    _, scores = course
    owners = autograded(source_nb(assignment))
    got = scores[f"wrong-{assignment}-{grade_id}/{assignment}"]
    for tests in set(owners.values()):
        score, max_score = got[tests]
        if tests == owners[grade_id]:
            assert score == 0, f"{grade_id}: the wrong answer kept {score} of {max_score} points"
        else:
            assert score == max_score, f"{grade_id} also cost {tests} points"


@pytest.fixture(scope="module")
def fast_scores(course):
    """The same class graded by ``grade`` (sandboxed forks of a warm worker)."""
    from autograder.course import Course
    from autograder.teacher.grade import grade

    root, _ = course
    fast = Course(root.parent / "fast-course")
    ids = sorted({p.parent.name for p in fast.path("submitted").glob("*/*")})
    fast.roster_path.write_text("student_id,first_name,last_name,group_id,role,email\n" + "".join(
        f"{sid},A,B,G1,{'leader' if n == 0 else 'member'},\n" for n, sid in enumerate(ids)), "utf-8")
    start = time.perf_counter()
    for assignment in ASSIGNMENTS:
        run = grade(fast, assignment, progress=False)
        assert not run.failures, run.failures
    print(f"\ngrade (fork executor), same {len(list(fast.path('submitted').glob('*/*')))} submissions: "
          f"{time.perf_counter() - start:.1f} s")
    read = subprocess.run([sys.executable, "-c", READ_SCORES, fast.db_url], capture_output=True, text=True,
                          check=True, env={**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"})
    return json.loads(read.stdout)


def test_fast_executor_gives_every_cell_the_score_nbgrader_gives(course, fast_scores):
    _, scores = course
    assert sorted(fast_scores) == sorted(scores)
    for key, cells in scores.items():
        assert fast_scores[key] == cells, key
