"""autograder.engine.schemas: nbgrader's metadata checks give nbgrader's verdicts and errors, faster."""
from __future__ import annotations

import copy
import json
from pathlib import Path

import jsonschema
import nbgrader.nbgraderformat
import pytest

from autograder.engine.schemas import CachedSchemas

SCHEMA_FILE = Path(nbgrader.nbgraderformat.__file__).parent / "v3.json"
GOOD = {"grade": True, "solution": False, "locked": True, "grade_id": "q1_tests", "points": 2.0,
        "schema_version": 3}
BAD = [
    {**GOOD, "points": -1},                 # below the minimum
    {**GOOD, "grade_id": "q1 tests"},       # a space: not in the id pattern
    {**GOOD, "grade": "yes"},               # not a boolean
    {**GOOD, "schema_version": 3.5},        # not an integer
    {**GOOD, "checksum": "abc"},            # too short
    {**GOOD, "points": True},               # a boolean is not a number
]


def schema() -> dict:
    """The schema as nbgrader reads it: a new object for every notebook."""
    return json.loads(SCHEMA_FILE.read_text("utf-8"))


def test_valid_metadata_passes_and_is_left_as_it_was():
    checks, metadata = CachedSchemas(), {"grade": False, "solution": True, "locked": False, "grade_id": "q1",
                                         "schema_version": 3}
    before = copy.deepcopy(metadata)
    checks.validate(metadata, schema())
    assert metadata == before  # the schema's defaults (task: false, …) are not filled in


@pytest.mark.parametrize("metadata", BAD, ids=lambda m: str(sorted(m.items()))[:40])
def test_invalid_metadata_raises_what_jsonschema_raises(metadata):
    with pytest.raises(jsonschema.ValidationError) as plain:
        jsonschema.validate(metadata, schema())
    with pytest.raises(jsonschema.ValidationError) as ours:
        CachedSchemas().validate(metadata, schema())
    assert (ours.value.message, list(ours.value.path)) == (plain.value.message, list(plain.value.path))


def test_a_schema_read_again_is_compiled_once():
    checks = CachedSchemas()
    for _ in range(20):  # nbgrader reads the schema afresh for every notebook
        checks.validate(GOOD, schema())
    assert len(checks.compiled) == 1 and len(checks.recent) <= 8


def test_a_schema_fastjsonschema_cannot_compile_is_checked_by_jsonschema_alone():
    odd = {"type": "strange"}
    with pytest.raises(jsonschema.exceptions.UnknownType):
        CachedSchemas().validate(3, odd)
