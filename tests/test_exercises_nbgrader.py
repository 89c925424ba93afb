"""The exercises through nbgrader's real command line, in a temporary course directory.

One ``generate_assignment`` run and one ``autograde`` run cover every
assignment in both editions and a class of fake students: ``solutions`` submits
the instructor notebooks, ``blank`` the untouched release, and ``wrong<n>`` the
instructor notebook with, for every question, its n-th plausible wrong answer from
``tests/wrong_answers/<assignment>.toml`` (the right answer where it has fewer).
Every test cell must then keep exactly the score its variant says: one wrong item
loses one item's share (nbgrader's partial credit), a form error loses all.
The same submissions graded again by ``python -m autograder grade`` must give
every cell, partial scores included, the same score.
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
#: The kinds of wrong answer every judgement question needs (language-neutral ones need no
#: other-language variant: True/False answers and lists of ids).
JUDGEMENT_KINDS = {"one_wrong", "shuffled", "wrong_type", "other_language"}

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


def base(assignment: str) -> str:
    """The zh assignment an edition belongs to (its wrong answers are shared by both editions)."""
    return assignment.removesuffix("-en")


def variants(assignment: str) -> dict[str, list[dict]]:
    return WRONG.get(base(assignment), {})


def rounds(assignment: str) -> list[int]:
    """The wrong-answer rounds graded for an edition: all of them in zh; in en only those whose
    scores differ between the editions (the other language's names), since the code is shared."""
    found = range(max((len(v) for v in variants(assignment).values()), default=0))
    if not assignment.endswith("-en"):
        return list(found)
    return [n for n in found if any(isinstance(v["score"], dict) for v in round_variants(assignment, n).values())]


def with_wrong_answers(nb: nbformat.NotebookNode, replace: dict[str, str]) -> nbformat.NotebookNode:
    nb = nbformat.from_dict(json.loads(json.dumps(nb)))
    for cell in nb.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id in replace:
            cell.source = replace[grade_id].strip("\n")
    return nb


def round_variants(assignment: str, n: int) -> dict[str, dict]:
    """Solution grade_id → its n-th wrong answer (only the questions that have one)."""
    return {gid: found[n] for gid, found in variants(assignment).items() if n < len(found)}


def score_of(variant: dict, assignment: str) -> float:
    score = variant["score"]
    return float(score["en" if assignment.endswith("-en") else "zh"] if isinstance(score, dict) else score)


def graded_points(assignment: str) -> dict[str, float]:
    return {c.metadata["nbgrader"]["grade_id"]: float(c.metadata["nbgrader"]["points"])
            for c in source_nb(assignment).cells
            if c.metadata.get("nbgrader", {}).get("grade") and not c.metadata["nbgrader"].get("solution")}


def expected_scores(assignment: str, n: int) -> dict[str, float]:
    """Every autograded test cell's score for submission ``wrong<n>``."""
    owners, applied = autograded(source_nb(assignment)), round_variants(assignment, n)
    expected = {}
    for tests, points in graded_points(assignment).items():
        scores = [score_of(v, assignment) for gid, v in applied.items() if owners.get(gid) == tests]
        expected[tests] = min(scores) if scores else points
    return expected


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
        for n in rounds(assignment):
            replace = {gid: v["code"] for gid, v in round_variants(assignment, n).items()}
            submit(root, f"wrong{n}", assignment, with_wrong_answers(source_nb(assignment), replace))
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


def judgement_tests(assignment: str) -> dict[str, str]:
    """Test cells scored per item → the scoring helper they call (score_labels or score_choices)."""
    found = {}
    for cell in source_nb(assignment).cells:
        meta = cell.metadata.get("nbgrader", {})
        for helper in ("score_labels", "score_choices"):
            if meta.get("grade") and f"sf.{helper}(" in cell.source:
                found[meta["grade_id"]] = helper
    return found


def test_every_autograded_question_has_its_wrong_answers():
    for assignment in (a for a in ASSIGNMENTS if not a.endswith("-en")):
        owners, found = autograded(source_nb(assignment)), variants(assignment)
        assert sorted(found) == sorted(owners), assignment
        points = graded_points(assignment)
        for grade_id, wrong in found.items():
            kinds = {v["kind"] for v in wrong}
            tests = owners[grade_id]
            if tests in judgement_tests(assignment):
                neutral = '"true_false"' in source_text(assignment, tests) or \
                    judgement_tests(assignment)[tests] == "score_choices"
                assert JUDGEMENT_KINDS - ({"other_language"} if neutral else set()) <= kinds, grade_id
            for v in wrong:
                score = {e: score_of(v, a) for e, a in (("zh", assignment), ("en", f"{assignment}-en"))}
                if v["kind"] == "one_wrong":
                    assert 0 < score["zh"] == score["en"] < points[tests], (grade_id, v["what"])
                if v["kind"] in ("wrong_type", "mistake"):
                    assert score == {"zh": 0, "en": 0}, (grade_id, v["what"])
                if v["kind"] == "other_language":
                    assert sorted(score.values()) == [0, points[tests]], (grade_id, v["what"])


def source_text(assignment: str, grade_id: str) -> str:
    return next(c.source for c in source_nb(assignment).cells
                if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)


def test_most_autograded_points_come_from_judgement_questions():
    for assignment in ASSIGNMENTS:
        points = graded_points(assignment)
        judged = sum(points[t] for t in judgement_tests(assignment))
        assert judged >= 0.6 * sum(points.values()), (assignment, judged, sum(points.values()))


@pytest.mark.parametrize("assignment, n", [(a, n) for a in ASSIGNMENTS for n in rounds(a)])
def test_each_wrong_answer_loses_exactly_its_share(course, assignment, n):
    _, scores = course
    got = {tests: score for tests, (score, _) in scores[f"wrong{n}/{assignment}"].items()
           if tests in graded_points(assignment)}
    expected = expected_scores(assignment, n)
    assert got == pytest.approx(expected, abs=1e-9), {
        tests: (got[tests], expected[tests], [v["what"] for gid, v in round_variants(assignment, n).items()
                                              if autograded(source_nb(assignment)).get(gid) == tests])
        for tests in expected if abs(got[tests] - expected[tests]) > 1e-9}


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
