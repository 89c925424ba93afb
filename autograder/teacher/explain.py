"""Failures explained in the feedback, in the edition's language, with nothing leaked.

:class:`ExplainFailures` is a step of nbgrader's ``generate_feedback`` (registered
in :func:`autograder.engine.worker.configured_api`, before ``ClearHiddenTests``,
while the test cells still hold their hidden part). For every error a student
would read:

* a failed test cell says which part failed: ``隐藏测试未通过：…`` ("Hidden test
  failed: …") with the assertion's message when the test has one, or ``测试未通过：…``
  for the visible checks the student could run; the test's traceback (which may
  quote hidden lines) is never kept;
* an interrupted, timed-out or stopped cell, and a cell that never ran because
  the notebook was stopped before it, is explained in one sentence;
* any other traceback keeps the student's own lines and drops the grader's
  frames; file paths are cut to the library's own name (``pandas/core/frame.py``).

The language comes from ``metadata.course.edition`` (zh-CN or en).
"""
from __future__ import annotations

import ast
import re

from nbgrader.preprocessors import NbGraderPreprocessor

from .reasons import reason_text
from .texts import edition_lang, say

HIDDEN_BEGIN, HIDDEN_END = "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"
INTERRUPTED = {"CellTimeoutError", "KeyboardInterrupt", "TimeoutError"}
STOPPED = {"NotebookStopped", "DeadKernelError", "CellExecutionError"}
_LINE = re.compile(r"(?:Cell In\s*\[\d*\]|<ipython-input-[^>]*>|File \"<[^>]*>\"), line (\d+)")
_FRAME = re.compile(r'^\s*File "([^"]+)", line \d+')
_PATH = re.compile(r"(?<![\w./:])/(?:[^\s\"'<>:/]+/)+[^\s\"'<>:/]+")
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _t(key: str, lang: str, **fields) -> str:
    return say("feedback", key, lang, **fields)


def split_hidden(source: str) -> tuple[list[int], str, str]:
    """(line numbers inside the hidden part, visible code, hidden code) of a test cell's source."""
    inside, visible, hidden, active = [], [], [], False
    for number, line in enumerate(source.splitlines(), start=1):
        if HIDDEN_BEGIN in line:
            active = True
        elif HIDDEN_END in line:
            active = False
        elif active:
            inside.append(number)
            hidden.append(line)
        else:
            visible.append(line)
    return inside, "\n".join(visible), "\n".join(hidden)


def _literals(code: str) -> set[str]:
    try:
        return {n.value for n in ast.walk(ast.parse(code)) if isinstance(n, ast.Constant) and isinstance(n.value, str)}
    except SyntaxError:
        return {a or b for a, b in re.findall(r"\"([^\"\\]*)\"|'([^'\\]*)'", code)}


def _bare_asserts(code: str) -> int:
    try:
        return sum(isinstance(n, ast.Assert) and n.msg is None for n in ast.walk(ast.parse(code)))
    except SyntaxError:
        return len(re.findall(r"^\s*assert\b(?!.*,\s*\S)", code, re.M))


def failed_part(source: str, ename: str, evalue: str, traceback: list[str]) -> str | None:
    """``"hidden"``, ``"visible"`` or None (cannot tell) for a failed test cell."""
    inside, visible, hidden = split_hidden(source)
    if not inside:
        return "visible"
    lines = [int(m.group(1)) for line in traceback for m in _LINE.finditer(_ANSI.sub("", line))]
    if lines:
        return "hidden" if lines[-1] in inside else "visible"
    if ename != "AssertionError":
        return None
    if evalue:
        in_hidden, in_visible = evalue in _literals(hidden), evalue in _literals(visible)
        return "hidden" if in_hidden and not in_visible else "visible" if in_visible else None
    bare_visible, bare_hidden = _bare_asserts(visible), _bare_asserts(hidden)
    return "hidden" if bare_hidden and not bare_visible else "visible" if bare_visible and not bare_hidden else None


def _short(match) -> str:
    parts = match.group(0).split("/")
    for marker in ("site-packages", "dist-packages"):
        if marker in parts:
            return "/".join(parts[parts.index(marker) + 1:])
    for marker in ("satisfaction", "autograder"):
        if marker in parts:
            return "/".join(parts[len(parts) - 1 - parts[::-1].index(marker):])
    return parts[-1]


def scrub(text: str) -> str:
    """Absolute file paths cut to the library's own part (``pandas/core/frame.py``) or the file name:
    no folder of the grading machine is shown."""
    return _PATH.sub(_short, text)


def _keep_frames(traceback: list[str]) -> list[str]:
    """The traceback without the grader's own frames, paths cut."""
    lines = _ANSI.sub("", "\n".join(traceback)).splitlines()
    kept, skipping = [], False
    for line in lines:
        frame = _FRAME.match(line)
        if frame:
            skipping = "autograder" in frame.group(1).replace("\\", "/").split("/")
        elif line and not line.startswith(" "):
            skipping = False
        if not skipping:
            kept.append(scrub(line))
    return kept


def _test_sentence(source: str, output, lang: str) -> str:
    ename, evalue = output.get("ename", ""), str(output.get("evalue", ""))
    if ename in STOPPED:
        return _t("test_not_run", lang, reason=reason_text(evalue.removeprefix("not run: "), lang))
    if ename in INTERRUPTED:
        return _t("test_interrupted", lang)
    if ename == "NameError":
        name = re.search(r"'([^']+)'", evalue)
        return _t("test_name_error", lang, name=name.group(1) if name else evalue)
    part = failed_part(source, ename, evalue, output.get("traceback", []))
    if ename != "AssertionError":
        return _t("test_error", lang, error=f"{ename}{'：' if lang == 'zh' else ': '}{scrub(evalue)}")
    if part == "hidden":
        return _t("hidden_failed", lang, message=evalue) if evalue else _t("hidden_failed_bare", lang)
    return _t("test_failed", lang, message=evalue) if evalue else _t("test_failed_bare", lang)


def _answer_sentence(output, lang: str) -> str | None:
    ename, evalue = output.get("ename", ""), str(output.get("evalue", ""))
    if ename == "NotImplementedError":  # the released stub, untouched
        return _t("not_answered", lang)
    if ename in INTERRUPTED:
        seconds = re.search(r"([\d.]+) ?s\b", evalue)
        return _t("cell_interrupted", lang, limit=_t("limit_seconds", lang, seconds=seconds.group(1))
                  if seconds else "")
    if ename in STOPPED:
        if evalue.startswith("not run: "):
            return _t("cell_not_run", lang, reason=reason_text(evalue.removeprefix("not run: "), lang))
        return _t("cell_stopped", lang, reason=reason_text(evalue, lang))
    return None


class ExplainFailures(NbGraderPreprocessor):
    """Every error output of the feedback explained, nothing of the grader's shown (module docstring)."""

    def preprocess(self, nb, resources):
        self.lang = edition_lang(nb)
        return super().preprocess(nb, resources)

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type != "code":
            return cell, resources
        meta = cell.metadata.get("nbgrader", {})
        test = bool(meta.get("grade")) and not meta.get("solution")
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream" and output.get("name") == "stderr":
                output["text"] = scrub(output.get("text", ""))
            if output.get("output_type") != "error":
                continue
            sentence = _test_sentence(cell.source, output, self.lang) if test else _answer_sentence(output, self.lang)
            if sentence is not None:
                output["ename"], output["evalue"], output["traceback"] = "", sentence, [sentence]
            else:
                output["evalue"] = scrub(str(output.get("evalue", "")))
                output["traceback"] = _keep_frames(output.get("traceback", []))
        return cell, resources


def use_explained_feedback(c) -> None:
    """nbgrader's ``generate_feedback`` with hidden tests cleared and failures explained (``c``: a config)."""
    from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor
    from nbgrader.preprocessors import ClearHiddenTests, GetGrades

    c.GenerateFeedback.preprocessors = [GetGrades, ExplainFailures, ClearHiddenTests, CSSHTMLHeaderPreprocessor]
