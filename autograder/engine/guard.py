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

import builtins
import sys
import threading
import types
from operator import attrgetter, is_

from .changes import watch


#: Modules whose attributes, functions and classes tests may use.
GUARDED = ("builtins", "math", "operator", "numbers", "collections", "numpy", "numpy.testing",
           "pandas", "pandas.testing", "pandas.api.types", "satisfaction")
#: Modules a test cell's run passes through, from the shell to the reply to the grader: the
#: shell and its display (formatters, pretty printer, display hook and trap, history),
#: traitlets under them, the AST transformer of :class:`~.plain.PlainValues`, the engine itself.
ON_THE_WAY = ("IPython.core.interactiveshell", "IPython.core.displayhook", "IPython.core.displaypub",
              "IPython.core.display_trap", "IPython.core.formatters", "IPython.lib.pretty",
              "IPython.core.history", "IPython.core.events", "IPython.core.compilerop",
              "IPython.core.inputtransformer2", "IPython.core.async_helpers", "IPython.core.builtin_trap",
              "traitlets.traitlets", "traitlets.config.configurable", "ast", "codeop", "tokenize",
              "json", "json.encoder", "struct", "os", "signal", "gc", "linecache",
              "autograder.engine.cellrun", "autograder.engine.capture", "autograder.engine.guard",
              "autograder.engine.shellguard", "autograder.engine.quiesce", "autograder.engine.executor",
              "autograder.engine.plain", "autograder.engine.changes", "autograder.engine.runner",
              "autograder.engine.channel", "autograder.engine.figures")


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
        self._namespaces = [(owner, tuple(saved), tuple(saved.values()), watch(owner))
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
                saved = self.classes[value]
                self._namespaces.append((value, tuple(saved), tuple(saved.values()), watch(value)))
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
        for owner, names, values, seen in self._namespaces:
            if seen is not None and not seen.changed():
                continue  # not touched since it last agreed with the snapshot
            current = vars(owner)
            if len(current) != len(names) or not all(map(is_, current.values(), values)):
                self._put_back(owner, keep)
            if seen is not None:
                seen.settle()
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
