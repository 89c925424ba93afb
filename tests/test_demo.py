"""`python -m autograder demo` end to end, against golden per-student totals."""
import pandas as pd
import pytest

from autograder.teacher.demo import DEMO_ASSIGNMENT, run_demo

GOLDEN = "demo_totals.csv"


@pytest.mark.slow
def test_demo_class_matches_the_golden_totals(tmp_path, root, update_goldens, capsys):
    course = run_demo(tmp_path / "demo", progress=False)
    out = capsys.readouterr().out
    assert "graded in" in out and "report:" in out
    grades = pd.read_csv(course.path("grades", f"{DEMO_ASSIGNMENT}.csv"), index_col="student_id",
                         keep_default_na=False)
    got = grades[["group_id", "status", "individual", "group", "peer", "total"]].round(2)
    golden = root / "tests" / "golden" / GOLDEN
    if update_goldens:
        got.to_csv(golden, encoding="utf-8")
    expected = pd.read_csv(golden, index_col="student_id", keep_default_na=False)
    pd.testing.assert_frame_equal(got, expected, check_dtype=False)

    # The class has every kind of submission the demo promises, each handled.
    assert len(grades) == 30 and grades["group_id"].nunique() == 6
    assert set(grades["status"]) == {"graded", "failed", "not submitted"}
    assert (grades.loc[grades["status"] == "failed", "reason"] != "").all()
    # Group points are the same for every member of a group.
    assert (grades.groupby("group_id")["group"].nunique() == 1).all()
    report = course.path("reports", DEMO_ASSIGNMENT, "index.html").read_text("utf-8")
    assert "G2 组有 2 份小组作业" in report and "G6 组没有提交小组作业" in report
    # The sheet names every student and carries the maximum (nbgrader's points plus the peer weight).
    assert (grades["name"] != "").all() and set(grades["max_points"]) == {28 + 5}
    # Every student with a feedback page reads the total of the grade sheet.
    from autograder.teacher.feedback_page import points, summary_total

    for sid, row in grades[grades["status"].isin(["graded", "failed"])].iterrows():
        page = course.path("feedback", sid, DEMO_ASSIGNMENT, f"{DEMO_ASSIGNMENT}.html").read_text("utf-8")
        assert summary_total(page) == points(row["total"]), sid
    export = pd.read_csv(course.path("exports", "grades-plain.csv"), encoding="utf-8-sig")
    assert list(export.columns)[-3:] == [DEMO_ASSIGNMENT, "total", "provisional"] and len(export) == 30
