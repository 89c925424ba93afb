"""matplotlib's inline figures for a notebook that may never plot: set up as a Jupyter kernel does.

A kernel does not import matplotlib until the notebook does: ipykernel only names the
inline backend (``MPLBACKEND``), and the notebook's first figure loads it, which then
registers its figure display with the shell (``matplotlib_inline.backend_inline``:
figures shown after each cell, PNG for a ``Figure``). When the runner has not
preloaded matplotlib (the assignment's notebooks do not import it), its warm shell is
made the same way (only matplotlib's settings and font list are loaded first), so a
notebook that never plots costs little for it, and one that does gets a kernel's figures.

Before every test cell the shell is put back as it was made
(:mod:`autograder.engine.shellguard`), which would drop what the notebook's first
figure registered. So the warm shell holds two stand-ins from the start, which do
nothing until the inline backend is in use and then what it would do:
:func:`show_figures` after each cell, and :func:`figure_png` for a ``Figure``.
While what the backend registered is in place, the stand-ins add nothing to it
(nothing is left to show, and its own PNG printer replaces the stand-in).
"""
from __future__ import annotations

import os
import sys

#: The backend ipykernel names for its kernels.
INLINE = "module://matplotlib_inline.backend_inline"
_BACKEND = "matplotlib_inline.backend_inline"


def _inline():
    """The inline backend's module when it is the backend in use, else None."""
    backend = sys.modules.get(_BACKEND)
    if backend is None or getattr(backend.configure_inline_support, "current_backend", None) != "inline":
        return None
    return backend


def show_figures() -> None:
    """After each cell: the figures the cell drew, as the inline backend shows them."""
    backend = _inline()
    if backend is not None:
        backend.flush_figures()


def figure_png(figure):
    """A ``Figure`` displayed: its PNG as the inline backend makes it (none before it is in use)."""
    backend = _inline()
    if backend is None:
        return None
    from IPython.core.pylabtools import print_figure, retina_figure

    settings = backend.InlineBackend.instance()
    formats = settings.figure_formats
    if "retina" in formats or "png2x" in formats:
        return retina_figure(figure, base64=True, **settings.print_figure_kwargs)
    if "png" in formats:
        return print_figure(figure, fmt="png", base64=True, **settings.print_figure_kwargs)
    return None


def on_first_use(shell) -> None:
    """Make ``shell`` show figures as a kernel's does, without importing pyplot and its backends now.

    matplotlib itself is imported (a tenth of a second), with the inline backend named: it finds
    its settings, its cache and the font list where the teacher's kernel finds them, before the
    sandbox hides them from the notebook's process (which would otherwise warn on its first
    figure and rebuild the font list, seconds, for every student)."""
    os.environ["MPLBACKEND"] = INLINE
    try:
        import matplotlib.font_manager  # noqa: F401
    except ImportError:  # no matplotlib: no figures either
        pass
    shell.events.register("post_execute", show_figures)
    shell.display_formatter.formatters["image/png"].for_type_by_name("matplotlib.figure", "Figure", figure_png)
