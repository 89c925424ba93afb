"""Which submissions a grading run has finished: what makes ``grade`` resumable.

One small JSON file per student, ``grading/<assignment>/<student>.json``, is
written (atomically: a temporary file, then a rename) only after nbgrader has
committed the student's grades and the feedback exists. It holds a digest of
the submitted files, the status and the reason. A later run skips every
student whose file is there with the same digest, so killing a run at any
moment (even ``kill -9``) loses nothing and regrades nothing finished; a
student who submits again gets a new digest and is graded again.
"""
from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
from pathlib import Path

from ..course import Course


class Ledger:
    def __init__(self, course: Course, assignment: str):
        self.course, self.assignment = course, assignment
        self.folder = course.path("grading", assignment)

    def digest(self, student: str) -> str:
        """sha256 over the names and bytes of everything the student submitted."""
        h = hashlib.sha256()
        base = self.course.path("submitted", student, self.assignment)
        for path in sorted(p for p in base.rglob("*") if p.is_file()):
            h.update(str(path.relative_to(base)).encode("utf-8", "surrogateescape") + b"\0")
            with open(path, "rb") as f:
                for block in iter(lambda: f.read(1 << 20), b""):
                    h.update(block)
        return h.hexdigest()

    def _path(self, student: str) -> Path:
        return self.folder / f"{student}.json"

    def record(self, student: str, digest: str, status: str, reason: str) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        tmp = self.folder / f".{student}.{os.getpid()}.tmp"
        tmp.write_text(json.dumps({"digest": digest, "status": status, "reason": reason},
                                  ensure_ascii=False), "utf-8")
        os.replace(tmp, self._path(student))

    def entry(self, student: str) -> dict | None:
        try:
            return json.loads(self._path(student).read_text("utf-8"))
        except (FileNotFoundError, ValueError):
            return None

    def pending(self, students: list[str]) -> list[str]:
        """Students without a finished entry for what they submitted now."""
        return [s for s in students if (e := self.entry(s)) is None or e["digest"] != self.digest(s)]

    @contextlib.contextmanager
    def lock(self):
        """Only one grading run per assignment at a time (the lock dies with its process)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        with open(self.folder / ".lock", "a+") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                handle.seek(0)
                raise ValueError(f"another grading run is working on {self.assignment} "
                                 f"(pid {handle.read().strip() or '?'}); wait for it to finish") from None
            handle.seek(0)
            handle.truncate()
            handle.write(str(os.getpid()))
            handle.flush()
            yield

    def clear(self) -> None:
        """Forget every finished entry (``grade --regrade``)."""
        for path in self.folder.glob("*.json"):
            path.unlink()
