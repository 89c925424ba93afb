import pandas as pd
import pytest

from autograder.teacher.export import grade_table, layout_table, write_export
from autograder.teacher.roster import parse_roster

ROSTER = parse_roster("student_id,first_name,last_name,group_id,role,email\n"
                      "s01,伟,王,G1,leader,w@example.org\ns02,Ann,Lee,G1,member,\n")
SCORES = pd.DataFrame({"task1": [8.5], "task2": [7.0]}, index=pd.Index(["s01"], name="student_id"))


def test_one_row_per_student_with_total_and_empty_for_missing():
    scores = pd.DataFrame({"task1": [8.5, 0.0], "task2": [7.0, float("nan")]},
                          index=pd.Index(["s01", "s02"], name="student_id"))
    table = grade_table(ROSTER, scores)
    assert table.loc["s01", "total"] == 15.5
    # s02 handed in task1 and scored 0; task2 is missing, not 0
    assert table.loc["s02", "task1"] == 0 and pd.isna(table.loc["s02", "task2"]) and table.loc["s02", "total"] == 0
    nothing = grade_table(ROSTER, SCORES)
    assert nothing.loc["s02", ["task1", "task2", "total"]].isna().all()


def test_missing_stays_empty_in_the_file(tmp_path):
    out = layout_table(grade_table(ROSTER, SCORES), ["task1", "task2"])
    lines = write_export(out, tmp_path / "plain.csv").read_text("utf-8").splitlines()
    assert lines[2].startswith("s02,Ann,Lee,G1,,,,")


def test_provisional_totals_are_marked():
    marks = pd.DataFrame({"task1": [True], "task2": [False]}, index=SCORES.index)
    out = layout_table(grade_table(ROSTER, SCORES, marks), ["task1", "task2"])
    assert out.set_index("student_id")["provisional"].to_dict() == {"s01": "task1", "s02": ""}


def test_unknown_student_is_an_error():
    with pytest.raises(ValueError, match="s99"):
        grade_table(ROSTER, SCORES.rename(index={"s01": "s99"}))


def test_plain_layout_and_encodings(tmp_path):
    out = layout_table(grade_table(ROSTER, SCORES), ["task1", "task2"])
    assert list(out.columns) == ["student_id", "first_name", "last_name", "group_id", "task1", "task2", "total",
                                 "provisional"]
    plain = write_export(out, tmp_path / "plain.csv")
    excel = write_export(out, tmp_path / "excel.csv", excel=True)
    assert not plain.read_bytes().startswith(b"\xef\xbb\xbf")
    assert excel.read_bytes().startswith(b"\xef\xbb\xbf")
    assert "伟" in excel.read_text("utf-8-sig")
    assert pd.read_csv(plain).loc[0, "total"] == 15.5


def test_canvas_layout_has_points_possible_first():
    out = layout_table(grade_table(ROSTER, SCORES), ["task1", "task2"], "canvas",
                       max_points={"task1": 10, "task2": 20})
    assert list(out.columns)[:5] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
    assert out.iloc[0]["Student"] == "Points Possible" and out.iloc[0]["task2"] == 20 and out.iloc[0]["total"] == 30
    assert out.iloc[1]["Student"] == "王, 伟" and out.iloc[1]["SIS Login ID"] == "w@example.org"
    assert out.iloc[2]["SIS Login ID"] == "s02"


def test_moodle_layout_and_bad_layout():
    out = layout_table(grade_table(ROSTER, SCORES), ["task1", "task2"], "moodle")
    assert list(out.columns)[:4] == ["ID number", "Email address", "First name", "Last name"]
    with pytest.raises(ValueError, match="layout"):
        layout_table(grade_table(ROSTER, SCORES), ["task1"], "blackboard")
