"""The class report in the teacher's language: columns, statuses, reasons, notes, banners, counts."""
from __future__ import annotations

import re

import pandas as pd

from autograder.teacher.report import write_report
from autograder.teacher.scores import COLUMNS, AssignmentScores
from autograder.teacher.texts import note, who

STUDENTS = pd.DataFrame([
    # name, group, role, submitted, status, reason, individual, group, peer, late, total, pending, provisional
    ("王伟", "G1", "leader", True, "graded", "", 12.0, 7.0, 3.5, 0.0, 22.5, 1, True),
    ("李芳", "G1", "member", True, "graded", "cell 4 ran longer than 60 s and was interrupted", 8.0, 7.0, 3.5, 0.0,
     18.5, 0, False),
    ("张娜", "G2", "leader", True, "failed", "NotJSONError: Notebook does not appear to be JSON", 0.0, 5.0, 4.0,
     0.0, 9.0, 0, False),
    ("刘敏", "G2", "member", False, "not submitted", "", 0.0, 5.0, 4.0, 0.0, 9.0, 0, False),
    ("陈静", "G3", "leader", False, "not submitted", "", 0.0, 0.0, 0.0, 0.0, 0.0, 0, False),
], columns=["name", "group_id", "role", "submitted", "status", "reason", "individual", "group", "peer",
            "late_penalty", "total", "pending_manual", "provisional"],
    index=pd.Index(["s01", "s02", "s03", "s04", "s05"], name="student_id"))
CELLS = pd.DataFrame([
    ("s01", "q1_tests", 2.0, 2.0, False, False, False, True), ("s02", "q1_tests", 0.0, 2.0, False, False, False, True),
    ("s01", "q7_case", 0.0, 6.0, False, True, False, True), ("s02", "q7_case", 4.0, 6.0, True, False, False, True),
    ("s01", "group_stories", 7.0, 10.0, True, False, True, True)],
    columns=["student_id", "cell", "score", "max_score", "manual", "needs_manual_grade", "group_part", "counts"])


def scores() -> AssignmentScores:
    table = STUDENTS.assign(first_name="", last_name="", max_points=33.0, group_from="")[COLUMNS]
    notes = [note("no_group_submission", group="G3"), note("failed", student=who("张娜", "s03"), reason=[])]
    return AssignmentScores("task1-identify", table, CELLS, 33.0, notes,
                            {"q1_tests": "问题 1 期望差距", "q7_case": "问题 7 案例分析", "group_stories": "小组部分 小故事"},
                            peer_weight=5.0)


def text_of(path) -> str:
    page = re.sub(r"<style>.*?</style>", "", path.read_text("utf-8"), flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", page).split())


def test_zh_report_speaks_chinese_with_names_titles_and_right_counts(tmp_path):
    states = pd.DataFrame({"state": ["current", "stale", "current"], "generated": ["03-10 20:00"] * 3},
                          index=["s01", "s02", "s03"])
    text = text_of(write_report(scores(), "task1-identify", tmp_path, "zh", states))
    for expected in ("全班 5 人，交来 3 份作业：已评分 2 份，其中 1 份有代码单元被中断或停止（仍已评分），无法评分 1 份，2 人未提交。",
                     "满分 33 分（笔记本 28 分、小组互评 5 分）",
                     "人工评分尚未完成：还有 1 个答案等待评分（问题 7 案例分析：1 个）", "1 名学生总分是暂定的",
                     "有 1 名学生的反馈和成绩不一致或还没有生成（李芳 s02）",
                     "学号 姓名 小组 角色 状态 个人部分 小组部分 小组互评 总分 待人工评分 反馈",
                     "s01 王伟 G1 组长 已评分 12 7 3.5 22.5（暂定） 1",
                     "已评分，第 4 个代码单元运行超过 60 秒，被中断（后面的单元照常运行）",
                     "无法评分：文件不是有效的笔记本", "s05 陈静 G3 组长 未提交", "G3 组没有提交小组作业",
                     "张娜（s03）：无法评分", "已过期（03-10 20:00 生成）", "问题 1 期望差距"):
        assert expected in text, expected
    for english in ("graded", "failed", "True", "False", "leader", "member", "individual", "q1_tests", "NaN"):
        assert english not in text, english


def test_en_report(tmp_path):
    text = text_of(write_report(scores(), "task1-identify", tmp_path, "en"))
    for expected in ("5 students handed in 3 submissions: 2 graded, 1 of them graded with a cell interrupted",
                     "could not be graded: the file is not a valid notebook", "group G3: no group submission",
                     "student id name group role status individual group part peer total"):
        assert expected in text, expected
    assert "已评分" not in text


def test_every_chart_title_and_label_lies_inside_its_image(tmp_path, monkeypatch):
    """Long question titles push a horizontal bar chart's axes right; its title must still be whole."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    cut, saved, save = [], [], Figure.savefig

    def checked(figure, path, **kwargs):
        save(figure, path, **kwargs)
        renderer, edge = FigureCanvasAgg(figure).get_renderer(), figure.bbox
        # each chart with its title, axis labels and the tick labels it draws, and the figure's own title
        parts = [(ax.get_title(), ax.get_tightbbox(renderer)) for ax in figure.axes]
        parts += [(t.get_text(), t.get_window_extent(renderer)) for t in figure.texts if t.get_text().strip()]
        for label, box in parts:
            if box.x0 < edge.x0 - 1 or box.x1 > edge.x1 + 1 or box.y0 < edge.y0 - 1 or box.y1 > edge.y1 + 1:
                cut.append((path.name, label))
        saved.append(path.name)

    monkeypatch.setattr(Figure, "savefig", checked)
    long = scores()
    long.questions = {cell: title + "：同一家酒店，不同的评价，超出、满足还是低于期望？"
                      for cell, title in long.questions.items()}
    for lang in ("en", "zh"):
        write_report(long, "task1-identify", tmp_path / lang, lang)
    assert len(saved) == 8
    assert cut == []
