"""Shared fixtures and test builders: the one place tests share code from."""
from __future__ import annotations

import contextlib
import itertools
import os
import sys
from pathlib import Path

import pytest
from hypothesis import settings

# Hypothesis fails an example that takes longer than 200 ms, and the first example of a run pays for
# imports and warm caches: on a busy 2-core machine that fails tests for time, not behaviour (speed
# targets live in the benchmarks). No deadline for any property test here.
settings.register_profile("course", deadline=None)
settings.load_profile("course")

ROOT = Path(__file__).resolve().parents[1]
#: The Python of the project's environment (the one running the tests).
PYTHON = sys.executable

os.environ.setdefault("PYTHONUTF8", "1")
os.environ.setdefault("MPLBACKEND", "Agg")


@pytest.fixture
def root() -> Path:
    return ROOT


def bad_input_cases(valid_kwargs: dict, field: str) -> list[dict]:
    """Variants of valid keyword arguments with one field made unusable."""
    return [{**valid_kwargs, field: bad} for bad in ("abc", float("nan"), float("inf"), None, [])]


def nbgrader_cell(kind, source, grade_id, *, solution=False, grade=False, locked=False,
                  points=0, tags=()):
    """A notebook cell with nbgrader metadata (a test builder)."""
    import nbformat

    make = nbformat.v4.new_code_cell if kind == "code" else nbformat.v4.new_markdown_cell
    cell = make(source)
    cell.metadata["nbgrader"] = {"grade": grade, "solution": solution, "locked": locked,
                                 "grade_id": grade_id, "schema_version": 3,
                                 **({"points": points} if grade else {})}
    if tags:
        cell.metadata["tags"] = list(tags)
    return cell


def mini_assignment(folder: Path, name: str = "mini") -> Path:
    """A small nbgrader source assignment: one autograded question (2 points), one group-id
    cell and one manually graded group answer (3 points). Returns the notebook path."""
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [
        nbgrader_cell("code", 'GROUP_ID = ""  # e.g. "G1"', "group_id", solution=True, tags=("group-id",)),
        nbgrader_cell("code", "### BEGIN SOLUTION\nanswer = 6 / 8\n### END SOLUTION", "q1", solution=True),
        nbgrader_cell("code", "assert round(answer, 2) == 0.75", "q1_tests", grade=True, locked=True, points=2),
        nbgrader_cell("markdown", "YOUR ANSWER HERE", "group_story", solution=True, grade=True, points=3,
                      tags=("group",)),
    ]
    path = folder / name / f"{name}.ipynb"
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


def pytest_addoption(parser):
    parser.addoption("--update-goldens", action="store_true",
                     help="rewrite the golden files in tests/golden/ from this run instead of comparing")


@pytest.fixture
def update_goldens(request) -> bool:
    return request.config.getoption("--update-goldens")


@contextlib.contextmanager
def running_lab(root: Path, tmp_path: Path, serve: Path | None = None, edition: str = "zh-CN",
                lab_args: str = ""):
    """`make lab` on loopback with a fresh token; yields its base URL and token, then stops it.

    ``serve``: a folder to serve instead of the repository (a copy, so that a test
    driving a browser can never autosave outputs into the committed notebooks).
    ``edition``: `make lab`'s EDITION (the index it opens, the interface language).
    ``lab_args``: more JupyterLab options (after the ones that make it a private test server).
    The user's own JupyterLab settings and workspaces are left alone: the server keeps
    them in ``tmp_path``.
    """
    import json
    import secrets
    import signal
    import socket
    import subprocess
    import time
    import urllib.request

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    token = secrets.token_hex(16)
    args = f"--no-browser --ServerApp.ip=127.0.0.1 --port={port} --IdentityProvider.token={token} {lab_args}"
    where = [f"LAB_ROOT={serve}"] if serve is not None else []
    env = {**os.environ, "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
           "JUPYTERLAB_SETTINGS_DIR": str(tmp_path / "lab-user-settings"),
           "JUPYTERLAB_WORKSPACES_DIR": str(tmp_path / "lab-workspaces")}
    env.pop("MPLBACKEND", None)  # kernels run with JupyterLab's inline backend, as for a student
    log_path = tmp_path / "lab.log"
    with log_path.open("w") as log:
        proc = subprocess.Popen(["make", "--no-print-directory", "lab", f"LAB_ARGS={args}", f"EDITION={edition}", *where], cwd=root,
                                stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True)
        try:
            base, deadline, status = f"http://127.0.0.1:{port}", time.monotonic() + 90, None
            while status is None and time.monotonic() < deadline and proc.poll() is None:
                try:
                    with urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2) as response:
                        status = json.load(response)
                except OSError:
                    time.sleep(0.5)
            assert status is not None and "started" in status, log_path.read_text()
            yield base, token
        finally:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
                proc.wait(timeout=30)


def shown(html_widget) -> str:
    """The text a learner reads in an HTML widget (tags removed, spaces folded)."""
    import html
    import re

    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", html_widget.value)).split())


def assert_redraws(view, change) -> None:
    """``change()`` redraws ``view`` (a FigureView) in its same figure, to a new picture."""
    fig, before = view.fig, view.widget.value
    change()
    assert view.fig is fig, "a chart update must reuse its figure"
    assert view.widget.value != before and view.widget.value[:4] == b"\x89PNG"


def assert_cleared(view, *texts) -> None:
    """After bad input nothing stale stays beside the message: the chart (a FigureView) is
    hidden and the result texts (HTML widgets) are empty."""
    assert view.widget.layout.display == "none"
    assert all(text.value == "" for text in texts)


def assert_shown(view) -> None:
    """The chart is shown again (after good input)."""
    assert view.widget.layout.display is None and view.widget.value[:4] == b"\x89PNG"


BAD_NUMBERS = ("0", "-3", "", "abc")


@pytest.fixture(scope="module")
def precompiled_folder(tmp_path_factory) -> Path:
    """A folder the install step's compiling (``autograder.engine.precompile``) filled."""
    from autograder.engine import precompile, precompiled

    folder = tmp_path_factory.mktemp("precompiled")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(precompiled, "folder", lambda: folder)
        precompile.build()
    return folder


def read_toml(path: Path) -> dict:
    """A TOML file's contents (``tomllib`` from Python 3.11, ``tomli`` before)."""
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib
    return tomllib.loads(Path(path).read_text("utf-8"))


# --- A throwaway PostgreSQL server (Debian's `postgresql` package, see `make system-deps`) ---

#: Where Debian installs the server binaries, one folder per major version.
POSTGRES_BINARIES = "/usr/lib/postgresql/*/bin"
#: The cluster's superuser, the login in the URLs the fixtures hand out.
POSTGRES_USER = "postgres"


def _postgres_bin() -> Path | None:
    """The newest folder holding Debian's initdb and pg_ctl, or None."""
    import glob

    found = [Path(p) for p in glob.glob(POSTGRES_BINARIES) if (Path(p) / "pg_ctl").exists()]
    return max(found, key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0, default=None)


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _unavailable(reason: str) -> None:
    """On CI (CI=true) a PostgreSQL test must run, so the fixture fails; elsewhere it skips."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"PostgreSQL is required on CI: {reason}", pytrace=False)
    pytest.skip(f"no PostgreSQL server: {reason}")


@pytest.fixture(scope="module")
def postgres_server():
    """A real PostgreSQL server for the tests of one module; yields its TCP port.

    Each pytest-xdist worker gets its own cluster in its own temp folder on a free port.
    The server listens on 127.0.0.1 only, with no Unix socket, and trusts logins from
    127.0.0.1 (pg_hba.conf below). PostgreSQL refuses to run as root, so under root the
    cluster belongs to Debian's ``postgres`` system user and its commands run through runuser.
    """
    import shutil
    import subprocess
    import tempfile

    bin_dir = _postgres_bin()
    if bin_dir is None:
        _unavailable(f"no initdb/pg_ctl under {POSTGRES_BINARIES} (apt-get install postgresql)")
    as_root = os.geteuid() == 0
    if as_root:
        import pwd

        try:
            pwd.getpwnam(POSTGRES_USER)
        except KeyError:
            _unavailable(f"running as root, and there is no {POSTGRES_USER!r} user to run the server")
        if shutil.which("runuser") is None:
            _unavailable("running as root, and there is no runuser to run the server as postgres")
    prefix = ["runuser", "-u", POSTGRES_USER, "--"] if as_root else []
    # Not under pytest's tmp_path: its parents are private to root, where `postgres` cannot reach.
    base = Path(tempfile.mkdtemp(prefix="pytest-postgres-"))
    data, log = base / "data", base / "server.log"

    def run(*args, **kwargs):
        return subprocess.run([*prefix, str(bin_dir / args[0]), *args[1:]], cwd=base, capture_output=True,
                              text=True, timeout=120, **kwargs)

    def server_log() -> str:
        return log.read_text(errors="replace") if log.exists() else "(no server log)"

    started = False
    try:
        if as_root:
            shutil.chown(base, user=POSTGRES_USER, group=POSTGRES_USER)
        # --no-sync: a throwaway cluster need not survive a crash; UTF8 for the roster's Chinese names.
        done = run("initdb", "-D", str(data), "-U", POSTGRES_USER, "--auth=trust", "--no-locale",
                   "--encoding=UTF8", "--no-sync")
        if done.returncode != 0:
            _unavailable(f"initdb failed:\n{done.stdout}{done.stderr}")
        # Only TCP logins from this machine, without a password.
        (data / "pg_hba.conf").write_text("host all all 127.0.0.1/32 trust\n")
        with (data / "postgresql.conf").open("a") as conf:
            conf.write("listen_addresses = '127.0.0.1'\n"   # loopback only
                       "unix_socket_directories = ''\n"     # no socket file anywhere
                       "fsync = off\n")                     # speed over durability: the data is thrown away
        for _attempt in range(3):  # another process may take the free port before the server binds it
            port = _free_port()
            log.unlink(missing_ok=True)  # keep the log of the last attempt only
            done = run("pg_ctl", "-D", str(data), "-l", str(log), "-o", f"-p {port}", "-w", "-t", "60", "start",
                       start_new_session=True)
            if done.returncode == 0 or "Address already in use" not in server_log():
                break
        if done.returncode != 0:
            _unavailable(f"pg_ctl start failed:\n{done.stdout}{done.stderr}\n{server_log()}")
        started = True
        yield port
    finally:
        if started:
            run("pg_ctl", "-D", str(data), "-m", "fast", "-w", "stop")
        shutil.rmtree(base, ignore_errors=True)


_databases = itertools.count(1)


@pytest.fixture
def postgres_url(postgres_server) -> str:
    """A SQLAlchemy URL of a new, empty database on the module's PostgreSQL server."""
    import psycopg2

    name = f"gradebook_{next(_databases)}"
    connection = psycopg2.connect(host="127.0.0.1", port=postgres_server, user=POSTGRES_USER, dbname="postgres")
    try:
        connection.autocommit = True  # CREATE DATABASE cannot run inside a transaction
        with connection.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{name}"')
    finally:
        connection.close()
    # The driver is named: SQLAlchemy 2.1 reads a bare postgresql:// as psycopg 3, not installed here.
    return f"postgresql+psycopg2://{POSTGRES_USER}@127.0.0.1:{postgres_server}/{name}"


# --- Throwaway Unix accounts (the class server's tests; need root, as on CI) ---

@contextlib.contextmanager
def unix_users(count: int, prefix: str = "sat"):
    """``count`` new Unix accounts with random names and passwords; yields [(login, password)].

    They are removed afterwards with their homes and anything they still run, also on failure.
    """
    import secrets

    from autograder.hub import accounts

    if os.geteuid() != 0:
        _unavailable_as("creating Unix accounts needs root")
    made: list[tuple[str, str]] = []
    try:
        for n in range(count):
            login = f"{prefix}{secrets.token_hex(3)}{n}"
            made.append((login, accounts.create_account(login, f"test account {n}")))
        yield made
    finally:
        for login, _ in made:
            accounts.remove_account(login)


def _unavailable_as(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"required on CI: {reason}", pytrace=False)
    pytest.skip(reason)


def shared_tmp() -> Path:
    """A new folder every account can pass through (pytest's tmp_path is private to root)."""
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="pytest-hub-"))
    folder.chmod(0o755)
    return folder


@contextlib.contextmanager
def running_hub(command: list[str], log: Path):
    """The class server's one command, until it answers; stopped (SIGTERM, then the group) at the end."""
    import subprocess

    from autograder.hub.client import stop_hub, wait_for_hub

    port = command[command.index("--port") + 1]
    with log.open("a") as out:
        hub = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        wait_for_hub(f"http://127.0.0.1:{port}", timeout=300, alive=lambda: hub.poll() is None)
        yield f"http://127.0.0.1:{port}"
    finally:
        stop_hub(hub)


def _open_checkout() -> list[tuple[Path, int]]:
    """Let throwaway accounts pass through the folders above this checkout; returns what changed.

    The class server runs each student's server as the student, from the course's environment
    (a school installs the course under /srv or /opt, and the hub refuses a private folder). A
    checkout inside a private folder (a clone under /root, mode 0700) gets o+x (pass through,
    not list) on the folders that block it for the test run, and their modes back at its end.
    """
    import stat

    from autograder.hub.permissions import unreachable

    opened: list[tuple[Path, int]] = []
    if os.geteuid() == 0:
        for path in (ROOT, Path(sys.prefix)):
            while (blocked := unreachable(path)) is not None:
                mode = stat.S_IMODE(blocked.stat().st_mode)
                opened.append((blocked, mode))
                blocked.chmod(mode | stat.S_IXOTH)
    return opened


def pytest_configure(config):
    # Once per run, in the controlling process (pytest-xdist's workers have ``workerinput``),
    # so no worker closes a folder another worker's students still need.
    if not hasattr(config, "workerinput"):
        config._opened_folders = _open_checkout()


def pytest_unconfigure(config):
    for folder, mode in reversed(getattr(config, "_opened_folders", [])):
        folder.chmod(mode)
