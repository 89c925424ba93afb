"""nbgrader's exchange steps for a server where every student has a Unix account.

nbgrader's own ``submit`` leaves a submission world-readable (``0777`` folder, ``0644`` files)
inside ``inbound/`` (``2733``: nobody can list it), relying on an unguessable folder name.
:class:`PrivateSubmit` closes it: folders ``0750``, files ``0640``, group the teacher's
(``inbound/`` is set-group-id with the teacher's group), so only the student and the teacher
can read it whatever its name.

:class:`RosterCollect` collects by the roster: a submission is taken only when the folder's
owner is the login it names (nbgrader itself only warns), and the login becomes the roster's
``student_id`` (the ``username`` column, :mod:`autograder.hub.logins`).

nbgrader's ``release_feedback`` copies each feedback page with the mode it has in the course,
where it is private (0600), so the student could not read it; :class:`ReadableReleaseFeedback`
makes the released copies 0644 (the folder, 0711, cannot be listed; each name is a hash of the
submission's secret, as nbgrader intends).

``init`` writes collect and release_feedback into the course's nbgrader_config.py; the class
server gives students :class:`PrivateSubmit` (``c.ExchangeFactory.submit``).
"""
from __future__ import annotations

import os
import pwd
import shutil
from pathlib import Path

from nbgrader.exchange.default.collect import ExchangeCollect
from nbgrader.exchange.default.release_feedback import ExchangeReleaseFeedback
from nbgrader.exchange.default.submit import ExchangeSubmit
from nbgrader.utils import ignore_patterns

from .accounts import exists
from .logins import login_to_student

#: A submission's modes once submitted: the student writes, the teacher's group reads.
SUBMISSION_DIR_MODE, SUBMISSION_FILE_MODE = 0o750, 0o640


class PrivateSubmit(ExchangeSubmit):
    """nbgrader's submit, then the submission made private to its owner and the teacher."""

    def do_copy(self, src, dest, log=None):
        """Into inbound/: folders made inside the set-group-id inbound/ keep that bit (shutil.copytree
        would copy the student's folder mode over it), so every file, timestamp.txt included, gets
        the teacher's group. Elsewhere (the student's own cache): nbgrader's copy."""
        if Path(dest).parent != Path(self.inbound_path):
            return super().do_copy(src, dest, log)
        if self.get_size(src) > 1000 * self.coursedir.max_dir_size:
            raise RuntimeError(f"Directory size is too big: {src}")
        skip = ignore_patterns(exclude=self.coursedir.ignore, include=self.coursedir.include,
                               max_file_size=self.coursedir.max_file_size, log=self.log)
        for folder, dirs, files in os.walk(src):
            names = skip(folder, dirs + files)
            dirs[:] = [d for d in dirs if d not in names]
            target = Path(dest) / Path(folder).relative_to(src)
            target.mkdir(exist_ok=True)
            for name in files:
                if name not in names:
                    shutil.copyfile(Path(folder) / name, target / name)

    def copy_files(self):
        super().copy_files()
        self.set_perms(os.path.join(self.inbound_path, self.assignment_filename),
                       fileperms=SUBMISSION_FILE_MODE, dirperms=SUBMISSION_DIR_MODE)


def _owner(path: str) -> str | None:
    try:
        return pwd.getpwuid(os.stat(path).st_uid).pw_name
    except KeyError:
        return None


class ReadableReleaseFeedback(ExchangeReleaseFeedback):
    """nbgrader's release_feedback, with the released pages readable by the students they are for."""

    def copy_files(self):
        super().copy_files()
        for page in Path(self.dest_path).glob("*.html"):
            if page.stat().st_uid == os.geteuid():
                os.chmod(page, 0o644)


class RosterCollect(ExchangeCollect):
    """nbgrader's collect, keeping only submissions their login owns, filed under the roster's id."""

    def _path_to_record(self, path):
        record = super()._path_to_record(path)
        owner, login = _owner(path), record["username"]
        if owner != login and exists(login):  # a real student's name on someone else's files
            self.log.error("Not collected: %s names %s but belongs to %s", record["filename"], login, owner)
            # Oldest of all, so that the student's own latest submission is the one chosen.
            record = {**record, "forged": True, "timestamp": record["timestamp"].replace(year=1)}
        return record

    def init_src(self):
        super().init_src()
        roster = Path(self.coursedir.root) / "roster.csv"
        ids = login_to_student(roster) if roster.exists() else {}
        self.src_records = [{**r, "username": ids.get(r["username"], r["username"])}
                            for r in self.src_records if not r.get("forged")]
        self.check_owner = False  # checked above, before the login became the student's id
