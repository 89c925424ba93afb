"""A course directory: where things are, its settings, and nbgrader's API and gradebook for it.

Layout (nbgrader's, plus the roster, ``course.toml`` and our outputs)::

    course/
      nbgrader_config.py   nbgrader's settings (course id, timeout, db_url)
      course.toml          this pipeline's settings (see DEFAULTS)
      roster.csv           the checked roster
      source/<a>/          instructor assignments
      release/<a>/         student copies (nbgrader generate_assignment)
      submitted/<student>/<a>/   as nbgrader collect / zip_collect leave them
      autograded/, feedback/     nbgrader's outputs
      peer/<a>.csv         peer ratings between groups (optional)
      grades/<a>.csv       per-student scores written by ``grade``
      reports/<a>/         HTML report and figures
"""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from traitlets.config import Config
from traitlets.config.loader import PyFileConfigLoader

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

#: The repository's instructor assignments (a course's source when no other is given).
REPO_SOURCE = Path(__file__).resolve().parents[1] / "source"

#: Settings of ``course.toml``, with their defaults.
DEFAULTS = {
    "peer": {
        "weight": 5.0,      # points the peer evaluation adds to each member's assignment score
        "max_score": 10.0,  # top of the rating scale used in peer/<assignment>.csv
    },
    "grading": {
        "executor": "fork",   # "fork": sandboxed fork of a warm worker per submission; "nbgrader": its kernels
        "workers": 0,         # grading processes side by side; 0 = one per CPU core
        "feedback": True,     # write each student's feedback HTML right after grading
        # modules imported once, before any submission, of those the assignment's notebooks import
        # (numpy, pandas and satisfaction always: the tests' guard keeps them)
        "preload": ["numpy", "pandas", "matplotlib.pyplot", "satisfaction", "autograder.selfcheck"],
        "sandbox": "auto",    # "auto" (root: drop to sandbox_uid; else user namespaces), "root",
                              # "userns", or "off" (no isolation: trusted notebooks only)
        "sandbox_uid": 65534,  # uid/gid student code runs as when grading as root (65534 = nobody)
        "cell_timeout": 60,   # seconds one cell may run
        "cpu_seconds": 300,   # CPU seconds one notebook may use in all
        "memory_mb": 2048,    # memory one notebook may use beyond the warm worker's own
        "output_kb": 1024,    # output kept per cell, in KiB of text; the rest is cut
        "file_mb": 50,        # largest file a notebook may write
        "processes": 64,      # processes and threads the sandbox user may run
    },
}


@dataclass(frozen=True)
class Course:
    """Paths and settings of one course directory."""

    root: Path

    def __post_init__(self):
        object.__setattr__(self, "root", Path(self.root).resolve())
        os.environ.setdefault("PYTHONUTF8", "1")  # nbgrader needs it for Chinese names
        # nbgrader runs `alembic` (gradebook migrations) from PATH: make this Python's scripts findable
        # even when the virtual environment is not activated.
        scripts = str(Path(sys.executable).parent)
        if scripts not in os.environ.get("PATH", "").split(os.pathsep):
            os.environ["PATH"] = scripts + os.pathsep + os.environ.get("PATH", "")

    @property
    def roster_path(self) -> Path:
        return self.root / "roster.csv"

    def path(self, *parts: str) -> Path:
        return self.root.joinpath(*parts)

    def settings(self) -> dict:
        """``course.toml`` merged over :data:`DEFAULTS`."""
        merged = {k: dict(v) for k, v in DEFAULTS.items()}
        path = self.root / "course.toml"
        if path.exists():
            for section, values in tomllib.loads(path.read_text("utf-8")).items():
                merged.setdefault(section, {}).update(values)
        return merged

    def nbgrader_config(self) -> Config:
        """The course's nbgrader_config.py, rooted at this directory."""
        config = PyFileConfigLoader("nbgrader_config.py", path=str(self.root)).load_config()
        config.CourseDirectory.root = str(self.root)
        db_url = config.CourseDirectory.get("db_url", "sqlite:///gradebook.db")
        if db_url.startswith("sqlite:///") and not db_url.startswith("sqlite:////"):
            db_url = f"sqlite:///{self.root / db_url[len('sqlite:///'):]}"
        if db_url.startswith("sqlite:") and "?" not in db_url:
            db_url += "?timeout=120"  # grading workers write side by side: wait for the lock, never fail
        config.CourseDirectory.db_url = db_url
        return config

    @property
    def db_url(self) -> str:
        return self.nbgrader_config().CourseDirectory.db_url

    def db_file(self) -> Path | None:
        """The SQLite gradebook's file, or None for a database server."""
        url = self.db_url
        return Path(url[len("sqlite:///"):].split("?")[0]) if url.startswith("sqlite:///") else None

    def api(self):
        """nbgrader's Python API for this course."""
        from nbgrader.apps import NbGraderAPI
        from nbgrader.coursedir import CourseDirectory

        config = self.nbgrader_config()
        return NbGraderAPI(coursedir=CourseDirectory(config=config), config=config)

    def gradebook(self):
        """nbgrader's gradebook (use as a context manager)."""
        from nbgrader.api import Gradebook

        return Gradebook(self.db_url)

    def assignments(self) -> list[str]:
        """Assignments present in source/, sorted."""
        return sorted(p.name for p in (self.root / "source").iterdir() if p.is_dir())

    def submitted_students(self, assignment: str) -> list[str]:
        """Students with a submission folder for ``assignment``, sorted."""
        return sorted(p.parent.name for p in self.path("submitted").glob(f"*/{assignment}") if p.is_dir())
