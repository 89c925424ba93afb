import pandas as pd

from autograder.teacher.groups import propagate
from autograder.teacher.roster import for_assignment, parse_roster

STUDENTS = parse_roster("student_id,first_name,last_name,group_id,role\n"
                        "a1,A,A,G1,leader\na2,B,B,G1,member\na3,C,C,G1,member\n"
                        "b1,D,D,G2,leader\nb2,E,E,G2,member\nc1,F,F,G3,leader\n")


def subs(rows):
    return pd.DataFrame(rows, columns=["student_id", "timestamp", "group_points", "group_attempted",
                                       "claimed_group"]).set_index("student_id")


def test_one_submission_goes_to_every_member():
    outcome = propagate(STUDENTS, subs([("a2", "2026-03-01 10:00", 8.0, True, "G1"),
                                        ("a1", "2026-03-01 09:00", 0.0, False, "")]))
    assert {s: outcome.points[s] for s in ("a1", "a2", "a3")} == {"a1": 8.0, "a2": 8.0, "a3": 8.0}
    assert outcome.source["G1"] == "a2"


def test_latest_of_two_submissions_counts_and_is_reported():
    outcome = propagate(STUDENTS, subs([("b1", "2026-03-01 10:00", 9.0, True, "G2"),
                                        ("b2", "2026-03-02 08:00", 6.0, True, "G2")]))
    assert outcome.points["b1"] == outcome.points["b2"] == 6.0
    assert any("group G2: 2 group submissions" in str(n) and "the latest counts, by E E (b2)" in str(n)
               for n in outcome.notes), outcome.notes
    assert any("G2 组有 2 份小组作业" in n.text("zh") and n.text("zh").endswith("按最晚提交的一份计分：E E（b2）") for n in outcome.notes)


def test_group_without_submission_gets_zero_and_is_reported():
    outcome = propagate(STUDENTS, subs([("a1", "2026-03-01 10:00", 5.0, True, "G1")]))
    assert outcome.points["c1"] == 0 and outcome.points["b1"] == 0
    assert any("group G3: no group submission" in str(n) for n in outcome.notes)


def test_wrong_group_id_in_notebook_is_reported_roster_wins():
    outcome = propagate(STUDENTS, subs([("a1", "2026-03-01 10:00", 5.0, True, "G7")]))
    assert outcome.points["a3"] == 5.0
    assert any("A A (a1) wrote group id 'G7'" in str(n) for n in outcome.notes)


def test_the_assignments_groups_decide():
    students = parse_roster("student_id,first_name,last_name,group_id,role,group_id.task4,role.task4\n"
                            "a1,A,A,G1,leader,D1,leader\na2,B,B,G1,member,D2,leader\n"
                            "b1,D,D,G2,leader,D1,member\nb2,E,E,G2,member,D2,member\n")
    submitted = subs([("a2", "2026-03-01 10:00", 8.0, True, "D2"), ("b1", "2026-03-01 11:00", 6.0, True, "D1")])
    drama = propagate(for_assignment(students, "task4"), submitted)
    assert drama.points == {"a1": 6.0, "b1": 6.0, "a2": 8.0, "b2": 8.0}
    assert drama.source == {"D1": "b1", "D2": "a2"} and not drama.notes
    usual = propagate(students, submitted)
    assert usual.points == {"a1": 8.0, "a2": 8.0, "b1": 6.0, "b2": 6.0}
