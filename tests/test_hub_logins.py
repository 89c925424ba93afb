"""Roster → login names: ids Unix refuses are reported with the line and the fix; nothing else passes."""
from __future__ import annotations

import pytest

from autograder.hub.logins import LoginError, login_to_student, plan_logins
from autograder.teacher.roster import RosterError

HEADER = "student_id,first_name,last_name,group_id,role"


def roster(tmp_path, *rows, header=HEADER):
    path = tmp_path / "roster.csv"
    path.write_text("\n".join([header, *rows]) + "\n", "utf-8")
    return path


def problems(path, teacher="wang", lang="zh"):
    with pytest.raises(LoginError) as caught:
        plan_logins(path, teacher, lang)
    return [problem.text(lang) for problem in caught.value.problems]


def test_chinese_and_numeric_ids_are_refused_with_their_line_and_the_username_column(tmp_path):
    path = roster(tmp_path, "张三,三,张,G1,leader", "2024001,芳,李,G1,member", "s2024002,伟,王,G1,member")
    found = problems(path)
    assert len(found) == 2
    assert found[0].startswith("roster.csv 第 2 行：学号“张三”不能用作服务器登录名")
    assert "username" in found[0] and "s002" in found[0]
    assert found[1].startswith("roster.csv 第 3 行") and "s2024001" in found[1]
    english = problems(path, lang="en")
    assert english[0].startswith("roster.csv line 2: student_id '张三' cannot be a login name")
    assert "Add a column username" in english[0]


def test_a_username_column_maps_logins_to_the_gradebook_ids(tmp_path):
    path = roster(tmp_path, "张三,三,张,G1,leader,s001", "s002,芳,李,G1,member,",
                  header=HEADER + ",username")
    planned = plan_logins(path, "wang")
    assert [(p.login, p.student_id, p.name, p.line) for p in planned] == [
        ("s001", "张三", "张三", 2), ("s002", "s002", "李芳", 3)]
    assert login_to_student(path) == {"s001": "张三", "s002": "s002"}


def test_duplicate_logins_system_accounts_and_the_teacher_are_refused(tmp_path):
    path = roster(tmp_path, "a1,三,张,G1,leader,s001", "a2,芳,李,G1,member,s001", "a3,伟,王,G1,member,root",
                  "a4,明,赵,G1,member,wang", "a5,红,钱,G1,member,S005", header=HEADER + ",username")
    found = problems(path, lang="en")
    assert found[0] == "roster.csv line 3: login 's001' is already used on line 2; each student needs their own."
    assert found[1].startswith("roster.csv line 4: login 'root' is a system account")
    assert found[2].startswith("roster.csv line 5: login 'wang' is the teacher's account")
    assert found[3].startswith("roster.csv line 6: username 'S005' is not a valid login name")


def test_the_rosters_own_checks_come_first(tmp_path):
    path = roster(tmp_path, "s1,三,张,G1,member")
    with pytest.raises(RosterError) as caught:  # the group has no leader
        plan_logins(path, "wang")
    assert "no leader" in str(caught.value)


def test_a_teacher_login_unix_refuses_is_reported(tmp_path):
    path = roster(tmp_path, "s1,三,张,G1,leader")
    assert problems(path, teacher="王老师", lang="en") == [
        "the teacher's login '王老师' is not a valid login name (lower-case Latin letters, digits, _ and -, "
        "starting with a letter)."]
