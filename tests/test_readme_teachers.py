"""README "For teachers": the nbgrader commands it lists work, in order, on a new course.

The bash block is read from README.md itself, so the README cannot drift from
what works. A student fetches and submits between `release_assignment` and
`collect`, as on a JupyterHub; `jupyter lab` (interactive) and `zip_collect`
(the LMS alternative to `collect`) are the two lines not run.
"""
from __future__ import annotations

import csv
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

BIN = Path(sys.executable).parent
SKIPPED = ("jupyter lab", "nbgrader zip_collect")


def teacher_commands(readme: str) -> list[str]:
    section = readme.split("## For teachers", 1)[1]
    block = re.search(r"```bash\n(.*?)```", section, re.DOTALL).group(1)
    return [line.split("#", 1)[0].strip() for line in block.splitlines() if line.strip()]


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONUTF8": "1", "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"{shlex.join(args)}\n{done.stdout}\n{done.stderr}"
    return done


@pytest.mark.slow
def test_the_teachers_nbgrader_commands_grade_a_submission(root, tmp_path):
    commands = teacher_commands((root / "README.md").read_text("utf-8"))
    assert any(c.startswith("nbgrader autograde") for c in commands)
    user = os.environ.get("USER") or __import__("getpass").getuser()
    (tmp_path / "roster.csv").write_text(
        f"student_id,first_name,last_name,group_id,role\n{user},伟,王,G1,leader\ns02,芳,李,G1,member\n", "utf-8")
    course, student = tmp_path / "satisfaction-101", tmp_path / "student"
    cwd = tmp_path
    for command in commands:
        command = command.replace("~/satisfaction-101", str(course))
        if command.startswith(SKIPPED):
            continue
        if command.startswith("cd "):
            cwd = Path(command[3:])
            continue
        args = shlex.split(command)
        if args[:2] == ["python", "-m"]:
            args[0] = sys.executable
        if command.startswith("nbgrader collect"):
            # The student's side: fetch, answer (here: the instructor's answers), submit.
            exchange = [f"--Exchange.root={course / 'exchange'}", "--course", "satisfaction-101"]
            student.mkdir()
            run(["nbgrader", "fetch_assignment", "task1-identify", *exchange], student)
            shutil.copy(course / "source" / "task1-identify" / "task1-identify.ipynb",
                        student / "task1-identify" / "task1-identify.ipynb")
            run(["nbgrader", "submit", "task1-identify", *exchange], student)
        run(args, cwd)

    assert (course / "autograded" / user / "task1-identify" / "task1-identify.ipynb").is_file()
    assert (course / "feedback" / user / "task1-identify" / "task1-identify.html").is_file()
    with (course / "grades.csv").open(encoding="utf-8") as f:
        rows = {r["student_id"]: r for r in csv.DictReader(f) if r["assignment"] == "task1-identify"}
    assert set(rows) == {user, "s02"}
    assert float(rows[user]["score"]) > 0 and float(rows["s02"]["score"]) == 0
