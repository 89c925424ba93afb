"""satisfaction.primer.explorer: the code line shown is the code that gives the result shown."""
from __future__ import annotations

import pandas as pd
import pytest

from satisfaction.primer import explorer, tryit

table = pd.read_csv(tryit.SAMPLE_CSV)


@pytest.mark.parametrize("column, op, value", [("channel", "==", "app"), ("waited", ">", 10),
                                               ("came_back", "==", True), ("rating", "<=", 3)])
def test_rows_code_runs_to_the_rows_picked(column, op, value):
    code = explorer.rows_code(column, op, value)
    pd.testing.assert_frame_equal(eval(code, {"table": table}), explorer.pick_rows(table, column, op, value))


@pytest.mark.parametrize("by, column, stat", [("channel", "waited", "mean"), (None, "rating", "median"),
                                              ("channel", "came_back", "mean"), ("came_back", "rating", "count")])
def test_groupby_code_runs_to_the_result_computed(by, column, stat):
    code = explorer.groupby_code(by, column, stat)
    got, want = eval(code, {"table": table}), explorer.group_compute(table, by, column, stat)
    if isinstance(want, pd.Series):
        pd.testing.assert_series_equal(got, want)
    else:
        assert got == want


def test_bad_choices_are_refused_by_name():
    with pytest.raises(ValueError, match="op must be"):
        explorer.rows_code("waited", "=>", 3)
    with pytest.raises(ValueError, match="no column 'wait'"):
        explorer.pick_rows(table, "wait", "==", 3)
    with pytest.raises(ValueError, match="stat must be"):
        explorer.groupby_code("channel", "waited", "average")
    with pytest.raises(ValueError, match="mode"):
        explorer.TableExplorer(table, "zh", mode="cols")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_widget_shows_the_code_and_its_result_as_choices_change(lang):
    rows = explorer.TableExplorer(table, lang)
    assert "table[table[&quot;channel&quot;] == &quot;app&quot;]" in rows.view.value
    rows.controls["column"].value = "waited"
    assert rows.controls["op"].value == "==" and rows.controls["value"].value == table["waited"].min()
    rows.controls["op"].value, rows.controls["value"].value = ">", 31
    assert "table[table[&quot;waited&quot;] &gt; 31]" in rows.view.value
    assert ("共 2 行" if lang == "zh" else "2 rows") in rows.view.value
    grouped = explorer.TableExplorer(table, lang, mode="groupby")
    assert grouped.code_and_result()[0] == 'table.groupby("channel")["waited"].mean()'
    grouped.controls["by"].value = None
    code, result = grouped.code_and_result()
    assert code == 'table["waited"].mean()' and result == table["waited"].mean()
    shown = grouped.view.value
    assert f"<pre>{result.item()!r}</pre>" in shown and "np.float64" not in shown  # as print() shows it
