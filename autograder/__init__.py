"""Grading and building the course, one room per concern.

- :mod:`autograder.teacher`: the teacher's verbs (``python -m autograder VERB``, see ``__main__``).
- :mod:`autograder.engine`: the grading engine behind ``grade`` (sandboxed forks of warm workers).
- :mod:`autograder.authoring`: the build of ``lessons/``, ``source/`` and ``exercises/`` from ``content/``.
- :mod:`autograder.selfcheck`: the students' self-check at the end of every exercise.
- :mod:`autograder.course`: a course folder, its settings and nbgrader's API for it (shared).
"""
import sys

# jsonschema (loaded by nbformat, which nbgrader and the self-check use) imports the optional
# package rfc3987_syntax when it is installed, and that package builds a grammar at import:
# 1.3 s in every process, for an "iri" string format no notebook schema uses. Marking it
# absent makes jsonschema skip that one format check, as it does whenever the package is missing.
sys.modules.setdefault("rfc3987_syntax", None)
