"""The grade summary inside a student's feedback page, in the language of the student's edition.

nbgrader's feedback page shows the notebook the student handed in, cell by
cell, with nbgrader's score of that notebook. The student's grade is more: the
group part carried from the group's submission, the peer points, the late
penalty. :func:`summary_block` renders all of it (from the dict that
:func:`autograder.teacher.feedback.summary_data` builds) as one block between
markers, which :func:`place` puts at the top of the page, or replaces there when
the grade changes. :func:`localise` turns nbgrader's English labels into the
edition's language and names each question by its title. Every function here
is pure text in, text out.
"""
from __future__ import annotations

import html
import re

import numpy as np

from .texts import say

BEGIN, END = "<!-- autograder:summary -->", "<!-- /autograder:summary -->"
_BLOCK = re.compile(re.escape(BEGIN) + ".*?" + re.escape(END), re.S)
_TOP = re.compile(r'<a name="top"></a>|<body[^>]*>')
_STYLE = ("border:2px solid #31708f;border-radius:6px;padding:0.6em 1em;margin:1em 0;background:#f4f9fc;"
          "font-size:15px")


def points(value: float) -> str:
    """Points as the grade sheet and the export show them: rounded as pandas rounds (2 decimals),
    no trailing zeros."""
    return f"{float(np.round(float(value), 2)):g}"


def _t(key: str, lang: str, **fields) -> str:
    return say("feedback", key, lang, **fields)


def _row(label: str, value: str, detail: str = "") -> str:
    return (f"<tr><th style='padding:2px 1em 2px 0;text-align:left'>{html.escape(label)}</th>"
            f"<td style='padding:2px 1em;white-space:nowrap'>{value}</td><td>{html.escape(detail)}</td></tr>")


def _group_detail(data: dict, lang: str) -> str:
    if not data["group_from"]:
        return _t("group_none", lang, group=data["group_id"])
    if data["group_from"] == data["student_id"]:
        return _t("group_yours", lang, group=data["group_id"])
    return _t("group_from", lang, group=data["group_id"], name=data["group_from_name"], id=data["group_from"])


def summary_block(data: dict, generated: str) -> str:
    """The summary as HTML between :data:`BEGIN` and :data:`END` (see the module docstring)."""
    lang = data["lang"]
    total = f"{points(data['total'])} / {points(data['max_points'])}"
    rows = [_row(_t("individual", lang), f"{points(data['individual'])} / {points(data['individual_max'])}",
                 _t("individual_detail", lang))]
    if data["group_max"]:
        rows.append(_row(_t("group", lang), f"{points(data['group'])} / {points(data['group_max'])}",
                         _group_detail(data, lang)))
    if data["peer_weight"]:
        rows.append(_row(_t("peer", lang), f"{points(data['peer'])} / {points(data['peer_weight'])}",
                         _t("peer_detail", lang, group=data["group_id"], share=f"{data['peer_fraction']:.0%}")))
    if data["late_penalty"]:
        rows.append(_row(_t("late", lang), f"−{points(data['late_penalty'])}", _t("late_detail", lang)))
    rows.append(_row(_t("total", lang), f"<b>{total}</b>"))
    parts = [BEGIN, f"<div id='autograder-summary' style='{_STYLE}' data-total='{points(data['total'])}' "
                    f"data-max='{points(data['max_points'])}'>",
             f"<h3 style='margin-top:0.3em'>{html.escape(_t('title', lang, assignment=data['assignment']))}"
             f"{html.escape(_t('total_is', lang, total=total))}</h3>",
             f"<p>{html.escape(_t('who', lang, name=data['name'], id=data['student_id']))}</p>"]
    if data.get("problem"):
        parts.append(f"<p style='color:#a94442'><b>{html.escape(data['problem'])}</b></p>")
    parts.append("<table>" + "".join(rows) + "</table>")
    if data["pending"]:
        parts.append(f"<p style='color:#8a6d3b'><b>{html.escape(_t('provisional', lang, count=data['pending']))}"
                     f"</b> {html.escape('；'.join(data['pending_questions']) if lang == 'zh' else '; '.join(data['pending_questions']))}</p>")
    if data["comments"]:
        items = "".join(f"<li><b>{html.escape(title)}</b>{'：' if lang == 'zh' else ': '}{html.escape(text)}</li>"
                        for title, text in data["comments"])
        parts.append(f"<h4>{html.escape(_t('comments', lang))}</h4><ul>{items}</ul>")
    if data["notebook_note"]:
        parts.append(f"<p style='color:#555'>{html.escape(_t('notebook_note', lang))}</p>")
    parts += [f"<p style='color:#777;font-size:12px'>{html.escape(_t('generated', lang, time=generated))}</p>",
              "</div>", END]
    return "\n".join(parts)


def place(page: str, block: str) -> str:
    """``page`` with ``block`` as its summary: replaced where one is, else at the top of the body."""
    if _BLOCK.search(page):
        return _BLOCK.sub(lambda _: block, page, count=1)
    match = _TOP.search(page)
    at = match.end() if match else 0
    return page[:at] + "\n" + block + "\n" + page[at:]


def summary_total(page: str) -> str | None:
    """The total a feedback page's summary shows (``data-total``), or None without a summary."""
    match = re.search(r"id='autograder-summary'[^>]*data-total='([^']*)'", page)
    return match.group(1) if match else None


_HEADER = re.compile(r"<h4>([^<]*) \(Score: ([\d.]+) / ([\d.]+)\)</h4>")
_TOC = re.compile(r'<li><a href="#([^"]+)">(Test cell|Coding free-response|Written response|Task|Comment)</a>'
                  r'(?: \(Score: ([\d.]+) / ([\d.]+)\))?</li>')
_CELL_SCORE = re.compile(r'Score: ([\d.]+) / ([\d.]+) <a href="#top">\(Top\)</a>')
_GRADE_CELL = re.compile(r'<span class="nbgrader-label">Grade cell: <code>([^<]+)</code></span>')
_LATE = re.compile(r'<li class="late-penalty">Late submission penalty \(Score: -([\d.]+)\)</li>')


def localise(page: str, lang: str, titles: dict[str, str]) -> str:
    """nbgrader's English labels in ``lang``, questions by their titles (idempotent).

    Only nbgrader's own markup is touched, never what the student wrote.
    """
    def header(m):
        return "<h4>" + html.escape(_t("notebook_score", lang, notebook=m.group(1), score=points(m.group(2)),
                                         max=points(m.group(3)))) + "</h4>"

    def toc(m):
        if m.group(2) == "Comment":  # one per answer, mostly nbgrader's "No response.": the summary lists comments
            return ""
        title = html.escape(titles.get(m.group(1), m.group(1)))
        score = f" ({_t('score', lang)}{points(m.group(3))} / {points(m.group(4))})" if m.group(3) else ""
        return f'<li><a href="#{m.group(1)}">{title}</a>{score}</li>'

    page = _HEADER.sub(header, page)
    page = _TOC.sub(toc, page)
    page = _CELL_SCORE.sub(lambda m: f"{_t('score', lang)}{points(m.group(1))} / {points(m.group(2))} "
                           f"<a href=\"#top\">{html.escape(_t('top', lang))}</a>", page)
    page = _GRADE_CELL.sub(lambda m: '<span class="nbgrader-label">' + html.escape(
        _t("test_of", lang, title=titles.get(m.group(1), m.group(1)))) + "</span>", page)
    page = _LATE.sub(lambda m: f'<li class="late-penalty">{html.escape(_t("late", lang))} '
                     f"(−{points(m.group(1))})</li>", page)
    page = page.replace('<span class="nbgrader-label">Student\'s answer</span>',
                        f'<span class="nbgrader-label">{html.escape(_t("answer", lang))}</span>')
    page = page.replace('<a href="#top">(Top)</a>', f'<a href="#top">{html.escape(_t("top", lang))}</a>')
    page = page.replace("<b>Comments:</b> <p>No response.</p>",  # nbgrader's comment on an untouched answer
                        f"<b>Comments:</b> <p>{html.escape(_t('no_response', lang))}</p>")
    return page.replace("<b>Comments:</b>", f"<b>{html.escape(_t('comment_label', lang))}</b>")


def summary_page(block: str, title: str) -> str:
    """A page holding only the summary (for a submission nbgrader could not grade)."""
    return ("<!DOCTYPE html><html><head><meta charset='utf-8'>"
            f"<title>{html.escape(title)}</title></head><body style='font-family:sans-serif;max-width:50em;"
            f"margin:auto'>\n<a name=\"top\"></a>\n{block}\n</body></html>")
