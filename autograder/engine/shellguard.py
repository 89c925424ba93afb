"""The notebook's IPython shell, put back as it was made before every test cell.

Student code can reach its shell through ``get_ipython()`` and change how the
next cells run: register a ``post_run_cell`` callback that clears the error of
a failed cell, add an AST transformer that deletes ``assert`` statements or an
input transformer that rewrites the test source, swap the compiler, the
traceback printers or the display hooks, or set its own methods on the shell
object. :class:`ShellState` remembers all of that when the warm shell is made
and restores it; :mod:`autograder.engine.guard` does the same for the modules.
"""
from __future__ import annotations

import types

#: Shell attributes that decide how a cell is compiled, run and reported.
ATTRIBUTES = ("compile", "custom_exceptions", "CustomTB", "InteractiveTB", "SyntaxTB", "display_pub",
              "displayhook", "display_trap", "input_transformer_manager", "events", "recorder")
#: Transformer lists of the shell and of its input transformer manager.
SHELL_LISTS = ("ast_transformers", "input_transformers_post")  # _cleanup is the manager's list
MANAGER_LISTS = ("cleanup_transforms", "line_transforms", "token_transformers")


class ShellState:
    """What :data:`ATTRIBUTES` and the transformer and callback lists were."""

    def __init__(self, shell):
        self.attributes = {name: getattr(shell, name) for name in ATTRIBUTES}
        self.lists = {name: list(getattr(shell, name)) for name in SHELL_LISTS}
        manager = shell.input_transformer_manager
        self.manager_lists = {name: list(getattr(manager, name)) for name in MANAGER_LISTS}
        self.callbacks = {event: list(funcs) for event, funcs in shell.events.callbacks.items()}

    def restore(self, shell) -> None:
        for name in [n for n in vars(shell) if isinstance(getattr(type(shell), n, None), types.FunctionType)]:
            delattr(shell, name)  # methods the notebook set on the shell object itself
        for name, value in self.attributes.items():
            if getattr(shell, name) is not value:
                setattr(shell, name, value)
        for name, value in self.lists.items():
            setattr(shell, name, list(value))
        manager = self.attributes["input_transformer_manager"]
        for name, value in self.manager_lists.items():
            setattr(manager, name, list(value))
        events = self.attributes["events"]
        events.callbacks.clear()
        events.callbacks.update({event: list(funcs) for event, funcs in self.callbacks.items()})
