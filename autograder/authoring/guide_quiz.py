"""A lesson's quiz for the teacher: each item with its right option, explanation and hint.

A lesson shows a quiz with ``Quiz("quiz_lessonN", LANG)`` in a code cell; the items
live in the course's data files (``[[quiz_lessonN]]`` in ``satisfaction/data/ui_*.toml``)
with ``answer`` (the right option's index), ``explain_zh`` / ``explain_en`` (the
answer note) and optionally ``hint_zh`` / ``hint_en`` (shown after a wrong answer).
"""
from __future__ import annotations

import re

from .bilingual import SourceCell

WORDS = {
    "zh": {"quiz": "小测验", "answer": "正确答案", "explain": "解析", "hint": "答错时的提示",
           "none": "（还没有讲解要点）", "colon": "："},
    "en": {"quiz": "Quick quiz", "answer": "right answer", "explain": "Explanation",
           "hint": "Hint after a wrong answer", "none": "(no note yet)", "colon": ": "},
}
_QUIZ = re.compile(r"""\bQuiz\(\s*["'](\w+)["']""")


def groups(cells: list[SourceCell]) -> list[str]:
    """The data-file groups of the quizzes a lesson shows, in order."""
    return [m for cell in cells if cell.kind == "code" for m in _QUIZ.findall(cell.text("zh"))]


def render(items: list[dict], lang: str, where: str) -> tuple[list[str], list[str]]:
    """Markdown lines for one quiz, and the items that lack a right option or an explanation."""
    words, missing = WORDS[lang], []
    out = [f"### {words['quiz']}", ""]
    for number, item in enumerate(items, 1):
        options = item.get(f"options_{lang}", [])
        right = item.get("answer")
        out += [f"{number}. {item.get(lang, '')}", ""]
        for n, option in enumerate(options):
            mark = f" **← {words['answer']}**" if n == right else ""
            out.append(f"   - {chr(65 + n)}. {option}{mark}")
        explain = item.get(f"explain_{lang}", "").strip()
        out += ["", f"   {words['explain']}{words['colon']}{explain or words['none']}", ""]
        if not explain or not isinstance(right, int) or not 0 <= right < len(options):
            missing.append(f"{where}: {words['quiz']} {number}")
        hint = item.get(f"hint_{lang}", "").strip()
        if hint:
            out += [f"   {words['hint']}{words['colon']}{hint}", ""]
    return out, missing
