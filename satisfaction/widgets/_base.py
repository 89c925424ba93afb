"""Building blocks shared by the lesson widgets.

Widgets are thin: a pure function of the ``satisfaction`` package computes,
the widget only reads inputs, shows the result and redraws its chart. The rules
every widget follows, and the helpers that enforce them:

- bad input (a zero, a word, an empty box) shows a message *in the widget*,
  never a traceback, and clears the result beside it so no stale number, chart
  or ✔ stays next to the message: :func:`guarded`, :func:`parse_number`,
  :func:`parse_years`;
- controls a student can use: sliders with a track of at least 200 px whatever
  the length of their label (:func:`slider`), percentages typed and shown as the
  same number (:func:`percent_slider`), text boxes wide enough for their value
  (:func:`text_box`), and every set of text boxes with an explicit button that
  Enter in any box also triggers (:func:`on_submit`);
- a chart is one matplotlib ``Figure`` redrawn in place, rendered at twice its
  shown size so it stays sharp on HiDPI screens: :class:`FigureView` (see
  :mod:`._figure`);
- every text comes from the data files in both languages: :func:`ui`.
"""
from __future__ import annotations

import contextvars
import html
from typing import Any, Callable, Iterable

import ipywidgets as widgets

from .. import terms
from ._figure import FigureView, keep_apart, keep_inside, nice_limit  # noqa: F401 - re-exported for the widgets

#: Years as a customer: the same limits in every lesson.
YEARS_MIN, YEARS_MAX = 1, 100
#: Width of every slider's track, whatever its label (the browser test wants at least 200 px),
#: and the most it grows to in a wide page.
TRACK, TRACK_MAX = "260px", "420px"

#: The views refreshed by the update that :func:`guarded` is running (cleared if it fails).
_refreshed: contextvars.ContextVar[list | None] = contextvars.ContextVar("refreshed", default=None)


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


def parse_years(text: Any, field: str, lang: str) -> float:
    """Years as a customer, :data:`YEARS_MIN` to :data:`YEARS_MAX` (the same in every lesson)."""
    years = parse_number(text, field, lang)
    if not YEARS_MIN <= years <= YEARS_MAX:
        raise ValueError(ui("years_range", lang, field=field, lo=YEARS_MIN, hi=YEARS_MAX))
    return years


def block(inner: str) -> str:
    """HTML for a widget's text of several lines: ipywidgets spaces lines as far apart as its
    controls (28 px), this wrapper as a page's paragraphs."""
    return f'<div class="sat-text" style="line-height:1.5">{inner}</div>'


def message_box() -> widgets.HTML:
    """An empty HTML widget where a widget shows its messages."""
    box = widgets.HTML(value="")
    box.add_class("sat-message")
    return box


def show_error(box: widgets.HTML, error: Exception, lang: str) -> None:
    """Put an error message (escaped) into ``box``."""
    box.value = (f'<span class="sat-error" style="color:#b00020">⚠ {html.escape(ui("bad_input", lang))}'
                 f"{html.escape(str(error))}</span>")


def clear(outputs: Iterable[Any]) -> None:
    """Empty result widgets: HTML text is blanked, a :class:`FigureView` hidden."""
    for output in outputs:
        if isinstance(output, FigureView):
            output.hide()
        else:
            output.value = ""


def guarded(update: Callable[[], None], box: widgets.HTML, lang: str,
            clear_on_error: Iterable[Any] = ()) -> Callable[..., None]:
    """Wrap ``update`` so a ``ValueError`` becomes a message in ``box`` instead of a traceback,
    and the results beside it are cleared: ``clear_on_error`` (HTML widgets, FigureViews) and
    every :class:`FigureView` an earlier successful run refreshed.

    The returned function accepts and ignores the arguments that ``observe`` and
    ``on_click`` pass, so it can serve as an observer, a button handler and be called directly.
    """
    outputs = list(clear_on_error)

    def run(*_change: Any) -> None:
        refreshed: list = []
        token = _refreshed.set(refreshed)
        try:
            update()
        except ValueError as error:
            show_error(box, error, lang)
            clear(outputs)
        else:
            box.value = ""
        finally:
            _refreshed.reset(token)
            outputs.extend(v for v in refreshed if not any(v is o for o in outputs))
    return run


def _note_refresh(view: FigureView) -> None:
    refreshed = _refreshed.get()
    if refreshed is not None:  # inside a guarded update
        refreshed.append(view)


FigureView.on_refresh = staticmethod(_note_refresh)


def label_width(text: str) -> str:
    """A generous CSS width for a label: a Chinese character takes about 1 em, others about
    0.6 em, plus room for the gap after it."""
    if not text:
        return "0em"
    wide = sum(1 for ch in text if ord(ch) > 0x2E7F)
    return f"{wide + 0.6 * (len(text) - wide) + 1:.1f}em"


def slider(kind: type, value: Any, description: str = "", **options: Any):
    """A slider whose track keeps :data:`TRACK` whatever the length of its label.

    ``kind`` is ``widgets.IntSlider`` or ``widgets.FloatSlider``; ``options`` are its
    traits (min, max, step, ...). The label takes its natural width and the slider
    grows by it, so long Chinese and English labels are shown whole.
    """
    options.setdefault("continuous_update", False)
    room = f"calc({label_width(description)} + {TRACK} + 5em)"  # label, track, readout
    most = f"calc({label_width(description)} + {TRACK_MAX} + 5em)"
    control = kind(value=value, description=description, style={"description_width": "initial"},
                   layout=widgets.Layout(width="auto", min_width=room, max_width=most), **options)
    control.add_class("sat-slider")
    return control


def percent_slider(percent: int, description: str, low: int = 0, high: int = 100, step: int = 1):
    """A slider of whole percents: it shows 90 where the model gets 0.9, and a number typed
    into its box is read the same way (the description should say “%”)."""
    return slider(widgets.IntSlider, int(round(percent)), description, min=low, max=high, step=step)


def text_box(value: str, description: str = "", width: str = "9em") -> widgets.Text:
    """A text box for a number or a short list, wide enough (``width``) to show its whole value;
    its value changes when Enter is pressed or the box is left."""
    style = {"description_width": "initial"}
    return widgets.Text(value=str(value), description=description, style=style, continuous_update=False,
                        layout=widgets.Layout(width=f"calc({label_width(description)} + {width})"))


def check_button(lang: str, key: str = "apply") -> widgets.Button:
    """The explicit button of a set of text boxes (``ui.apply``: 计算 / Calculate by default)."""
    button = widgets.Button(description=ui(key, lang), button_style="primary",
                            layout=widgets.Layout(width="auto", align_self="flex-start"))
    button.add_class("sat-check")
    return button


def on_submit(run: Callable[..., None], controls: Iterable[widgets.Widget], button: widgets.Button) -> None:
    """Run ``run`` when a control's value changes (Enter in a text box, a slider let go) and
    when ``button`` is clicked."""
    for control in controls:
        control.observe(run, names="value")
    button.on_click(run)
