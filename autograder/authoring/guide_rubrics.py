"""The rubrics of every manually graded and group question, read from the exercise sources.

In an exercise source (:mod:`.exercises`) a manually graded answer is a
``%% markdown manual id=… points=…`` cell (with the flag ``group`` for the group
part); the question, with its rubric, is the markdown cell before it (the group
part has its group-id cell in between). The rubric starts at **评分标准** /
**Rubric** and runs to the end of the question; the manual cell itself holds the
model answer, which students never see. Level descriptors (what earns full,
half and no credit) are rendered as the rubric gives them; :func:`render` lists
the rubrics that do not name the levels yet.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .bilingual import SourceCell

#: Where a rubric starts in a question, per edition.
RUBRIC = {"zh": re.compile(r"\*\*评分标准"), "en": re.compile(r"\*\*Rubric")}
#: Words every rubric with level descriptors uses, per edition (all must occur).
LEVEL_WORDS = {"zh": ("满分", "一半"), "en": ("full", "half")}
WORDS = {
    "zh": {"title": "人工评分题与小组题的评分标准", "question": "题目", "rubric": "评分标准",
           "model": "参考答案要点（学生看不到）", "group": "小组题", "points": "分",
           "no_levels": "还没有写出等级描述（满分、一半、不得分）的评分标准",
           "all_levels": "每条评分标准都写出了等级描述。",
           "intro": "以下内容取自各练习的来源文件。每道题给出题目、评分标准和参考答案要点；"
                    "在 nbgrader 的 Formgrader 中给分时，可以把本页打印出来放在手边。"},
    "en": {"title": "Rubrics for the manually graded and group questions", "question": "Question",
           "rubric": "Rubric", "model": "Model answer (students never see it)", "group": "group part",
           "points": "points", "no_levels": "Rubrics that do not describe the levels yet (full, half, none)",
           "all_levels": "Every rubric describes its levels.",
           "intro": "Taken from the exercise sources. For each question: the question, its rubric and "
                    "the model answer; print this page and keep it beside nbgrader's Formgrader while grading."},
}


@dataclass
class Rubric:
    """One manually graded question in one edition."""

    assignment: str
    grade_id: str
    points: float
    group: bool
    heading: str
    question: str
    rubric: str
    model: str


@dataclass
class Page:
    text: str
    without_levels: list[str] = field(default_factory=list)


def _question_cell(cells: list[SourceCell], index: int) -> SourceCell | None:
    for cell in reversed(cells[:index]):
        if cell.kind == "markdown" and "manual" not in cell.attrs:
            return cell
        if cell.kind == "code" and "group" not in cell.attrs:
            return None
    return None


def rubrics(assignment: str, cells: list[SourceCell], lang: str) -> list[Rubric]:
    """The manually graded questions of one exercise source, in order."""
    found = []
    for index, cell in enumerate(cells):
        if cell.kind != "markdown" or "manual" not in cell.attrs:
            continue
        question = _question_cell(cells, index)
        text = question.text(lang) if question else ""
        lines = text.splitlines()
        heads = [n for n, line in enumerate(lines) if re.match(r"#{2,4} ", line)]
        if heads:
            lines = lines[heads[-1]:]
        heading = re.sub(r"^#+\s*", "", lines[0]) if lines and lines[0].startswith("#") else cell.attrs["id"]
        body = "\n".join(lines[1:] if lines and lines[0].startswith("#") else lines).strip()
        found_rubric = RUBRIC[lang].search(body)
        question_text, rubric_text = ((body[:found_rubric.start()].strip(), body[found_rubric.start():].strip())
                                      if found_rubric else (body, ""))
        found.append(Rubric(assignment, cell.attrs["id"], float(cell.attrs.get("points", 0)),
                            "group" in cell.attrs, heading, question_text, rubric_text,
                            cell.text(lang).strip()))
    return found


def has_levels(rubric: Rubric, lang: str) -> bool:
    """Whether the rubric (or its model answer) names every level of credit."""
    text = (rubric.rubric + "\n" + rubric.model).lower()
    return all(word in text for word in LEVEL_WORDS[lang])


def render(exercises: list[tuple[str, str, str, list[SourceCell]]], lang: str) -> Page:
    """One edition's rubrics page; ``exercises`` holds (name, title, link, cells) per exercise."""
    words = WORDS[lang]
    page = Page("")
    out = [f"# {words['title']}", "", words["intro"], ""]
    for name, title, link, cells in exercises:
        out += [f"## [{title}]({link})", ""]
        for rubric in rubrics(name, cells, lang):
            tag = f"（{words['group']}）" if lang == "zh" and rubric.group else (
                f" ({words['group']})" if rubric.group else "")
            out += [f"### {rubric.heading}{tag}", ""]
            if rubric.question:
                out += [f"**{words['question']}**", "", rubric.question, ""]
            if rubric.rubric:
                out += [rubric.rubric, ""]
            out += [f"**{words['model']}**", "", _unbold_lead(rubric.model), ""]
            if not has_levels(rubric, lang):
                page.without_levels.append(f"{name} · {rubric.heading}")
    out += [f"## {words['no_levels']}", ""]
    out += [f"- {item}" for item in page.without_levels] or [words["all_levels"]]
    page.text = "\n".join(out).rstrip() + "\n"
    return page


def _unbold_lead(model: str) -> str:
    """The model answer without its own leading bold label (the page gives one)."""
    return re.sub(r"^\*\*[^*]{1,40}\*\*\s*[：:]?\s*", "", model, count=1)
