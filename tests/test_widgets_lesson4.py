"""Lesson 4 step sequencer (the eight steps) and reply checker (phrases to avoid)."""
import pytest

from conftest import shown
from satisfaction import COMPLAINT_STEPS
from satisfaction.widgets import lesson4

KEYS = [t.key for t in COMPLAINT_STEPS]


def test_step_feedback_names_each_misplaced_step():
    order = KEYS[:]
    order[0], order[1] = order[1], order[0]
    right, lines = lesson4.step_feedback(order, "zh")
    assert right == 6 and lines == ["第 1 步不是“判断投诉是否成立”，应该是“记录投诉内容”。",
                                    "第 2 步不是“记录投诉内容”，应该是“判断投诉是否成立”。"]
    assert lesson4.step_feedback(KEYS, "en") == (8, [])


@pytest.mark.parametrize("order, message", [(KEYS[:7] + [None], "every position"),
                                            (KEYS[:7] + [KEYS[0]], "twice")])
def test_step_feedback_refuses_incomplete_orders(order, message):
    with pytest.raises(ValueError, match=message):
        lesson4.step_feedback(order, "en")


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
    assert all(p in shown(checker.result) for p in flagged)
    checker.reply.value = "我理解您的感受，抱歉给您造成了麻烦。" if lang == "zh" else "I understand how you feel."
    assert shown(checker.result).startswith("✔")


def test_empty_reply_shows_a_message():
    checker = lesson4.ReplyChecker("zh")
    checker.reply.value = "   "
    assert "请先输入" in shown(checker.message)
