"""The class server's load check runs (two students here; `make bench-hub` runs thirty)."""
from __future__ import annotations

import os
import sys

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))


@pytest.mark.slow
@pytest.mark.skipif(os.geteuid() != 0, reason="the load check makes accounts (root)")
def test_the_load_check_logs_students_in_runs_a_lesson_and_counts_their_submissions(capsys):
    import hub_load

    report = hub_load.main(["--students", "2", "--deadline", "600"])
    assert report["failed"] == 0 and report["submitted"] == 2
    assert report["servers at once"] >= 1 and report["memory per student MB (median)"] > 50
    assert 0 < report["login to running lesson s (median)"] <= report["login to running lesson s (max)"]
    assert "servers running at once" in capsys.readouterr().out
