"""autograder.engine.runner: student code runs with a fresh interpreter's warning filters."""
from __future__ import annotations

import subprocess
import sys
import warnings

from autograder.engine.runner import fresh_warnings

SHOWN = ("[(action, getattr(message, 'pattern', message), category.__name__, getattr(module, 'pattern', module))"
         " for action, message, category, module, _line in warnings.filters]")


def test_the_grading_process_filters_do_not_reach_the_students_code():
    fresh = subprocess.run([sys.executable, "-c", f"import warnings; print({SHOWN})"],
                           capture_output=True, text=True, env={}, check=True).stdout.strip()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("error")  # as a test run (or a teacher's script) may have it
        fresh_warnings()
        assert repr(eval(SHOWN)) == fresh
        warnings.warn("more than 20 figures", RuntimeWarning)  # shown, not raised
    assert [str(w.message) for w in caught] == ["more than 20 figures"]
