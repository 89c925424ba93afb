import pytest

from satisfaction import COMPLAINT_STEPS, FIVE_GAPS, check_reply, check_step_order


def test_eight_steps_in_order_both_languages():
    assert len(COMPLAINT_STEPS) == 8
    assert COMPLAINT_STEPS[0].zh == "记录投诉内容" and COMPLAINT_STEPS[-1].zh == "总结评价"
    assert all(step.en for step in COMPLAINT_STEPS)


def test_five_gaps():
    assert [g.zh for g in FIVE_GAPS] == ["促销差距", "理解差距", "程序差距", "行为差距", "感受差距"]


def test_check_reply_zh():
    hits = check_reply("你别激动，你应该先看说明书。")
    assert [h.avoid for h in hits] == ["你别激动", "你应该"]
    assert hits[0].instead == "是的，谁遇到这种情况都会不开心"
    assert check_reply("我理解您的感受，很抱歉我们让您感到失望了。") == []


def test_check_reply_en_is_word_and_case_aware():
    hits = check_reply("Calm down. You’re wrong, we never lose parcels.", lang="en")
    assert [h.avoid for h in hits] == ["calm down", "you are wrong", "we never"]
    assert check_reply("We should be able to fix it today.", lang="en") == []


@pytest.mark.parametrize("text, lang", [(None, "zh"), (42, "en"), ("ok", "fr")])
def test_check_reply_bad_input(text, lang):
    with pytest.raises(ValueError):
        check_reply(text, lang)


def test_step_order_feedback():
    right = [s.key for s in COMPLAINT_STEPS]
    assert check_step_order(right) == []
    swapped = right[:]
    swapped[0], swapped[1] = swapped[1], swapped[0]
    assert check_step_order(swapped) == [(1, "judge", "record"), (2, "record", "judge")]
    with pytest.raises(ValueError, match="missing"):
        check_step_order(right[:-1])
    with pytest.raises(ValueError, match="unknown"):
        check_step_order(right[:-1] + ["party"])
