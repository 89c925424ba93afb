"""Lesson 4 step sequencer (the eight steps) and reply checker (phrases to avoid)."""
import pytest

from conftest import shown
from satisfaction import COMPLAINT_STEPS
from satisfaction.widgets import lesson4

KEYS = [t.key for t in COMPLAINT_STEPS]


def test_step_marks_say_which_steps_are_misplaced_and_which_way_not_where():
    order = KEYS[:]
    order[0], order[3] = order[3], order[0]
    assert lesson4.step_marks(order, "zh") == ["later", "right", "right", "earlier"] + ["right"] * 4
    assert lesson4.step_marks(KEYS, "en") == ["right"] * 8


@pytest.mark.parametrize("order, message", [(KEYS[:7] + [None], "every position"),
                                            (KEYS[:7] + [KEYS[0]], "twice")])
def test_step_marks_refuse_incomplete_orders(order, message):
    with pytest.raises(ValueError, match=message):
        lesson4.step_marks(order, "en")


def test_the_sequencer_never_shows_the_whole_order():
    seq = lesson4.StepSequencer("zh")
    seq.check.click()
    names = [t.zh for t in COMPLAINT_STEPS]
    feedback = shown(seq.feedback) + " ".join(shown(m) for m in seq.marks)
    assert not any(name in feedback for name in names)
    assert {shown(m) for m in seq.marks} <= {"✔", "✘ 这一步应该更早做", "✘ 这一步应该更晚做"}
    wrong = next(i for i, m in enumerate(seq.marks) if shown(m).startswith("✘"))
    seq.slots[wrong].value = next(k for k in KEYS if k != seq.slots[wrong].value)
    assert seq.marks[wrong].value == ""  # a changed slot loses its stale mark


@pytest.mark.parametrize("lang, praise", [("zh", "全部正确"), ("en", "All right")])
def test_sequencer_starts_shuffled_and_praises_the_right_order(lang, praise):
    seq = lesson4.StepSequencer(lang)
    assert [s.value for s in seq.slots] != KEYS and sorted(s.value for s in seq.slots) == sorted(KEYS)
    seq.check.click()
    assert "8" in shown(seq.feedback) and praise not in shown(seq.feedback)
    for slot, key in zip(seq.slots, KEYS):
        slot.value = key
    seq.check.click()
    assert praise in shown(seq.feedback)
    seq.slots[0].value = KEYS[1]
    seq.check.click()
    assert "twice" in shown(seq.message) or "两次" in shown(seq.message)


@pytest.mark.parametrize("lang, reply, flagged", [
    ("zh", "你别激动，我们不可能出错。", ["你别激动", "我们不可能"]),
    ("en", "Calm down, you should read the manual.", ["calm down", "you should"])])
def test_reply_checker_flags_phrases_and_offers_better_ones(lang, reply, flagged):
    checker = lesson4.ReplyChecker(lang)
    checker.reply.value = reply
    assert checker.result.value == ""  # typing makes the last result stale: it is cleared
    checker.check.click()
    assert all(p in shown(checker.result) for p in flagged)
    checker.reply.value = "我理解您的感受，抱歉给您造成了麻烦。" if lang == "zh" else "I understand how you feel."
    checker.reply.value += "\n"  # Enter checks too
    assert shown(checker.result).startswith("✔")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_scenario_starts_with_a_draft_that_needs_work(lang):
    checker = lesson4.ReplyChecker(lang)
    assert len(checker.items) >= 4
    seen = set()
    for number, item in enumerate(checker.items):
        checker.scenario.value = number
        assert item.customer in shown(checker.customer) and checker.reply.value == item.draft
        assert not shown(checker.result).startswith("✔"), item.draft
        seen.add(shown(checker.customer))
    assert len(seen) == len(checker.items)


def test_switching_scenario_never_overwrites_a_reply_the_student_wrote():
    checker = lesson4.ReplyChecker("zh")
    mine = "您好，非常抱歉，我马上为您处理。"
    checker.reply.value = mine
    checker.scenario.value = 1
    assert checker.reply.value == mine and "还保留着" in shown(checker.note)
    checker.draft.click()
    assert checker.reply.value == checker.items[1].draft and shown(checker.note) == ""
    assert shown(checker.result)  # the draft is checked at once
    checker.scenario.value = 2  # the box holds the untouched draft: the next one replaces it
    assert checker.reply.value == checker.items[2].draft


@pytest.mark.parametrize("lang, reply, reason", [
    ("zh", "asdf jkl qwer", "大部分不是中文字词"), ("zh", "的的的的的的", "太短了"),
    ("zh", "花草树木山水云天", "不像在和客户对话"), ("en", "xkcd qwrtz bnmm", "not English words"),
    ("en", "ok", "too short")])
def test_gibberish_is_not_praised(lang, reply, reason):
    report = shown_html(lesson4.reply_report(reply, lang))
    assert not report.startswith("✔") and reason in report


def test_a_real_reply_reads_as_one():
    assert lesson4.reply_problems("您好，非常抱歉给您带来不便，我马上为您处理。", "zh") == []
    assert lesson4.reply_problems("We are sorry; we will fix your order today.", "en") == []


@pytest.mark.parametrize("lang, reply, used", [
    ("zh", "是的 谁遇到这种情况都会不开心。请问这样解决,您还满意吗?",
     ["是的，谁遇到这种情况都会不开心", "请问这样解决，您还满意吗？"]),
    ("en", "I'm sorry we've disappointed you. i UNDERSTAND how you feel",
     ["I understand how you feel", "I am sorry we have disappointed you"]),
    ("en", "We will replace it today.", [])])
def test_phrases_used_ignore_punctuation_case_and_contractions(lang, reply, used):
    assert lesson4.phrases_used(reply, lang) == used


@pytest.mark.parametrize("lang, praise, hint", [("zh", "用到了推荐的服务用语：“我理解您的感受”", "可以试试"),
                                                ("en", 'you used: "I understand how you feel"', "try one of")])
def test_reply_report_praises_good_phrases_or_suggests_them(lang, praise, hint):
    good = "我理解您的感受。" if lang == "zh" else "I understand how you feel."
    assert praise in shown_html(lesson4.reply_report(good, lang))
    plain = "我们今天给您换一台。" if lang == "zh" else "We will exchange it today."
    report = shown_html(lesson4.reply_report(plain, lang))
    assert report.startswith("✔") and hint in report


def test_empty_reply_shows_a_message():
    checker = lesson4.ReplyChecker("zh")
    checker.reply.value = "   "
    checker.check.click()
    assert "请先输入" in shown(checker.message) and checker.result.value == ""
    with pytest.raises(ValueError, match="Type a reply"):
        lesson4.reply_report("", "en")


def shown_html(value: str) -> str:
    return shown(type("Box", (), {"value": value})())


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_lesson_quiz_agrees_with_the_model(lang):
    from satisfaction import check_reply
    from satisfaction.widgets.quiz import Quiz

    q = Quiz("quiz_lesson4", lang)
    assert 4 <= len(q.questions) <= 6
    answers = [item.options[item.answer] for item in q.questions]
    assert answers[0] == getattr(COMPLAINT_STEPS[0], lang)
    avoid = q.questions[2]  # "which should be avoided": the reply checker flags that option only
    assert [bool(check_reply(o, lang=lang)) for o in avoid.options] == [i == avoid.answer for i in range(4)]
    q.choices[0].value = answers[0]
    assert q.questions[0].explain in shown(q.results[0]) and q.score == 1
