"""Benchmark: one widget update, from a changed control to the redrawn chart, per lesson widget.

Each widget is built once, then one of its controls is set to alternating
values; every change runs the widget's whole update (the model functions, the
texts and the chart redrawn into its PNG, at twice its shown size for HiDPI
screens). Reported: the median and the 90th percentile of ``--updates`` updates.
Targets: median < 50 ms (issue 3), and every widget's median below the gap chart
built as a new figure per update (issue 12).

Side by side in the same run: the gap calculator's chart redrawn in its reused
figure (what the widgets do, ``FigureView``) against the same chart built as a
new figure on every update (what a plain ``interactive`` + pyplot cell does), at
the same size and pixel density.
Run: ``make bench`` or ``python benchmarks/widgets.py [--updates N]``.
"""
from __future__ import annotations

import argparse
import io
import statistics
import time

import matplotlib

matplotlib.use("Agg")

from matplotlib.figure import Figure  # noqa: E402

from satisfaction import style, terms  # noqa: E402
from satisfaction.widgets._figure import FigureView  # noqa: E402
from satisfaction.widgets import lesson1, lesson1_drift, lesson2, lesson2_kano, lesson2_servqual  # noqa: E402
from satisfaction.widgets import lesson3_iceberg, lesson4, lesson4_log  # noqa: E402

#: name → (widget factory, function that changes one control for update number i).
WIDGETS = {
    "lesson 1 gap calculator (slider)": (
        lambda: lesson1.GapCalculator("zh"),
        lambda w, i: setattr(next(iter(w.perceived.values())), "value", 3 + i % 5)),
    "lesson 1 expectation drift (weight)": (
        lambda: lesson1_drift.ExpectationDrift("zh"),
        lambda w, i: setattr(w.weight, "value", 0.2 + 0.1 * (i % 6))),
    "lesson 2 delivered value (text box)": (
        lambda: lesson2.DeliveredValue("zh"),
        lambda w, i: setattr(next(iter(w.values.values())), "value", str(400 + 10 * (i % 7)))),
    "lesson 2 Kano classifier (survey size)": (
        lambda: lesson2_kano.KanoClassifier("zh"),
        lambda w, i: setattr(w.respondents, "value", 100 + 10 * (i % 5))),
    "lesson 2 SERVQUAL chart (table cell)": (
        lambda: lesson2_servqual.ServqualChart("zh"),
        lambda w, i: setattr(next(iter(w.perceived.values())), "value", str(3 + i % 4))),
    "lesson 2 lifetime value (margin)": (
        lambda: lesson2.LifetimeValue("zh"),
        lambda w, i: setattr(w.margin, "value", 50 + 5 * (i % 6))),
    "lesson 3 iceberg (complaints)": (
        lambda: lesson3_iceberg.SilentIceberg("zh"),
        lambda w, i: setattr(w.complaints, "value", str(5 + i % 7))),
    "lesson 4 complaint log (size)": (
        lambda: lesson4_log.ComplaintLog("zh"),
        lambda w, i: setattr(w.size, "value", 200 + 50 * (i % 4))),
    "lesson 4 reply checker (check)": (
        lambda: lesson4.ReplyChecker("zh"),
        lambda w, i: (setattr(w.reply, "value", "你别激动，我理解您的感受。" * (1 + i % 3)), w.check.click())),
}


def median_update(factory, poke, updates: int) -> tuple[float, float]:
    """Median and 90th percentile (seconds) of one update of a freshly built widget."""
    widget = factory()
    poke(widget, 1)  # warm up caches (fonts, first render)
    times = []
    for i in range(updates):
        start = time.perf_counter()
        poke(widget, i)
        times.append(time.perf_counter() - start)
    return statistics.median(times), statistics.quantiles(times, n=10)[-1]


def new_figure_each_time(gaps: list[float], names: list[str]) -> bytes:
    """The gap chart the naive way: a new figure per update."""
    with style.context():
        fig = Figure(figsize=(6.4, 3.2), dpi=FigureView.CSS_DPI * FigureView.PIXEL_RATIO, layout="constrained")
        ax = fig.subplots()
        ax.bar(range(len(gaps)), gaps)
        ax.set_xticks(range(len(names)), names)
        ax.set_title(lesson1.text("gap_chart_title", "zh"))
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png")
    return buffer.getvalue()


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--updates", type=int, default=30)
    args = parser.parse_args(argv)
    results = {}
    print(f"one widget update incl. redraw, {args.updates} updates each: median / 90th percentile")
    for name, (factory, poke) in WIDGETS.items():
        med, p90 = median_update(factory, poke, args.updates)
        results[name] = med
        print(f"  {name:40s} {med * 1000:7.1f} ms / {p90 * 1000:7.1f} ms")
    worst = max(results.values())
    print(f"  target: median < 50 ms for every widget: {'meets' if worst < 0.05 else 'misses'} it "
          f"(slowest median {worst * 1000:.1f} ms)")

    names = list(terms.labels("servqual", "zh").values())
    reused = results["lesson 1 gap calculator (slider)"]
    fresh = statistics.median(_timed(lambda i: new_figure_each_time([i % 3 - 1] * 5, names), args.updates))
    print(f"  gap chart, reused figure (FigureView)        {reused * 1000:7.1f} ms")
    print(f"  gap chart, new figure per update             {fresh * 1000:7.1f} ms   {fresh / reused:4.1f}x")
    print(f"  target: every widget's median below the new figure's: {'meets' if worst < fresh else 'misses'} it")
    results["gap chart, new figure per update"] = fresh
    return results


def _timed(fn, n: int) -> list[float]:
    times = []
    for i in range(n):
        start = time.perf_counter()
        fn(i)
        times.append(time.perf_counter() - start)
    return times


if __name__ == "__main__":
    main()
