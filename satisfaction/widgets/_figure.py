"""A widget's chart: one matplotlib figure, redrawn in place, sharp at the size it is shown.

The figure is rendered at :attr:`FigureView.PIXEL_RATIO` times its shown size and
the image is shown at its CSS size (``figsize`` × 96 px per inch), so it is sharp
on HiDPI screens and its fonts (10 pt ≈ 13 px) match the page's. Point labels
are kept apart and inside the axes by :func:`keep_apart`.
"""
from __future__ import annotations

import io
import math
import zlib
from typing import Any, Callable, Sequence

import ipywidgets as widgets
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Annotation, Text
from matplotlib.transforms import Bbox
from PIL import Image

from .. import style

#: Where a point's label may go, in order of preference: offset (points) and alignment.
PLACES = [((5, 4), "left", "bottom"), ((5, -4), "left", "top"), ((-5, 4), "right", "bottom"),
          ((-5, -4), "right", "top"), ((5, 14), "left", "bottom"), ((5, -14), "left", "top"),
          ((-5, 14), "right", "bottom"), ((-5, -14), "right", "top"), ((0, 24), "center", "bottom"),
          ((0, -24), "center", "top")]


def _place(note: Annotation, place) -> None:
    offset, ha, va = place
    note.xyann = offset
    note.set_horizontalalignment(ha)
    note.set_verticalalignment(va)


def keep_apart(notes: Sequence[Annotation], fixed: Sequence[Text], renderer, marker: float = 4.0) -> None:
    """Move each point label (an annotation with an offset in points) to the first place of
    :data:`PLACES` where it overlaps no earlier label, no ``fixed`` text and no labelled point
    (a marker of radius ``marker`` points), and stays inside its axes; a label with no such
    place keeps the first place inside the axes. Labels never count in the figure's layout."""
    notes = [n for n in notes if n.get_text()]
    radius = marker * renderer.dpi / 72
    taken = [t.get_window_extent(renderer).padded(2) for t in fixed if t.get_text()]
    points = {}
    for note in notes:
        x, y = note.axes.transData.transform(note.xy)
        points[id(note)] = Bbox.from_extents(x - radius, y - radius, x + radius, y + radius)
    taken += points.values()
    for note in notes:
        note.set_in_layout(False)
        own = points[id(note)]  # a label may touch its own point, not another's
        inside = note.axes.get_window_extent(renderer)
        first_inside = None
        for place in PLACES:
            _place(note, place)
            box = note.get_window_extent(renderer)
            if not _within(box, inside):
                continue
            first_inside = first_inside or place
            if not any(box.overlaps(other) for other in taken if other is not own):
                break
        else:
            _place(note, first_inside or PLACES[0])
        taken.append(note.get_window_extent(renderer).padded(2))


def keep_inside(notes: Sequence[Annotation], renderer) -> None:
    """Labels kept inside their axes, without regard to each other."""
    keep_apart(notes, [], renderer)


def nice_limit(value: float) -> float:
    """The smallest of 1, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × a power of ten that is ≥ ``value`` (> 0):
    an axis limit that changes rarely, so the chart's cached background is seldom redrawn."""
    power = 10 ** math.floor(math.log10(value))
    return next(step * power for step in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10) if step * power >= value)


def _within(box: Bbox, frame: Bbox) -> bool:
    return box.x0 >= frame.x0 and box.x1 <= frame.x1 and box.y0 >= frame.y0 and box.y1 <= frame.y1


class FigureView:
    """One matplotlib figure shown as a PNG in an ``Image`` widget and redrawn in place.

    Build the axes once on ``self.fig``; after changing artists call
    :meth:`refresh`. No pyplot state is involved, so nothing else is displayed.
    :meth:`arrange` registers a function run before every drawing, once the layout
    is known (for example :func:`keep_apart` on the point labels).

    Speed (benchmarks/widgets.py): the figure is drawn on its own Agg canvas; the
    constrained layout is computed on the first refresh only, then kept (pass
    ``relayout=True`` when labels change length); the artists an update changes
    (:meth:`animate`) are drawn over a cached picture of the rest; the PNG is
    encoded with the fastest setting measured.
    """

    #: CSS pixels per inch (the browser's), and image pixels per CSS pixel (HiDPI).
    CSS_DPI, PIXEL_RATIO = 96, 2
    #: zlib level of the PNG sent to the browser: 1 is fastest, the picture is identical.
    PNG_COMPRESSION = 1
    #: Called with the view after each refresh (set by ``_base`` to clear views on bad input).
    on_refresh: Callable[["FigureView"], Any] | None = None

    def __init__(self, figsize: tuple[float, float] = (6.4, 3.6)):
        with style.context():
            self.fig = Figure(figsize=figsize, dpi=self.CSS_DPI * self.PIXEL_RATIO, layout="constrained")
        self.canvas = FigureCanvasAgg(self.fig)
        self._laid_out = False
        self._arrangers: list[Callable[[Any], None]] = []
        self._dynamic: list[Any] = []
        self._background, self._drawn_for = None, None
        self.css_width = round(figsize[0] * self.CSS_DPI)
        self.widget = widgets.Image(format="png", layout=widgets.Layout(
            width=f"{self.css_width}px", max_width="100%", height="auto"))
        self.widget.add_class("sat-chart")

    def axes(self, *args: Any, **kwargs: Any):
        """``fig.subplots`` under the course style (the CJK font)."""
        with style.context():
            return self.fig.subplots(*args, **kwargs)

    def arrange(self, function: Callable[[Any], None]) -> None:
        """Run ``function(renderer)`` before each drawing, with the layout in place."""
        self._arrangers.append(function)

    def animate(self, *artists: Any) -> None:
        """Mark the artists an update changes: they are drawn over a cached picture of the rest
        (axes, ticks, static labels), redrawn only when an axis' limits or tick labels change."""
        for artist in artists:
            artist.set_animated(True)
            self._dynamic.append(artist)
        self._dynamic.sort(key=lambda a: a.get_zorder())

    def _signature(self) -> tuple:
        """What the cached background depends on: every axes' limits and tick labels."""
        return tuple((ax.get_xlim(), ax.get_ylim(), tuple(ax.get_xticks()), tuple(ax.get_yticks()),
                      tuple(t.get_text() for t in ax.get_xticklabels()), ax.get_position().bounds)
                     for ax in self.fig.axes)

    def refresh(self, relayout: bool = False) -> None:
        """Render the figure to PNG and show it (laying it out again first if ``relayout``)."""
        with style.context():
            drawn = False
            if relayout and self._laid_out:
                self.fig.set_layout_engine("constrained")
                self._laid_out = False
            if not self._laid_out:
                self.canvas.draw()  # computes the constrained layout
                self.fig.set_layout_engine("none")  # and keeps the positions just computed
                self._laid_out, drawn = True, not self._arrangers
                self._background = self.canvas.copy_from_bbox(self.fig.bbox) if self._dynamic else None
                self._drawn_for = self._signature() if self._dynamic else None
            renderer = self.canvas.get_renderer()
            for arrange in self._arrangers:
                arrange(renderer)
            if self._dynamic:
                self._draw_over_background()
            elif not drawn:
                self.canvas.draw()
        buffer = io.BytesIO()
        # RGB (the figure is opaque) with zlib's filtered strategy: the fastest encoding measured.
        Image.frombuffer("RGBA", self.canvas.get_width_height(), self.canvas.buffer_rgba()).convert("RGB").save(
            buffer, format="png", compress_level=self.PNG_COMPRESSION, compress_type=zlib.Z_FILTERED)
        self.widget.value = buffer.getvalue()
        self.widget.layout.display = None
        if FigureView.on_refresh is not None:
            FigureView.on_refresh(self)

    def _draw_over_background(self) -> None:
        signature = self._signature()
        if self._background is None or signature != self._drawn_for:
            self.canvas.draw()  # everything but the animated artists
            self._background, self._drawn_for = self.canvas.copy_from_bbox(self.fig.bbox), signature
        else:
            self.canvas.restore_region(self._background)
        for artist in self._dynamic:
            if artist.get_visible():
                self.fig.draw_artist(artist)

    def hide(self) -> None:
        """Hide the chart (until the next refresh): it must not show a stale result."""
        self.widget.layout.display = "none"
