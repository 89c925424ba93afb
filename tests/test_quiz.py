"""The lessons' quizzes: every quiz's data is complete in both languages and answers at once."""
import pytest

from conftest import shown
from satisfaction import terms
from satisfaction.widgets import quiz

QUIZZES = sorted(name for name in terms.all_terms() if name.startswith("quiz_lesson"))


def test_every_lesson_has_a_quiz():
    assert QUIZZES == ["quiz_lesson1", "quiz_lesson2", "quiz_lesson3", "quiz_lesson4"]


@pytest.mark.parametrize("group", QUIZZES)
def test_quiz_is_the_same_in_both_editions(group):
    zh, en = quiz.questions(group, "zh"), quiz.questions(group, "en")
    assert 4 <= len(zh) <= 6 and len(zh) == len(en)
    for a, b in zip(zh, en):
        assert len(a.options) == len(b.options) >= 2 and a.answer == b.answer
        assert a.text and a.explain and b.text and b.explain


@pytest.mark.parametrize("group", QUIZZES)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_choosing_shows_feedback_at_once(group, lang):
    q = quiz.Quiz(group, lang)
    first = q.questions[0]
    wrong = next(i for i in range(len(first.options)) if i != first.answer)
    q.choices[0].value = first.options[wrong]
    expected = terms.label("ui", "try_again", lang)
    if first.hint:
        expected += " " + terms.label("ui", "hint", lang) + first.hint
    assert shown(q.results[0]) == expected and q.score == 0
    q.choices[0].value = first.options[first.answer]
    assert first.explain in shown(q.results[0]) and q.score == 1


def test_bad_quiz_data_is_refused():
    with pytest.raises(ValueError, match="no questions"):
        quiz.questions("quiz_lesson9", "zh")
    with pytest.raises(ValueError, match="option index"):
        quiz.feedback(quiz.questions("quiz_lesson1", "zh")[0], 99, "zh")


def test_a_wrong_answer_shows_the_hint_and_never_the_answer():
    item = quiz.Question("c = b / a, b = 6, a = 8?", ("0.75", "1.33"), 0, "6 / 8 = 0.75", "Divide b by a.")
    right, text = quiz.feedback(item, 1, "en")
    assert not right and text == "✘ Not quite; think again. Hint: Divide b by a." and "0.75" not in text
    plain = quiz.Question("?", ("a", "b"), 0, "because")
    assert quiz.feedback(plain, 1, "zh") == (False, "✘ 再想一想。")  # no hint yet: just think again


@pytest.mark.parametrize("group", QUIZZES)
def test_hints_when_given_are_in_both_languages_and_do_not_give_the_answer_away(group):
    for zh, en in zip(quiz.questions(group, "zh"), quiz.questions(group, "en")):
        assert bool(zh.hint) == bool(en.hint)
        for item in (zh, en):
            assert not item.hint or item.options[item.answer] not in item.hint
