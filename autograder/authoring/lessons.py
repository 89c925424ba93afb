"""Build ``lessons/`` from ``content/lessons/*.md``: two notebooks per source.

``content/lessons/01-identify.md`` → ``lessons/01-identify.zh-CN.ipynb`` and
``lessons/01-identify.en.ipynb``.
"""
from __future__ import annotations

from pathlib import Path

from . import bilingual


def outputs(source: Path, out_dir: Path) -> dict[str, Path]:
    """Where each edition of a lesson source goes."""
    return {lang: out_dir / f"{source.stem}.{suffix}.ipynb" for lang, suffix in bilingual.EDITIONS.items()}


def build(content_dir: Path, out_dir: Path) -> list[Path]:
    """Render every lesson source; returns the notebooks whose content changed."""
    changed = []
    for source in sorted(content_dir.glob("*.md")):
        cells = bilingual.parse(source.read_text("utf-8"))
        for lang, path in outputs(source, out_dir).items():
            if bilingual.write_if_changed(bilingual.render(cells, lang, source.stem), path):
                changed.append(path)
    return changed
