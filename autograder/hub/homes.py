"""What a student's home holds when their server starts: the lessons and the opening layout.

On every start (as root, before the server runs as the student) the course's lessons are
copied into ``~/lessons`` when missing (a student's own edits are never overwritten; a lesson
added to the course later appears), ``~/exercises`` is made for nbgrader's fetched
assignments (where the index lesson's links point), and, the first time only, JupyterLab's
default workspace opens the index lesson beside nbgrader's Assignments tab.
"""
from __future__ import annotations

import json
import os
import pwd
import shutil
from pathlib import Path

#: JupyterLab's restorer key of nbgrader's assignment list (its lab extension's tracker namespace).
ASSIGNMENTS = "nbgrader-assignment-list:nbgrader-assignment-list"
#: Where JupyterLab keeps a user's workspaces (LabApp.workspaces_dir's default).
WORKSPACES = Path(".jupyter", "lab", "workspaces")


def workspace(first: str) -> dict:
    """JupyterLab's default workspace: the notebook ``first`` (relative path) and the Assignments tab."""
    notebook = f"notebook:{first}"
    return {
        "data": {
            "layout-restorer:data": {
                "main": {"dock": {"type": "tab-area", "currentIndex": 0, "widgets": [notebook, ASSIGNMENTS]},
                         "current": notebook},
                "down": {"size": 0, "widgets": []},
                "left": {"collapsed": False, "visible": True, "current": "filebrowser"},
            },
            notebook: {"data": {"path": first, "factory": "Notebook"}},
            ASSIGNMENTS: {"data": {}},
        },
        "metadata": {"id": "default"},
    }


def _give(path: Path, user: pwd.struct_passwd) -> None:
    os.chown(path, user.pw_uid, user.pw_gid, follow_symlinks=False)


def prepare_home(login: str, lessons: Path, first: str) -> Path:
    """Fill ``login``'s home as the module says; returns the home. ``first``: the notebook to open."""
    user = pwd.getpwnam(login)
    home = Path(user.pw_dir)
    target = home / "lessons"
    for folder in (target, home / "exercises"):
        if not folder.exists():
            folder.mkdir(mode=0o700)
            _give(folder, user)
    for lesson in sorted(Path(lessons).glob("*.ipynb")):
        copy = target / lesson.name
        if not copy.exists():
            shutil.copyfile(lesson, copy)
            os.chmod(copy, 0o600)
            _give(copy, user)
    _first_workspace(home, user, first)
    return home


def _first_workspace(home: Path, user: pwd.struct_passwd, first: str) -> None:
    from jupyterlab_server.workspaces_handler import WorkspacesManager

    folder = home / WORKSPACES
    if folder.exists() and any(folder.iterdir()):
        return  # the student's own layout from now on
    created = [p for p in (home / ".jupyter", home / ".jupyter" / "lab", folder) if not p.exists()]
    folder.mkdir(parents=True, exist_ok=True)
    WorkspacesManager(str(folder)).save("default", json.dumps(workspace(first)))
    for path in [*created, *folder.iterdir()]:
        _give(path, user)
