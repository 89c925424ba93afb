"""autograder.engine.pool: the grading processes collect garbage less often, and only while grading."""
from __future__ import annotations

import gc

from autograder.engine.pool import GRADING_GC, collecting_less


def test_the_collector_settings_are_the_grading_ones_inside_and_the_callers_after():
    before = gc.get_threshold()
    try:
        gc.set_threshold(500, 5, 5)  # whatever the caller (a notebook, a test run) had set
        with collecting_less():
            assert gc.get_threshold() == GRADING_GC
        assert gc.get_threshold() == (500, 5, 5)
    finally:
        gc.set_threshold(*before)
