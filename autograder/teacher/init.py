"""``init``: create a course directory from a roster, all or nothing.

The roster is checked first (:mod:`autograder.teacher.roster`); any problem stops
``init`` before a file is written. The course is built in a hidden temporary
folder beside the target and renamed into place only when complete, so a
failure never leaves half a course behind.

The gradebook is SQLite inside the course folder unless ``db_url`` names another
database, e.g. ``postgresql+psycopg2://grader@db.school.example/course`` to share it
between graders (name the driver: the course installs psycopg2, and SQLAlchemy 2.1
reads a bare ``postgresql://`` as psycopg 3). Such a gradebook must be reachable and
hold no students or assignments yet; if ``init`` fails after writing to it, it
removes what it wrote, leaving the gradebook empty again.
"""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from ..course import REPO_SOURCE, Course
from ..hub.permissions import close_course, inside, make_exchange
from .roster import check_assignments, load_roster
from .texts import DEFAULT_LANG, LANGS


CONFIG_TEMPLATE = '''\
"""nbgrader settings of this course (written by `python -m autograder init`)."""
c = get_config()  # noqa: F821

c.CourseDirectory.course_id = {course_id!r}
# The gradebook (a SQLAlchemy URL): SQLite in this folder, or a PostgreSQL URL such as
# "postgresql+psycopg2://USER@HOST:5432/DATABASE" to share it between graders.
c.CourseDirectory.db_url = {db_url!r}
c.CourseDirectory.include = ["*.ipynb", "*.csv", "*.txt"]
# Seconds one cell may run while autograding.
c.Execute.timeout = 60
# Where `nbgrader release_assignment` / `collect` exchange files (mode 1777, as nbgrader
# documents): a folder of this course by default, or the server's (init --exchange DIR).
import os  # noqa: E402
c.Exchange.root = {exchange_root}
# On a server with an account per student (autograder/hub/exchange.py): collect only submissions
# made by the account they name, filed by the roster; released feedback readable by its student.
c.ExchangeFactory.collect = "autograder.hub.exchange.RosterCollect"
c.ExchangeFactory.release_feedback = "autograder.hub.exchange.ReadableReleaseFeedback"
# Answer placeholders in each notebook's language (# 在此作答 in zh-CN, # YOUR CODE HERE in en),
# for `nbgrader generate_assignment` as for `python -m autograder init`.
from autograder.authoring.stubs import use_edition_stubs  # noqa: E402
use_edition_stubs(c)
# Feedback (`nbgrader generate_feedback` too): hidden tests removed, failures explained
# in the notebook's language, none of the grader's file paths shown.
from autograder.teacher.explain import use_explained_feedback  # noqa: E402
use_explained_feedback(c)
'''

COURSE_TOML = '''\
# Settings of the teacher's pipeline (python -m autograder).
[course]
lang = {lang!r}     # the teacher's language of messages and reports: "zh" or "en" (--lang overrides)

[peer]
weight = 5.0      # points the peer evaluation adds to each member's assignment score
max_score = 10.0  # top of the rating scale in peer/<assignment>.csv
'''


#: The default gradebook: SQLite in the course folder (a relative path is taken from the folder).
DEFAULT_DB_URL = "sqlite:///gradebook.db"
#: The exchange's place in nbgrader_config.py when it is the course's own folder.
COURSE_EXCHANGE = 'os.path.join(os.path.dirname(os.path.abspath(__file__)), "exchange")'


def _outside_course(db_url: str) -> bool:
    """Whether the gradebook lives outside the course folder (a server, or an absolute SQLite path)."""
    return not (db_url.startswith("sqlite:///") and not db_url.startswith("sqlite:////"))


def _check_shared_gradebook(db_url: str) -> None:
    """Raise ValueError unless the gradebook at ``db_url`` opens and holds no students or assignments.

    Opening it creates nbgrader's (empty) tables when missing. An empty gradebook is what
    lets :func:`_empty_gradebook` undo a failed ``init`` without touching anyone else's data.
    """
    from nbgrader.api import Gradebook
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import SQLAlchemyError

    try:
        shown = make_url(db_url).render_as_string(hide_password=True)
    except SQLAlchemyError as error:
        raise ValueError(f"db_url {db_url!r} is not a database URL: {error}") from None
    try:
        with Gradebook(db_url) as gb:
            held = len(gb.students), len(gb.assignments)
    except ImportError as error:  # the URL names (or defaults to) a driver that is not installed
        raise ValueError(f"cannot open the gradebook {shown}: {error}; the course installs psycopg2, "
                         "so write postgresql+psycopg2://...") from None
    except SQLAlchemyError as error:  # unreachable server, wrong login, no such database
        raise ValueError(f"cannot open the gradebook {shown}: {error}") from None
    if any(held):
        raise ValueError(f"the gradebook {shown} already holds {held[0]} students and {held[1]} "
                         "assignments; give init an empty database")


def _empty_gradebook(db_url: str) -> None:
    """Remove every assignment and student from the gradebook (undo of a failed ``init``)."""
    from nbgrader.api import Gradebook

    with Gradebook(db_url) as gb:
        for assignment in gb.assignments:
            gb.remove_assignment(assignment.name)
        for student in gb.students:
            gb.remove_student(student.id)


def init_course(target: Path, roster: Path, assignments: list[str] | None = None,
                course_id: str = "satisfaction-101", source: Path = REPO_SOURCE,
                db_url: str = DEFAULT_DB_URL, lang: str = DEFAULT_LANG, exchange: Path | None = None) -> Course:
    """Create ``target`` as a ready course; returns it. Raises on any problem, writing nothing.

    ``db_url``: the gradebook, written into the course's nbgrader_config.py (see the module docstring);
    ``lang``: the teacher's language (``[course] lang`` in course.toml).
    ``exchange``: nbgrader's exchange for a whole server (e.g. /srv/nbgrader/exchange), created
    or fixed to mode 1777; by default the course's own ``exchange/``. Either way students'
    accounts reach the exchange and nothing else of the course (:mod:`autograder.hub.permissions`).
    """
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}; got {lang!r}")
    target = Path(target).resolve()
    students = load_roster(roster)
    if target.exists() and any(target.iterdir()):
        raise ValueError(f"{target} exists and is not empty; choose a new folder")
    if exchange is not None and inside(exchange, target):
        raise ValueError(f"--exchange {exchange} is inside the new course folder; leave it out to use "
                         "the course's own exchange/, or give a folder outside it")
    available = sorted(p.name for p in Path(source).iterdir() if p.is_dir())
    chosen = assignments or available
    unknown = [a for a in chosen if a not in available]
    if unknown:
        raise ValueError(f"unknown assignment(s) {unknown}; available in {source}: {available}")
    check_assignments(students, available, Path(roster).name)
    shared = _outside_course(db_url)
    if shared:
        _check_shared_gradebook(db_url)
    target.parent.mkdir(parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        exchange_root = COURSE_EXCHANGE if exchange is None else repr(str(Path(exchange).resolve()))
        config = CONFIG_TEMPLATE.format(course_id=course_id, db_url=db_url, exchange_root=exchange_root)
        (building / "nbgrader_config.py").write_text(config, "utf-8")
        (building / "course.toml").write_text(COURSE_TOML.format(lang=lang), "utf-8")
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
        close_course(building, building / "exchange" if exchange is None else make_exchange(exchange))
        if target.exists():
            target.rmdir()
        building.rename(target)
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        if shared:
            _empty_gradebook(db_url)
        raise
    return Course(target)
