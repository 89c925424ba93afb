"""``report``: an HTML report of one assignment for the teacher, in the teacher's language.

At the top, banners for what needs the teacher: answers still waiting for a
manual grade (how many, which questions; those totals are provisional),
feedback pages that do not match the grade, submissions not graded yet. Then
the overview (who handed in what, the maximum and its parts, mean and median),
four matplotlib figures (distribution of totals, mean share of points per
question, mean total per group, the questions most students fail), the points
per question, the notes (group rules applied, failed submissions, peer-rating
issues) and the per-student table with names, statuses and when each feedback
was written. Questions are named by their titles; Chinese renders with the
course's CJK font.
"""
from __future__ import annotations

import html
from datetime import datetime
from pathlib import Path

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from satisfaction import style

from .feedback_page import points
from .report_tables import has_grade, question_stats, question_table, student_table
from .scores import AssignmentScores
from .texts import say, shown

_CSS = ("body{font-family:sans-serif;max-width:64em;margin:auto;padding:0 1em} img{max-width:100%}"
        " table{border-collapse:collapse} td,th{padding:2px 6px;border:1px solid #ccc}"
        " .banner{padding:0.6em 1em;margin:0.6em 0;border-radius:6px}"
        " .warn{background:#fcf8e3;border:1px solid #e0c36b} .ok{background:#eef7ee;border:1px solid #9c9}")


def _t(key: str, lang: str, **fields) -> str:
    return say("report", key, lang, **fields)


def _figure(draw, path: Path) -> str:
    with style.context():
        fig = Figure(figsize=(6.4, 3.4), layout="constrained")
        draw(fig.subplots())
        fig.savefig(path, dpi=100)
    return path.name


def _banners(scores: AssignmentScores, states: pd.DataFrame, lang: str) -> list[str]:
    table, out = scores.students, []
    pending = scores.pending()
    if len(pending):
        counts = pending.groupby("cell").size()
        items = [_t("banner_manual_item", lang, title=scores.questions.get(c, c), count=n) for c, n in counts.items()]
        out.append(("warn", _t("banner_manual", lang, count=len(pending), questions=shown(items, lang),
                                students=int(table["provisional"].sum()), assignment=scores.assignment)))
    stale = states[states["state"] != "current"] if len(states) else states
    if len(stale):
        named = [f"{table.loc[s, 'name']} {s}".strip() for s in stale.index]
        out.append(("warn", _t("banner_feedback", lang, count=len(stale), students=shown(named, lang),
                                assignment=scores.assignment)))
    elif len(states):
        out.append(("ok", _t("banner_feedback_ok", lang, time=max(states["generated"]))))
    ungraded = int((table["status"] == "ungraded").sum())
    if ungraded:
        out.append(("warn", _t("banner_ungraded", lang, count=ungraded, assignment=scores.assignment)))
    return [f"<p class='banner {kind}'>{html.escape(text)}</p>" for kind, text in out]


def _overview(scores: AssignmentScores, lang: str) -> str:
    t = scores.students
    graded = t["status"] == "graded"
    counts = {"graded": int(graded.sum()), "noted": int((graded & (t["reason"] != "")).sum()),
              "failed": int((t["status"] == "failed").sum()), "ungraded": int((t["status"] == "ungraded").sum()),
              "absent": int((~t["submitted"]).sum())}
    fragments = [_t(f"count_{k}", lang, count=n) for k, n in counts.items() if n or k == "graded"]
    parts = [_t("parts_nbgrader", lang, points=points(scores.max_points - scores.peer_weight))]
    if scores.peer_weight:
        parts.append(_t("parts_peer", lang, points=points(scores.peer_weight)))
    totals = t.loc[has_grade(t), "total"]
    mean, median = (points(totals.mean()), points(totals.median())) if len(totals) else ("—", "—")
    summary = _t("summary", lang, students=len(t), submitted=int(t["submitted"].sum()),
                 parts=("，" if lang == "zh" else ", ").join(fragments))
    return (f"<p>{html.escape(summary)}</p><p>"
            + html.escape(_t("summary_points", lang, maximum=points(scores.max_points), parts=shown(parts, lang),
                             mean=mean, median=median)) + "</p>")


def _figures(scores: AssignmentScores, stats: pd.DataFrame, out_dir: Path, lang: str) -> list[tuple[str, str]]:
    table = scores.students[has_grade(scores.students)]
    figures = []

    def hist(ax):
        # The whole scale of the assignment, bars apart, whole students on the y axis.
        top = float(scores.max_points) or float(table["total"].max() or 1)
        bins = [top * k / 7 for k in range(8)]
        ax.hist(table["total"].clip(upper=top), bins=bins, color="#4c72b0", edgecolor="white")
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set(title=_t("distribution", lang), xlabel=_t("total", lang), ylabel=_t("students", lang), xlim=(0, top))
    figures.append((_t("distribution", lang), _figure(hist, out_dir / "distribution.png")))
    ordered = stats.sort_values("mean_share")

    def per_question(ax):
        ax.barh(ordered.index, ordered["mean_share"], color="#55a868")
        ax.set(xlabel=_t("share", lang), xlim=(0, 1))
        ax.figure.suptitle(_t("per_question", lang))  # over the whole figure: long question labels push the axes right
    figures.append((_t("per_question", lang), _figure(per_question, out_dir / "questions.png")))

    def per_group(ax):
        means = table.groupby("group_id")["total"].mean()
        ax.bar(means.index, means.to_numpy(), color="#c44e52")
        ax.set(title=_t("per_group", lang), xlabel=_t("group", lang), ylabel=_t("total", lang))
    figures.append((_t("per_group", lang), _figure(per_group, out_dir / "groups.png")))
    hardest = stats.sort_values("failing", ascending=False).head(5)

    def failing(ax):
        ax.barh(hardest.index[::-1], hardest["failing"].to_numpy()[::-1], color="#8172b2")
        ax.set(xlabel=_t("failing_share", lang), xlim=(0, 1))
        ax.figure.suptitle(_t("hardest", lang))
    figures.append((_t("hardest", lang), _figure(failing, out_dir / "hardest.png")))
    return figures


def write_report(scores: AssignmentScores, assignment: str, out_dir: Path, lang: str = "zh",
                 feedback_states: pd.DataFrame | None = None) -> Path:
    """Write ``index.html`` and its PNG figures into ``out_dir``; returns the HTML path."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    states = feedback_states if feedback_states is not None else pd.DataFrame(columns=["state", "generated"])
    stats = question_stats(scores)
    figures = _figures(scores, stats, out_dir, lang)
    notes = "".join(f"<li>{html.escape(n.text(lang))}</li>" for n in scores.notes) or f"<li>{_t('no_notes', lang)}</li>"
    body = [f"<h1>{html.escape(_t('title', lang, assignment=assignment))}</h1>", *_banners(scores, states, lang),
            f"<h2>{_t('overview', lang)}</h2>", _overview(scores, lang)]
    body += [f'<h2>{html.escape(title)}</h2><img src="{name}" alt="{html.escape(title)}">' for title, name in figures]
    body += [f"<h2>{_t('questions', lang)}</h2>", question_table(stats, lang).to_html(classes="questions", index=False),
             f"<h2>{_t('notes', lang)}</h2><ul>{notes}</ul>",
             f"<h2>{_t('table', lang)}</h2>",
             student_table(scores, states, lang).to_html(classes="scores", index=False, na_rep=""),
             f"<p>{html.escape(_t('generated_at', lang, time=datetime.now().strftime('%Y-%m-%d %H:%M')))}</p>"]
    page = (f"<!DOCTYPE html><html lang='{'zh-CN' if lang == 'zh' else 'en'}'><head><meta charset='utf-8'>"
            f"<title>{html.escape(assignment)}</title><style>{_CSS}</style></head><body>"
            + "\n".join(body) + "</body></html>")
    path = out_dir / "index.html"
    path.write_text(page, "utf-8")
    return path
