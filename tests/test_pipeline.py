"""The teacher's pipeline through nbgrader on a small assignment: init, grade, group rules,
peer evaluation, export and report."""
import gc
import json

import nbformat
import pandas as pd
import pytest

from autograder.__main__ import main
from autograder.course import Course
from autograder.teacher.grade import grade
from autograder.teacher.init import init_course
from conftest import mini_assignment

ROSTER = ("student_id,first_name,last_name,group_id,role,email\n"
          "s01,伟,王,G1,leader,\ns02,芳,李,G1,member,\ns03,Ann,Lee,G2,leader,\n"
          "s04,Bo,Chen,G2,member,\ns05,Cai,Liu,G3,leader,\n")


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    base = tmp_path_factory.mktemp("pipeline")
    mini_assignment(base / "source")
    (base / "roster.csv").write_text(ROSTER, "utf-8")
    return init_course(base / "course", base / "roster.csv", source=base / "source")


def submit(course, student, stamp, *, answer=None, group_text=None, group_id="", raw=None):
    folder = course.path("submitted", student, "mini")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "timestamp.txt").write_text(stamp)
    if raw is not None:
        (folder / "mini.ipynb").write_text(raw)
        return
    nb = nbformat.read(course.path("release", "mini", "mini.ipynb"), as_version=4)
    for cell in nb.cells:
        grade_id = cell.metadata["nbgrader"]["grade_id"]
        if grade_id == "q1" and answer is not None:
            cell.source = answer
        if grade_id == "group_story" and group_text is not None:
            cell.source = group_text
        if grade_id == "group_id":
            cell.source = f'GROUP_ID = "{group_id}"'
    nbformat.write(nb, folder / "mini.ipynb")


@pytest.fixture(scope="module")
def graded(course):
    submit(course, "s01", "2026-03-01 10:00:00.000000 UTC", answer="answer = 0.75", group_id="G1")
    submit(course, "s02", "2026-03-01 11:00:00.000000 UTC", answer="answer = 0.5",
           group_text="我们组的故事……", group_id="G1")
    submit(course, "s03", "2026-03-01 09:00:00.000000 UTC", answer="answer = 6/8", group_text="Story A",
           group_id="G2")
    submit(course, "s04", "2026-03-02 09:00:00.000000 UTC", answer="answer = 1", group_text="Story B",
           group_id="G2")
    submit(course, "s05", "2026-03-01 09:00:00.000000 UTC", raw="{ not json")
    run = grade(course, "mini", progress=False)
    # The teacher grades the group answers in the formgrader; here straight into the gradebook.
    with course.gradebook() as gb:
        for student, points in (("s02", 3.0), ("s03", 1.0), ("s04", 2.0)):
            found = gb.find_grade("group_story", "mini", "mini", student)
            found.manual_score, found.needs_manual_grade = points, False  # as the formgrader saves it
        gb.db.commit()
    return run


@pytest.mark.slow
def test_init_puts_students_and_release_in_place(course):
    with course.gradebook() as gb:
        assert sorted(s.id for s in gb.students) == ["s01", "s02", "s03", "s04", "s05"]
        assert gb.find_student("s01").first_name == "伟"
    assert course.path("release", "mini", "mini.ipynb").exists()


@pytest.mark.slow
def test_grade_scores_and_keeps_going_past_a_broken_notebook(graded):
    table = graded.scores.students
    assert table.loc["s01", "individual"] == 2 and table.loc["s02", "individual"] == 0
    assert "s05" in graded.failures
    assert pd.read_csv(graded.table_path, index_col="student_id").loc["s05", "status"] == "failed"
    assert (graded.table_path.parent.parent / "feedback" / "s01" / "mini" / "mini.html").exists()


def test_grading_in_this_process_leaves_its_garbage_collector_as_it_was(graded):
    """Only the grading processes collect less often (and the command line's, which is ours): a
    teacher's notebook or script that calls grade() keeps its settings (here Python's defaults)."""
    from autograder.engine.collector import GRADING_GC, KERNEL_GC

    assert gc.get_threshold() == KERNEL_GC != GRADING_GC


@pytest.mark.slow
def test_group_points_reach_every_member_and_latest_counts(course, graded):
    from autograder.teacher.scores import assignment_scores

    scores = assignment_scores(course, "mini")
    table = scores.students
    assert table.loc["s01", "group"] == table.loc["s02", "group"] == 3.0   # s02 submitted for G1
    assert table.loc["s03", "group"] == table.loc["s04", "group"] == 2.0   # s04's is the latest
    assert table.loc["s05", "group"] == 0.0
    assert any("G2: 2 group submissions" in str(n) for n in scores.notes)
    assert any("group G3: no group submission" in str(n) for n in scores.notes), scores.notes
    assert table.loc["s01", "group_from"] == "s02" and table.loc["s01", "name"] == "王伟"


@pytest.mark.slow
def test_peer_points_export_and_report(course, graded, capsys):
    course.path("peer").mkdir(exist_ok=True)
    course.path("peer", "mini.csv").write_text(
        "rater_group,rated_group,criterion,score\nG2,G1,plan,10\nG1,G2,plan,5\nG1,G1,plan,10\n", "utf-8")
    assert main(["report", "mini", "--course-dir", str(course.root)]) == 0
    html = course.path("reports", "mini", "index.html").read_text("utf-8")
    for figure in ("distribution.png", "questions.png", "groups.png", "hardest.png"):
        assert figure in html and course.path("reports", "mini", figure).stat().st_size > 3000
    assert "互评表第 4 行是小组给自己打的分，已忽略" in html and "作业成绩报告" in html
    assert main(["report", "mini", "--course-dir", str(course.root), "--lang", "en"]) == 0
    assert "self-rating ignored" in course.path("reports", "mini", "index.html").read_text("utf-8")
    assert main(["grade", "mini", "--course-dir", str(course.root), "--quiet"]) == 0
    assert main(["export", "--course-dir", str(course.root), "--excel"]) == 0
    data = course.path("exports", "grades-plain.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    exported = pd.read_csv(course.path("exports", "grades-plain.csv"), encoding="utf-8-sig",
                           index_col="student_id")
    # s01: 2 individual + 3 group + 5 × 1.0 peer (G1 rated 10/10 by G2)
    assert exported.loc["s01", "mini"] == pytest.approx(10.0)
    assert exported.loc["s03", "mini"] == pytest.approx(2 + 2 + 2.5)


def test_init_refuses_a_bad_roster_and_writes_nothing(tmp_path, capsys):
    mini_assignment(tmp_path / "source")
    (tmp_path / "roster.csv").write_text(ROSTER + "s01,X,Y,G3,member,\n", "utf-8")
    code = main(["init", str(tmp_path / "course"), "--roster", str(tmp_path / "roster.csv")])
    assert code == 2 and "roster.csv 第 7 行：学生 s01 出现在两个小组里" in capsys.readouterr().err
    code = main(["init", str(tmp_path / "course"), "--roster", str(tmp_path / "roster.csv"), "--lang", "en"])
    assert code == 2 and "roster.csv line 7: student s01 is in two groups" in capsys.readouterr().err
    assert not (tmp_path / "course").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".course")] == []


@pytest.mark.parametrize("verb", ["init", "grade", "feedback", "export", "report", "demo"])
def test_every_verb_has_help(verb, capsys):
    with pytest.raises(SystemExit) as caught:
        main([verb, "--help"])
    assert caught.value.code == 0 and "usage" in capsys.readouterr().out


@pytest.mark.slow
def test_grade_on_the_command_line_is_quiet_and_counts_right(tmp_path, capfd):
    mini_assignment(tmp_path / "source")
    (tmp_path / "roster.csv").write_text(ROSTER, "utf-8")
    course = init_course(tmp_path / "course", tmp_path / "roster.csv", source=tmp_path / "source")
    submit(course, "s01", "2026-03-01 10:00:00.000000 UTC", answer="answer = 0.75", group_id="G1")
    submit(course, "s03", "2026-03-01 10:00:00.000000 UTC", answer="answer = 1", group_id="G2")
    submit(course, "s05", "2026-03-01 09:00:00.000000 UTC", raw="{ not json")
    capfd.readouterr()
    assert main(["grade", "mini", "--course-dir", str(course.root), "--quiet"]) == 0
    out, err = capfd.readouterr()
    assert "mini：本次评分 3 份，之前已评分 0 份，无法评分 1 份" in out
    assert "Warning" not in err and "Warning" not in out and err.strip() == "", err
    assert "s05）：无法评分，文件不是有效的笔记本" in out and "反馈：" in out
    assert main(["grade", "mini", "--course-dir", str(course.root), "--quiet", "--lang", "en"]) == 0
    out, err = capfd.readouterr()
    assert "mini: graded 0 submissions in" in out and "(3 graded earlier); 1 could not be graded" in out
    assert "-1" not in out.replace(str(course.root), "COURSE") and err.strip() == ""  # no "(-1 finished earlier)"
