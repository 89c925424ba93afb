"""The schema checks of a grading worker: nbgrader's cell-metadata checks, each schema compiled
once (:class:`CachedSchemas`), and nbformat's notebook checks, with a quick first pass that gives
the same verdict (:class:`QuickNotebookChecks`)."""
from __future__ import annotations

import json

import fastjsonschema
import jsonschema
from nbformat.json_compat import FastJsonSchemaValidator, JsonSchemaValidator

from .precompiled import schema_check


class CachedSchemas:
    """Stands in for the ``jsonschema`` module inside nbgrader's metadata checks.

    nbgrader calls ``jsonschema.validate`` for every cell of every notebook, which checks the
    schema itself each time, and it reads the schema afresh for every notebook. Here each schema
    (by its content) is compiled once with fastjsonschema (:func:`~.precompiled.schema_check`: at
    install, when it could be), the validator nbformat itself uses
    (never filling in defaults: the metadata stays as it is); metadata it does not accept is
    checked again by jsonschema, which raises the very ValidationError nbgrader would get.
    """

    def __init__(self):
        self.jsonschema, self.fast = jsonschema, fastjsonschema
        self.recent: dict = {}    # id(schema) → (schema, its checks), for the last few schema objects
        self.compiled: dict = {}  # the schema as JSON → (fast check or None, jsonschema validator)

    def _checks(self, schema):
        key = id(schema)
        if key not in self.recent:
            text = json.dumps(schema, sort_keys=True)
            if text not in self.compiled:
                try:
                    fast = schema_check(schema, use_default=False)
                except Exception:  # noqa: BLE001 - a schema fastjsonschema cannot compile: jsonschema alone
                    fast = None
                self.compiled[text] = (fast, self.jsonschema.validators.validator_for(schema)(schema))
            if len(self.recent) >= 8:
                del self.recent[next(iter(self.recent))]
            self.recent[key] = (schema, self.compiled[text])  # the schema kept: its id is not reused
        return self.recent[key][1]

    def validate(self, instance, schema):
        fast, validator = self._checks(schema)
        if fast is not None:
            try:
                fast(instance)
                return
            except self.fast.JsonSchemaException:
                pass
        validator.validate(instance)


#: Keywords that mean something else in JSON Schema draft 7 than in draft 4, or nothing in draft 4.
NOT_AS_IN_DRAFT_4 = {"id", "$id", "const", "contains", "propertyNames", "if", "then", "else", "exclusiveMinimum",
                     "exclusiveMaximum", "examples"}


def quick_schema(schema: dict) -> dict | None:
    """The notebook ``schema`` with its ``oneOf`` choices made direct (None: nothing to gain, or a
    keyword this cannot vouch for).

    A ``oneOf`` tries every branch, and fastjsonschema raises an exception for each branch that
    does not fit: for every cell and every output of every notebook. Where the branches exclude
    each other by a property each requires with a single allowed value (``cell_type``,
    ``output_type``) the choice becomes if/then/else on that property; where they exclude each
    other by type (a string, or a list of strings), it becomes one list of types. A value is valid
    under the result exactly when it is valid under ``schema`` (if/then/else is draft 7, whose
    meaning of every other keyword used here is draft 4's)."""
    keywords: set = set()
    definitions = schema.get("definitions", {})

    def walk(node):
        if isinstance(node, list):
            return [walk(item) for item in node]
        if not isinstance(node, dict):
            return node
        keywords.update(node)
        out = {key: walk(value) if key not in ("properties", "patternProperties", "definitions")
               else {name: walk(sub) for name, sub in value.items()} for key, value in node.items()}
        direct = _direct(out["oneOf"], definitions) if "oneOf" in out else None
        if direct and not set(direct) & (set(out) - {"oneOf"}):
            del out["oneOf"]
            out.update(direct)
        return out

    quick = walk(schema)
    if keywords & NOT_AS_IN_DRAFT_4 or quick == schema:
        return None
    quick["$schema"] = "http://json-schema.org/draft-07/schema#"
    return quick


def _direct(branches: list, definitions: dict) -> dict | None:
    """``branches`` of a ``oneOf`` as one direct check, when they exclude each other (else None)."""
    types = [b.get("type") for b in branches]
    if all(set(b) <= {"type", "items"} and isinstance(t, str) and ("items" not in b or t == "array")
           for b, t in zip(branches, types)) and len(set(types)) == len(types) \
            and not {"integer", "number"} <= set(types):
        merged = {"type": types}
        merged.update({"items": b["items"] for b in branches if "items" in b})
        return merged
    refs = [b.get("$ref", "") for b in branches]
    if not all(len(b) == 1 and r.startswith("#/definitions/") for b, r in zip(branches, refs)):
        return None
    targets = [definitions.get(r.rsplit("/", 1)[1], {}) for r in refs]
    key = next((k for k in sorted(targets[0].get("properties", {})) if all(
        k in t.get("required", ()) and len(t.get("properties", {}).get(k, {}).get("enum", ())) == 1
        for t in targets)), None)
    values = [t["properties"][key]["enum"][0] for t in targets] if key else []
    if key is None or len(set(map(repr, values))) != len(values):
        return None
    choice: dict = {"not": {}}  # none of the values: valid under no branch
    for ref, value in reversed(list(zip(refs, values))):
        choice = {"if": {"type": "object", "required": [key], "properties": {key: {"enum": [value]}}},
                  "then": {"$ref": ref}, "else": choice}
    return choice


class QuickNotebookChecks(FastJsonSchemaValidator):
    """nbformat's fastjsonschema notebook validator, with a quick first check (:func:`quick_schema`).

    A notebook the quick check accepts is valid: the same answer as nbformat's. Anything else goes
    to nbformat's own check, compiled only then, so an invalid notebook gets nbformat's errors,
    word for word."""

    def __init__(self, schema):
        JsonSchemaValidator.__init__(self, schema)  # jsonschema's validator, for nbformat's error reports
        quick = quick_schema(schema)
        self.quick = schema_check(quick, use_default=False) if quick else None
        self.compiled = None

    @property
    def _validator(self):  # nbformat's own check, compiled as FastJsonSchemaValidator compiles it
        if self.compiled is None:
            self.compiled = fastjsonschema.compile(self._schema)
        return self.compiled

    @_validator.setter
    def _validator(self, value):  # set by JsonSchemaValidator.__init__: ours is compiled when first read
        pass

    def _accepts(self, data) -> bool:
        if self.quick is None:
            return False
        try:
            self.quick(data)
        except fastjsonschema.JsonSchemaException:
            return False
        return True

    def validate(self, data):
        if not self._accepts(data):
            super().validate(data)

    def iter_errors(self, data, schema=None):
        if schema is None and self._accepts(data):
            return []
        return super().iter_errors(data, schema)


def quicken_notebook_checks() -> None:
    """In this process, nbformat validates notebooks with :class:`QuickNotebookChecks`: the notebook
    versions a run meets get their checks when nbformat first needs them, and nbformat's own check
    of a version is compiled only for a notebook the quick check refuses (each compile costs 0.05 s)."""
    from nbformat import json_compat

    if json_compat.get_current_validator().name != "fastjsonschema":
        return  # nbformat was told to use jsonschema (NBFORMAT_VALIDATOR): leave it be
    entries = json_compat._VALIDATOR_MAP
    if any(cls is QuickNotebookChecks for _, _, cls in entries):
        return
    json_compat._VALIDATOR_MAP = [(name, module, QuickNotebookChecks if name == "fastjsonschema" else cls)
                                  for name, module, cls in entries]
