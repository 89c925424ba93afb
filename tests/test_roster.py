import pytest

from autograder.teacher.roster import (RosterError, check_assignments, for_assignment, groups, load_roster,
                                      parse_roster)

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
    assert any(expected in str(p) for p in caught.value.problems), caught.value.problems


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


def test_problems_in_the_teachers_language():
    with pytest.raises(RosterError) as caught:
        parse_roster(HEADER + "s01,A,B,G1,leader,\ns01,A,B,G2,leader,\ns03,C,D,G3,chief,\n", "名单.csv")
    text = caught.value.text("zh")
    assert "名单有问题（没有创建任何文件）" in text
    assert "名单.csv 第 3 行：学生 s01 出现在两个小组里（第 2 行是 G1，这里是 G2）" in text
    assert "第 4 行：s03 的角色“chief”无效；只能是 leader、member" in text
    assert "line 3" in caught.value.text("en") and "line" not in text


def test_names_are_written_as_the_class_writes_them():
    students = parse_roster(GOOD)
    assert [s.name for s in students] == ["王伟", "李芳", "Ann Lee"]


TASK4 = "group_id.task4-complaints,role.task4-complaints"


def test_groups_per_assignment_with_their_own_leaders():
    text = (f"student_id,first_name,last_name,group_id,role,{TASK4}\n"
            "s01,伟,王,G1,leader,D1,member\ns02,芳,李,G1,member,D1,leader\n"
            "s03,娜,张,G2,leader,D2,leader\ns04,敏,刘,G2,member,D2,member\n")
    students = parse_roster(text)
    assert {s.student_id: s.group_id for s in students} == {"s01": "G1", "s02": "G1", "s03": "G2", "s04": "G2"}
    for assignment in ("task4-complaints", "task4-complaints-en"):  # both editions of the assignment
        drama = {s.student_id: (s.group_id, s.role) for s in for_assignment(students, assignment)}
        assert drama == {"s01": ("D1", "member"), "s02": ("D1", "leader"), "s03": ("D2", "leader"),
                         "s04": ("D2", "member")}
    assert [s.group_id for s in for_assignment(students, "task1-identify")] == ["G1", "G1", "G2", "G2"]


@pytest.mark.parametrize("header, rows, expected", [
    ("group_id.task4-complaints", "s01,A,B,G1,leader,D1\n", "column group_id.task4-complaints without role."),
    (TASK4, "s01,A,B,G1,leader,,leader\n", "line 2: student s01 has no group_id.task4-complaints"),
    (TASK4, "s01,A,B,G1,leader,D1,boss\n", "line 2: role.task4-complaints 'boss' for s01"),
    (TASK4, "s01,A,B,G1,leader,D1,member\ns02,C,D,G1,member,D1,member\n",
     "line 2: group D1 of task4-complaints has no leader"),
    (TASK4, "s01,A,B,G1,leader,D1,leader\ns02,C,D,G1,member,D1,leader\n",
     "line 2: group D1 of task4-complaints has 2 leaders (s01, s02)"),
])
def test_bad_groups_per_assignment_name_their_line(header, rows, expected):
    with pytest.raises(RosterError) as caught:
        parse_roster(f"student_id,first_name,last_name,group_id,role,{header}\n{rows}")
    assert any(expected in str(p) for p in caught.value.problems), caught.value.problems


def test_a_column_for_an_unknown_assignment_is_refused():
    students = parse_roster(f"student_id,first_name,last_name,group_id,role,group_id.task9,role.task9\n"
                            "s01,A,B,G1,leader,D1,leader\n")
    with pytest.raises(RosterError, match="group_id.task9 names no assignment task9"):
        check_assignments(students, ["task1-identify", "task4-complaints"])
    check_assignments(parse_roster(GOOD), ["task1-identify"])  # no such columns: nothing to check
