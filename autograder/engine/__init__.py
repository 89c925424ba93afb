"""The grading engine: nbgrader's autograde for a whole class, fast and sandboxed.

The pipeline, in the order a submission meets it:

1. :mod:`.pool` takes the submissions a ``grade`` run still has to grade and hands
   them to ``workers`` grading processes through one queue (or, with
   ``executor = "nbgrader"``, to nbgrader's own kernels one at a time).
2. :mod:`.worker` is one grading process: it imports the notebooks' stack once,
   then runs nbgrader's own ``Autograde`` converter per student (checksums,
   locked and test cells restored from the gradebook, scores, late penalties)
   with only its Execute step replaced, and writes the feedback.
3. :mod:`.executor` runs one notebook: it forks the warm process and drives the
   child cell by cell over a pipe, each cell with a fresh token and a time limit.
4. :mod:`.sandbox` shuts the forked child away (namespaces, an unprivileged uid,
   resource limits) before any student code runs.
5. :mod:`.cellrun` runs each cell in the child's IPython shell and records the
   outputs as a Jupyter kernel would send them.
6. :mod:`.guard` and :mod:`.shellguard` put back, before every test cell, what
   student code changed in the modules the tests use and in the shell itself.
7. :mod:`.ledger` records each finished student (after nbgrader committed the
   grades), which makes a run resumable after any stop.
"""
