"""The class roster: students, their groups and roles, checked before anything is written.

A roster is a UTF-8 CSV file with the columns ``student_id, first_name,
last_name, group_id, role`` (``role`` is ``leader`` or ``member``) and
optionally ``email``. The seed's group activities need one leader per group
(组长), so every group must have exactly one.
"""
from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

REQUIRED = ("student_id", "first_name", "last_name", "group_id", "role")
ROLES = ("leader", "member")


class RosterError(ValueError):
    """A roster with problems; ``problems`` lists each with its line number."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("roster has problems:\n" + "\n".join(f"  - {p}" for p in problems))


@dataclass(frozen=True)
class Student:
    """One row of the roster."""

    student_id: str
    first_name: str
    last_name: str
    group_id: str
    role: str
    email: str = ""


def _decode(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise RosterError([f"{name} line {line}: not UTF-8 text (byte {data[error.start]:#04x}); "
                           "save the file as CSV UTF-8"]) from None


def parse_roster(text: str, name: str = "roster") -> list[Student]:
    """Students from roster CSV text; raises :class:`RosterError` listing every problem."""
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip() for h in (reader.fieldnames or [])]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise RosterError([f"{name} line 1: missing column(s) {missing}; needed: {list(REQUIRED)}"])
    reader.fieldnames = header
    problems: list[str] = []
    students: list[Student] = []
    seen: dict[str, tuple[int, str]] = {}
    for row in reader:
        line = reader.line_num
        values = {k: (row.get(k) or "").strip() for k in (*REQUIRED, "email")}
        sid, group, role = values["student_id"], values["group_id"], values["role"].lower()
        where = f"{name} line {line}"
        if not sid:
            problems.append(f"{where}: empty student_id")
            continue
        if not group:
            problems.append(f"{where}: student {sid} has no group_id")
        if role not in ROLES:
            problems.append(f"{where}: role {values['role']!r} for {sid}; allowed: {list(ROLES)}")
        if sid in seen:
            first_line, first_group = seen[sid]
            what = (f"student {sid} is in two groups ({first_group} on line {first_line}, {group})"
                    if group != first_group else f"duplicate student_id {sid} (first on line {first_line})")
            problems.append(f"{where}: {what}")
            continue
        seen[sid] = (line, group)
        students.append(Student(sid, values["first_name"], values["last_name"], group, role, values["email"]))
    leaders: dict[str, list[str]] = defaultdict(list)
    first_line_of_group: dict[str, int] = {}
    for student in students:
        first_line_of_group.setdefault(student.group_id, seen[student.student_id][0])
        if student.role == "leader":
            leaders[student.group_id].append(student.student_id)
    for group, line in first_line_of_group.items():
        if group and len(leaders[group]) != 1:
            count = "no leader" if not leaders[group] else f"{len(leaders[group])} leaders ({', '.join(leaders[group])})"
            problems.append(f"{name} line {line}: group {group} has {count}; each group needs exactly one")
    if not students and not problems:
        problems.append(f"{name}: no students")
    if problems:
        raise RosterError(problems)
    return students


def load_roster(path: Path) -> list[Student]:
    """Read and check a roster file (see :func:`parse_roster`)."""
    path = Path(path)
    return parse_roster(_decode(path.read_bytes(), path.name), path.name)


def groups(students: list[Student]) -> dict[str, list[Student]]:
    """Students by group id, in roster order."""
    result: dict[str, list[Student]] = defaultdict(list)
    for student in students:
        result[student.group_id].append(student)
    return dict(result)
