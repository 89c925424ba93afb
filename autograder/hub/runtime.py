"""The Python the students' servers run: the course's own environment, reachable by every account.

Students' servers run as the students, so the course's environment (``.venv``) and the
interpreter it was made from must be readable by them. A virtual environment made from an
interpreter in a private folder (e.g. pyenv under ``/root``, mode 0700) is not. Then the
hub builds a *view* in its state folder: a virtual environment of the system's Python of
the same version (``/usr/bin/python3.11``: same ABI, so the same compiled packages) whose
``site-packages``, ``share`` and ``etc`` are links to the course environment's, so the same
packages, JupyterLab extensions and server settings are used, nothing installed twice.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

from .permissions import unreachable

#: Where a system's Python lives (the interpreter of a view).
SYSTEM_BIN = "/usr/local/bin:/usr/bin"


class RuntimeProblem(RuntimeError):
    """No Python the students' accounts can run; the message says what to do."""


def _reachable(path: Path) -> bool:
    return unreachable(path) is None


def student_python(state: Path) -> Path:
    """The interpreter for students' servers: this one when every account can run it, else a view."""
    here = Path(sys.executable)
    if _reachable(here.resolve()) and _reachable(Path(sys.prefix)) and _reachable(Path(sys.base_prefix)):
        return here
    if not _reachable(Path(sys.prefix)):
        raise RuntimeProblem(f"the course's environment {sys.prefix} is in a folder other accounts cannot "
                             f"pass through ({unreachable(Path(sys.prefix))}); clone the course under /srv or /opt")
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    base = shutil.which(version, path=SYSTEM_BIN)
    if base is None or not _reachable(Path(base).resolve()):
        raise RuntimeProblem(f"{sys.executable} comes from {sys.base_prefix}, which other accounts cannot "
                             f"reach, and there is no system {version} to run the course's packages with: "
                             f"install {version} (apt-get install {version}) or make the environment with it")
    return _view(Path(base), Path(state) / "python")


def _view(base: Path, view: Path) -> Path:
    shutil.rmtree(view, ignore_errors=True)
    subprocess.run([str(base), "-m", "venv", "--without-pip", str(view)], check=True, capture_output=True)
    ours = Path(sysconfig.get_paths()["purelib"])
    theirs = Path(subprocess.run([str(view / "bin" / "python"), "-c",
                                  "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                 check=True, capture_output=True, text=True).stdout.strip())
    shutil.rmtree(theirs)
    theirs.symlink_to(ours, target_is_directory=True)
    for folder in ("share", "etc"):
        if (Path(sys.prefix) / folder).is_dir():
            (view / folder).symlink_to(Path(sys.prefix) / folder, target_is_directory=True)
    python = view / "bin" / "python"
    _scripts(Path(sys.prefix) / "bin", view / "bin", python)
    check = subprocess.run([str(python), "-c", "import jupyterhub.singleuser, nbgrader, satisfaction, autograder"],
                           capture_output=True, text=True)
    if check.returncode != 0:
        raise RuntimeProblem(f"{base} cannot run the course's packages:\n{check.stderr[-2000:]}")
    return python


def _scripts(ours: Path, theirs: Path, python: Path) -> None:
    """The environment's commands (nbgrader, jupyter, ...) again in the view, run by its Python."""
    for script in ours.iterdir():
        target = theirs / script.name
        if target.exists() or not script.is_file():
            continue
        with script.open("rb") as f:
            first = f.readline()
        if first.startswith(b"#!") and first[2:].strip().startswith(str(ours).encode()):
            body = script.read_bytes().split(b"\n", 1)[1]
            target.write_bytes(b"#!" + str(python).encode() + b"\n" + body)
            target.chmod(0o755)
