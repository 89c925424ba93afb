"""First-use compiling done once at install, as Python byte-compiles a package when pip installs it.

Every grading run starts by compiling the same things before its workers can start: the
feedback page's Jinja templates (a dozen files, into Python code) and the notebook checks'
validators (fastjsonschema writes Python code for each schema, then Python compiles it). Both
depend only on the installed packages, so the install step compiles them once into :func:`folder`
(:mod:`.precompile`, run by the Makefile after ``compileall``), and a run loads the compiled
code instead:

* templates through Jinja's own bytecode cache (:class:`TemplateCache`), which uses a compiled
  template only when its source is the one it was compiled from;
* validators (:func:`schema_check`) by the digest of the schema, the options, fastjsonschema's
  version and the interpreter's; each is the code ``fastjsonschema.compile_to_code`` writes, the
  code fastjsonschema's ``compile`` runs.

A run only reads the folder: whatever it does not find there (another template, a schema from a
newer package, no install step at all) is compiled as before, in the run, and not written back,
so every run of the same class does the same work.
"""
from __future__ import annotations

import hashlib
import json
import marshal
import sys
from pathlib import Path

import fastjsonschema
from jinja2 import FileSystemBytecodeCache

#: True while :func:`.precompile.build` runs: what is compiled is also written to :func:`folder`.
SAVING = False


def folder() -> Path:
    """Where the install step puts the compiled code: beside the interpreter's installed packages."""
    return Path(sys.prefix) / "share" / "autograder" / "precompiled"


class TemplateCache(FileSystemBytecodeCache):
    """Jinja's bytecode cache in :func:`folder`, read-only outside :func:`.precompile.build`."""

    def __init__(self):
        directory = folder() / "templates"
        if SAVING:
            directory.mkdir(parents=True, exist_ok=True)
        super().__init__(str(directory))

    def dump_bytecode(self, bucket) -> None:
        if SAVING:
            super().dump_bytecode(bucket)


def template_cache() -> TemplateCache | None:
    """The cache for an environment's ``bytecode_cache``, or None when there is nothing to read or write."""
    return TemplateCache() if SAVING or (folder() / "templates").is_dir() else None


def _key(schema, options: dict) -> str:
    text = json.dumps([schema, options, fastjsonschema.VERSION, sys.implementation.cache_tag], sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()


def schema_check(schema, **options):
    """``fastjsonschema.compile(schema, **options)``, its code loaded from :func:`folder` when there."""
    path = folder() / "schemas" / f"{_key(schema, options)}.code"
    if SAVING:
        path.parent.mkdir(parents=True, exist_ok=True)
        code = compile(fastjsonschema.compile_to_code(schema, **options), f"<schema {path.stem[:12]}>", "exec")
        path.write_bytes(marshal.dumps(code))
    try:
        code = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return fastjsonschema.compile(schema, **options)
    namespace: dict = {}
    exec(code, namespace)  # noqa: S102 - code this install compiled (as a .pyc file is)
    return namespace["validate"]
