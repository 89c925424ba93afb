"""The grading engine: nbgrader's autograde for a whole class, fast and sandboxed.

The pipeline, in the order a submission meets it:

1. :mod:`.pool` takes the submissions a ``grade`` run still has to grade. It forks
   two warm processes side by side: the runner (step 3) and the workers' warm
   process, which warms nbgrader up once (:mod:`.bookkeeping`, :mod:`.feedback`;
   templates and schema checks compiled at install, :mod:`.precompiled`) and forks
   ``workers`` grading processes that take students from one queue (with
   ``executor = "nbgrader"``, nbgrader's own kernels grade instead).
2. :mod:`.worker` is one grading process: per student it runs nbgrader's own
   ``Autograde`` converter (checksums, locked and test cells restored from the
   gradebook, scores, late penalties) with only its Execute step replaced, then
   nbgrader's ``GenerateFeedback`` with a warm exporter (:mod:`.feedback`);
   :mod:`.bookkeeping` makes nbgrader's gradebook work around each notebook cost once per
   worker, :mod:`.lookups` its per-cell lookups one query per notebook, :mod:`.schemas` its
   metadata checks, and :mod:`.passes` hands the sanitized
   notebook to the autograde pass without a file between them or extra copies.
3. :mod:`.executor` (in the worker) asks the runner (:mod:`.runner`) for a child
   per notebook and drives it over two pipes (:mod:`.channel`), each cell with a
   fresh token and a time limit. The runner holds the notebooks' stack (what the
   assignment's notebooks import) and the IPython shell, made once and walked through
   its first-use paths (:mod:`.warm`), so each child starts as an untouched copy of it;
   matplotlib's inline figures are set up as a kernel sets them up (:mod:`.figures`).
4. :mod:`.sandbox` shuts the forked child away (namespaces, an unprivileged uid,
   resource limits) before any student code runs.
5. :mod:`.cellrun` runs each cell in the child's shell; :mod:`.capture` records its
   outputs as a Jupyter kernel would send them, at the kernel's speed or better.
6. Before every test cell, :mod:`.guard` and :mod:`.shellguard` put back what student
   code changed in the modules the tests use and in the shell (display formatters
   included, which decide a partial score), :mod:`.changes` tells cheaply which
   namespaces changed, :mod:`.quiesce` makes sure nothing of the notebook runs beside
   the test, and :mod:`.plain` refuses values of the notebook's own classes.
7. :mod:`.ledger` records each finished student (after nbgrader committed the
   grades and the feedback exists), which makes a run resumable after any stop; a
   student whose runner stopped under it (the run being killed) is not recorded,
   and the next run grades it.
"""
