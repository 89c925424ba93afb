"""The printable forms' tables: 项目评价 and the peer-evaluation sheet the grading pipeline reads.

The words come from ``content/teachers/forms.toml``: the levels 优/良/中/差 with
the band of peer scores each stands for, the criteria of the project
evaluation and the criteria of the peer evaluation, each with what every level
means. The peer sheet's columns are the pipeline's own
(:data:`autograder.teacher.peer.COLUMNS`) and its score range the course's
``[peer] max_score``, so a sheet typed into a spreadsheet and saved as
``peer/<assignment>.csv`` is exactly what ``grade``, ``report`` and ``export`` read.
"""
from __future__ import annotations

from ..course import DEFAULTS
from ..teacher.peer import COLUMNS

WORDS = {
    "zh": {"criterion": "评价内容", "evidence": "依据", "self": "自我评价", "peer": "小组互评",
           "teacher": "教师评价", "level": "等级", "score": "互评分数", "share": "练习得分率",
           "meaning": "含义", "tick": "□优 □良 □中 □差", "or_more": "{p}% 及以上", "below": "低于 {p}%"},
    "en": {"criterion": "Criterion", "evidence": "Evidence", "self": "Self", "peer": "Peer group",
           "teacher": "Teacher", "level": "Level", "score": "Peer score", "share": "Share of exercise points",
           "meaning": "What it means", "tick": "□E □G □F □P", "or_more": "{p} % or more", "below": "below {p} %"},
}


def max_score() -> float:
    """Top of the peer rating scale (``course.toml`` default)."""
    return float(DEFAULTS["peer"]["max_score"])


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(c.replace("|", "\\|").replace("\n", " ") for c in cells) + " |"


def _table(header: list[str], rows: list[list[str]]) -> str:
    return "\n".join([_row(header), _row(["---"] * len(header)), *map(_row, rows)])


def band(level: dict) -> str:
    return f"{level['low']:g}–{level['high']:g}"


def shares(levels: list[dict], lang: str) -> list[str]:
    """The share of exercise points each level stands for (levels best first)."""
    w, found, above = WORDS[lang], [], None
    for level in levels:
        p = level["percent"]
        if above is None:
            found.append(w["or_more"].format(p=p))
        elif p == 0:
            found.append(w["below"].format(p=above))
        else:
            found.append(f"{p}%–{above - 1}%" if lang == "zh" else f"{p}–{above - 1} %")
        above = p
    return found


def levels_table(forms: dict, lang: str) -> str:
    """优/良/中/差 with the band of peer scores and the share of exercise points each stands for."""
    w, levels = WORDS[lang], forms["level"]
    return _table([w["level"], f"{w['score']}（0–{max_score():g}）" if lang == "zh" else
                   f"{w['score']} (0–{max_score():g})", w["share"], w["meaning"]],
                  [[lv[lang], band(lv), share, lv[f"about_{lang}"]]
                   for lv, share in zip(levels, shares(levels, lang))])


def descriptors_table(criteria: list[dict], levels: list[dict], lang: str, key: bool = False) -> str:
    """A criterion per row, what each level means per column."""
    w = WORDS[lang]
    header = [w["criterion"]] + [f"{lv[lang]}（{band(lv)}）" if key and lang == "zh" else
                                 f"{lv[lang]} ({band(lv)})" if key else lv[lang] for lv in levels]
    rows = []
    for c in criteria:
        name = f"{c[lang]}（`{c['key']}`）" if key and lang == "zh" else (
            f"{c[lang]} (`{c['key']}`)" if key else c[lang])
        rows.append([name, *c[f"levels_{lang}"]])
    return _table(header, rows)


def evaluation_form(forms: dict, lang: str) -> str:
    """The blank 项目评价 form: a row per criterion, a box per evaluator."""
    w = WORDS[lang]
    return _table([w["criterion"], w["evidence"], w["self"], w["peer"], w["teacher"]],
                  [[c[lang], c[f"evidence_{lang}"], w["tick"], w["tick"] if c.get("peer") else "—", w["tick"]]
                   for c in forms["evaluation_criterion"]])


def peer_sheet(forms: dict, rated_groups: int = 2) -> str:
    """The peer sheet: exactly the pipeline's columns, a row per rated group and criterion."""
    rows = [["", "", c["key"], ""] for _ in range(rated_groups) for c in forms["peer_criterion"]]
    return _table(list(COLUMNS), rows)


def peer_example(forms: dict) -> str:
    """A filled-in example of ``peer/<assignment>.csv`` (two groups rating each other)."""
    lines = [",".join(COLUMNS)]
    for rater, rated, scores in (("G1", "G2", (8, 7, 6)), ("G2", "G1", (9, 6, 7))):
        lines += [f"{rater},{rated},{c['key']},{s}" for c, s in zip(forms["peer_criterion"], scores)]
    return "```csv\n" + "\n".join(lines) + "\n```"


def template_csv() -> str:
    """The header of an empty ``peer/<assignment>.csv``."""
    return ",".join(COLUMNS) + "\n"


def blocks(forms: dict, lang: str) -> dict[str, str]:
    """Placeholder name → generated Markdown, for the forms page's source."""
    levels = forms["level"]
    return {
        "max_score": f"{max_score():g}",
        "peer_weight": f"{DEFAULTS['peer']['weight']:g}",
        "levels": levels_table(forms, lang),
        "evaluation_descriptors": descriptors_table(forms["evaluation_criterion"], levels, lang),
        "evaluation_form": evaluation_form(forms, lang),
        "peer_criteria": descriptors_table(forms["peer_criterion"], levels, lang, key=True),
        "peer_sheet": peer_sheet(forms),
        "peer_example": peer_example(forms),
    }
