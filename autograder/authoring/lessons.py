"""Build ``lessons/`` from ``content/lessons/*.md``: two notebooks per source.

``content/lessons/01-identify.md`` → ``lessons/01-identify.zh-CN.ipynb`` and
``lessons/01-identify.en.ipynb``.

Teacher's answer notes (``%% markdown teacher`` cells) stay in the sources and
are left out of the notebooks: students never see them. Each one follows the
student cell whose discussion prompts it answers, one list item per prompt,
in order. A prompt starts with a bold marker (:data:`PROMPT_MARKERS`): zh
**想一想** / **问题** / **讨论**, en **Think** / **Question(s)** / **Discussion**.
:func:`prompts` and :func:`answer_notes` pair them up (for tests and the guide).
"""
from __future__ import annotations

import re
from pathlib import Path

from . import bilingual

#: The bold words that open a discussion prompt or a case question, per edition.
PROMPT_MARKERS = {"zh": ("想一想", "问题", "讨论"), "en": ("Think", "Question", "Questions", "Discussion")}
_MARKER = {lang: re.compile(r"\*\*(?:" + "|".join(words) + r")\*\*[:：]?")
           for lang, words in PROMPT_MARKERS.items()}
_ITEM = re.compile(r"^- ", re.MULTILINE)


def is_teacher(cell: bilingual.SourceCell) -> bool:
    """Whether ``cell`` is a teacher's answer note (``%% markdown teacher``)."""
    return cell.kind == "markdown" and "teacher" in cell.attrs


def prompts(text: str, lang: str) -> list[str]:
    """The prompts of one markdown text: each runs from its marker to the next one (or the end)."""
    marks = list(_MARKER[lang].finditer(text))
    ends = [m.start() for m in marks[1:]] + [len(text)]
    return [text[m.end():end].strip() for m, end in zip(marks, ends)]


def note_items(text: str) -> list[str]:
    """The items of a teacher note's top-level list ("- …" at the start of a line)."""
    starts = [m.end() for m in _ITEM.finditer(text)]
    ends = [m.start() for m in _ITEM.finditer(text)][1:] + [len(text)]
    return [text[s:e].strip() for s, e in zip(starts, ends)]


def answer_notes(cells: list[bilingual.SourceCell], lang: str) -> list[tuple[list[str], list[str]]]:
    """(prompts, note items) for every student cell that has prompts or is followed by a note."""
    pairs = []
    for index, cell in enumerate(cells):
        if is_teacher(cell) or cell.kind != "markdown":
            continue
        following = cells[index + 1] if index + 1 < len(cells) else None
        asked = prompts(cell.text(lang), lang)
        notes = note_items(following.text(lang)) if following is not None and is_teacher(following) else []
        if asked or notes:
            pairs.append((asked, notes))
    return pairs


def outputs(source: Path, out_dir: Path) -> dict[str, Path]:
    """Where each edition of a lesson source goes."""
    return {lang: out_dir / f"{source.stem}.{suffix}.ipynb" for lang, suffix in bilingual.EDITIONS.items()}


def build(content_dir: Path, out_dir: Path) -> list[Path]:
    """Render every lesson source without its teacher cells; returns the notebooks whose content changed."""
    changed = []
    for source in sorted(content_dir.glob("*.md")):
        cells = [cell for cell in bilingual.parse(source.read_text("utf-8")) if not is_teacher(cell)]
        for lang, path in outputs(source, out_dir).items():
            if bilingual.write_if_changed(bilingual.render(cells, lang, source.stem), path):
                changed.append(path)
    return changed
