"""Students' servers run the course's own Python and packages, from any account."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from autograder.hub.runtime import student_python
from conftest import shared_tmp

pytestmark = pytest.mark.skipif(os.geteuid() != 0, reason="runs a command as another account")


@pytest.mark.slow
def test_an_account_without_rights_runs_the_same_interpreter_with_the_courses_packages():
    base = shared_tmp()
    try:
        python, library_path = student_python(base)
        code = "import sys, satisfaction, nbgrader, jupyterhub.singleuser; print(sys.version)"
        done = subprocess.run(["runuser", "-u", "nobody", "--", "env", "-i", f"LD_LIBRARY_PATH={library_path}",
                               str(python), "-c", code], capture_output=True, text=True, timeout=300, cwd="/")
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip() == sys.version
        again, _ = student_python(base)  # a second start reuses what the first one made
        assert again == python
        nbgrader = python.parent / "nbgrader"
        assert nbgrader.exists() or python == Path(sys.executable)  # the teacher's terminal has nbgrader
    finally:
        shutil.rmtree(base, ignore_errors=True)
