"""Lesson 0's table explorer: pick rows, or group and compute, and see the one line of pandas that does it.

The pure functions write the line of code (:func:`rows_code`, :func:`groupby_code`) and compute
its result (:func:`pick_rows`, :func:`group_compute`); :class:`TableExplorer` only offers the
choices as dropdowns and shows the code and the result, so a learner sees which code gives which table.
"""
from __future__ import annotations

import html
import operator

import ipywidgets as widgets
import numpy as np
import pandas as pd

from .tryit import say

#: Comparisons offered, as written in code.
OPERATORS = {"==": operator.eq, "!=": operator.ne, ">": operator.gt, "<": operator.lt,
             ">=": operator.ge, "<=": operator.le}
#: What can be computed on a column.
STATS = ("mean", "median", "sum", "max", "min", "count")


def _literal(value) -> str:
    return f'"{value}"' if isinstance(value, str) else repr(value.item() if hasattr(value, "item") else value)


def rows_code(column: str, op: str, value, name: str = "table") -> str:
    """The line that picks the rows of ``name`` where ``column op value``."""
    if op not in OPERATORS:
        raise ValueError(f"op must be one of {list(OPERATORS)}; got {op!r}")
    return f'{name}[{name}["{column}"] {op} {_literal(value)}]'


def pick_rows(table: pd.DataFrame, column: str, op: str, value) -> pd.DataFrame:
    """The rows :func:`rows_code` picks."""
    if column not in table.columns:
        raise ValueError(f"no column {column!r}; columns: {list(table.columns)}")
    return table[OPERATORS[op](table[column], value)]


def groupby_code(by: str | None, column: str, stat: str, name: str = "table") -> str:
    """The line that computes ``stat`` of ``column``, per value of ``by`` (or over all rows if None)."""
    if stat not in STATS:
        raise ValueError(f"stat must be one of {STATS}; got {stat!r}")
    grouped = f'.groupby("{by}")' if by else ""
    return f'{name}{grouped}["{column}"].{stat}()'


def group_compute(table: pd.DataFrame, by: str | None, column: str, stat: str):
    """What :func:`groupby_code` computes: a Series per group, or one number."""
    for col in (by, column):
        if col is not None and col not in table.columns:
            raise ValueError(f"no column {col!r}; columns: {list(table.columns)}")
    source = table.groupby(by)[column] if by else table[column]
    return getattr(source, stat)()


def _result_html(result, lang: str) -> str:
    if isinstance(result, pd.DataFrame):
        return f"<p>{html.escape(say('explorer_rows_found', lang, count=len(result)))}</p>" + result.to_html()
    if isinstance(result, pd.Series):
        return result.to_frame().to_html()
    if isinstance(result, np.generic):  # 14.1 as print() shows it, not np.float64(14.1)
        result = result.item()
    return f"<pre>{html.escape(repr(result))}</pre>"


class TableExplorer:
    """Dropdowns over a table; the code line and its result update with every choice.

    ``mode="rows"``: column, comparison and value; ``mode="groupby"``: group-by column, column
    and statistic. ``controls`` holds the dropdowns and ``view`` the shown HTML, so tests can
    choose and read without a browser.
    """

    def __init__(self, table: pd.DataFrame, lang: str, mode: str = "rows", name: str = "table"):
        if mode not in ("rows", "groupby"):
            raise ValueError(f"mode must be 'rows' or 'groupby'; got {mode!r}")
        self.table, self.lang, self.mode, self.name = table, lang, mode, name
        numeric = [c for c in table.columns if pd.api.types.is_numeric_dtype(table[c])
                   and not pd.api.types.is_bool_dtype(table[c])]
        if mode == "rows":
            column = widgets.Dropdown(options=list(table.columns), value=table.columns[1],
                                      description=say("explorer_column", lang))
            self.controls = {"column": column,
                             "op": widgets.Dropdown(options=list(OPERATORS), description=say("explorer_op", lang)),
                             "value": widgets.Dropdown(description=say("explorer_value", lang))}
            column.observe(self._new_column, names="value")
            self._new_column()
        else:
            groups = [c for c in table.columns if c not in numeric and table[c].nunique() < len(table)]
            columns = numeric + [c for c in table.columns if pd.api.types.is_bool_dtype(table[c])]
            self.controls = {
                "by": widgets.Dropdown(options=[(say("explorer_none", lang), None)] + [(c, c) for c in groups],
                                       value=groups[0] if groups else None, description=say("explorer_by", lang)),
                "column": widgets.Dropdown(options=columns, value=columns[min(1, len(columns) - 1)],
                                           description=say("explorer_column", lang)),
                "stat": widgets.Dropdown(options=list(STATS), description=say("explorer_stat", lang))}
        self.view = widgets.HTML()
        for control in self.controls.values():
            control.observe(self.update, names="value")
        title = say("explorer_rows" if mode == "rows" else "explorer_groupby", lang)
        self.widget = widgets.VBox([widgets.HTML(f"<b>{html.escape(title)}</b>"),
                                    widgets.HBox(list(self.controls.values())), self.view])
        self.update()

    def _new_column(self, *_change) -> None:
        values = sorted(self.table[self.controls["column"].value].unique().tolist())
        self.controls["value"].options = values
        self.controls["value"].value = values[0]
        self.controls["op"].value = "=="

    def code_and_result(self):
        """The current code line and its result."""
        c = {k: w.value for k, w in self.controls.items()}
        if self.mode == "rows":
            return (rows_code(c["column"], c["op"], c["value"], self.name),
                    pick_rows(self.table, c["column"], c["op"], c["value"]))
        return (groupby_code(c["by"], c["column"], c["stat"], self.name),
                group_compute(self.table, c["by"], c["column"], c["stat"]))

    def update(self, *_change) -> None:
        code, result = self.code_and_result()
        self.view.value = (f"<p>{html.escape(say('explorer_code', self.lang))} <code>{html.escape(code)}</code></p>"
                           f"<p>{html.escape(say('explorer_result', self.lang))}</p>{_result_html(result, self.lang)}")

    def _ipython_display_(self) -> None:
        from IPython.display import display
        display(self.widget)
