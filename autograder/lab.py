"""The course's JupyterLab server: a contents manager that keeps unrun notebooks unmodified.

JupyterLab writes the kernel's ``language_info`` (Python's version and more) into a
notebook's metadata when the kernel starts. The course's notebooks are committed
without it (it differs from machine to machine), so every notebook was marked
modified the moment it opened, and closing an unrun lesson asked to save it.
Serving notebooks with the ``language_info`` this server's Python kernel will report
makes JupyterLab's update a no-op. ``jupyter/jupyter_server_config.py`` selects it.
"""
from __future__ import annotations

import sys

from jupyter_server.services.contents.largefilemanager import AsyncLargeFileManager


def language_info() -> dict:
    """What ipykernel reports for a Python kernel run by this interpreter."""
    return {"name": "python", "version": sys.version.split()[0], "mimetype": "text/x-python",
            "codemirror_mode": {"name": "ipython", "version": sys.version_info[0]},
            "pygments_lexer": "ipython3", "nbconvert_exporter": "python", "file_extension": ".py"}


def with_language_info(model: dict) -> dict:
    """A contents model whose Python notebook carries :func:`language_info` (others unchanged)."""
    nb = model.get("content") if model.get("type") == "notebook" else None
    if nb is not None and nb.get("metadata", {}).get("kernelspec", {}).get("language", "python") == "python":
        nb.metadata["language_info"] = language_info()
    return model


class CourseContentsManager(AsyncLargeFileManager):
    """jupyter_server's default contents manager, serving notebooks with :func:`language_info`."""

    async def get(self, path, content=True, type=None, format=None, **kwargs):
        return with_language_info(await super().get(path, content=content, type=type, format=format, **kwargs))
