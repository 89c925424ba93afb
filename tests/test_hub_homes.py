"""A student's home on first login: the lessons (never over their edits) and the opening layout."""
from __future__ import annotations

import json
import os

import pytest

from autograder.hub.config import REPO_LESSONS
from autograder.hub.homes import ASSIGNMENTS, WORKSPACES, prepare_home, workspace
from conftest import unix_users

pytestmark = pytest.mark.skipif(os.geteuid() != 0, reason="homes of other accounts need root")
FIRST = "lessons/00-index.zh-CN.ipynb"


def test_the_workspace_opens_the_index_beside_the_assignments_tab():
    layout = workspace(FIRST)["data"]
    dock = layout["layout-restorer:data"]["main"]["dock"]
    assert dock["widgets"] == [f"notebook:{FIRST}", ASSIGNMENTS]
    assert layout[f"notebook:{FIRST}"]["data"] == {"path": FIRST, "factory": "Notebook"}


def test_lessons_are_copied_once_and_a_students_edits_are_kept():
    with unix_users(1, prefix="home") as [(login, _)]:
        home = prepare_home(login, REPO_LESSONS, FIRST)
        lessons = sorted(p.name for p in (home / "lessons").iterdir())
        assert lessons == sorted(p.name for p in REPO_LESSONS.glob("*.ipynb"))
        mine = home / "lessons" / "01-identify.zh-CN.ipynb"
        assert mine.stat().st_uid == (home / "lessons").stat().st_uid == home.stat().st_uid
        assert oct(mine.stat().st_mode & 0o777) == "0o600"
        assert (home / "exercises").is_dir()
        saved = next((home / WORKSPACES).iterdir())
        assert json.loads(saved.read_text())["data"]["layout-restorer:data"]["main"]["current"] == f"notebook:{FIRST}"

        mine.write_text("my own notes")
        saved.write_text(json.dumps({"data": {}, "metadata": {"id": "default"}}))
        prepare_home(login, REPO_LESSONS, FIRST)
        assert mine.read_text() == "my own notes"
        assert json.loads(saved.read_text())["data"] == {}  # the student's layout from now on
