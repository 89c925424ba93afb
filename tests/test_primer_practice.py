"""satisfaction.primer.practice: one click checks every practice answer, read at click time."""
from __future__ import annotations

import time

import pandas as pd

from satisfaction.primer import practice, tryit

table = pd.read_csv(tryit.SAMPLE_CSV)
DONE = {"share_back": table["came_back"].mean(),
        "rating_by_channel": table.groupby("channel")["rating"].mean(),
        "late_customers": sorted(table[table["waited"] > table["expected"]]["customer"]),
        "waited_longer": {"T01": True, "T02": True, "T03": False}}


def test_results_follow_the_namespace():
    assert [fb.ok for _, fb in practice.results({}, "zh")] == [False] * 4
    assert [name for name, _ in practice.results({}, "en")] == list(DONE)
    assert all(fb.ok for _, fb in practice.results(DONE, "en"))
    half = {**DONE, "late_customers": ..., "waited_longer": {"T01": True}}
    assert [fb.ok for _, fb in practice.results(half, "zh")] == [True, True, False, False]


def test_the_button_reads_the_namespace_when_clicked():
    namespace = {}
    widget = practice.Practice(namespace, "zh")
    assert "完成了 0 / 4 题" in widget.view.value and "还没有 share_back" in widget.view.value
    namespace.update(DONE)
    widget.button.click()
    assert "完成了 4 / 4 题" in widget.view.value
    assert "（00:00:00 检查）" in practice.report({}, "zh", when=time.mktime((2026, 1, 1, 0, 0, 0, 0, 0, -1)))
    english = practice.Practice(DONE, "en")
    assert english.button.description == "Check my practice" and "4 of 4 done" in english.view.value
