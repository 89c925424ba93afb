"""The self-check as a button: put near the top of an exercise, it works whenever the kernel is
idle, however far Run All got. Each click shows a fresh report under the button."""
from __future__ import annotations

import html
from typing import Callable

import ipywidgets as widgets
from IPython.display import display

from satisfaction import terms


class CheckPanel:
    """``button`` runs ``make_report`` (a function returning the report or None) and shows the
    result in ``output``; ``ui`` is the whole panel (CSS class ``sat-selfcheck``)."""

    def __init__(self, make_report: Callable[[], object], lang: str = "zh"):
        words = terms.labels("selfcheck", lang)
        self.make_report = make_report
        self.button = widgets.Button(description=words["button"], button_style="primary", icon="check",
                                     layout=widgets.Layout(width="auto"))
        self.output = widgets.Output()
        self.button.on_click(self.show)
        hint = widgets.HTML(f'<span style="color:#5f6368">{html.escape(words["button_hint"])}</span>')
        self.ui = widgets.VBox([widgets.HBox([self.button, hint]), self.output])
        self.ui.add_class("sat-selfcheck")

    def show(self, _button=None) -> None:
        """Run the check and show its report (replacing the previous one)."""
        self.output.clear_output()
        with self.output:
            report = self.make_report()
            if report is not None:
                display(report)

    def _repr_mimebundle_(self, **kwargs):
        return self.ui._repr_mimebundle_(**kwargs)
