"""Group parts: one grade per group, carried to every member.

nbgrader grades individuals: a submission belongs to exactly one student. The
seed's group activities (任务实施训练) are done once per group, so the teacher's
pipeline decides, per group, which submission holds the group's work and gives
its group-part points to every member. The rule:

1. A member's submission counts as a group submission when its group cells
   (tag ``group``) were answered (changed from the released stub).
2. One group submission: its group points go to every member.
3. Several (different members submitted): the one with the latest
   ``timestamp`` counts; the report names all of them and the one used.
4. None: every member gets 0 for the group part, and the report says so.
5. A group id written in the notebook that differs from the roster is reported;
   the roster decides.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from .roster import Student, groups
from .texts import Message, note, who


@dataclass
class GroupOutcome:
    """Group points per student and the notes for the report."""

    points: dict[str, float]
    source: dict[str, str]          # group id → student whose submission counted
    notes: list[Message] = field(default_factory=list)


def propagate(students: list[Student], submissions: pd.DataFrame) -> GroupOutcome:
    """Apply the module's rule.

    ``submissions`` has one row per submitting student (index student_id) with
    columns ``timestamp`` (comparable), ``group_points`` (float),
    ``group_attempted`` (bool) and optionally ``claimed_group`` (str). ``students``
    carry the groups of the assignment (:func:`autograder.teacher.roster.for_assignment`).
    """
    points: dict[str, float] = {}
    source: dict[str, str] = {}
    notes: list[Message] = []
    named = {s.student_id: who(s.name, s.student_id) for s in students}
    for group_id, members in groups(students).items():
        ids = [m.student_id for m in members]
        mine = submissions[submissions.index.isin(ids)]
        if "claimed_group" in mine.columns:
            for sid, claimed in mine["claimed_group"].items():
                if claimed and claimed != group_id:
                    notes.append(note("wrong_group_id", student=named[sid], claimed=claimed, group=group_id))
        candidates = mine[mine["group_attempted"].astype(bool)]
        if candidates.empty:
            notes.append(note("no_group_submission", group=group_id))
            points.update({sid: 0.0 for sid in ids})
            continue
        chosen = candidates.sort_values("timestamp", kind="stable").index[-1]
        if len(candidates) > 1:
            listed = [Message("submitted_at", {"student": named[sid], "time": str(ts)[:19]}, "report")
                      for sid, ts in candidates["timestamp"].items()]
            notes.append(note("many_group_submissions", group=group_id, count=len(candidates),
                              listed=listed, chosen=named[chosen]))
        source[group_id] = chosen
        points.update({sid: float(candidates.loc[chosen, "group_points"]) for sid in ids})
    return GroupOutcome(points, source, notes)
