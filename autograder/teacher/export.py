"""Grade export: one CSV for the course, one row per student, a column per assignment and the total.

Layouts (``layout=``):

- ``plain``: student_id, first_name, last_name, group_id, one column per
  assignment, total.
- ``canvas``: Canvas's gradebook import layout: Student ("Last, First"), ID,
  SIS User ID, SIS Login ID, Section (the group), the assignments, and a
  "Points Possible" row first.
- ``moodle``: Moodle's grade import layout: ID number, Email address, First
  name, Last name, then the assignments (mapped to grade items on import).

``excel=True`` writes UTF-8 with a byte-order mark, so Excel opens Chinese
names correctly; otherwise plain UTF-8.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..course import Course
from .roster import Student, load_roster

LAYOUTS = ("plain", "canvas", "moodle")


def grade_table(students: list[Student], scores: pd.DataFrame) -> pd.DataFrame:
    """Roster × assignments: ``scores`` (index student_id, a column per assignment) joined to the
    roster; students without a score get 0 for that assignment; a total column is added."""
    roster = pd.DataFrame([s.__dict__ for s in students]).set_index("student_id")
    unknown = sorted(set(scores.index) - set(roster.index))
    if unknown:
        raise ValueError(f"scores for students not on the roster: {unknown}")
    table = roster.join(scores.astype(float), how="left").fillna({c: 0.0 for c in scores.columns})
    table["total"] = table[list(scores.columns)].sum(axis=1)
    return table


def layout_table(table: pd.DataFrame, assignments: list[str], layout: str = "plain",
                 max_points: dict[str, float] | None = None) -> pd.DataFrame:
    """The export in one of :data:`LAYOUTS` (see the module docstring)."""
    if layout not in LAYOUTS:
        raise ValueError(f"layout must be one of {LAYOUTS}; got {layout!r}")
    grades = table[assignments + ["total"]].round(2)
    if layout == "plain":
        head = table[["first_name", "last_name", "group_id"]]
        return pd.concat([head, grades], axis=1).reset_index()
    if layout == "moodle":
        head = pd.DataFrame({"ID number": table.index, "Email address": table["email"],
                             "First name": table["first_name"], "Last name": table["last_name"]},
                            index=table.index)
        return pd.concat([head, grades], axis=1).reset_index(drop=True)
    head = pd.DataFrame({"Student": table["last_name"] + ", " + table["first_name"], "ID": "",
                         "SIS User ID": table.index,
                         "SIS Login ID": table["email"].where(table["email"] != "", table.index),
                         "Section": table["group_id"]}, index=table.index)
    body = pd.concat([head, grades], axis=1).reset_index(drop=True)
    maxima = max_points or {}
    possible = {"Student": "Points Possible", **{a: maxima.get(a, "") for a in assignments},
                "total": sum(maxima.get(a, 0) for a in assignments) or ""}
    return pd.concat([pd.DataFrame([possible]), body], ignore_index=True)[body.columns]


def write_export(table: pd.DataFrame, path: Path, excel: bool = False) -> Path:
    """Write the export CSV (UTF-8, with a BOM when ``excel``)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    table.to_csv(path, index=False, encoding="utf-8-sig" if excel else "utf-8")
    return path


def export_course(course: Course, layout: str = "plain", output: Path | None = None,
                  excel: bool = False) -> tuple[Path | None, int, int]:
    """Write the course's export from ``grades/*.csv``; returns (path, students, assignments),
    with path None when no assignment has been graded yet."""
    frames, maxima = {}, {}
    for path in sorted(course.path("grades").glob("*.csv")):
        frames[path.stem] = pd.read_csv(path, index_col="student_id", encoding="utf-8")["total"]
        with course.gradebook() as gb:
            maxima[path.stem] = float(gb.find_assignment(path.stem).max_score)
    if not frames:
        return None, 0, 0
    table = grade_table(load_roster(course.roster_path), pd.DataFrame(frames))
    out = layout_table(table, list(frames), layout, maxima)
    path = write_export(out, output or course.path("exports", f"grades-{layout}.csv"), excel)
    return path, len(table), len(frames)

