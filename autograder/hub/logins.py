"""The roster's students as login names on the server, checked before any account is made.

nbgrader names a submission after the login that made it, and the server makes a Unix
account per student, so each student needs a login name Unix accepts: lower-case Latin
letters, digits, ``_`` and ``-``, starting with a letter, at most 32 characters. A roster
whose ``student_id`` is such a name needs nothing more. Otherwise (Chinese names, numeric
student numbers) the roster gets a ``username`` column: the login for that student, while
``student_id`` stays the id of the gradebook and the exports. ``collect`` maps logins back
to ids (:mod:`autograder.hub.exchange`).

Every problem is reported with its roster line, in the teacher's language, and nothing is
created while one remains.
"""
from __future__ import annotations

import csv
import io
import pwd
import re
from dataclasses import dataclass
from pathlib import Path

from ..teacher.roster import RosterError, load_roster
from ..teacher.texts import Message

#: Login names every Unix tool accepts (Debian's adduser is the strictest of them).
LOGIN = re.compile(r"[a-z][a-z0-9_-]{0,31}")
#: Accounts below this uid belong to the system (root, daemon, postgres, ...): never a student.
FIRST_PERSON_UID = 1000

class LoginError(RosterError):
    """Logins the server cannot use; ``problems`` lists each (a :class:`Message`) with its roster line."""

    title = "login_problems"


@dataclass(frozen=True)
class Login:
    """A student's account on the server."""

    login: str
    student_id: str
    name: str
    line: int


def _example(sid: str, line: int) -> str:
    digits = "".join(ch for ch in sid if ch.isascii() and ch.isdigit())
    return f"s{digits}" if digits else f"s{line:03d}"


def _system_uid(login: str) -> int | None:
    try:
        uid = pwd.getpwnam(login).pw_uid
    except KeyError:
        return None
    return uid if uid < FIRST_PERSON_UID else None


def _usernames(path: Path) -> dict[str, tuple[int, str]]:
    """The optional ``username`` column: student_id -> (line, username)."""
    text = Path(path).read_bytes().decode("utf-8-sig")
    reader = csv.DictReader(io.StringIO(text))
    reader.fieldnames = [h.strip() for h in (reader.fieldnames or [])]
    found = {}
    for row in reader:
        sid = (row.get("student_id") or "").strip()
        found[sid] = (reader.line_num, (row.get("username") or "").strip())
    return found


def plan_logins(roster: Path, teacher: str, lang: str = "zh") -> list[Login]:
    """Each student's login (``username`` column, else ``student_id``); raises :class:`LoginError`."""
    students = load_roster(roster)  # the roster's own checks first, with their line numbers
    rows = _usernames(roster)
    name = Path(roster).name
    problems, logins, first_line = [], [], {}
    if not LOGIN.fullmatch(teacher):
        problems.append(Message("login_teacher_bad", {"login": teacher}))
    elif (uid := _system_uid(teacher)) is not None:
        problems.append(Message("login_teacher_system", {"login": teacher, "uid": uid}))
    for student in students:
        line, username = rows[student.student_id]
        where = {"name": name, "line": line}
        login = username or student.student_id
        if not LOGIN.fullmatch(login):
            key = "login_bad_username" if username else "login_bad"
            problems.append(Message(key, {**where, "sid": student.student_id, "login": login,
                                          "example": _example(student.student_id, line)}))
            continue
        if login in first_line:
            problems.append(Message("login_duplicate", {**where, "login": login, "first": first_line[login]}))
            continue
        if (uid := _system_uid(login)) is not None:
            problems.append(Message("login_system", {**where, "login": login, "uid": uid}))
            continue
        if login == teacher:
            problems.append(Message("login_teacher", {**where, "login": login}))
            continue
        first_line[login] = line
        full = f"{student.last_name}{student.first_name}" if lang == "zh" else \
            f"{student.first_name} {student.last_name}".strip()
        logins.append(Login(login, student.student_id, full, line))
    if problems:
        raise LoginError(problems)
    return logins


def login_to_student(roster: Path) -> dict[str, str]:
    """login -> student_id for every student of a checked roster (see :func:`plan_logins`)."""
    return {sid_login or sid: sid for sid, (_line, sid_login) in _usernames(roster).items() if sid}
