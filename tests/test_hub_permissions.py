"""A course folder from `init` serves real student accounts through nbgrader's exchange.

Two throwaway Unix accounts fetch and submit task1-identify through the exchange (in the
course folder, or a server-wide one from `init --exchange`); neither can list the inbound
folder, read the other's submission even by its exact name, or read anything of the course
but the exchange (solutions, roster, gradebook, a grades file written later under umask 022);
a submission one forges in the other's name is not collected as theirs.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import shared_tmp, unix_users

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="Unix accounts")
#: LD_LIBRARY_PATH of the students' Python (set by the test once it knows it).
LIBRARY_PATH = [""]


def as_user(login: str, python: str, *args: str, cwd: str, config: str) -> subprocess.CompletedProcess:
    env = {"HOME": f"/home/{login}", "USER": login, "LOGNAME": login, "PATH": "/usr/bin:/bin",
           "PYTHONUTF8": "1", "JUPYTER_CONFIG_PATH": config, "LD_LIBRARY_PATH": LIBRARY_PATH[0]}
    return subprocess.run(["runuser", "-u", login, "--", "env", "-i", *(f"{k}={v}" for k, v in env.items()),
                           python, *args], cwd=cwd, capture_output=True, text=True, timeout=300)


def can_read(login: str, python: str, paths, config: str) -> list[str]:
    """What ``login`` gets reading (or listing) each path: "ok" or the error's name."""
    code = ("import os, sys\nfor p in sys.argv[1:]:\n"
            "    try:\n        os.listdir(p) if os.path.isdir(p) else open(p, 'rb').close()\n        print('ok')\n"
            "    except OSError as e:\n        print(type(e).__name__)")
    done = as_user(login, python, "-c", code, *map(str, paths), cwd="/", config=config)
    return done.stdout.split()


@pytest.mark.slow
@pytest.mark.parametrize("layout", ["course exchange", "server exchange"])
def test_two_students_submit_and_neither_reads_the_other(layout):
    from autograder.course import Course
    from autograder.hub import config, runtime
    from autograder.teacher.init import init_course

    base = shared_tmp()
    try:
        with unix_users(2) as ((s1, _), (s2, _)):
            roster = base / "roster.csv"
            roster.write_text("student_id,first_name,last_name,group_id,role\n"
                              f"{s1},伟,王,G1,leader\n{s2},芳,李,G1,member\n", "utf-8")
            exchange = None if layout == "course exchange" else base / "srv" / "exchange"
            course = init_course(base / "course", roster, ["task1-identify"], exchange=exchange)
            exchange = Course(course.root).nbgrader_config().Exchange.root
            assert oct(os.stat(exchange).st_mode & 0o7777) == "0o1777"
            assert course.api().release_assignment("task1-identify")["success"]
            found, LIBRARY_PATH[0] = runtime.student_python(base / "state")
            python = str(found)
            settings = config.HubSettings(course_dir=str(course.root), course_id="satisfaction-101",
                                          exchange=str(exchange), teacher="root", students=[s1, s2],
                                          state_dir=str(base / "state"))
            student_config = str(config.write_server_configs(settings)["student"])

            stamps = {}
            for login in (s1, s2):
                for step in ("fetch_assignment", "submit"):
                    done = as_user(login, python, "-m", "nbgrader", step, "task1-identify",
                                   cwd=f"/home/{login}", config=student_config)
                    assert done.returncode == 0, done.stderr
                assert os.path.isfile(f"/home/{login}/exercises/task1-identify/task1-identify.ipynb")
                cache = f"/home/{login}/.local/share/jupyter/nbgrader_cache/satisfaction-101"
                stamps[login] = Path(cache, os.listdir(cache)[0], "timestamp.txt").read_text()

            inbound = os.path.join(exchange, "satisfaction-101", "inbound")
            own = {login: next(n for n in os.listdir(inbound) if n.startswith(login + "+")) for login in (s1, s2)}
            theirs = os.path.join(inbound, own[s1], "task1-identify.ipynb")
            assert can_read(s1, python, [theirs], student_config) == ["ok"]
            assert can_read(s2, python, [theirs, os.path.join(inbound, own[s1]), inbound],
                            student_config) == ["PermissionError"] * 3
            old = os.umask(0o022)
            try:  # e.g. `nbgrader export` writing grades.csv at the top of the course later
                (course.root / "grades.csv").write_text("student_id,score\n", "utf-8")
            finally:
                os.umask(old)
            private = ["source/task1-identify/task1-identify.ipynb", "roster.csv", "gradebook.db",
                       "nbgrader_config.py", "grades.csv", "release", "."]
            seen = can_read(s2, python, [course.root / p for p in private], student_config)
            assert "ok" not in seen and len(seen) == len(private), dict(zip(private, seen))

            # s2 forges a later submission in s1's name: collect keeps s1's own.
            forged = os.path.join(inbound, f"{s1}+task1-identify+2999-01-01 00:00:00.000000 UTC+forged")
            done = as_user(s2, python, "-c", f"import shutil; shutil.copytree({os.path.join(inbound, own[s2])!r}, "
                           f"{forged!r})", cwd="/", config=student_config)
            assert done.returncode == 0, done.stderr
            assert course.api().collect("task1-identify")["success"]
            for login in (s1, s2):
                collected = course.root / "submitted" / login / "task1-identify" / "timestamp.txt"
                assert collected.read_text() == stamps[login]
    finally:
        shutil.rmtree(base, ignore_errors=True)
