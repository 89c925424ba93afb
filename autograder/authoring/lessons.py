"""Build ``lessons/`` from ``content/lessons/*.md``: two notebooks per source.

``content/lessons/01-identify.md`` → ``lessons/01-identify.zh-CN.ipynb`` and
``lessons/01-identify.en.ipynb``.

Teacher's answer notes (``%% markdown teacher`` cells) stay in the sources and
are left out of the notebooks: students never see them. Each one follows the
student cell whose discussion prompts it answers, one list item per prompt, in
order; :mod:`.guide_notes` pairs prompts and notes for the teacher's guide.
"""
from __future__ import annotations

from pathlib import Path

from . import bilingual

def is_teacher(cell: bilingual.SourceCell) -> bool:
    """Whether ``cell`` is a teacher's answer note (``%% markdown teacher``)."""
    return cell.kind == "markdown" and "teacher" in cell.attrs


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
