"""The notebook's IPython shell, put back as it was made before every test cell.

Student code can reach its shell through ``get_ipython()`` and change how the
next cells run: register a ``post_run_cell`` callback that clears the error of
a failed cell, add an AST transformer that deletes ``assert`` statements or an
input transformer that rewrites the test source, swap the compiler, the
traceback printers or the display hooks, set its own methods on the shell
object, or turn off the display of a cell's last expression.

It can also change how a number is displayed, which decides a partial score
(nbgrader reads the score from the test cell's displayed ``text/plain``): a
``text/plain`` printer registered for ``float`` or ``int``, ``%precision``, a
disabled or replaced formatter, a patched ``PlainTextFormatter`` or display
hook, a history that makes every cell look as if it ended in ``;``.

:class:`ShellState` remembers all of that when the warm shell is made and
restores it: the shell's attributes and settings, its transformer and callback
lists, and every display object (the formatters with their printers, flags and
settings, the display hook, publisher and trap, the history) down to each one's
class and instance attributes. The classes themselves (``PlainTextFormatter``,
``DisplayHook``, …) are put back by :mod:`autograder.engine.guard`.
"""
from __future__ import annotations

import sys
import types
from operator import is_

from .changes import watch_dict

#: Shell attributes that decide how a cell is compiled, run and reported.
ATTRIBUTES = ("compile", "custom_exceptions", "CustomTB", "InteractiveTB", "SyntaxTB", "display_pub",
              "displayhook", "display_trap", "input_transformer_manager", "events", "recorder",
              "_user_ns", "user_module", "hooks")
#: Transformer lists of the input transformer manager.
MANAGER_LISTS = ("cleanup_transforms", "line_transforms", "token_transformers")
#: The shell's running data (not how it runs a cell): the user's namespace, counters, caches.
SHELL_DATA = ("execution_count", "last_execution_result", "last_execution_succeeded", "_user_ns",
              "user_ns_hidden", "_main_mod_cache", "tempfiles", "tempdirs", "dir_stack", "showing_traceback")
#: The interpreter's hooks the shell relies on.
SYS_HOOKS = ("displayhook", "excepthook", "unraisablehook", "breakpointhook")
_CONTAINERS = (dict, list, set)


class ObjectState:
    """One object's class and instance attributes (traitlets' trait values included) as they were.

    ``deep``: also the contents of the dicts, lists and sets among them (a
    formatter's printers); ``"traits"``: only among its trait values. ``data``:
    names that are the object's running data (the last outputs ``_``, ``__``),
    left as they are.
    """

    def __init__(self, obj, deep: bool | str = False, data: tuple[str, ...] = ()):
        if hasattr(obj, "trait_names"):
            for name in obj.trait_names():  # make every lazy default exist now, so it is remembered
                getattr(obj, name, None)
        self.obj, self.cls, self.data = obj, type(obj), set(data)
        self.dict = vars(obj)
        self.attrs = dict(self.dict)
        self.traits = self.attrs.get("_trait_values")
        self.trait_attrs = dict(self.traits) if isinstance(self.traits, dict) else {}
        self.watches = (watch_dict(self.dict), watch_dict(self.traits))
        values = [*(self.attrs.values() if deep is True else ()), *(self.trait_attrs.values() if deep else ())]
        self.contents = [(v, v.copy(), watch_dict(v)) for v in values if type(v) in _CONTAINERS]

    def restore(self, keep: list) -> None:
        """Put it back; whatever is replaced goes to ``keep`` (it must not be freed during a test)."""
        obj = self.obj
        if type(obj) is not self.cls:
            keep.append(type(obj))
            obj.__class__ = self.cls
        if vars(obj) is not self.dict:
            keep.append(vars(obj))
            obj.__dict__ = self.dict
        for found, saved, seen in ((self.dict, self.attrs, self.watches[0]),
                                   (self.traits, self.trait_attrs, self.watches[1])):
            if found is not None and (seen is None or seen.changed()):
                _restore_dict(found, saved, self.data, keep)
                if seen is not None:
                    seen.settle()
        for container, saved, seen in self.contents:
            if seen is not None and not seen.changed():
                continue
            keep.append(container.copy())
            container.clear()
            if isinstance(container, list):
                container.extend(saved)
            else:
                container.update(saved)
            if seen is not None:
                seen.settle()


def _restore_dict(current: dict, saved: dict, data: set, keep: list) -> None:
    if len(current) == len(saved) and all(map(is_, current.values(), saved.values())):
        return  # unchanged (the usual case), found at C speed
    for name in [n for n in current if n not in saved and n not in data]:
        keep.append(current.pop(name))
    for name, value in saved.items():
        if name not in data and current.get(name, _MISSING) is not value:
            keep.append(current.get(name))
            current[name] = value


_MISSING = object()


def display_objects(shell) -> list[ObjectState]:
    """The objects between a cell's last value and the ``text/plain`` nbgrader reads, remembered."""
    formatter = shell.display_formatter
    found = [ObjectState(formatter, deep=True)]
    found += [ObjectState(f, deep=True) for f in formatter.formatters.values()]
    found += [ObjectState(getattr(formatter, name), deep=True)
              for name in ("ipython_display_formatter", "mimebundle_formatter")]
    found += [ObjectState(shell.displayhook, data=("_", "__", "___")), ObjectState(shell.display_pub),
              ObjectState(shell.display_trap), ObjectState(shell.recorder),
              ObjectState(shell.history_manager, data=("_i", "_ii", "_iii", "_i00")),
              ObjectState(shell.input_transformer_manager, deep=True)]
    return found


class ShellState:
    """What the shell and its display objects were (see the module docstring)."""

    def __init__(self, shell):
        self.attributes = {name: getattr(shell, name) for name in ATTRIBUTES}
        self.shell = ObjectState(shell, deep="traits", data=SHELL_DATA)
        self.objects = display_objects(shell)
        self.callbacks = {event: list(funcs) for event, funcs in shell.events.callbacks.items()}
        self.sys_hooks = {name: getattr(sys, name) for name in SYS_HOOKS}

    def restore(self, shell, keep: list) -> None:
        """Put the shell back; replaced values go to ``keep`` (see :meth:`ObjectState.restore`)."""
        for name in [n for n in vars(shell) if isinstance(getattr(type(shell), n, None), types.FunctionType)]:
            keep.append(vars(shell)[name])
            delattr(shell, name)  # methods the notebook set on the shell object itself
        for name, value in self.attributes.items():
            if getattr(shell, name) is not value:
                keep.append(getattr(shell, name))
                setattr(shell, name, value)
        self.shell.restore(keep)
        for state in self.objects:
            state.restore(keep)
        events = self.attributes["events"]
        keep.append(dict(events.callbacks))
        events.callbacks.clear()
        events.callbacks.update({event: list(funcs) for event, funcs in self.callbacks.items()})
        for name, value in self.sys_hooks.items():
            if getattr(sys, name) is not value:
                keep.append(getattr(sys, name))
                setattr(sys, name, value)
