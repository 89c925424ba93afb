"""``init``: create a course directory from a roster, all or nothing.

The roster is checked first (:mod:`autograder.roster`); any problem stops
``init`` before a file is written. The course is built in a hidden temporary
folder beside the target and renamed into place only when complete, so a
failure never leaves half a course behind.
"""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from .course import Course
from .roster import load_roster

#: The repository's instructor assignments (used when no other source is given).
REPO_SOURCE = Path(__file__).resolve().parents[1] / "source"

CONFIG_TEMPLATE = '''\
"""nbgrader settings of this course (written by `python -m autograder init`)."""
c = get_config()  # noqa: F821

c.CourseDirectory.course_id = {course_id!r}
# The gradebook; replace with a PostgreSQL URL to share it between graders.
c.CourseDirectory.db_url = "sqlite:///gradebook.db"
c.CourseDirectory.include = ["*.ipynb", "*.csv", "*.txt"]
# Seconds one cell may run while autograding.
c.Execute.timeout = 60
# Where `nbgrader release_assignment` / `collect` exchange files. A folder of this
# course by default; on a shared JupyterHub set the hub's exchange folder here.
import os  # noqa: E402
c.Exchange.root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "exchange")
'''

COURSE_TOML = '''\
# Settings of the teacher's pipeline (python -m autograder).
[peer]
weight = 5.0      # points the peer evaluation adds to each member's assignment score
max_score = 10.0  # top of the rating scale in peer/<assignment>.csv
'''


def init_course(target: Path, roster: Path, assignments: list[str] | None = None,
                course_id: str = "satisfaction-101", source: Path = REPO_SOURCE) -> Course:
    """Create ``target`` as a ready course; returns it. Raises on any problem, writing nothing."""
    target = Path(target).resolve()
    students = load_roster(roster)
    if target.exists() and any(target.iterdir()):
        raise ValueError(f"{target} exists and is not empty; choose a new folder")
    available = sorted(p.name for p in Path(source).iterdir() if p.is_dir())
    chosen = assignments or available
    unknown = [a for a in chosen if a not in available]
    if unknown:
        raise ValueError(f"unknown assignment(s) {unknown}; available in {source}: {available}")
    target.parent.mkdir(parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        (building / "nbgrader_config.py").write_text(CONFIG_TEMPLATE.format(course_id=course_id), "utf-8")
        (building / "course.toml").write_text(COURSE_TOML, "utf-8")
        shutil.copyfile(roster, building / "roster.csv")
        for name in chosen:
            shutil.copytree(Path(source) / name, building / "source" / name)
        course = Course(building)
        with course.gradebook() as gb:
            for s in students:
                gb.update_or_create_student(s.student_id, first_name=s.first_name,
                                            last_name=s.last_name, email=s.email or None)
        api = course.api()
        for name in chosen:
            result = api.generate_assignment(name)
            if not result["success"]:
                raise RuntimeError(f"nbgrader generate_assignment {name} failed:\n{result.get('log', '')}")
        if target.exists():
            target.rmdir()
        building.rename(target)
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise
    return Course(target)
