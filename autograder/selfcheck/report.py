"""The self-check's report: a summary line and one row per question, as HTML and as text.

Rows show the question, its points (or, in the full self-check, the points
earned), the status and the message. Nothing of a test's code, a hidden test's
message or an expected value is ever part of a :class:`~.judge.Result`, so
nothing of it can be shown.
"""
from __future__ import annotations

import html
from collections import Counter
from pathlib import Path

import pandas as pd

from satisfaction import terms

from .judge import FULL_STATUSES, VISIBLE_STATUSES, Result

#: Colour of each status in the HTML table.
COLORS = {"form_ok": "#1b5e20", "right": "#1b5e20", "partly": "#ef6c00", "wrong": "#b00020",
          "failed": "#b00020", "not_attempted": "#5f6368"}


class Report:
    """What :func:`~autograder.selfcheck.check` returns: shown as an HTML table in Jupyter."""

    def __init__(self, results: list[Result], lang: str, source: Path | None = None):
        self.results, self.lang, self.source = results, lang, source

    @property
    def full(self) -> bool:
        """Whether the hidden tests ran (the instructor version was found)."""
        return self.source is not None

    def statuses(self) -> dict[str, str]:
        """grade_id → status."""
        return {r.question.grade_id: r.status for r in self.results}

    def summary(self) -> str:
        """One paragraph: what ran and how the questions stand."""
        words = terms.labels("selfcheck", self.lang)
        if not self.results:
            return words["no_questions"]
        counts = Counter(r.status for r in self.results)
        fields = {s: counts.get(s, 0) for s in (*VISIBLE_STATUSES, *FULL_STATUSES)}
        if not self.full:
            return words["summary_visible"].format(total=len(self.results), **fields)
        return words["summary_full"].format(
            source=f"source/{self.source.parent.name}/", score=round(sum(r.score or 0 for r in self.results), 2),
            max_points=sum(r.question.points for r in self.results), **fields)

    def _points(self, result: Result) -> str:
        points = f"{result.question.points:g}"
        return f"{result.score:g}/{points}" if self.full and result.score is not None else points

    def table(self) -> pd.DataFrame:
        """The rows as a DataFrame with headers in the report's language."""
        words = terms.labels("selfcheck", self.lang)
        columns = [words[k] for k in ("question", "score" if self.full else "points", "status", "message")]
        rows = [(r.question.title, self._points(r), words[r.status], r.message) for r in self.results]
        frame = pd.DataFrame(rows, columns=columns)
        frame.index = range(1, len(frame) + 1)
        return frame

    def _repr_html_(self) -> str:
        words = terms.labels("selfcheck", self.lang)
        cell = 'style="padding:3px 10px;text-align:left;vertical-align:top{}"'
        keep = [";white-space:nowrap" if i in (1, 2) else "" for i in range(4)]  # points, status: one line
        head = "".join(f"<th {cell.format(k)}>{html.escape(h)}</th>" for h, k in zip(self.table().columns, keep))
        rows = []
        for r in self.results:
            status = f'<b style="color:{COLORS[r.status]}">{html.escape(words[r.status])}</b>'
            values = [html.escape(r.question.title), html.escape(self._points(r)), status, html.escape(r.message)]
            rows.append(f'<tr class="sat-selfcheck-row" data-status="{r.status}" data-question="'
                        f'{html.escape(r.question.grade_id)}">'
                        + "".join(f"<td {cell.format(k)}>{v}</td>" for v, k in zip(values, keep))
                        + "</tr>")
        return (f'<div class="sat-selfcheck-report"><p><b>{html.escape(words["title"])}</b> '
                f"{html.escape(self.summary())}</p><table><tr>{head}</tr>{''.join(rows)}</table></div>")

    def __repr__(self) -> str:
        words = terms.labels("selfcheck", self.lang)
        lines = [f"{words['title']}: {self.summary()}"]
        lines += [f"{n}. {r.question.title} [{self._points(r)}] {words[r.status]} {r.message}".rstrip()
                  for n, r in enumerate(self.results, start=1)]
        return "\n".join(lines)
