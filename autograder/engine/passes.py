"""nbgrader's passes over a notebook, without the copies and the file nothing needs.

nbgrader's ``Autograde`` makes two passes over each notebook: the sanitize pass
(outputs cleared, locked and test cells restored from the gradebook) writes the
notebook into ``autograded/``, and the autograde pass reads it back from there,
runs it, scores it and writes it over the same file. :class:`EngineAutograde`
hands the sanitized notebook to the autograde pass as it would have read it back
(transient fields stripped, as nbformat's writer strips them) and writes the
file once, at the end, as nbgrader's second write leaves it.

The feedback pass that follows reads that file back; :func:`written` hands it the
autograded notebook as it would read it, kept from the write (while the file is the
one written: same inode, size and modification time), without parsing and
checking the JSON again.

nbconvert's exporters copy the whole notebook three times per pass (in
``from_notebook_node``, in ``_preprocess``, and in nbformat's ``normalize``);
:class:`OneCopy` keeps only the last: ``normalize``'s copy already keeps the
caller's notebook untouched by the preprocessors. A caller that hands its
notebook over (``handed_over=True``: it reads it no more) gets none: the passes
here and the feedback pass hand over a notebook just read or just made.
"""
from __future__ import annotations

import copy
import datetime
import os

import nbformat
from nbconvert.exporters import Exporter, NotebookExporter
from nbconvert.exporters.exporter import ResourcesDict
from nbformat import validator
from nbformat.v4.rwbase import strip_transient
from nbgrader import utils
from nbgrader.converters import Autograde
from traitlets import Type


class OneCopy(Exporter):
    """nbconvert's ``Exporter.from_notebook_node`` and ``_preprocess`` (nbconvert 7), with one copy of
    the notebook instead of three (see the module docstring). Mix in after a concrete exporter."""

    def from_notebook_node(self, nb, resources=None, handed_over=False, **kw):
        resources = self._init_resources(resources)
        if "language" in nb["metadata"]:
            resources["language"] = nb["metadata"]["language"].lower()
        nb_copy, resources = self._preprocess(nb, resources, handed_over)
        notebook_name = ""
        if resources is not None:
            name = resources.get("metadata", {}).get("name", "")
            path = resources.get("metadata", {}).get("path", "")
            notebook_name = os.path.join(path, name)
        self._nb_metadata[notebook_name] = nb_copy.metadata
        self.last_copy = nb_copy
        return nb_copy, resources

    def _preprocess(self, nb, resources, handed_over=False):
        resc = copy.deepcopy(resources)
        nbc = normalized(nb, handed_over)
        preprocessor = None
        for preprocessor in self._preprocessors:
            nbc, resc = preprocessor(nbc, resc)
            if not self.optimistic_validation:
                self._validate_preprocessor(nbc, preprocessor)
        if self.optimistic_validation:
            self._validate_preprocessor(nbc, preprocessor)
        return nbc, resc


def normalized(nb, handed_over: bool = False):
    """``nb`` as nbformat's ``normalize`` gives it (every cell with an id, the ids unique): a deep copy,
    or with ``handed_over`` (the caller reads ``nb`` no more: a notebook just read from its file, or
    handed from one pass to the next) ``nb`` itself, normalised in place by nbformat's own routine."""
    if handed_over and hasattr(validator, "_normalize"):
        version, minor = nbformat.reader.get_version(nb)
        return validator._normalize(nb, version, minor, True, relax_add_props=False, strip_invalid_metadata=False)[1]
    return validator.normalize(nb)[1]  # nbformat >= 5.1.4, as nbconvert 7 needs


class OneCopyNotebookExporter(NotebookExporter, OneCopy):
    """nbconvert's NotebookExporter with :class:`OneCopy`; ``serialize=False`` returns the notebook
    itself rather than its JSON (what the sanitize pass hands the autograde pass)."""

    def from_notebook_node(self, nb, resources=None, serialize=True, **kw):
        nb_copy, resources = OneCopy.from_notebook_node(self, nb, resources, **kw)
        if not serialize:
            return nb_copy, resources
        # NotebookExporter.from_notebook_node (nbconvert 7), the notebook written as nbformat.writes
        # writes it, without the check that only logs: the last step's check has just passed.
        if self.nbformat_version != nb_copy.nbformat:
            resources["output_suffix"] = ".v%i" % self.nbformat_version
            nb_copy = nbformat.convert(nb_copy, self.nbformat_version)
        else:
            resources["output_suffix"] = ".nbconvert"
        output = nbformat.versions[nb_copy.nbformat].writes_json(nb_copy)
        return (output if output.endswith("\n") else output + "\n"), resources


#: The notebook the autograde pass last wrote, as reading its file back gives it: (path, the file's
#: identity as written, the notebook). One per worker; :func:`written` hands it out once.
_WRITTEN: list = []


def _identity(path: str) -> tuple:
    found = os.stat(path)
    return found.st_ino, found.st_size, found.st_mtime_ns


def as_read_back(value):
    """``value`` as writing it with nbformat (keys sorted) and reading it back gives it: notebook
    nodes, lists, each mapping in key order."""
    if isinstance(value, dict):
        return nbformat.NotebookNode({key: as_read_back(value[key]) for key in sorted(value)})
    if isinstance(value, (list, tuple)):
        return [as_read_back(item) for item in value]
    return value


def remember_written(path: str, nb) -> None:
    """Keep ``nb``, the notebook just written to ``path``, as reading the file back gives it."""
    _WRITTEN[:] = [(os.path.abspath(path), _identity(path), as_read_back(strip_transient(nb)))]


def written(path: str | None):
    """The notebook :func:`remember_written` kept for ``path`` if the file is still the one written
    (else None: read the file); handed out once."""
    if not _WRITTEN or path is None or _WRITTEN[0][0] != os.path.abspath(path):
        return None
    (_, identity, nb), = _WRITTEN
    _WRITTEN.clear()
    try:
        return nb if _identity(path) == identity else None
    except OSError:
        return None


def file_metadata(resources: dict, filename: str) -> dict:
    """``resources`` with the metadata nbconvert's ``from_filename`` gives the notebook at ``filename``
    (its name, folder and date: today's, the date of a file written just now)."""
    if "metadata" not in resources or resources["metadata"] == "":
        resources["metadata"] = ResourcesDict()
    path, basename = os.path.split(filename)
    resources["metadata"]["name"] = os.path.splitext(basename)[0]
    resources["metadata"]["path"] = path
    resources["metadata"]["modified_date"] = datetime.datetime.now(datetime.timezone.utc).strftime("%B %-d, %Y")
    return resources


#: The preprocessors of each pass, made once per worker: (sanitizing, their classes, the configuration)
#: → the instances. Each of nbgrader's steps sets what it works on when it starts on a notebook.
_STEPS: dict = {}


class EngineAutograde(Autograde):
    """nbgrader's ``Autograde``, its sanitized notebook passed to the autograde pass in memory
    (nbgrader writes it to ``autograded/`` and reads it back; see the module docstring), each pass's
    preprocessors made for the first student and kept (nbgrader makes them anew for each pass)."""

    exporter_class = Type(OneCopyNotebookExporter, klass=Exporter).tag(config=True)

    def _init_preprocessors(self) -> None:
        classes = tuple(self.sanitize_preprocessors if self._sanitizing else self.autograde_preprocessors)
        key = (self._sanitizing, classes, repr(self.config))
        if key not in _STEPS:
            super()._init_preprocessors()
            _STEPS[key] = list(self.exporter._preprocessors)
        self.exporter._preprocessors = list(_STEPS[key])

    def convert_single_notebook(self, notebook_filename: str) -> None:
        # nbgrader.converters.autograde.Autograde.convert_single_notebook and
        # BaseConverter.convert_single_notebook, steps and log lines in the same order.
        self.log.info("Sanitizing %s", notebook_filename)
        self._sanitizing = True
        self._init_preprocessors()
        self.log.info("Converting notebook %s", notebook_filename)
        resources = self.init_single_notebook_resources(notebook_filename)
        nb, resources = self.exporter.from_filename(notebook_filename, resources=resources, serialize=False,
                                                    handed_over=True)
        sanitized = nbformat.from_dict(strip_transient(nb))  # as written to the file and read back
        self.writer.build_directory = self._format_dest(resources["nbgrader"]["assignment"],
                                                        resources["nbgrader"]["student"])
        notebook_filename = os.path.join(self.writer.build_directory, os.path.basename(notebook_filename))
        self.log.info("Autograding %s", notebook_filename)
        self._sanitizing = False
        self._init_preprocessors()
        try:
            with utils.setenv(NBGRADER_EXECUTION="autograde"):
                self.log.info("Converting notebook %s", notebook_filename)
                resources = file_metadata(self.init_single_notebook_resources(notebook_filename), notebook_filename)
                _WRITTEN.clear()
                output, resources = self.exporter.from_notebook_node(sanitized, resources=resources, handed_over=True)
                self.write_single_notebook(output, resources)
                remember_written(os.path.join(self.writer.build_directory, resources["unique_key"] +
                                              resources.get("output_extension", ".ipynb")),
                                 self.exporter.last_copy)
        finally:
            self._sanitizing = True
