"""nbgrader's cell-metadata checks, each schema compiled once (see :class:`CachedSchemas`)."""
from __future__ import annotations

import json


class CachedSchemas:
    """Stands in for the ``jsonschema`` module inside nbgrader's metadata checks.

    nbgrader calls ``jsonschema.validate`` for every cell of every notebook, which checks the
    schema itself each time, and it reads the schema afresh for every notebook. Here each schema
    (by its content) is compiled once with fastjsonschema, the validator nbformat itself uses
    (never filling in defaults: the metadata stays as it is); metadata it does not accept is
    checked again by jsonschema, which raises the very ValidationError nbgrader would get.
    """

    def __init__(self):
        import fastjsonschema
        import jsonschema

        self.jsonschema, self.fast = jsonschema, fastjsonschema
        self.recent: dict = {}    # id(schema) → (schema, its checks), for the last few schema objects
        self.compiled: dict = {}  # the schema as JSON → (fast check or None, jsonschema validator)

    def _checks(self, schema):
        key = id(schema)
        if key not in self.recent:
            text = json.dumps(schema, sort_keys=True)
            if text not in self.compiled:
                try:
                    fast = self.fast.compile(schema, use_default=False)
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
