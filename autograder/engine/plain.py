"""Every value a test cell reads must be a plain one, not an object of the notebook's own classes.

Such an object can claim to equal anything (``__eq__`` always true, a ``__sub__``
whose ``abs`` is 0, an ``__iter__`` of such objects) or print as any score, so a
test refuses it: :class:`PlainValues` rewrites a test cell (an IPython AST
transformer, for test cells only) so that every name, call, item and attribute it
reads goes through :func:`require_plain`.
"""
from __future__ import annotations

import ast
import sys

import pandas as pd

_HEAPTYPE = 1 << 9  # Py_TPFLAGS_HEAPTYPE: a class written in Python (C types cannot be redefined)


def _foreign_type(cls: type) -> bool:
    """A class the notebook wrote itself: not findable under the module and name it claims."""
    if not cls.__flags__ & _HEAPTYPE:
        return False
    module = sys.modules.get(getattr(cls, "__module__", None) or "")
    if module is None or module.__name__ == "__main__":
        return True
    found = module
    for part in cls.__qualname__.split("."):
        found = getattr(found, part, None)
    return found is not cls


def _contains_foreign(value, depth: int = 3, budget: list | None = None) -> bool:
    budget = budget if budget is not None else [2000]
    budget[0] -= 1
    if budget[0] < 0 or depth < 0:
        return False
    if _foreign_type(type(value)):
        return True
    if isinstance(value, dict):
        items = [*value.keys(), *value.values()]
    elif isinstance(value, (list, tuple, set, frozenset)):
        items = list(value)
    elif isinstance(value, (pd.Series, pd.Index)):
        items = list(value.to_numpy()[:1000]) if value.dtype == object else []
        items += list(value.index[:1000]) if isinstance(value, pd.Series) and value.index.dtype == object else []
    elif isinstance(value, pd.DataFrame):
        items = [value.index, value.columns] + [value.iloc[:, i] for i in range(min(value.shape[1], 50))]
    else:
        return False
    return any(_contains_foreign(item, depth - 1, budget) for item in items[:1000])


#: The name test cells call to check a value (set only while a test cell runs).
PLAIN = "__plain__"


class ForeignAnswerError(Exception):
    """A test met an object of a class the notebook defined itself."""


def require_plain(value):
    """``value`` itself, unless it is or holds an object of a class the notebook defined.

    Such an object can claim to equal anything (``__eq__`` always true, a
    ``__sub__`` whose ``abs`` is 0, an ``__iter__`` of such objects), so a test
    refuses it: answers, and what the notebook's functions return to a test,
    must be values of the ordinary types the question asks for.
    """
    if _contains_foreign(value):
        raise ForeignAnswerError(
            f"a {type(value).__name__} object of a class the notebook defined itself reached the test; "
            "answers must be plain values (numbers, text, lists, dicts, pandas objects)")
    return value


class PlainValues(ast.NodeTransformer):
    """Rewrites a test cell so every name, call, item and attribute it reads goes through
    :func:`require_plain` (an IPython AST transformer, used for test cells only)."""

    def _wrap(self, node):
        call = ast.Call(func=ast.Name(PLAIN, ast.Load()), args=[node], keywords=[])
        return ast.copy_location(call, node)

    def visit_Name(self, node):
        return self._wrap(node) if isinstance(node.ctx, ast.Load) and node.id != PLAIN else node

    def _visit_value(self, node):
        self.generic_visit(node)
        return self._wrap(node) if isinstance(getattr(node, "ctx", ast.Load()), ast.Load) else node

    visit_Call = visit_Subscript = visit_Attribute = _visit_value
