"""Answer placeholders in each edition's language, for nbgrader's ``generate_assignment``.

nbgrader's ``ClearSolutions`` replaces every solution with one code stub and one
text stub (``# YOUR CODE HERE`` / ``YOUR ANSWER HERE``) whatever the notebook's
language. :class:`EditionStubs` picks them by the notebook's edition
(``metadata.course.edition``: ``zh-CN`` or ``en``), so a Chinese notebook says
``# 在此作答`` as its instructions do. A notebook without an edition keeps
nbgrader's configured stubs.

One mechanism for every place assignments are generated: the repository's build
(:mod:`autograder.authoring.exercises`), its ``nbgrader_config.py``, and the
``nbgrader_config.py`` that ``python -m autograder init`` writes into a course
folder, all through :func:`use_edition_stubs`::

    from autograder.authoring.stubs import use_edition_stubs
    use_edition_stubs(c)
"""
from __future__ import annotations

from nbgrader.preprocessors import ClearSolutions

#: What replaces solutions in the student copy, per edition's language.
#: Both code stubs keep ``raise NotImplementedError()``: that is how an untouched answer is recognised.
STUBS = {
    "zh": {"code": "# 在此作答\nraise NotImplementedError()", "text": "在此作答。"},
    "en": {"code": "# YOUR CODE HERE\nraise NotImplementedError()", "text": "YOUR ANSWER HERE"},
}


def edition_lang(nb) -> str | None:
    """``zh`` or ``en`` from a notebook's ``metadata.course.edition`` (``zh-CN``, ``en``), else None."""
    edition = str(nb.metadata.get("course", {}).get("edition", ""))
    lang = edition.split("-")[0].lower()
    return lang if lang in STUBS else None


class EditionStubs(ClearSolutions):
    """nbgrader's ClearSolutions with the stubs of the notebook's edition (see the module docstring)."""

    def preprocess(self, nb, resources):
        lang = edition_lang(nb)
        configured = dict(self.code_stub), self.text_stub
        if lang is not None:
            self.code_stub = {**configured[0], "python": STUBS[lang]["code"]}
            self.text_stub = STUBS[lang]["text"]
        try:
            return super().preprocess(nb, resources)
        finally:
            self.code_stub, self.text_stub = configured


def use_edition_stubs(c) -> None:
    """Make nbgrader's ``generate_assignment`` use :class:`EditionStubs` (``c``: an nbgrader config)."""
    from nbgrader.converters import GenerateAssignment

    chain = c.GenerateAssignment.preprocessors if "preprocessors" in c.GenerateAssignment \
        else GenerateAssignment.class_traits()["preprocessors"].default()
    c.GenerateAssignment.preprocessors = [EditionStubs if step is ClearSolutions else step for step in chain]
