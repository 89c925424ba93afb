"""The Python the students' servers run: the course's own environment, reachable by every account.

Students' servers run as the students, so the course's environment (``.venv``) and the
interpreter it was made from must be readable by them. A virtual environment made from an
interpreter in a private folder (e.g. pyenv under ``/root``, mode 0700) is not. Then the
hub builds a *view* in its state folder: a copy of that interpreter (the same build and
version: its standard library without ``site-packages`` and tests, its shared library),
and a virtual environment of it whose ``site-packages``, ``share`` and ``etc`` are links to
the course environment's, so the same packages, JupyterLab extensions and server settings
are used, nothing installed twice. (The system's own Python is not a substitute: Debian
12's 3.11.2 runs some of the same packages differently, e.g. soupsieve's selectors fail.)
The copy's shared library is found through ``LD_LIBRARY_PATH``, which the servers get.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

from ..teacher.texts import Message, Problem
from .permissions import unreachable

#: Parts of the interpreter's standard library a server never needs (and the size of the copy).
NOT_COPIED = ("site-packages", "test", "idlelib", "tkinter", "turtledemo", "ensurepip", "__pycache__")


class RuntimeProblem(Problem):
    """No Python the students' accounts can run; the message says what to do."""


def _reachable(path: Path) -> bool:
    return unreachable(path) is None


def student_python(state: Path) -> tuple[Path, str]:
    """The interpreter for students' servers and the LD_LIBRARY_PATH it needs ("" for none):
    this one when every account can run it, else a view (see the module doc)."""
    here = Path(sys.executable)
    if _reachable(here.resolve()) and _reachable(Path(sys.prefix)) and _reachable(Path(sys.base_prefix)):
        return here, ""
    if not _reachable(Path(sys.prefix)):
        raise RuntimeProblem(Message("hub_env_unreachable", {"prefix": sys.prefix,
                                                             "blocked": unreachable(Path(sys.prefix))}))
    base = _copy_interpreter(Path(state) / "python-base")
    return _view(base, Path(state) / "python"), str(base.parent.parent / "lib")


def _copy_interpreter(target: Path) -> Path:
    """The running interpreter's build copied to ``target`` (once per version); its executable."""
    version = f"{sys.version_info.major}.{sys.version_info.minor}"
    source, marker = Path(sys.base_prefix), target / "VERSION"
    executable = target / "bin" / f"python{version}"
    if marker.exists() and marker.read_text() == sys.version and executable.exists():
        return executable
    shutil.rmtree(target, ignore_errors=True)
    (target / "bin").mkdir(parents=True)
    shutil.copy2(Path(sys._base_executable).resolve(), executable)
    (target / "lib").mkdir()
    for library in (source / "lib").glob(f"libpython{version}*.so*"):
        shutil.copy2(library, target / "lib" / library.name, follow_symlinks=True)
    shutil.copytree(source / "lib" / f"python{version}", target / "lib" / f"python{version}",
                    ignore=shutil.ignore_patterns(*NOT_COPIED), symlinks=True)
    marker.write_text(sys.version)
    for path in [target, *target.rglob("*")]:
        if not path.is_symlink():
            path.chmod(0o755 if path.is_dir() or path == executable else 0o644)
    return executable


def _view(base: Path, view: Path) -> Path:
    env = {**os.environ, "LD_LIBRARY_PATH": str(base.parent.parent / "lib")}
    ours, marker, python = Path(sysconfig.get_paths()["purelib"]), view / "VIEW", view / "bin" / "python"
    made = "\n".join([sys.version, str(ours), *sorted(p.name for p in (Path(sys.prefix) / "bin").iterdir())])
    if marker.exists() and marker.read_text() == made and python.exists():
        return python  # made by an earlier start for this same environment
    shutil.rmtree(view, ignore_errors=True)
    subprocess.run([str(base), "-m", "venv", "--without-pip", str(view)], check=True, capture_output=True, env=env)
    theirs = Path(subprocess.run([str(view / "bin" / "python"), "-c",
                                  "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                 check=True, capture_output=True, text=True, env=env).stdout.strip())
    shutil.rmtree(theirs)
    theirs.symlink_to(ours, target_is_directory=True)
    for folder in ("share", "etc"):
        if (Path(sys.prefix) / folder).is_dir():
            (view / folder).symlink_to(Path(sys.prefix) / folder, target_is_directory=True)
    _scripts(Path(sys.prefix) / "bin", view / "bin", python)
    check = subprocess.run([str(python), "-c", "import jupyterhub.singleuser, nbgrader, satisfaction, autograder, sys;"
                            f"assert sys.version == {sys.version!r}"], capture_output=True, text=True, env=env)
    if check.returncode != 0:
        raise RuntimeProblem(Message("hub_copy_broken", {"base": sys.base_prefix, "error": check.stderr[-2000:]}))
    marker.write_text(made)
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
