"""``python -m autograder hub COURSE_DIR --teacher NAME``: serve a course to a class from this machine.

In order, stopping at the first problem with what to do about it, before anything is made:
run as root; the roster's logins (:mod:`.logins`); the port free (a second hub on the same
port says so, as does a second hub for the same state folder); the proxy installed
(``make proxy``); the course's Python, the exchange and the course reachable by the
accounts that need them. Then: the accounts (:mod:`.accounts`, first passwords in
``COURSE/hub-passwords.csv``), the course and its exchange folder given to the teacher,
the configuration (:mod:`.config`), and JupyterHub in the foreground until Ctrl+C or
SIGTERM, which stops every server cleanly (submissions are files in the exchange, written
before the student is told "submitted", so stopping loses none).
"""
from __future__ import annotations

import os
import pwd
import signal
import socket
import subprocess
import sys
from pathlib import Path

from ..course import Course
from ..teacher.texts import Message, Problem
from . import accounts, config, logins, permissions, runtime

REPO = Path(__file__).resolve().parents[2]
#: configurable-http-proxy as `make proxy` installs it (npm ci from package-lock.json).
PROXY = REPO / "node_modules" / ".bin" / "configurable-http-proxy"
DEFAULT_STATE = Path("/var/lib/satisfaction-hub")


class HubError(Problem):
    """The class server cannot start; the message says why and what to do."""


def port_in_use(ip: str, port: int) -> bool:
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((ip, port))
        except OSError:
            return True
    return False


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _running(pid_file: Path) -> int | None:
    try:
        pid = int(pid_file.read_text().strip())
        os.kill(pid, 0)
    except (OSError, ValueError):
        return None
    return pid


def _give_to_teacher(folder: Path, teacher: pwd.struct_passwd) -> None:
    """Root's entries below ``folder`` become the teacher's; others' join the teacher's group
    (students' submissions in inbound/), modes kept."""
    for path in [folder, *folder.rglob("*")]:
        info = path.lstat()
        uid = teacher.pw_uid if info.st_uid == 0 else info.st_uid
        if (uid, info.st_gid) != (info.st_uid, teacher.pw_gid):
            os.chown(path, uid, teacher.pw_gid, follow_symlinks=False)
            if not path.is_symlink():
                os.chmod(path, info.st_mode & 0o7777)  # chown may clear set-group-id


def check_reachable(what: str, path: Path) -> None:
    blocked = permissions.unreachable(path)
    if blocked is not None:
        raise HubError(Message("hub_unreachable", {"what": Message(f"hub_what_{what}"), "path": path,
                                                   "blocked": blocked, "mode": f"{blocked.stat().st_mode & 0o777:o}"}))


def prepare(course_dir: Path, teacher: str, *, ip: str = "0.0.0.0", port: int = 8000,
            state_dir: Path | None = None, lang: str | None = None,
            **options) -> tuple[config.HubSettings, list]:
    """Everything but running the hub; returns the settings written and the accounts made
    (rows of the password sheet). Raises HubError, or LoginError for the roster."""
    if os.geteuid() != 0:
        raise HubError(Message("hub_not_root"))
    course = Course(course_dir)
    if not course.roster_path.exists():
        raise HubError(Message("hub_not_course", {"folder": course.root}))
    nb = course.nbgrader_config()
    course_id, exchange = nb.CourseDirectory.course_id, Path(nb.Exchange.root)
    lang = lang or ("en" if all(a.endswith("-en") for a in course.assignments()) else "zh")
    planned = logins.plan_logins(course.roster_path, teacher, lang)
    if port_in_use(ip, port):
        raise HubError(Message("hub_port_in_use", {"port": port, "ip": ip, "next": port + 1}))
    state = Path(state_dir or DEFAULT_STATE / course_id)
    if (pid := _running(state / "jupyterhub.pid")) is not None:
        raise HubError(Message("hub_running", {"state": state, "pid": pid}))
    proxy = options.pop("proxy", None) or PROXY
    if not Path(proxy).exists():
        raise HubError(Message("hub_no_proxy", {"proxy": proxy, "repo": REPO}))
    state.mkdir(parents=True, exist_ok=True)
    state.chmod(0o755)
    try:
        python, library_path = runtime.student_python(state)
    except runtime.RuntimeProblem as error:
        raise HubError(error.message) from None
    check_reachable("code", REPO)
    check_reachable("state", state)
    check_reachable("exchange", exchange.parent)

    created = accounts.ensure_accounts(planned, teacher, course.path("hub-passwords.csv"))
    owner = pwd.getpwnam(teacher)
    _give_to_teacher(course.root, owner)
    permissions.make_exchange(exchange)
    if (exchange / course_id).exists():
        _give_to_teacher(exchange / course_id, owner)
    settings = config.HubSettings(
        course_dir=str(course.root), course_id=course_id, exchange=str(exchange), teacher=teacher,
        students=[p.login for p in planned], state_dir=str(state), lang=lang, ip=ip, port=port,
        hub_port=free_port(), proxy_api_port=free_port(), proxy=str(proxy), python=str(python), library_path=library_path,
        **options)
    config.write_server_configs(settings)
    config.write_hub_config(settings)
    return settings, created


def run(settings: config.HubSettings, ready=None) -> int:
    """Run JupyterHub in the foreground; SIGINT/SIGTERM stop it and every server it started."""
    state = settings.state
    env = {**os.environ, "PYTHONUTF8": "1", "PATH": f"{Path(sys.executable).parent}:{os.environ.get('PATH', '')}"}
    with (state / "jupyterhub.log").open("a") as log:
        hub = subprocess.Popen([sys.executable, "-m", "jupyterhub", "-f", str(state / "jupyterhub_config.py")],
                               cwd=state, env=env, stdout=log, stderr=subprocess.STDOUT,
                               # Started from a background shell, SIGINT may be ignored: the hub and
                               # what it starts (the culler) must stop on it.
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))

    def stop(signum, _frame):
        hub.send_signal(signal.SIGTERM)

    previous = {s: signal.signal(s, stop) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        if ready:
            ready(hub)
        return hub.wait()
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
        if hub.poll() is None:
            hub.terminate()
            hub.wait(timeout=60)
