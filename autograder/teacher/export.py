"""Grade export: one CSV for the course, one row per student, a column per assignment and the total.

Read from the grade sheets ``grades/<assignment>.csv`` (:mod:`.sheet`). A student
with nothing for an assignment (did not submit, and no group or peer points
carried) has an empty cell, not 0: "not submitted" is not "0 points submitted"
(an LMS shows the empty cell as missing). Layouts (``layout=``):

- ``plain``: student_id, first_name, last_name, group_id, one column per
  assignment, total, and ``provisional``: the assignments whose total may still
  change because manual grading is incomplete.
- ``canvas``: Canvas's gradebook import layout: Student ("Last, First"), ID,
  SIS User ID, SIS Login ID, Section (the group), the assignments, and a
  "Points Possible" row first: each assignment's maximum, every component that
  can add points included (peer weight too).
- ``moodle``: Moodle's grade import layout: ID number, Email address, First
  name, Last name, then the assignments (mapped to grade items on import).

The LMS layouts have no room for a mark, so ``export`` says on the command line
which totals are provisional. ``excel=True`` writes UTF-8 with a byte-order
mark, so Excel opens Chinese names correctly; otherwise plain UTF-8.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..course import Course
from .roster import Student, load_roster
from .sheet import read_sheet

LAYOUTS = ("plain", "canvas", "moodle")


@dataclass
class Export:
    """What ``export`` wrote."""

    path: Path | None
    students: int = 0
    assignments: int = 0
    provisional: dict[str, int] = field(default_factory=dict)   # assignment → students with a provisional total
    stale_feedback: dict[str, int] = field(default_factory=dict)  # assignment → feedback pages out of date


def grade_table(students: list[Student], scores: pd.DataFrame,
                provisional: pd.DataFrame | None = None) -> pd.DataFrame:
    """Roster × assignments: ``scores`` (index student_id, a column per assignment, NaN = no grade)
    joined to the roster, a total column (empty when there is no grade at all) and, from
    ``provisional`` (same shape, booleans), the assignments whose totals may still change."""
    roster = pd.DataFrame([{k: v for k, v in s.__dict__.items() if k != "assignment_groups"} for s in students])
    roster = roster.set_index("student_id")
    unknown = sorted(set(scores.index) - set(roster.index))
    if unknown:
        raise ValueError(f"scores for students not on the roster: {unknown}")
    table = roster.join(scores.astype(float), how="left")
    table["total"] = table[list(scores.columns)].sum(axis=1, min_count=1)
    marks = pd.DataFrame(False, index=table.index, columns=scores.columns)
    if provisional is not None:
        marks = provisional.reindex(index=table.index, columns=scores.columns).eq(True)
    table["provisional"] = [" ".join(a for a in scores.columns if marks.loc[sid, a]) for sid in table.index]
    return table


def layout_table(table: pd.DataFrame, assignments: list[str], layout: str = "plain",
                 max_points: dict[str, float] | None = None) -> pd.DataFrame:
    """The export in one of :data:`LAYOUTS` (see the module docstring)."""
    if layout not in LAYOUTS:
        raise ValueError(f"layout must be one of {LAYOUTS}; got {layout!r}")
    grades = table[assignments + ["total"]].round(2)
    if layout == "plain":
        head = table[["first_name", "last_name", "group_id"]]
        return pd.concat([head, grades, table[["provisional"]]], axis=1).reset_index()
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
                "total": round(sum(maxima.get(a, 0) for a in assignments), 2) or ""}
    return pd.concat([pd.DataFrame([possible]), body], ignore_index=True)[body.columns]


def write_export(table: pd.DataFrame, path: Path, excel: bool = False) -> Path:
    """Write the export CSV (UTF-8, with a BOM when ``excel``); an empty cell for no grade."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    table.to_csv(path, index=False, encoding="utf-8-sig" if excel else "utf-8")
    return path


def export_course(course: Course, layout: str = "plain", output: Path | None = None,
                  excel: bool = False, refresh: bool = False) -> Export:
    """Write the course's export from ``grades/*.csv`` (path None when nothing is graded yet).

    ``refresh``: first recompute each grade sheet from the gradebook (manual grades entered
    since) and count the feedback pages that no longer match (``Export.stale_feedback``).
    """
    frames, marks, maxima, stale = {}, {}, {}, {}
    for path in sorted(course.path("grades").glob("*.csv")):
        if refresh:
            from .feedback import feedback_states
            from .sheet import refresh_sheet

            states = feedback_states(course, path.stem, refresh_sheet(course, path.stem))
            if len(states) and (states["state"] != "current").any():
                stale[path.stem] = int((states["state"] != "current").sum())
        sheet = read_sheet(path)
        nothing = sheet["status"].isin(["not submitted", "ungraded"]) & (sheet["total"] == 0)
        frames[path.stem] = sheet["total"].astype(float).mask(nothing)
        marks[path.stem] = sheet["provisional"].astype(bool) & ~nothing
        maxima[path.stem] = float(sheet["max_points"].max())
    if not frames:
        return Export(None)
    table = grade_table(load_roster(course.roster_path), pd.DataFrame(frames), pd.DataFrame(marks))
    out = layout_table(table, list(frames), layout, maxima)
    path = write_export(out, output or course.path("exports", f"grades-{layout}.csv"), excel)
    return Export(path, len(table), len(frames), {a: int(m.sum()) for a, m in marks.items() if m.sum()}, stale)
