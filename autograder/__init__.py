"""The teacher's pipeline for the course (``python -m autograder``): see autograder/__main__.py."""
import sys

# jsonschema (loaded by nbformat, which nbgrader and the self-check use) imports the optional
# package rfc3987_syntax when it is installed, and that package builds a grammar at import:
# 1.3 s in every process, for an "iri" string format no notebook schema uses. Marking it
# absent makes jsonschema skip that one format check, as it does whenever the package is missing.
sys.modules.setdefault("rfc3987_syntax", None)
