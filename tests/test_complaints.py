import pytest

from satisfaction import terms
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


def test_the_polite_you_does_not_excuse_a_phrase_to_avoid():
    assert [h.avoid for h in check_reply("您应该先看说明书。")] == ["你应该"]
    assert [h.avoid for h in check_reply("您肯定弄混了，您弄错了。")] == ["你肯定弄混了", "你弄错了"]


@pytest.mark.parametrize("lang, reply", [
    ("zh", "我们不会让这种事再发生。"),
    ("zh", "以后我们不会再让您跑第二趟了。"),
    ("en", "We won't let this happen again."),
    ("en", "We will not let you down."),
])
def test_a_promise_is_not_a_phrase_to_avoid(lang, reply):
    assert check_reply(reply, lang) == []


@pytest.mark.parametrize("lang, reply", [
    ("zh", "这钱我们不会退。"),
    ("zh", "我们不会让您退货，再说也没用。"),   # 再 in the next clause does not excuse the refusal
    ("en", "We won't refund it, and we won't change that again."),
])
def test_a_refusal_is_still_flagged(lang, reply):
    assert [h.avoid for h in check_reply(reply, lang)][:1] == [terms.label("phrase_avoid", "we_wont", lang)]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_substitute_fits_its_phrase(lang):
    substitutes = {key: check_reply(text, lang)[0].instead
                   for key, text in {key: entry[lang] if lang == "zh" else entry["match_en"][0]
                                     for key, entry in terms.group("phrase_avoid").items()}.items()}
    assert len(substitutes) == 9
    # What to say instead never contains a phrase to avoid itself.
    assert all(check_reply(instead, lang) == [] for instead in substitutes.values())
    # 请求式 rather than 命令式: "you should" becomes a request; 肯定句 rather than 否定句:
    # "we won't" becomes what we can do; an apology for trouble is no answer to "you should".
    request = {"zh": "麻烦您", "en": "Could you please"}[lang]
    assert substitutes["you_should"].startswith(request)
    assert substitutes["you_should"] != terms.label("phrase_use", "sorry_trouble", lang)
    assert "不" not in substitutes["we_wont"] and "not" not in substitutes["we_wont"].lower()
    assert substitutes["we_wont"] != terms.label("phrase_use", "ask_opinion", lang)
    assert substitutes["calm_down"] == terms.label("phrase_use", "anyone_upset", lang)


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
