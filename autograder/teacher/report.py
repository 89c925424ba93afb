"""``report``: an HTML report of one assignment for the teacher, with matplotlib figures.

Figures: the distribution of totals, the mean share of points per question
(difficulty), the mean total per group, and the questions most students fail.
Then the notes (group rules applied, failed submissions, peer-rating issues)
and the per-student table. Chinese labels render with the course's CJK font.
"""
from __future__ import annotations

import html
from pathlib import Path

import pandas as pd
from matplotlib.figure import Figure

from satisfaction import style, terms

from .scores import AssignmentScores

#: A student "fails" a question below this share of its points.
FAIL_BELOW = 0.5


def _t(key: str, lang: str, **fields) -> str:
    return terms.label("report", key, lang).format(**fields)


def question_stats(cells: pd.DataFrame) -> pd.DataFrame:
    """Per grade cell: mean share of points (difficulty) and share of students below FAIL_BELOW."""
    graded = cells[cells["max_score"] > 0].assign(share=lambda t: t["score"] / t["max_score"])
    stats = graded.groupby("cell")["share"].agg(mean_share="mean",
                                                 failing=lambda s: (s < FAIL_BELOW).mean())
    return stats.sort_values("mean_share")


def _figure(draw, path: Path) -> str:
    with style.context():
        fig = Figure(figsize=(6.4, 3.4), layout="constrained")
        draw(fig.subplots())
        fig.savefig(path, dpi=100)
    return path.name


def write_report(scores: AssignmentScores, assignment: str, out_dir: Path, lang: str = "zh") -> Path:
    """Write ``index.html`` and its PNG figures into ``out_dir``; returns the HTML path."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    table, stats = scores.students, question_stats(scores.cells)
    submitted = table[table["submitted"]]
    figures = []

    def hist(ax):
        ax.hist(table["total"], bins=min(12, max(3, len(table) // 3)), color="#4c72b0")
        ax.set(title=_t("distribution", lang), xlabel=_t("total", lang), ylabel=_t("students", lang))
    figures.append((_t("distribution", lang), _figure(hist, out_dir / "distribution.png")))

    def per_question(ax):
        ax.barh(stats.index, stats["mean_share"], color="#55a868")
        ax.set(title=_t("per_question", lang), xlabel=_t("share", lang), xlim=(0, 1))
    figures.append((_t("per_question", lang), _figure(per_question, out_dir / "questions.png")))

    def per_group(ax):
        means = table.groupby("group_id")["total"].mean()
        ax.bar(means.index, means.to_numpy(), color="#c44e52")
        ax.set(title=_t("per_group", lang), xlabel=_t("group", lang), ylabel=_t("total", lang))
    figures.append((_t("per_group", lang), _figure(per_group, out_dir / "groups.png")))

    hardest = stats.sort_values("failing", ascending=False).head(5)

    def failing(ax):
        ax.barh(hardest.index[::-1], hardest["failing"].to_numpy()[::-1], color="#8172b2")
        ax.set(title=_t("hardest", lang), xlabel=_t("failing_share", lang), xlim=(0, 1))
    figures.append((_t("hardest", lang), _figure(failing, out_dir / "hardest.png")))

    notes = "".join(f"<li>{html.escape(n)}</li>" for n in scores.notes) or f"<li>{_t('no_notes', lang)}</li>"
    total = table["total"]
    summary = _t("summary", lang, students=len(table), submitted=len(submitted),
                 maximum=scores.max_points, mean=total.mean(), median=total.median())
    body = [f"<h1>{html.escape(_t('title', lang, assignment=assignment))}</h1>", f"<p>{summary}</p>"]
    body += [f'<h2>{html.escape(title)}</h2><img src="{name}" alt="{html.escape(title)}">'
             for title, name in figures]
    body += [f"<h2>{_t('notes', lang)}</h2><ul>{notes}</ul>",
             f"<h2>{_t('table', lang)}</h2>", table.round(2).to_html(classes="scores")]
    page = ("<!DOCTYPE html><html><head><meta charset='utf-8'>"
            f"<title>{html.escape(assignment)}</title><style>body{{font-family:sans-serif;max-width:60em;"
            "margin:auto}} img{max-width:100%} table{border-collapse:collapse} td,th{padding:2px 6px;"
            "border:1px solid #ccc}</style></head><body>" + "\n".join(body) + "</body></html>")
    path = out_dir / "index.html"
    path.write_text(page, "utf-8")
    return path
