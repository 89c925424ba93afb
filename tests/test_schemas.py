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


# nbformat's notebook checks: the quick first pass must give nbformat's verdict on every notebook.

def notebook_schemas():
    """Every v4 schema nbformat validates with (each minor version, strict and relaxed)."""
    from nbformat import validator

    return {(minor, relaxed): validator.get_validator(4, minor, relax_add_props=relaxed, name="jsonschema")._schema
            for minor in range(validator.import_item("nbformat.v4").nbformat_minor + 1) for relaxed in (False, True)}


def graded_notebook(root) -> dict:
    """A real notebook with outputs of every kind: an exercise with a stream, a table and an error."""
    nb = json.loads((root / "exercises" / "task1-identify" / "task1-identify.ipynb").read_text("utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    code[0]["outputs"] = [{"output_type": "stream", "name": "stdout", "text": ["a\n", "b\n"]}]
    code[1]["outputs"] = [{"output_type": "execute_result", "execution_count": 2, "metadata": {},
                           "data": {"text/plain": "  x\n0 1", "text/html": ["<table>", "</table>"]}},
                          {"output_type": "display_data", "metadata": {}, "data": {"image/png": "iVBOR"}}]
    code[2]["outputs"] = [{"output_type": "error", "ename": "E", "evalue": "v", "traceback": ["t"]}]
    code[1]["execution_count"] = 2
    return nb


#: Ways to break (or keep) a part of a notebook: where, and what to put there.
MUTATIONS = [None, "cod", "raw", "markdown", "code", "stream", "error", "display_data", "execute_result",
             3, 2.5, True, [], ["x", 1], {}, "text", "DELETE", {"extra": 1}]


def mutate(nb: dict, path: list, value) -> None:
    node = nb
    for step in path[:-1]:
        node = node[step]
    if value == "DELETE":
        node.pop(path[-1], None) if isinstance(node, dict) else None
    elif isinstance(node, dict) or (isinstance(node, list) and -len(node) <= path[-1] < len(node)):
        node[path[-1]] = copy.deepcopy(value)


def places(nb: dict) -> list:
    """Every place in the notebook a mutation may land: each key of each dict, each list item."""
    found = []

    def walk(node, path):
        items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else []
        for key, child in items:
            found.append(path + [key])
            walk(child, path + [key])
        if isinstance(node, dict):
            found.append(path + ["unexpected"])
    walk(nb, [])
    return found


def test_the_quick_schema_is_made_for_every_notebook_schema_and_changes_every_choice():
    from autograder.engine.schemas import quick_schema

    for key, schema in notebook_schemas().items():
        quick = quick_schema(schema)
        assert quick is not None, key
        assert "oneOf" in json.dumps(schema) and "oneOf" not in json.dumps(quick), key


def test_quick_checks_give_nbformats_verdict_on_broken_notebooks(root):
    import fastjsonschema
    from hypothesis import given, settings, strategies as st

    from autograder.engine.schemas import quick_schema

    nb = graded_notebook(root)
    spots = places(nb)
    checks = {key: (fastjsonschema.compile(schema), fastjsonschema.compile(quick_schema(schema), use_default=False))
              for key, schema in notebook_schemas().items()}

    def verdict(check, data):
        try:
            check(copy.deepcopy(data))
        except fastjsonschema.JsonSchemaException:
            return False
        return True

    @settings(max_examples=400, deadline=None, derandomize=True)
    @given(st.lists(st.tuples(st.sampled_from(spots), st.sampled_from(MUTATIONS)), min_size=0, max_size=3),
           st.sampled_from(sorted(checks)))
    def same(changes, key):
        broken = copy.deepcopy(nb)
        for path, value in changes:
            try:
                mutate(broken, path, value)
            except (KeyError, IndexError, TypeError):
                pass  # an earlier change removed the place
        original, quick = checks[key]
        assert verdict(quick, broken) == verdict(original, broken), (changes, key)

    assert verdict(checks[(5, False)][1], nb)  # the notebook itself is valid
    same()


def test_nbformat_raises_its_own_errors_with_quick_checks(root):
    import subprocess
    import sys

    script = """
import copy, json, sys, nbformat
quick = sys.argv[1] == "quick"
if quick:
    from autograder.engine.schemas import quicken_notebook_checks
    quicken_notebook_checks()
nb = nbformat.from_dict(json.loads(sys.stdin.read()))
out = [str(nbformat.validator.isvalid(nb))]
used = nbformat.validator.get_validator(nb.nbformat, nb.nbformat_minor)
assert (type(used).__name__ == "QuickNotebookChecks") == quick, type(used)
for change, value in (("cell_type", "cod"), ("outputs", 7), ("source", [1]), ("metadata", None)):
    bad = copy.deepcopy(nb)
    bad.cells[1][change] = value
    try:
        nbformat.validate(bad)
    except Exception as error:
        out.append(f"{type(error).__name__}: {error}")
print(json.dumps(out))
"""
    text = json.dumps(graded_notebook(root))
    runs = [subprocess.run([sys.executable, "-c", script, mode], input=text, capture_output=True, text=True,
                           check=True).stdout for mode in ("plain", "quick")]
    assert json.loads(runs[0])[0] == "True" and len(json.loads(runs[0])) == 5
    assert runs[0] == runs[1]
