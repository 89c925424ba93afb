"""Which cells the live kernel ran, by cell id, and whether each run raised.

JupyterLab sends each cell's id with the code it runs, and IPython hands it to
``post_run_cell`` hooks. Once :func:`install` has registered the hook (the
self-check does so the first time it is shown or run), every later run is
recorded: the self-check then knows that an answer cell still raises
``NotImplementedError`` even when the names its tests need were defined
elsewhere, and that an answer cell was never run since. Front ends that send no
cell id (nbclient, the console) leave the log empty, and the self-check falls
back on the names defined in the kernel.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Run:
    """One run of a cell: its source as run and the name of the exception it raised, if any."""

    source: str
    error: str | None


class RunLog:
    """Cell id → the latest :class:`Run`; ``first`` is the first cell id recorded."""

    def __init__(self) -> None:
        self.runs: dict[str, Run] = {}
        self.first: str | None = None

    def record(self, result) -> None:
        """A ``post_run_cell`` hook: remember the run of ``result.info.cell_id``."""
        info = getattr(result, "info", None)
        cell_id = getattr(info, "cell_id", None)
        if not cell_id:
            return
        error = result.error_in_exec or result.error_before_exec
        self.runs[cell_id] = Run(getattr(info, "raw_cell", ""), type(error).__name__ if error else None)
        self.first = self.first or cell_id

    def covers(self, cell_id: str, order: dict[str, int]) -> bool:
        """Whether the log started before ``cell_id`` in the notebook's order, so that a
        missing run of it really means it was not run since the kernel started the log."""
        if self.first is None or self.first not in order or cell_id not in order:
            return False
        return order[self.first] < order[cell_id]


#: The kernel's log (one per kernel process).
LOG = RunLog()


def install(shell) -> RunLog:
    """Register :data:`LOG` with ``shell``'s ``post_run_cell`` event, once; returns the log."""
    if shell is not None and LOG.record not in shell.events.callbacks.get("post_run_cell", []):
        shell.events.register("post_run_cell", LOG.record)
    return LOG
