"""Lesson 0's practice self-check: one button checks every practice answer in the notebook.

``Practice(globals(), LANG)`` shows a button; a click reads the practice variables from the
notebook's namespace at that moment and lists each one's feedback (:func:`.tryit.check`).
"""
from __future__ import annotations

import html
import time

import ipywidgets as widgets

from .tryit import MISSING, STEPS, check, say

#: The practice tasks, in the lesson's order.
TASKS = ("share_back", "rating_by_channel", "late_customers", "waited_longer")


def results(namespace: dict, lang: str) -> list[tuple[str, object]]:
    """(variable, feedback) for every practice task, reading ``namespace`` now."""
    found = []
    for step in TASKS:
        name = STEPS[step][0]
        found.append((name, check(step, namespace.get(name, MISSING), lang)))
    return found


def report(namespace: dict, lang: str, when: float | None = None) -> str:
    """The practice results as HTML: one line per task, how many are done and when it was checked
    (so a click that finds nothing new still visibly checked)."""
    rows = results(namespace, lang)
    lines = "".join(f"<li><code>{html.escape(name)}</code>: {fb._repr_html_()}</li>" for name, fb in rows)
    done = sum(fb.ok for _, fb in rows)
    return (f"<b>{html.escape(say('practice_title', lang))}</b><ul>{lines}</ul>"
            f"<p>{html.escape(say('practice_done', lang, done=done, total=len(rows), time=time.strftime('%H:%M:%S', time.localtime(when))))}</p>")


class Practice:
    """A button that checks the practice answers; ``view`` holds the report."""

    def __init__(self, namespace: dict, lang: str):
        self.namespace, self.lang = namespace, lang
        self.button = widgets.Button(description=say("practice_button", lang), button_style="primary",
                                     layout=widgets.Layout(width="auto"))
        self.view = widgets.HTML()
        self.button.on_click(self.update)
        self.widget = widgets.VBox([self.button, self.view])
        self.update()

    def update(self, *_click) -> None:
        self.view.value = report(self.namespace, self.lang)

    def _ipython_display_(self) -> None:
        from IPython.display import display
        display(self.widget)
