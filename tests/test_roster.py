import pytest

from autograder.teacher.roster import RosterError, groups, load_roster, parse_roster

HEADER = "student_id,first_name,last_name,group_id,role,email\n"
GOOD = HEADER + "s01,伟,王,G1,leader,w@example.org\ns02,芳,李,G1,member,\ns03,Ann,Lee,G2,leader,\n"


def test_good_roster():
    students = parse_roster(GOOD)
    assert [s.student_id for s in students] == ["s01", "s02", "s03"]
    assert students[0].first_name == "伟" and students[0].email == "w@example.org"
    assert {g: [s.student_id for s in m] for g, m in groups(students).items()} == {
        "G1": ["s01", "s02"], "G2": ["s03"]}


def test_email_is_optional():
    text = "student_id,first_name,last_name,group_id,role\ns01,A,B,G1,leader\n"
    assert parse_roster(text)[0].email == ""


@pytest.mark.parametrize("rows, expected", [
    ("s01,A,B,G1,leader,\ns01,C,D,G1,member,\n", "line 3: duplicate student_id s01 (first on line 2)"),
    ("s01,A,B,G1,leader,\ns01,A,B,G2,leader,\n", "line 3: student s01 is in two groups (G1 on line 2, G2)"),
    ("s01,A,B,G1,member,\ns02,C,D,G1,member,\n", "line 2: group G1 has no leader"),
    ("s01,A,B,G1,leader,\ns02,C,D,G1,leader,\n", "line 2: group G1 has 2 leaders (s01, s02)"),
    ("s01,A,B,G1,leader,\n,C,D,G1,member,\n", "line 3: empty student_id"),
    ("s01,A,B,G1,boss,\n", "line 2: role 'boss' for s01"),
])
def test_problems_are_reported_with_line_numbers(rows, expected):
    with pytest.raises(RosterError) as caught:
        parse_roster(HEADER + rows)
    assert any(expected in p for p in caught.value.problems), caught.value.problems


def test_every_problem_is_reported_at_once():
    rows = "s01,A,B,G1,member,\n,C,D,G2,leader,\ns03,E,F,G3,chief,\n"
    with pytest.raises(RosterError) as caught:
        parse_roster(HEADER + rows)
    assert len(caught.value.problems) == 4


def test_missing_column():
    with pytest.raises(RosterError, match="missing column"):
        parse_roster("student_id,first_name\ns01,A\n")


def test_not_utf8(tmp_path):
    path = tmp_path / "roster.csv"
    path.write_bytes(HEADER.encode() + "s01,伟,王,G1,leader,\n".encode("gbk"))
    with pytest.raises(RosterError, match="line 2: not UTF-8"):
        load_roster(path)


def test_excel_bom_is_fine(tmp_path):
    path = tmp_path / "roster.csv"
    path.write_bytes(GOOD.encode("utf-8-sig"))
    assert len(load_roster(path)) == 3
