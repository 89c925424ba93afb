"""JupyterLab set up for the course; `make lab` uses it, and a class server can use it as it is.

Point Jupyter at this folder (``JUPYTER_CONFIG_PATH=<course>/jupyter``, as `make lab` does, or
copy this file into a server's config folder) and set ``COURSE_EDITION`` to ``zh-CN`` (the
default) or ``en``. Then:

- JupyterLab's default settings come from ``lab/<edition>/overrides.json``: no "Jupyter news"
  question or update check, the kernel shut down when its notebook is closed, and the interface
  in Chinese (the jupyterlab-language-pack-zh-CN package) for the zh-CN edition or in English.
  A user's own choice (Settings → Language) is kept and wins over these defaults.
- Notebooks are served with the kernel's ``language_info`` (``autograder.lab``), so opening an
  unrun lesson does not mark it modified.
- Kernels left idle for an hour are shut down, even while their notebook is open: on a class
  server a few hundred forgotten kernels would otherwise hold the memory.
"""
import os
from pathlib import Path

c = get_config()  # noqa: F821 - provided by traitlets when it loads this file

HERE = Path(__file__).resolve().parent
EDITIONS = sorted(p.name for p in (HERE / "lab").iterdir() if (p / "overrides.json").is_file())
EDITION = os.environ.get("COURSE_EDITION", "zh-CN")
if EDITION not in EDITIONS:
    raise ValueError(f"COURSE_EDITION must be one of {EDITIONS}; got {EDITION!r}")

c.LabApp.app_settings_dir = str(HERE / "lab" / EDITION)
c.ServerApp.contents_manager_class = "autograder.lab.CourseContentsManager"

c.MappingKernelManager.cull_idle_timeout = 3600  # seconds idle before a kernel is shut down
c.MappingKernelManager.cull_interval = 300       # how often to look for idle kernels
c.MappingKernelManager.cull_connected = True     # also kernels whose notebook is still open
