"""Undo what student code did to the tools the tests use, before every test cell.

A test cell passes when it raises nothing, so a submission could try to make
the tests pass without answering: shadow ``abs``/``isinstance``/``sorted`` with
its own functions, monkeypatch ``pd.Series``, ``numpy.isclose`` or the
notebook's own helpers, swap a function's ``__code__``, or install a trace
function that jumps over ``assert`` lines. The guard takes a snapshot of the
modules the tests rely on in the warm grading process (before any student
code exists) and puts every attribute, function body and class member back
before each test cell. Names the locked (read-only) cells of the notebook
bound are restored too, and user names that shadow builtins are hidden while
the test cell runs and given back afterwards, so the student's own later code
still sees them.
"""
from __future__ import annotations

import ast
import builtins
import sys
import threading
import types
from operator import attrgetter, is_

import pandas as pd

#: Modules whose attributes, functions and classes tests may use.
GUARDED = ("builtins", "math", "operator", "numbers", "collections", "numpy", "numpy.testing",
           "pandas", "pandas.testing", "pandas.api.types", "satisfaction")
#: Modules a test cell's run passes through, from the shell to the reply to the grader: the
#: shell and its display (formatters, pretty printer, display hook and trap, history),
#: traitlets under them, the AST transformer of :class:`PlainValues`, the engine itself.
ON_THE_WAY = ("IPython.core.interactiveshell", "IPython.core.displayhook", "IPython.core.displaypub",
              "IPython.core.display_trap", "IPython.core.formatters", "IPython.lib.pretty",
              "IPython.core.history", "IPython.core.events", "IPython.core.compilerop",
              "IPython.core.inputtransformer2", "IPython.core.async_helpers", "IPython.core.builtin_trap",
              "traitlets.traitlets", "traitlets.config.configurable", "ast", "codeop", "tokenize",
              "json", "json.encoder", "struct", "os", "signal", "gc", "linecache",
              "autograder.engine.cellrun", "autograder.engine.capture", "autograder.engine.guard",
              "autograder.engine.shellguard", "autograder.engine.quiesce", "autograder.engine.executor")


class Guard:
    """Snapshot of :data:`GUARDED` (and ``satisfaction``'s submodules), restorable."""

    def __init__(self, extra: tuple[str, ...] = ()):
        names = set(GUARDED) | set(extra)
        names |= {n for n in sys.modules if n.startswith("satisfaction.")}
        self.modules = {n: sys.modules[n] for n in sorted(names) if n in sys.modules}
        self.attrs = {n: dict(vars(m)) for n, m in self.modules.items()}
        self.functions: dict[types.FunctionType, tuple] = {}
        self.classes: dict[type, dict] = {}
        for attrs in self.attrs.values():
            for value in attrs.values():
                self._remember(value)
        self.locked_names: dict[str, object] = {}
        # The snapshot as parallel tuples, so that finding what changed runs at C speed. Made
        # here, in the warm process, and never rebuilt: a forked child that built (or freed) them
        # would touch, and so copy, every memory page holding one of these objects.
        self._module_attrs = {module: self.attrs[name] for name, module in self.modules.items()}
        self._namespaces = [(owner, tuple(saved), tuple(saved.values()))
                            for owner, saved in [*self._module_attrs.items(), *self.classes.items()]]
        self._base = (tuple(self.functions), *(tuple(v[i] for v in self.functions.values()) for i in range(3)))
        self._sealable = frozenset(self.functions)
        self._later: list[tuple] = []   # functions remembered after this (a locked cell's)
        self.sealed = False              # see seal()

    def seal(self) -> None:
        """In the grading child: from now on the functions snapshotted here cannot get a new body
        or new defaults at all (:func:`autograder.engine.quiesce.refuse_hooks`): restore skips them."""
        from .quiesce import refuse_hooks

        refuse_hooks(self._sealable)
        self.sealed = True

    def _remember(self, value) -> None:
        if isinstance(value, types.FunctionType):
            if value not in self.functions:
                self.functions[value] = (value.__code__, value.__defaults__, value.__kwdefaults__)
                if hasattr(self, "_later"):
                    self._later.append((value, *self.functions[value]))
        elif isinstance(value, type) and value not in self.classes and not value.__module__ == "builtins":
            self.classes[value] = dict(vars(value))
            if hasattr(self, "_namespaces"):
                self._namespaces.append((value, tuple(self.classes[value]), tuple(self.classes[value].values())))
            for member in vars(value).values():
                if isinstance(member, (staticmethod, classmethod)):
                    member = member.__func__
                if isinstance(member, types.FunctionType):
                    self._remember(member)

    def remember_locked(self, user_ns: dict, before: dict) -> None:
        """After a locked cell ran: keep the names it (re)bound, as they are now."""
        for name, value in user_ns.items():
            if not name.startswith("_") and before.get(name, _MISSING) is not value:
                self.locked_names[name] = value
                self._remember(value)

    def restore(self, user_ns: dict, keep: list | None = None) -> dict:
        """Put everything back; returns the shadowing user names it hid (see :meth:`give_back`).

        What it replaces goes to ``keep``: the notebook's objects must not be freed
        (and run their finalizers) while the test cell runs.
        """
        keep = [] if keep is None else keep
        _untrace()
        keep.extend(user_ns.values())
        for name, module in self.modules.items():
            if sys.modules.get(name) is not module:
                keep.append(sys.modules.get(name))
                sys.modules[name] = module
        for owner, names, values in self._namespaces:
            current = vars(owner)
            if len(current) != len(names) or not all(map(is_, current.values(), values)):
                self._put_back(owner, keep)
        changed = [func for func, code, defaults, kwdefaults in self._later
                   if func.__code__ is not code or func.__defaults__ is not defaults
                   or func.__kwdefaults__ is not kwdefaults]
        funcs, codes, defaults, kwdefaults = self._base
        if not self.sealed and not (all(map(is_, map(_CODE, funcs), codes))
                                    and all(map(is_, map(_DEFAULTS, funcs), defaults))
                                    and all(map(is_, map(_KWDEFAULTS, funcs), kwdefaults))):
            changed += funcs
        for func in changed:
            code, defaults, kwdefaults = self.functions[func]
            if func.__code__ is not code:
                func.__code__ = code
            if func.__defaults__ is not defaults:
                keep.append(func.__defaults__)
                func.__defaults__ = defaults
            if func.__kwdefaults__ is not kwdefaults:
                keep.append(func.__kwdefaults__)
                func.__kwdefaults__ = kwdefaults
        user_ns.update(self.locked_names)
        hidden = {name: user_ns.pop(name) for name in list(user_ns)
                  if name in self.attrs["builtins"] and not name.startswith("_")}
        user_ns["__builtins__"] = builtins
        return hidden

    def _put_back(self, owner, keep: list) -> None:
        """One module's or class's namespace as it was."""
        current = vars(owner)
        if isinstance(owner, types.ModuleType):
            for attr, value in self._module_attrs[owner].items():
                if current.get(attr, _MISSING) is not value:
                    keep.append(current.get(attr))
                    setattr(owner, attr, value)
            return
        members = self.classes[owner]
        for attr, value in members.items():
            if current.get(attr, _MISSING) is not value:
                try:
                    keep.append(current.get(attr))
                    setattr(owner, attr, value)
                except (AttributeError, TypeError):  # read-only slots such as __dict__
                    pass
        # members added since (e.g. an always-true __eq__); plain names pandas may cache stay
        added = [a for a in current if a not in members
                 and (a.startswith("__") or any(a in vars(base) for base in owner.__mro__[1:]))]
        for attr in added:
            try:
                keep.append(current[attr])
                delattr(owner, attr)
            except (AttributeError, TypeError):
                pass

    @staticmethod
    def give_back(user_ns: dict, hidden: dict) -> None:
        """After the test cell: the student's shadowing names return (tests do not keep them)."""
        user_ns.update(hidden)


def _untrace() -> None:
    """No trace or profile function (in the grading child they cannot be set at all)."""
    for unset in (sys.settrace, sys.setprofile):
        try:
            unset(None)
        except RuntimeError:  # refused by the child's audit hook: none can have been set
            pass
    threading.settrace(None)
    threading.setprofile(None)


_MISSING = object()
_CODE, _DEFAULTS, _KWDEFAULTS = attrgetter("__code__"), attrgetter("__defaults__"), attrgetter("__kwdefaults__")
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
