"""Multiple-choice questions with immediate feedback (not graded).

Questions live in a data file as an array of tables, both languages side by
side, for example in ``data/ui_lesson1.toml``::

    [[quiz_lesson1]]
    zh = "题干……"
    en = "Question …"
    options_zh = ["甲", "乙", "丙"]
    options_en = ["A", "B", "C"]
    answer = 1                     # 0-based index of the right option
    explain_zh = "解析……"
    explain_en = "Why …"
    hint_zh = "提示……"               # optional: shown after a wrong answer, never the answer itself
    hint_en = "Hint …"

The same widget serves the lesson quizzes and drills such as the five-gap
diagnosis (a scenario as the question, the five gaps as the options).
"""
from __future__ import annotations

import html
from dataclasses import dataclass

import ipywidgets as widgets

from .. import terms
from ._base import ui


@dataclass(frozen=True)
class Question:
    """One question in one language."""

    text: str
    options: tuple[str, ...]
    answer: int
    explain: str
    hint: str = ""


def questions(group: str, lang: str) -> list[Question]:
    """The questions of a data-file group in ``lang``, checked for consistency."""
    terms.check_lang(lang)
    entries = terms.all_terms().get(group)
    if not isinstance(entries, list) or not entries:
        raise ValueError(f"no questions in group {group!r}")
    result = []
    for number, entry in enumerate(entries, start=1):
        options = tuple(entry[f"options_{lang}"])
        if not 0 <= entry["answer"] < len(options):
            raise ValueError(f"{group} question {number}: answer {entry['answer']} is not an option index")
        result.append(Question(entry[lang], options, entry["answer"], entry[f"explain_{lang}"],
                               str(entry.get(f"hint_{lang}", "")).strip()))
    return result


def feedback(question: Question, choice: int | None, lang: str) -> tuple[bool, str]:
    """Whether ``choice`` (an option index, or None) is right, and the text to show: the
    explanation when right; when wrong, the item's hint if it has one (else just “think again”)."""
    if choice is None:
        return False, ""
    if not 0 <= choice < len(question.options):
        raise ValueError(f"choice must be an option index 0..{len(question.options) - 1}")
    right = choice == question.answer
    verdict = ui("correct" if right else "try_again", lang)
    if right:
        return True, f"{verdict} {question.explain}"
    return False, f"{verdict} {ui('hint', lang)}{question.hint}" if question.hint else verdict


class Quiz:
    """A column of questions; choosing an option shows the feedback at once.

    ``choices[i]`` is the RadioButtons of question i and ``results[i]`` its
    feedback HTML, so tests can answer and read back without a browser.
    """

    def __init__(self, group: str, lang: str):
        self.lang = lang
        self.questions = questions(group, lang)
        self.choices: list[widgets.RadioButtons] = []
        self.results: list[widgets.HTML] = []
        rows = []
        for number, question in enumerate(self.questions, start=1):
            choice = widgets.RadioButtons(options=list(question.options), value=None,
                                          layout=widgets.Layout(width="auto"))
            result = widgets.HTML()
            choice.observe(self._on_choice(question, result), names="value")
            self.choices.append(choice)
            self.results.append(result)
            title = widgets.HTML(f'<div style="line-height:1.5"><b>{number}. {html.escape(question.text)}</b></div>')
            rows.append(widgets.VBox([title, choice, result]))
        self.ui = widgets.VBox(rows)

    def _on_choice(self, question: Question, result: widgets.HTML):
        def update(change) -> None:
            index = question.options.index(change["new"]) if change["new"] is not None else None
            right, text = feedback(question, index, self.lang)
            color = "#1b5e20" if right else "#b00020"
            result.value = f'<span style="color:{color}">{html.escape(text)}</span>' if text else ""
        return update

    @property
    def score(self) -> int:
        """How many questions are answered right now."""
        return sum(c.index == q.answer for c, q in zip(self.choices, self.questions))

    def _repr_mimebundle_(self, **kwargs):
        return self.ui._repr_mimebundle_(**kwargs)
