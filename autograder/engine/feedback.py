"""nbgrader's feedback HTML, from one warm exporter per grading worker.

``nbgrader generate_feedback`` builds a new nbconvert ``HTMLExporter`` for every
call, so every student's feedback pays for compiling the feedback template (a
dozen Jinja files), and every student's page is highlighted, rendered from
Markdown and parsed back with BeautifulSoup from scratch. :class:`WarmFeedback`
is nbgrader's own ``GenerateFeedback`` converter (same preprocessors, template,
files and permissions) whose exporter, a :class:`FeedbackExporter`, is made once
per process and reused:

* the autograded notebook comes from memory, as the autograde pass wrote it
  (:func:`~autograder.engine.passes.written`), not parsed and checked again;
* the template is compiled once (loaded compiled, when the install step compiled it:
  :mod:`autograder.engine.precompiled`); the CSS it inlines is read once;
* code highlighting and Markdown rendering are remembered by their input (most
  cells are the same for every student: instructions, read-only and test cells);
* nbconvert's last step, parsing the page with BeautifulSoup to add ``alt`` to
  images that lack one (and ``tabindex`` to JupyterLab cells, which the classic
  feedback template does not have), is done on the text: the page is the same
  document, only not re-serialised (a page where the text edit might not be
  exact, e.g. ``<img`` inside a script, still goes through BeautifulSoup).
"""
from __future__ import annotations

import os
import re
from functools import lru_cache

from jinja2 import pass_context
from nbconvert.exporters import HTMLExporter
from nbconvert.exporters.templateexporter import TemplateExporter
from nbconvert.filters.highlight import Highlight2HTML
from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter
from nbconvert.writers import FilesWriter
from nbgrader.converters import GenerateFeedback

from . import precompiled
from .passes import OneCopy, written

#: What nbconvert writes into an image that has no ``alt`` (nbconvert/exporters/html.py).
NO_ALT = "No description has been provided for this image"
_IMG_START = re.compile(r"<img", re.I)
_IMG = re.compile(r"<img\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*>", re.I)
_HAS_ALT = re.compile(r"^<img\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*?\salt(?:\s|=|/|>)", re.I)
_RAW = re.compile(r"<!--.*?-->|<(script|style|textarea|title)\b.*?</\1\s*>", re.I | re.S)


def accessible(html: str, log=None) -> str:
    """``html`` with nbconvert's accessibility pass applied (see the module docstring)."""
    if "jp-Notebook" in html:
        return _with_soup(html, log)
    if not _IMG_START.search(html):
        return html  # no image: nothing to add
    if any(_IMG_START.search(html, m.start(), m.end()) for m in _RAW.finditer(html)):
        return _with_soup(html, log)
    missing = 0

    def alt(match: re.Match) -> str:
        nonlocal missing
        tag = match.group(0)
        if _HAS_ALT.match(tag):
            return tag
        missing += 1
        end = -2 if tag.endswith("/>") else -1
        return f'{tag[:end].rstrip()} alt="{NO_ALT}"{tag[end:]}'

    html = _IMG.sub(alt, html)
    if missing and log is not None:
        log.warning("Alternative text is missing on %s image(s).", missing)
    return html


def _with_soup(html: str, log=None) -> str:
    """nbconvert's own pass (nbconvert/exporters/html.py, ``HTMLExporter.from_notebook_node``)."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, features="html.parser")
    missing_alt = 0
    for elem in soup.select("img:not([alt])"):
        elem.attrs["alt"] = NO_ALT
        missing_alt += 1
    if missing_alt and log is not None:
        log.warning("Alternative text is missing on %s image(s).", missing_alt)
    for elem in soup.select(".jp-Notebook div.jp-Cell-inputWrapper"):
        elem.attrs["tabindex"] = "0"
    for elem in soup.select(".jp-Notebook div.jp-OutputArea-output"):
        elem.attrs["tabindex"] = "0"
    return str(soup)


class _Remembered(Highlight2HTML):
    """nbconvert's code highlighter, answering the same source the same way from memory (of the
    cell's metadata only ``magics_language`` changes the result, see nbconvert's ``_pygments_highlight``)."""

    def __call__(self, source, language=None, metadata=None):
        magics = metadata.get("magics_language") if metadata else None
        return self._remembered(source, language, magics)

    @lru_cache(maxsize=4096)  # noqa: B019 - one highlighter per lexer, kept for the worker's life
    def _remembered(self, source, language, magics):
        return super().__call__(source, language, {"magics_language": magics} if magics else None)


class FeedbackExporter(HTMLExporter, OneCopy):
    """nbconvert's HTMLExporter, reusable from one student to the next (see the module docstring), with
    one copy of the notebook instead of three (:class:`~autograder.engine.passes.OneCopy`)."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._highlighters: dict = {}
        self._markdown: dict = {}
        self._sources: dict = {}

    @pass_context
    def markdown2html(self, context, source):
        # Without attachments or embedded images the result depends on the source alone.
        if context.get("cell", {}).get("attachments") or self.embed_images or not isinstance(source, str):
            return HTMLExporter.markdown2html(self, context, source)
        if source not in self._markdown:
            self._markdown[source] = HTMLExporter.markdown2html(self, context, source)
        return self._markdown[source]

    def _create_environment(self):
        environment = super()._create_environment()
        environment.bytecode_cache = precompiled.template_cache()  # compiled at install when it could be
        get_source, sources = environment.loader.get_source, self._sources

        def remembered(env, name):  # the CSS the template inlines, read once
            if name not in sources:
                sources[name] = get_source(env, name)
            return sources[name]

        environment.loader.get_source = remembered
        return environment

    def from_file(self, file_stream, resources=None, **kw):
        nb = written(getattr(file_stream, "name", None))  # the autograded notebook this worker just wrote
        if nb is None:
            return super().from_file(file_stream, resources, handed_over=True, **kw)
        return self.from_notebook_node(nb, resources, handed_over=True, **kw)

    def from_notebook_node(self, nb, resources=None, **kw):
        langinfo = nb.metadata.get("language_info", {})
        lexer = langinfo.get("pygments_lexer", langinfo.get("name", None))
        if lexer not in self._highlighters:
            self._highlighters[lexer] = _Remembered(pygments_lexer=lexer, parent=self)
        highlight_code = self.filters.get("highlight_code", self._highlighters[lexer])
        resources = self._init_resources(resources)
        filter_data_type = WidgetsDataTypeFilter(notebook_metadata=self._nb_metadata, parent=self,
                                                 resources=resources)
        self.register_filter("highlight_code", highlight_code)
        self.register_filter("filter_data_type", filter_data_type)
        html, resources = TemplateExporter.from_notebook_node(self, nb, resources, **kw)
        return accessible(html, self.log), resources


#: The worker's exporters, by the configuration and preprocessors they were made with.
_EXPORTERS: dict = {}


class WarmFeedback(GenerateFeedback):
    """nbgrader's ``GenerateFeedback``, with the process's :class:`FeedbackExporter` (made on first use)."""

    def warm_exporter(self) -> FeedbackExporter:
        """The process's exporter for this configuration (made, with its preprocessors, once)."""
        key = (repr(self.config), tuple(self.preprocessors))
        if key not in _EXPORTERS:
            exporter = _EXPORTERS[key] = FeedbackExporter(parent=self, config=self.config)
            for preprocessor in self.preprocessors:
                exporter.register_preprocessor(preprocessor)
        return _EXPORTERS[key]

    def start(self) -> None:  # nbgrader.converters.base.BaseConverter.start, the exporter kept
        self.init_notebooks()
        self.writer = FilesWriter(parent=self, config=self.config)
        self.exporter = self.warm_exporter()
        here = os.getcwd()
        os.chdir(self.coursedir.root)
        try:
            self.convert_notebooks()
        finally:
            os.chdir(here)
