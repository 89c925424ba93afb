"""Load check of the class server: a class logs in at once, starts servers, runs a lesson and submits.

Throwaway Unix accounts (default 30 students and a teacher, removed at the end, also on
failure) and a new course are made; `python -m autograder hub` serves it on loopback; the
teacher releases task1-identify; then every student at once, over HTTP as the browser does
(:mod:`autograder.hub.client`): logs in, starts a server, runs the first lines of a lesson in
a kernel (``import satisfaction`` and its widgets), fetches and submits the assignment.
Reported: servers running at once, memory per student server (the server and its kernel,
resident), time from login to a running lesson, submissions in the exchange, wall time.
Bounded: every request times out, the whole run stops after ``--deadline`` seconds, the hub
is stopped at the end. Needs root (accounts). Run: ``python benchmarks/hub_load.py [--students N]``.
"""
from __future__ import annotations

import argparse
import json
import os
import pwd
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ASSIGNMENT, COURSE_ID = "task1-identify", "satisfaction-101"
LESSON = "import satisfaction as s\nfrom satisfaction.widgets import _base\nprint(s.satisfaction_index(6, 8))"


def _rss_by_user(uids: set[int]) -> dict[int, tuple[int, int]]:
    """uid -> (processes running jupyterhub.singleuser, resident kB of all that user's processes)."""
    found: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        uid = int(next(line.split()[1] for line in status.splitlines() if line.startswith("Uid:")))
        if uid not in uids:
            continue
        rss = next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")), 0)
        counts = found.setdefault(uid, [0, 0])
        counts[0] += b"jupyterhub.singleuser" in cmdline
        counts[1] += rss
    return {uid: (n, kb) for uid, (n, kb) in found.items()}


class Sampler(threading.Thread):
    """Every second: how many student servers run, and each student's resident memory."""

    def __init__(self, uids: set[int]):
        super().__init__(daemon=True)
        self.uids, self.stop, self.peak, self.memory = uids, threading.Event(), 0, {}

    def run(self):
        while not self.stop.wait(1.0):
            seen = _rss_by_user(self.uids)
            self.peak = max(self.peak, sum(1 for n, _ in seen.values() if n))
            for uid, (n, kb) in seen.items():
                if n:
                    self.memory[uid] = max(self.memory.get(uid, 0), kb)


def one_student(url: str, login: str, password: str) -> dict:
    from autograder.hub.client import HubClientError, StudentSession

    with StudentSession(url, login, password, timeout=600) as session:
        started = time.monotonic()
        session.log_in()
        session.start_server()
        ready = time.monotonic()
        try:
            reply = session.run(LESSON)
        except (HubClientError, TimeoutError):  # the kernel too slow to answer at first: JupyterLab reconnects too
            reply = session.run(LESSON)
        lesson = time.monotonic()
        session.assignment("fetch", COURSE_ID, ASSIGNMENT)
        session.assignment("submit", COURSE_ID, ASSIGNMENT)
    return {"server": ready - started, "lesson": lesson - started, "ok": reply.get("status") == "ok",
            "done": time.monotonic() - started}


def main(argv: list[str]) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--students", type=int, default=30)
    parser.add_argument("--deadline", type=float, default=900, help="seconds the whole run may take")
    args = parser.parse_args(argv)
    if os.geteuid() != 0:
        print("hub load check: skipped (needs root to make accounts)")
        return {}
    from autograder.hub import accounts
    from autograder.hub.client import stop_hub, wait_for_hub
    from autograder.hub.launcher import free_port
    from autograder.teacher.init import init_course

    base = Path(tempfile.mkdtemp(prefix="hub-load-"))
    base.chmod(0o755)
    tag = f"{os.getpid() % 10000:04d}"
    logins = [(f"ld{tag}s{n:02d}", accounts.new_password()) for n in range(args.students)]
    teacher = f"ld{tag}t"
    hub, hub_said = None, []
    try:
        for login, password in logins:
            accounts.create_account(login, login, password)
        accounts.create_account(teacher, "teacher")
        rows = [f"{login},{n},Student,G{n // 5 + 1},{'leader' if n % 5 == 0 else 'member'}"
                for n, (login, _) in enumerate(logins)]
        (base / "roster.csv").write_text("student_id,first_name,last_name,group_id,role\n" + "\n".join(rows) + "\n")
        course = init_course(base / "course", base / "roster.csv", [ASSIGNMENT], exchange=base / "exchange").root
        port = free_port()
        t0 = time.monotonic()
        with (base / "hub.log").open("w") as log:
            hub = subprocess.Popen([sys.executable, "-m", "autograder", "hub", str(course), "--teacher", teacher,
                                    "--ip", "127.0.0.1", "--port", str(port), "--state-dir", str(base / "state")],
                                   stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        url = f"http://127.0.0.1:{port}"
        wait_for_hub(url, timeout=300, alive=lambda: hub.poll() is None)
        hub_start = time.monotonic() - t0
        saved = json.loads((base / "state" / "hub.json").read_text("utf-8"))
        subprocess.run(["runuser", "-u", teacher, "--", "env", f"JUPYTER_CONFIG_PATH={base / 'state' / 'teacher'}",
                        f"LD_LIBRARY_PATH={saved['library_path']}", "PYTHONUTF8=1", saved["python"],
                        "-m", "nbgrader", "release_assignment", ASSIGNMENT],
                       cwd=course, check=True, capture_output=True, timeout=300)

        sampler = Sampler({pwd.getpwnam(login).pw_uid for login, _ in logins})
        sampler.start()
        started = time.monotonic()
        with ThreadPoolExecutor(max_workers=args.students) as pool:
            futures = [pool.submit(one_student, url, login, password) for login, password in logins]
            results, failures = [], []
            for future in futures:
                try:
                    results.append(future.result(timeout=max(1.0, args.deadline - (time.monotonic() - started))))
                except Exception as error:  # noqa: BLE001 - a student who failed is counted, not fatal
                    failures.append(repr(error)[:300])
        wall = time.monotonic() - started
        sampler.stop.set()
        inbound = base / "exchange" / COURSE_ID / "inbound"
        submitted = len({p.name.split("+")[0] for p in inbound.iterdir()}) if inbound.exists() else 0
        hub_said = []
        if failures:  # the hub's own words on what went wrong, before its folder goes
            log = (base / "state" / "jupyterhub.log").read_text(errors="replace").splitlines()
            hub_said = [line[:300] for line in log if line.startswith("[E")][-3:]
    finally:
        stop_hub(hub)
        for login, _ in logins:
            accounts.remove_account(login)
        accounts.remove_account(teacher)
        shutil.rmtree(base, ignore_errors=True)

    lesson = sorted(r["lesson"] for r in results)
    server = sorted(r["server"] for r in results)
    memory_mb = sorted(kb / 1024 for kb in sampler.memory.values())
    report = {
        "students": args.students, "hub start s": hub_start, "wall s": wall, "failed": len(failures),
        "submitted": submitted, "servers at once": sampler.peak,
        "memory per student MB (median)": statistics.median(memory_mb) if memory_mb else 0.0,
        "memory per student MB (max)": max(memory_mb, default=0.0),
        "login to running lesson s (median)": statistics.median(lesson) if lesson else 0.0,
        "login to running lesson s (max)": max(lesson, default=0.0),
        "login to running server s (median)": statistics.median(server) if server else 0.0,
    }
    print(f"{args.students} students on a {os.cpu_count()}-core machine, loopback; hub started in {hub_start:.1f} s")
    print(f"  all done in {wall:.1f} s; {submitted} submissions in the exchange; {len(failures)} students failed")
    print(f"  servers running at once: {sampler.peak}")
    print(f"  memory per student (server + kernel, resident): median {report['memory per student MB (median)']:.0f} MB, "
          f"max {report['memory per student MB (max)']:.0f} MB")
    print(f"  login to a running server: median {report['login to running server s (median)']:.1f} s, "
          f"max {max(server, default=0.0):.1f} s")
    print(f"  login to a running lesson: median {report['login to running lesson s (median)']:.1f} s, "
          f"max {report['login to running lesson s (max)']:.1f} s")
    for failure in failures[:5]:
        print(f"  failure: {failure}")
    for line in hub_said:
        print(f"  hub log: {line}")
    return report


if __name__ == "__main__":
    main(sys.argv[1:])
