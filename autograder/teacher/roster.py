"""The class roster: students, their groups and roles, checked before anything is written.

A roster is a UTF-8 CSV file with the columns ``student_id, first_name,
last_name, group_id, role`` (``role`` is ``leader`` or ``member``) and
optionally ``email``. The seed's group activities need one leader per group
(组长), so every group must have exactly one. Other columns are kept out of the
way (ignored here).

Groups per assignment: the seed's task 4 drama is played in groups of 8–10,
tasks 1–3 in groups of 4–6. A pair of columns ``group_id.<assignment>`` and
``role.<assignment>`` gives every student a group and role for that assignment
(and its other edition: ``group_id.task4-complaints`` also holds for
``task4-complaints-en``); ``group_id`` and ``role`` hold for the others. The
same rules apply to every set of groups, each problem reported with its line.
"""
from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass, replace
from pathlib import Path

from .texts import InputError, Message

REQUIRED = ("student_id", "first_name", "last_name", "group_id", "role")
ROLES = ("leader", "member")
#: The columns of a per-assignment group: ``group_id.<assignment>``, ``role.<assignment>``.
GROUP_PREFIX, ROLE_PREFIX = "group_id.", "role."
#: Suffix of an assignment's other edition (``task1-identify-en``).
EDITION_SUFFIX = "-en"


class RosterError(InputError):
    """A roster with problems; ``problems`` lists each (a :class:`Message`) with its line number."""

    title = "roster_problems"


@dataclass(frozen=True)
class Student:
    """One row of the roster; ``assignment_groups``: (assignment, group_id, role) from the extra columns."""

    student_id: str
    first_name: str
    last_name: str
    group_id: str
    role: str
    email: str = ""
    assignment_groups: tuple[tuple[str, str, str], ...] = ()

    @property
    def name(self) -> str:
        """The name as the class writes it: 王伟 (family name first) for Chinese names, Ann Lee otherwise."""
        if _cjk(self.last_name) or _cjk(self.first_name):
            return f"{self.last_name}{self.first_name}"
        return f"{self.first_name} {self.last_name}".strip()

    def for_assignment(self, assignment: str) -> "Student":
        """This student with the group and role of ``assignment`` (see the module docstring)."""
        found = {a: (g, r) for a, g, r in self.assignment_groups}
        base = assignment[: -len(EDITION_SUFFIX)] if assignment.endswith(EDITION_SUFFIX) else assignment
        pick = found.get(assignment) or found.get(base)
        return replace(self, group_id=pick[0], role=pick[1]) if pick else self


def _cjk(text: str) -> bool:
    return any("\u3400" <= ch <= "\u9fff" for ch in text)


def _decode(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise RosterError([Message("roster_not_utf8", {"name": name, "line": line,
                                                       "byte": f"{data[error.start]:#04x}"})]) from None


def _assignment_columns(header: list[str], name: str, problems: list[Message]) -> list[str]:
    """Assignments with a ``group_id.<a>`` and ``role.<a>`` pair; a column without its pair is a problem."""
    grouped = {h[len(GROUP_PREFIX):] for h in header if h.startswith(GROUP_PREFIX)}
    roled = {h[len(ROLE_PREFIX):] for h in header if h.startswith(ROLE_PREFIX)}
    for assignment in sorted(grouped ^ roled):
        have, need = ((f"{GROUP_PREFIX}{assignment}", f"{ROLE_PREFIX}{assignment}") if assignment in grouped
                      else (f"{ROLE_PREFIX}{assignment}", f"{GROUP_PREFIX}{assignment}"))
        problems.append(Message("roster_column_pair", {"name": name, "have": have, "need": need}))
    return sorted(grouped & roled)


def _check_leaders(students: list[Student], lines: dict[str, int], name: str, assignment: str | None,
                   problems: list[Message]) -> None:
    leaders: dict[str, list[str]] = defaultdict(list)
    first_line: dict[str, int] = {}
    for student in students:
        first_line.setdefault(student.group_id, lines[student.student_id])
        if student.role == "leader":
            leaders[student.group_id].append(student.student_id)
    for group, line in first_line.items():
        if group and len(leaders[group]) != 1:
            fields = {"name": name, "line": line, "group": group, "count": len(leaders[group]),
                      "ids": ", ".join(leaders[group])}
            key = "roster_no_leader" if not leaders[group] else "roster_many_leaders"
            if assignment:
                fields["assignment"] = assignment
                key += "_for"
            problems.append(Message(key, fields))


def parse_roster(text: str, name: str = "roster") -> list[Student]:
    """Students from roster CSV text; raises :class:`RosterError` listing every problem."""
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip() for h in (reader.fieldnames or [])]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise RosterError([Message("roster_missing_columns", {"name": name, "missing": missing,
                                                              "needed": list(REQUIRED)})])
    reader.fieldnames = header
    problems: list[Message] = []
    per_assignment = _assignment_columns(header, name, problems)
    students: list[Student] = []
    seen: dict[str, tuple[int, str]] = {}
    for row in reader:
        line = reader.line_num
        values = {k: (row.get(k) or "").strip() for k in header}
        sid, group, role = values["student_id"], values["group_id"], values["role"].lower()
        where = {"name": name, "line": line, "id": sid}
        if not sid:
            problems.append(Message("roster_empty_id", where))
            continue
        if not group:
            problems.append(Message("roster_no_group", where))
        if role not in ROLES:
            problems.append(Message("roster_bad_role", {**where, "role": values["role"], "allowed": list(ROLES)}))
        extra = []
        for assignment in per_assignment:
            a_group = values[f"{GROUP_PREFIX}{assignment}"]
            a_role = values[f"{ROLE_PREFIX}{assignment}"].lower()
            if not a_group:
                problems.append(Message("roster_no_group_for", {**where, "assignment": assignment}))
            if a_role not in ROLES:
                problems.append(Message("roster_bad_role_for", {**where, "assignment": assignment,
                                                                "role": values[f"{ROLE_PREFIX}{assignment}"],
                                                                "allowed": list(ROLES)}))
            extra.append((assignment, a_group, a_role))
        if sid in seen:
            first_line, first_group = seen[sid]
            if group != first_group:
                problems.append(Message("roster_two_groups", {**where, "first_group": first_group,
                                                              "first_line": first_line, "group": group}))
            else:
                problems.append(Message("roster_duplicate", {**where, "first_line": first_line}))
            continue
        seen[sid] = (line, group)
        students.append(Student(sid, values["first_name"], values["last_name"], group, role,
                                values.get("email", ""), tuple(extra)))
    lines = {sid: line for sid, (line, _) in seen.items()}
    _check_leaders(students, lines, name, None, problems)
    for assignment in per_assignment:
        _check_leaders([s.for_assignment(assignment) for s in students], lines, name, assignment, problems)
    if not students and not problems:
        problems.append(Message("roster_empty", {"name": name}))
    if problems:
        raise RosterError(problems)
    return students


def load_roster(path: Path) -> list[Student]:
    """Read and check a roster file (see :func:`parse_roster`)."""
    path = Path(path)
    return parse_roster(_decode(path.read_bytes(), path.name), path.name)


def check_assignments(students: list[Student], available: list[str], name: str = "roster") -> None:
    """Raise :class:`RosterError` if a ``group_id.<a>`` column names no assignment in ``available``."""
    named = sorted({a for s in students for a, _, _ in s.assignment_groups})
    unknown = [a for a in named if a not in available and f"{a}{EDITION_SUFFIX}" not in available]
    if unknown:
        raise RosterError([Message("roster_unknown_assignment", {"name": name, "column": f"{GROUP_PREFIX}{a}",
                                                                 "assignment": a, "known": available})
                           for a in unknown])


def for_assignment(students: list[Student], assignment: str) -> list[Student]:
    """The class with each student's group and role for ``assignment``."""
    return [s.for_assignment(assignment) for s in students]


def groups(students: list[Student]) -> dict[str, list[Student]]:
    """Students by group id, in roster order."""
    result: dict[str, list[Student]] = defaultdict(list)
    for student in students:
        result[student.group_id].append(student)
    return dict(result)
