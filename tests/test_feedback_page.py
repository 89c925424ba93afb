"""The summary block of a feedback page, placed and replaced; nbgrader's labels in the edition's language."""
from autograder.teacher.feedback_page import localise, place, points, summary_block, summary_total

DATA = {"format": 1, "lang": "zh", "assignment": "task1-identify", "student_id": "s02", "name": "李芳",
        "individual": 12.0, "individual_max": 18.0, "group_id": "G1", "group": 7.0, "group_max": 10.0,
        "group_from": "s01", "group_from_name": "王伟", "peer": 3.5, "peer_weight": 5.0, "peer_fraction": 0.7,
        "late_penalty": 1.0, "total": 21.5, "max_points": 33.0, "pending": 1,
        "pending_questions": ["问题 7 案例分析"], "comments": [["小组部分", "故事选得好"]], "notebook_note": True,
        "problem": ""}
NBGRADER = ('<body>\n<a name="top"></a>\n<div class="container"><h4>task1-identify (Score: 12.0 / 28.0)</h4>'
            '<ol><li><a href="#q1_tests">Test cell</a> (Score: 0.0 / 2.0)</li>'
            '<li><a href="#comment-q7_case">Comment</a></li></ol>'
            '<span class="nbgrader-label">Grade cell: <code>q1_tests</code></span>'
            '<span class="pull-right">Score: 0.0 / 2.0 <a href="#top">(Top)</a></span>'
            '<span class="nbgrader-label">Student\'s answer</span>'
            '<b>Comments:</b> <p>No response.</p><pre>print("Score: 1 / 2")</pre></div></body>')


def test_summary_shows_every_component_and_the_total():
    block = summary_block(DATA, "2026-03-10 20:00")
    for text in ("task1-identify 成绩：总分 21.5 / 33", "李芳（s02）", "个人部分", "12 / 18", "小组部分", "7 / 10",
                 "G1 组的小组作业由 王伟（s01）提交", "小组互评", "3.5 / 5", "平均达到最高分的 70%", "迟交扣分", "−1",
                 "还有 1 个答案等老师评分", "问题 7 案例分析", "老师的评语", "故事选得好", "2026-03-10 20:00"):
        assert text in block, text
    assert summary_total(block) == "21.5"
    english = summary_block({**DATA, "lang": "en", "group_from": "s02"}, "now")
    assert "Your grade for task1-identify: 21.5 / 33 points" in english and "handed in by you" in english


def test_components_that_cannot_add_points_are_left_out():
    block = summary_block({**DATA, "group_max": 0.0, "peer_weight": 0.0, "late_penalty": 0.0, "pending": 0,
                           "comments": [], "notebook_note": False}, "now")
    assert "小组部分" not in block and "小组互评" not in block and "迟交" not in block and "暂定" not in block


def test_place_inserts_once_then_replaces():
    first = place(NBGRADER, summary_block(DATA, "t1"))
    second = place(first, summary_block({**DATA, "total": 25.0}, "t2"))
    assert first.index("autograder-summary") < first.index("<h4>") and second.count("autograder-summary") == 1
    assert summary_total(second) == "25" and "t1" not in second


def test_localise_names_questions_and_leaves_the_students_text_alone():
    page = localise(NBGRADER, "zh", {"q1_tests": "问题 1 期望差距"})
    for text in ("task1-identify（这份笔记本得分：12 / 28；总成绩见上方）", '<a href="#q1_tests">问题 1 期望差距</a> (得分：0 / 2)',
                 "测试：问题 1 期望差距", "得分：0 / 2 <a href=\"#top\">（回到顶部）</a>", "你的答案", "<b>评语：</b> <p>没有作答。</p>"):
        assert text in page, text
    assert "#comment-q7_case" not in page  # the summary lists the teacher's comments
    assert 'print("Score: 1 / 2")' in page and localise(page, "zh", {}) == page
    assert localise(NBGRADER, "en", {"q1_tests": "Question 1"}).count("Question 1") == 2


def test_points_as_the_grade_sheet_shows_them():
    assert [points(v) for v in (12.0, 3.8333, 0.5, 28)] == ["12", "3.83", "0.5", "28"]
