"""From a bare checkout to a class server accepting logins: how long a school's first start takes.

A fresh ``git clone`` of this repository (its committed files only) into a new folder; then,
timed step by step, what README's class-server section says: ``make .venv/.installed proxy``
(the course's environment from PyPI, the proxy from the npm registry), ``init`` of a course
from a two-student roster with a server-wide exchange, and ``python -m autograder hub`` until
its login page answers on loopback. Debian's packages (``make system-deps``) are taken as
installed: their time depends on the mirror, not on the project. The hub is stopped and the
clone, the accounts it made and the course removed at the end. Needs root.
Run: ``python benchmarks/hub_setup.py`` (downloads the packages, several minutes).
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def main(argv: list[str]) -> dict:
    if os.geteuid() != 0:
        print("hub setup: skipped (needs root)")
        return {}
    sys.path.insert(0, str(REPO))
    from autograder.hub import accounts
    from autograder.hub.client import stop_hub, wait_for_hub
    from autograder.hub.launcher import free_port

    base = Path(tempfile.mkdtemp(prefix="hub-setup-"))
    base.chmod(0o755)
    clone, tag = base / "course-repo", f"{os.getpid() % 10000:04d}"
    teacher, students = f"su{tag}t", [f"su{tag}s{n}" for n in range(2)]
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    env["PATH"] = ":".join(p for p in env.get("PATH", "").split(":") if ".venv" not in p)
    times, hub = {}, None

    def step(name, *command, cwd=clone):
        started = time.monotonic()
        subprocess.run(command, cwd=cwd, env=env, check=True, capture_output=True, timeout=3600)
        times[name] = time.monotonic() - started

    try:
        step("git clone", "git", "clone", "--quiet", "--no-hardlinks", str(REPO), str(clone), cwd=base)
        step("make .venv/.installed proxy", "make", "--no-print-directory", ".venv/.installed", "proxy")
        python = clone / ".venv" / "bin" / "python"
        rows = "".join(f"{s},{n},Student,G1,{'leader' if n == 0 else 'member'}\n" for n, s in enumerate(students))
        (base / "roster.csv").write_text("student_id,first_name,last_name,group_id,role\n" + rows)
        step("init", str(python), "-m", "autograder", "init", str(base / "course"), "--roster", str(base / "roster.csv"),
             "--assignments", "task1-identify", "--exchange", str(base / "exchange"))
        port, started = free_port(), time.monotonic()
        with (base / "hub.log").open("w") as log:
            hub = subprocess.Popen([str(python), "-m", "autograder", "hub", str(base / "course"), "--teacher", teacher,
                                    "--ip", "127.0.0.1", "--port", str(port), "--state-dir", str(base / "state")],
                                   cwd=clone, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        wait_for_hub(f"http://127.0.0.1:{port}", timeout=600, alive=lambda: hub.poll() is None)
        times["hub until its login page answers"] = time.monotonic() - started
    finally:
        stop_hub(hub)
        for login in (teacher, *students):
            accounts.remove_account(login)
        shutil.rmtree(base, ignore_errors=True)
    total = sum(times.values())
    print("from a fresh clone to a class server accepting logins (Debian packages already installed):")
    for name, seconds in times.items():
        print(f"  {name:40s} {seconds:7.1f} s")
    print(f"  {'total':40s} {total:7.1f} s")
    return {**times, "total": total}


if __name__ == "__main__":
    main(sys.argv[1:])
