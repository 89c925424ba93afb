"""The class server's configuration: JupyterHub's, and what the student and teacher servers read.

:class:`HubSettings` is everything one hub needs, saved as ``hub.json`` in the hub's state
folder; the generated ``jupyterhub_config.py`` is two lines calling :func:`configure` with
it. :func:`write_server_configs` writes the folders the servers read through
``JUPYTER_CONFIG_PATH`` (no secrets in them; students can read theirs):

- ``student/``: nbgrader's course id and exchange, private submissions, fetched assignments
  in ``~/exercises``; JupyterLab's settings overrides (zh-CN interface for the zh course).
- ``teacher/``: the same plus the course folder as nbgrader's root (the formgrader and
  ``nbgrader``/``python -m autograder`` in the teacher's terminal work on it).

The hub's database is SQLite in the state folder unless ``hub_db_url`` names PostgreSQL; the
course's gradebook is whatever the course's nbgrader_config.py says (``init --db-url``).
"""
from __future__ import annotations

import json
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

#: The repository's lessons (copied into each student's home).
REPO_LESSONS = Path(__file__).resolve().parents[2] / "lessons"
#: The course's JupyterLab settings per edition, the ones `make lab` uses (jupyter/lab/<edition>/):
#: no news toast, the kernel shut down with its notebook, the interface in the edition's language.
LAB_SETTINGS = Path(__file__).resolve().parents[2] / "jupyter" / "lab"
EDITIONS = {"zh": "zh-CN", "en": "en"}
#: nbgrader's teacher-side parts, switched off in students' servers (interface and server).
TEACHER_ONLY_PLUGINS = ("@jupyter/nbgrader:create-assignment", "@jupyter/nbgrader:course-list",
                        "@jupyter/nbgrader:formgrader")
TEACHER_ONLY_EXTENSIONS = ("nbgrader.server_extensions.formgrader", "nbgrader.server_extensions.course_list")

JUPYTERHUB_CONFIG = '''\
"""JupyterHub configuration of this class server (written by `python -m autograder hub`)."""
from autograder.hub.config import configure

configure(c, {settings!r})  # noqa: F821 - c is given by JupyterHub
'''


@dataclass
class HubSettings:
    """One class server's settings (see the launcher for their defaults)."""

    course_dir: str
    course_id: str
    exchange: str
    teacher: str
    students: list[str]
    state_dir: str
    lang: str = "zh"
    ip: str = "0.0.0.0"
    port: int = 8000
    hub_port: int = 8081
    proxy_api_port: int = 8001
    proxy: str = ""                     # configurable-http-proxy's executable
    python: str = sys.executable        # the Python of students' servers (autograder/hub/runtime.py)
    library_path: str = ""              # LD_LIBRARY_PATH that Python needs ("" = none)
    hub_db_url: str = ""                # "" = SQLite in the state folder
    mem_limit: str = "1G"               # per student server; "" = none
    cpu_limit: float = 1.0              # cores per student server; 0 = none
    cull_idle_seconds: int = 3600       # stop a server idle this long; 0 = never
    lessons: str = str(REPO_LESSONS)
    extra: dict = field(default_factory=dict)

    @property
    def state(self) -> Path:
        return Path(self.state_dir)

    def index_lesson(self) -> str:
        return f"lessons/00-index.{'zh-CN' if self.lang == 'zh' else 'en'}.ipynb"

    def save(self) -> Path:
        path = self.state / "hub.json"
        path.write_text(json.dumps(asdict(self), ensure_ascii=False, indent=2), "utf-8")
        path.chmod(0o600)
        return path

    @classmethod
    def load(cls, path: Path) -> "HubSettings":
        return cls(**json.loads(Path(path).read_text("utf-8")))


def nbgrader_config(settings: HubSettings, teacher: bool) -> str:
    lines = [
        '"""nbgrader settings of the class server (written by `python -m autograder hub`)."""',
        "c = get_config()  # noqa: F821",
        f"c.CourseDirectory.course_id = {settings.course_id!r}",
        f"c.Exchange.root = {settings.exchange!r}",
        "# Fetched assignments go to ~/exercises, where the index lesson's links point.",
        "import os  # noqa: E402",
        'c.Exchange.assignment_dir = os.path.expanduser("~/exercises")',
        "# Submissions readable by their student and the teacher only (autograder/hub/exchange.py).",
        'c.ExchangeFactory.submit = "autograder.hub.exchange.PrivateSubmit"',
    ]
    if teacher:
        lines += [f"c.CourseDirectory.root = {settings.course_dir!r}",
                  f"c.Exchange.assignment_dir = {settings.course_dir!r}"]
    return "\n".join(lines) + "\n"


def lab_overrides(settings: HubSettings) -> dict:
    """The course's shipped JupyterLab settings for the course's edition."""
    return json.loads((LAB_SETTINGS / EDITIONS[settings.lang] / "overrides.json").read_text("utf-8"))


def write_server_configs(settings: HubSettings) -> dict[str, Path]:
    """Write ``student/`` and ``teacher/`` config folders (0755, files 0644); returns them by role."""
    folders = {}
    for role in ("student", "teacher"):
        folder = settings.state / role
        (folder / "lab-settings").mkdir(parents=True, exist_ok=True)
        (folder / "nbgrader_config.py").write_text(nbgrader_config(settings, role == "teacher"), "utf-8")
        server = {"LabApp": {"app_settings_dir": str(folder / "lab-settings")},
                  # Kernels a student left running are stopped after 20 idle minutes.
                  "MappingKernelManager": {"cull_idle_timeout": 1200, "cull_interval": 120}}
        # No language servers are installed; jupyter-lsp would look for them (npm, node) at every start.
        server["ServerApp"] = {"jpserver_extensions": {"jupyter_lsp": False},
                               # unrun lessons open unmodified, as with `make lab` (autograder/lab.py)
                               "contents_manager_class": "autograder.lab.CourseContentsManager"}
        if role == "student":
            server["ServerApp"]["jpserver_extensions"].update({name: False for name in TEACHER_ONLY_EXTENSIONS})
            (folder / "labconfig").mkdir(exist_ok=True)
            (folder / "labconfig" / "page_config.json").write_text(json.dumps(
                {"disabledExtensions": {name: True for name in TEACHER_ONLY_PLUGINS}}, indent=1), "utf-8")
        (folder / "jupyter_server_config.json").write_text(json.dumps(server, indent=1), "utf-8")
        (folder / "lab-settings" / "overrides.json").write_text(
            json.dumps(lab_overrides(settings), ensure_ascii=False, indent=1), "utf-8")
        for path in [folder, *folder.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)
        folders[role] = folder
    return folders


def write_hub_config(settings: HubSettings) -> Path:
    """hub.json and jupyterhub_config.py in the state folder (root's, 0600)."""
    saved = settings.save()
    path = settings.state / "jupyterhub_config.py"
    path.write_text(JUPYTERHUB_CONFIG.format(settings=str(saved)), "utf-8")
    path.chmod(0o600)
    return path


def _pre_spawn(settings: HubSettings):
    from .homes import prepare_home

    def hook(spawner):
        name = spawner.user.name
        role = "teacher" if name == settings.teacher else "student"
        spawner.environment["JUPYTER_CONFIG_PATH"] = str(settings.state / role)
        if role == "teacher":
            spawner.notebook_dir = settings.course_dir
            spawner.mem_limit = spawner.cpu_limit = None  # the teacher grades the class: no cap
        else:
            prepare_home(name, Path(settings.lessons), settings.index_lesson())
            spawner.notebook_dir = "~"

    return hook


def configure(c, hub_json: str) -> None:
    """Fill JupyterHub's config ``c`` from the saved settings (called by jupyterhub_config.py)."""
    settings = HubSettings.load(Path(hub_json))
    state, python = settings.state, Path(settings.python)
    c.JupyterHub.bind_url = f"http://{settings.ip}:{settings.port}/"
    c.JupyterHub.hub_bind_url = f"http://127.0.0.1:{settings.hub_port}"
    c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{settings.proxy_api_port}"
    c.ConfigurableHTTPProxy.command = [settings.proxy]
    c.JupyterHub.db_url = settings.hub_db_url or f"sqlite:///{state / 'jupyterhub.sqlite'}"
    c.JupyterHub.cookie_secret_file = str(state / "jupyterhub_cookie_secret")
    c.JupyterHub.pid_file = str(state / "jupyterhub.pid")
    # Logins: the roster's students and the teacher, with their Unix passwords (PAM).
    c.JupyterHub.authenticator_class = "pam"
    c.PAMAuthenticator.open_sessions = False
    c.Authenticator.allowed_users = {*settings.students, settings.teacher}
    c.Authenticator.admin_users = {settings.teacher}
    # Servers: each user's own process, as that user, inside its memory/CPU limits.
    c.JupyterHub.spawner_class = "autograder.hub.limits.LimitedSpawner"
    c.Spawner.cmd = [str(python), "-m", "jupyterhub.singleuser"]
    c.Spawner.default_url = "/lab"
    c.Spawner.mem_limit = settings.mem_limit or None
    c.Spawner.cpu_limit = settings.cpu_limit or None
    c.Spawner.environment = {"PYTHONUTF8": "1", "PATH": f"{python.parent}:/usr/local/bin:/usr/bin:/bin",
                             **({"LD_LIBRARY_PATH": settings.library_path} if settings.library_path else {})}
    # A class logging in at once on a small server waits for its turn rather than failing (30 at once on
    # 2 busy cores took minutes, see benchmarks/hub_load.py).
    c.Spawner.start_timeout = c.Spawner.http_timeout = 600
    c.Spawner.pre_spawn_hook = _pre_spawn(settings)
    # Stopping: servers and the culler get a few seconds after SIGINT (not JupyterHub's 10 + 5 + 5).
    c.LocalProcessSpawner.interrupt_timeout = 3
    # Idle servers stopped (jupyterhub-idle-culler, a hub service with only the rights it needs).
    if settings.cull_idle_seconds:
        c.JupyterHub.services = [{"name": "idle-culler", "command": [
            sys.executable, "-m", "jupyterhub_idle_culler", f"--timeout={settings.cull_idle_seconds}",
            f"--cull-every={max(30, settings.cull_idle_seconds // 10)}"]}]
        c.JupyterHub.load_roles = [{"name": "idle-culler", "services": ["idle-culler"], "scopes": [
            "list:users", "read:users:activity", "read:servers", "delete:servers"]}]
    for key, value in settings.extra.items():  # e.g. {"JupyterHub.concurrent_spawn_limit": 50}
        section, name = key.rsplit(".", 1)
        setattr(getattr(c, section), name, value)
