"""The teacher's texts: messages rendered in the reader's language, the course's and the edition's language."""
import nbformat

from autograder.course import Course
from autograder.teacher.texts import InputError, Message, course_lang, edition_lang, note, who


def test_a_message_is_english_as_a_string_and_either_language_on_demand():
    message = note("failed", student=who("王伟", "s01"), reason=[Message("reason_no_notebook", {}, "report")])
    assert str(message).startswith("王伟 (s01): could not be graded: no notebook")
    assert message.text("zh").startswith("王伟（s01）：无法评分，提交里没有找到")
    assert who("", "s09").text("zh") == "s09"


def test_lists_are_joined_in_each_language():
    message = Message("roster_missing_columns", {"name": "r.csv", "missing": ["role", "group_id"], "needed": ["a"]})
    assert "role、group_id" in message.text("zh") and "role, group_id" in message.text("en")


def test_input_error_lists_every_problem():
    error = InputError([Message("roster_empty_id", {"name": "r.csv", "line": 3, "id": ""})])
    assert "r.csv line 3: empty student_id" in str(error) and "r.csv 第 3 行：学号（student_id）为空" in error.text("zh")


def test_course_and_edition_languages(tmp_path):
    assert course_lang(Course(tmp_path)) == "zh"  # no course.toml: the default
    (tmp_path / "course.toml").write_text('[course]\nlang = "en"\n', "utf-8")
    assert course_lang(Course(tmp_path)) == "en"
    nb = nbformat.v4.new_notebook()
    assert edition_lang(nb) == "zh"
    nb.metadata["course"] = {"edition": "en"}
    assert edition_lang(nb) == "en"
