"""The garbage collector's settings: a kernel's, which a notebook runs with, and the grading processes'.

A grading process makes objects by the hundred thousand (imports, notebooks, pages); with a
kernel's thresholds the collector would run every 700 of them. Only processes that are ours alone
(the command line's, the runner, the workers' process) raise them: a caller's process keeps its
own, and a notebook's child is set back to a kernel's (:mod:`.runner`).
"""
from __future__ import annotations

import gc

#: The thresholds of a fresh interpreter (a kernel's).
KERNEL_GC = (700, 10, 10)
#: The thresholds of the grading processes.
GRADING_GC = (10_000, 10, 10)


def collect_less() -> None:
    """:data:`GRADING_GC` for the rest of this process, which must be one of ours alone."""
    gc.set_threshold(*GRADING_GC)
