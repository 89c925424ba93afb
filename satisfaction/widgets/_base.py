"""Building blocks shared by the lesson widgets.

Widgets are thin: a pure function of the ``satisfaction`` package computes,
the widget only reads inputs, shows the result and redraws its chart. Three
rules hold for every widget, and these helpers enforce them:

- bad input (a zero, a word, an empty box) shows a message *in the widget*,
  never a traceback: see :func:`guarded` and :func:`parse_number`;
- a chart is one matplotlib ``Figure`` redrawn in place into an ``Image``
  widget: see :class:`FigureView`;
- every text comes from the data files in both languages: see :func:`ui`.
"""
from __future__ import annotations

import html
import io
from typing import Any, Callable

import ipywidgets as widgets
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image

from .. import style, terms


def ui(key: str, lang: str, **fields: Any) -> str:
    """A widget text from the ``ui`` group in ``lang``, with ``{fields}`` filled in."""
    return terms.label("ui", key, lang).format(**fields)


def parse_number(text: Any, field: str, lang: str, *, positive: bool = False,
                 nonnegative: bool = False) -> float:
    """A number typed by a learner, or ``ValueError`` with a message in ``lang``."""
    raw = str(text).strip().replace("，", ".").replace(",", ".")
    if not raw:
        raise ValueError(ui("empty", lang, field=field))
    try:
        value = float(raw)
    except ValueError:
        raise ValueError(ui("not_a_number", lang, value=raw)) from None
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError(ui("not_a_number", lang, value=raw))
    if positive and value <= 0:
        raise ValueError(ui("must_be_positive", lang, field=field))
    if nonnegative and value < 0:
        raise ValueError(ui("must_not_be_negative", lang, field=field))
    return value


def message_box() -> widgets.HTML:
    """An empty HTML widget where a widget shows its messages."""
    return widgets.HTML(value="")


def show_error(box: widgets.HTML, error: Exception, lang: str) -> None:
    """Put an error message (escaped) into ``box``."""
    box.value = (f'<span class="sat-error" style="color:#b00020">⚠ {html.escape(ui("bad_input", lang))}'
                 f"{html.escape(str(error))}</span>")


def guarded(update: Callable[[], None], box: widgets.HTML, lang: str) -> Callable[..., None]:
    """Wrap ``update`` so a ``ValueError`` becomes a message in ``box`` instead of a traceback.

    The returned function accepts and ignores the ``change`` argument that
    ``observe`` passes, so it can serve as an observer and be called directly.
    """
    def run(*_change: Any) -> None:
        try:
            update()
        except ValueError as error:
            show_error(box, error, lang)
        else:
            box.value = ""
    return run


class FigureView:
    """One matplotlib figure shown as a PNG in an ``Image`` widget and redrawn in place.

    Build the axes once on ``self.fig``; after changing artists call
    :meth:`refresh`. No pyplot state is involved, so nothing else is displayed.

    Speed (benchmarks/widgets.py): the figure is drawn once on its own Agg
    canvas and encoded with a fast PNG setting, and the constrained layout is
    computed on the first refresh only, then kept; together this halves the
    time of an update. Pass ``relayout=True`` when labels change length.
    """

    #: zlib level of the PNG sent to the browser: 1 is fastest, the picture is identical.
    PNG_COMPRESSION = 1

    def __init__(self, figsize: tuple[float, float] = (6.4, 3.6), dpi: int = 90):
        with style.context():
            self.fig = Figure(figsize=figsize, dpi=dpi, layout="constrained")
        self.canvas = FigureCanvasAgg(self.fig)
        self._laid_out = False
        self.widget = widgets.Image(format="png", layout=widgets.Layout(max_width="100%"))

    def axes(self, *args: Any, **kwargs: Any):
        """``fig.subplots`` under the course style (the CJK font)."""
        with style.context():
            return self.fig.subplots(*args, **kwargs)

    def refresh(self, relayout: bool = False) -> None:
        """Render the figure to PNG and show it (laying it out again first if ``relayout``)."""
        with style.context():
            if relayout and self._laid_out:
                self.fig.set_layout_engine("constrained")
                self._laid_out = False
            self.canvas.draw()
            if not self._laid_out:
                self.fig.set_layout_engine("none")  # keep the positions just computed
                self._laid_out = True
        buffer = io.BytesIO()
        Image.frombuffer("RGBA", self.canvas.get_width_height(), self.canvas.buffer_rgba()).save(
            buffer, format="png", compress_level=self.PNG_COMPRESSION)
        self.widget.value = buffer.getvalue()
