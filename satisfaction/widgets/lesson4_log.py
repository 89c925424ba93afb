"""Lesson 4: analysing a complaints log — a Pareto chart of causes and response times.

A complaint is free market information and an early warning (seed 000); read
together, a log shows the few causes behind most complaints (:func:`satisfaction.pareto`)
and whether they are answered in time (:func:`satisfaction.response_time_stats`;
timeliness is one of the seed's principles). The log is synthetic
(:func:`satisfaction.synthetic.complaints_log`).
"""
from __future__ import annotations

import functools
import html

import ipywidgets as widgets
import pandas as pd
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator
from matplotlib.transforms import blended_transform_factory

from .. import analysis, synthetic, terms
from ._base import block, FigureView, guarded, message_box, nice_limit, slider
from .lesson4 import text

#: Hours within which a complaint counts as answered in time (the log's promise: same or next day).
ANSWER_WITHIN = 24.0
ALL = "all"
#: Bar colours: the vital few causes (up to about 80 % of the complaints) and the others.
VITAL_COLOR, OTHER_COLOR = "#1565c0", "#90caf9"


@functools.lru_cache(maxsize=16)
def sample_log(n_complaints: int, seed: int) -> pd.DataFrame:
    """The synthetic log the widget shows (cached: moving the slider back costs nothing; never modified)."""
    return synthetic.complaints_log(n_complaints, seed=seed)


def log_summary(log: pd.DataFrame, channel: str, lang: str) -> tuple[pd.DataFrame, pd.Series]:
    """The Pareto table of causes (with the causes' names) and the response-time statistics,
    for one channel or ``"all"``."""
    if channel != ALL:
        log = log[log["channel"] == channel]
    if log.empty:
        raise ValueError(text("no_complaints", lang))
    table = analysis.pareto(log["cause"])
    table["name"] = [terms.label("complaint_cause", c, lang) for c in table.index]
    return table, analysis.response_time_stats(log["response_hours"], within=ANSWER_WITHIN)


def response_table(log: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Response times per channel and for all channels together (rows keyed ``"all"`` and the
    channel keys, in the ``channel`` terms' order): complaints, median, 90th percentile (hours)
    and the share answered within :data:`ANSWER_WITHIN` hours. Channels without complaints are left out."""
    scopes = [(ALL, log)] + [(c, log[log["channel"] == c]) for c in terms.keys("channel")]
    rows = {key: analysis.response_time_stats(part["response_hours"], within=ANSWER_WITHIN)
            for key, part in scopes if not part.empty}
    if not rows:
        raise ValueError(text("no_complaints", lang))
    return pd.DataFrame(rows).T[["count", "median", "p90", "share_within"]]


def cause_table(log: pd.DataFrame, channel: str, lang: str) -> pd.DataFrame:
    """The response times of one channel's complaints: the whole channel (row keyed
    ``channel``), then each cause, most frequent first. Columns as :func:`response_table`."""
    part = log[log["channel"] == channel]
    if part.empty:
        raise ValueError(text("no_complaints", lang))
    causes = part["cause"].value_counts().index
    rows = {channel: analysis.response_time_stats(part["response_hours"], within=ANSWER_WITHIN)}
    rows.update({c: analysis.response_time_stats(part.loc[part["cause"] == c, "response_hours"],
                                                 within=ANSWER_WITHIN) for c in causes})
    return pd.DataFrame(rows).T[["count", "median", "p90", "share_within"]]


def response_table_html(table: pd.DataFrame, selected: str, lang: str) -> str:
    """HTML of :func:`response_table` (``selected`` is ``"all"`` or the channel in bold) or, for
    a chosen channel, of :func:`cause_table` (the channel's total in bold); localized headings."""
    by_cause = selected != ALL and table.index[0] == selected and len(table) > 1 and \
        table.index[1] in terms.keys("complaint_cause")
    names = {ALL: text("all_channels", lang), **terms.labels("channel", lang),
             **terms.labels("complaint_cause", lang)}
    if by_cause:
        names[selected] = text("channel_total", lang)
    first = "resp_col_cause" if by_cause else "resp_col_channel"
    heads = [text(k, lang, hours=ANSWER_WITHIN) for k in
             (first, "resp_col_count", "resp_col_median", "resp_col_p90", "resp_col_within")]
    cell = 'style="padding:2px 10px;text-align:{}"'
    rows = ["<tr>" + "".join(f"<th {cell.format('left' if i == 0 else 'right')}>{html.escape(h)}</th>"
                             for i, h in enumerate(heads)) + "</tr>"]
    for key, r in table.iterrows():
        weight = "font-weight:bold;" if key == selected else ""
        values = [names[key], f"{r['count']:.0f}", f"{r['median']:.1f}", f"{r['p90']:.1f}", f"{r['share_within']:.0%}"]
        rows.append(f'<tr style="{weight}">' + "".join(
            f"<td {cell.format('left' if i == 0 else 'right')}>{html.escape(v)}</td>" for i, v in enumerate(values))
            + "</tr>")
    caption = (text("resp_table_title_channel", lang, channel=terms.label("channel", selected, lang)) if by_cause
               else text("resp_table_title", lang))
    return f"<p><b>{html.escape(caption)}</b></p><table>{''.join(rows)}</table>"


class ComplaintLog:
    """Size of the sample log and a channel → Pareto chart of causes and response times.

    Controls: ``size`` (IntSlider), ``channel`` (Dropdown). Output: ``result``, ``chart``,
    ``times`` (HTML table of response times that follows the channel: per channel with all
    channels chosen, else per cause within the chosen channel).
    """

    def __init__(self, lang: str = "zh", seed: int = 0):
        self.lang, self.seed = terms.check_lang(lang), seed
        style = {"description_width": "initial"}
        self.size = slider(widgets.IntSlider, 300, text("log_size", lang), min=20, max=2000, step=20)
        channels = [(text("all_channels", lang), ALL)] + [(v, k) for k, v in terms.labels("channel", lang).items()]
        self.channel = widgets.Dropdown(options=channels, value=ALL, description=text("log_channel", lang),
                                        style=style)
        self.result = widgets.HTML()
        self.times = widgets.HTML()
        self.message = message_box()
        self._names: list[str] = []
        self.chart = FigureView(figsize=(7.2, 3.8))
        ax = self.chart.axes()
        n = len(terms.keys("complaint_cause"))
        self.bars = ax.bar(range(n), [0] * n, color=VITAL_COLOR)
        ax.set_xticks(range(n), [""] * n)
        # The causes' names under the bars: texts redrawn with the bars (their order changes with
        # the log), not tick labels, which would make the whole chart redraw on every update.
        under = blended_transform_factory(ax.transData, ax.transAxes)
        self.names = [ax.text(i, -0.03, "", transform=under, rotation=30, ha="right", va="top",
                              rotation_mode="anchor") for i in range(n)]
        ax.yaxis.set_major_locator(MaxNLocator(nbins=6, integer=True))  # complaints are whole numbers
        ax.set_ylabel(text("log_count", lang))
        self.ax, self.share_ax = ax, ax.twinx()
        (self.cumulative,) = self.share_ax.plot(range(n), [0] * n, "o-", color="#c62828")
        self.share_ax.axhline(0.8, color="#c62828", linestyle=":", linewidth=0.8)
        self.share_ax.set_ylim(0, 1.05)
        self.share_ax.yaxis.set_major_formatter("{x:.0%}")
        self.share_ax.set_ylabel(text("log_cumulative", lang))
        self.share_ax.legend(handles=[Patch(color=VITAL_COLOR, label=text("log_vital", lang)),
                                      Patch(color=OTHER_COLOR, label=text("log_other", lang))],
                             loc="center right")  # on the twin axes, so nothing is drawn over it
        self.chart.animate(*self.bars, *self.names, self.cumulative, ax.title)
        update = guarded(self._update, self.message, lang, [self.result, self.times, self.chart])
        self.size.observe(update, names="value")
        self.channel.observe(update, names="value")
        self.ui = widgets.VBox([widgets.HTML(f"<b>{html.escape(text('log_title', lang))}</b>"),
                                self.size, self.channel, self.message, self.result,
                                self.chart.widget, self.times])
        update()

    def _update(self) -> None:
        log = sample_log(self.size.value, self.seed)
        table, stats = log_summary(log, self.channel.value, self.lang)
        for i, bar in enumerate(self.bars):
            bar.set_height(table["count"].iloc[i] if i < len(table) else 0)
            bar.set_color(VITAL_COLOR if i < len(table) and table["vital_few"].iloc[i] else OTHER_COLOR)
        names = list(table["name"]) + [""] * (len(self.bars) - len(table))
        relayout = set(names) != set(self._names)  # other causes on the axis: lay the figure out again
        self._names = names
        for label, name in zip(self.names, names):
            label.set_text(name)
        self.ax.set_ylim(0, nice_limit(table["count"].max() * 1.1))
        self.cumulative.set_data(range(len(table)), table["cumulative"])
        self.ax.set_title(text("log_chart_title", self.lang, n=int(table["count"].sum())))
        self.chart.refresh(relayout=relayout)
        vital = text("list_sep", self.lang).join(table.loc[table["vital_few"], "name"])
        self.result.value = block(html.escape(text(
            "log_result", self.lang, top=table["name"].iloc[0], share=table["share"].iloc[0], vital=vital,
            median=stats["median"], p90=stats["p90"], within=stats["share_within"], hours=ANSWER_WITHIN)))
        channel = self.channel.value
        rows = response_table(log, self.lang) if channel == ALL else cause_table(log, channel, self.lang)
        self.times.value = block(response_table_html(rows, channel, self.lang))

    def _repr_mimebundle_(self, **kwargs):
        return self.ui._repr_mimebundle_(**kwargs)


def response_figure(lang: str = "zh", n_complaints: int = 300, seed: int = 0):
    """Figure: response times of a synthetic complaints log per channel, with the 24-hour line.
    Returns the pyplot Figure."""
    import matplotlib.pyplot as plt

    log = synthetic.complaints_log(n_complaints, seed=seed)
    names = terms.labels("channel", lang)
    groups = [(names[c], hours.to_numpy()) for c, hours in log.groupby("channel")["response_hours"]]
    fig, ax = plt.subplots(figsize=(6.4, 3.4))
    ax.boxplot([h for _, h in groups], tick_labels=[n for n, _ in groups])
    ax.axhline(ANSWER_WITHIN, color="#c62828", linestyle="--", linewidth=1)
    ax.set_ylabel(text("resp_y", lang))
    ax.set_title(text("resp_title", lang, n=n_complaints, hours=ANSWER_WITHIN))
    return fig
