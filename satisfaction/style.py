"""The course's matplotlib style: Chinese labels render with the bundled CJK font.

The font is Noto Sans SC from the PyPI package ``pylopdf-fonts-zh-cn`` (SIL OFL),
installed with the course, so nothing is downloaded at run time. It must come
*first* in ``font.family``: matplotlib does not fall back to a CJK font listed
after DejaVu in ``font.sans-serif``, it warns about missing glyphs instead.
"""
from __future__ import annotations

from contextlib import contextmanager
from functools import lru_cache
from typing import Iterator

import matplotlib as mpl
from matplotlib import font_manager

#: rcParams the course sets on top of matplotlib's defaults.
COURSE_RC = {
    "axes.unicode_minus": False,   # a plain hyphen for minus signs: safe in every font
    "figure.figsize": (6.4, 3.6),
    "figure.dpi": 100,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.alpha": 0.3,
}


@lru_cache(maxsize=1)
def cjk_font_name() -> str:
    """Register the bundled Noto Sans SC with matplotlib once and return its family name."""
    from pylopdf_fonts_zh_cn import sans_path

    path = str(sans_path())
    font_manager.fontManager.addfont(path)
    return font_manager.FontProperties(fname=path).get_name()


def course_rc() -> dict:
    """The rcParams of the course style (the CJK font first, DejaVu Sans for the rest)."""
    return {**COURSE_RC, "font.family": [cjk_font_name(), "DejaVu Sans"]}


def use() -> None:
    """Apply the course style globally (lessons call this once at the top)."""
    mpl.rcParams.update(course_rc())


@contextmanager
def context() -> Iterator[None]:
    """Apply the course style inside a ``with`` block only."""
    with mpl.rc_context(course_rc()):
        yield
