"""Parse a bilingual course source and render one edition of it as a notebook.

Source format (UTF-8 text, one file per lesson or exercise)::

    %% markdown                     a markdown cell starts
    %% code                         a code cell starts
    %% code edition                 the edition cell: ``{lang}`` becomes "zh" or "en"
    %% code key=value flag ...      attributes for the builders (nbgrader roles, tags)
    @zh                             following lines are for the zh-CN edition only
    @en                             following lines are for the English edition only
    @both                           following lines are for both editions again

Markdown cells normally hold an ``@zh`` block and an ``@en`` block. Code cells
must be the same in both editions (no ``@zh``/``@en``), which is what keeps the
editions from drifting apart; only the edition cell differs, by ``{lang}``.
Lines starting ``%%#`` are source comments and are dropped.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

#: Editions: language code in the source → file suffix and notebook language.
EDITIONS = {"zh": "zh-CN", "en": "en"}


@dataclass
class SourceCell:
    """One cell of a source: its kind, attributes and text per edition."""

    kind: str
    attrs: dict[str, str] = field(default_factory=dict)
    lines: dict[str, list[str]] = field(default_factory=lambda: {"zh": [], "en": []})
    line_no: int = 0

    def text(self, lang: str) -> str:
        body = "\n".join(self.lines[lang]).strip("\n")
        return body.replace("{lang}", lang) if "edition" in self.attrs else body


def _parse_header(line: str, line_no: int) -> SourceCell:
    words = line[2:].split()
    if not words or words[0] not in ("markdown", "code"):
        raise ValueError(f"line {line_no}: a cell header is '%% markdown' or '%% code', got {line!r}")
    attrs = {}
    for word in words[1:]:
        key, _, value = word.partition("=")
        attrs[key] = value or "true"
    return SourceCell(words[0], attrs, line_no=line_no)


def parse(text: str) -> list[SourceCell]:
    """The cells of a bilingual source; raises ``ValueError`` naming the bad line."""
    cells: list[SourceCell] = []
    langs = tuple(EDITIONS)
    for line_no, line in enumerate(text.splitlines(), start=1):
        if line.startswith("%%#"):
            continue
        if line.startswith("%%"):
            cells.append(_parse_header(line, line_no))
            langs = tuple(EDITIONS)
            continue
        if not cells:
            if line.strip():
                raise ValueError(f"line {line_no}: text before the first '%% markdown' or '%% code'")
            continue
        marker = line.strip()
        if marker in ("@zh", "@en", "@both"):
            if cells[-1].kind == "code":
                raise ValueError(f"line {line_no}: code cells are shared by both editions; "
                                 f"move language-specific text to a markdown cell")
            langs = tuple(EDITIONS) if marker == "@both" else (marker[1:],)
            continue
        for lang in langs:
            cells[-1].lines[lang].append(line)
    for cell in cells:
        for lang in EDITIONS:
            if not cell.text(lang).strip():
                raise ValueError(f"line {cell.line_no}: cell is empty in the {lang} edition")
    return cells


def cell_id(name: str, index: int) -> str:
    """A stable cell id, so rebuilding an unchanged source changes no byte."""
    return hashlib.sha1(f"{name}:{index}".encode()).hexdigest()[:12]


def render(cells: list[SourceCell], lang: str, name: str, metadata_for=None) -> nbformat.NotebookNode:
    """One edition as a notebook without outputs.

    ``metadata_for(cell)`` may return extra metadata for a cell (e.g. nbgrader's).
    """
    nb = nbformat.v4.new_notebook()
    nb.metadata.update({
        "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
        "course": {"edition": EDITIONS[lang], "source": name},
    })
    for index, cell in enumerate(cells):
        make = nbformat.v4.new_code_cell if cell.kind == "code" else nbformat.v4.new_markdown_cell
        nb_cell = make(cell.text(lang), id=cell_id(name, index))
        tags = [t for t in cell.attrs.get("tags", "").split(",") if t]
        if "edition" in cell.attrs:
            tags.append("edition")
        if tags:
            nb_cell.metadata["tags"] = tags
        if metadata_for is not None:
            nb_cell.metadata.update(metadata_for(cell))
        nb.cells.append(nb_cell)
    return nb


def write_if_changed(nb: nbformat.NotebookNode, path: Path) -> bool:
    """Write ``nb`` to ``path`` unless the file already holds exactly that; True if written."""
    text = nbformat.writes(nb) + "\n"
    if path.exists() and path.read_text("utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return True
