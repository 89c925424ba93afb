"""Memory and CPU limits of each student's server, with Linux control groups.

JupyterHub's ``LocalProcessSpawner`` only passes ``mem_limit``/``cpu_limit`` to the server as
``MEM_LIMIT``/``CPU_LIMIT`` (for display); it enforces nothing. ``SystemdSpawner`` enforces
them through systemd, which needs systemd as the machine's init (not the case in many
containers, nor on this project's test machine). :class:`LimitedSpawner` enforces them
itself: before the server starts, as root, it makes a control group per user and the
server's process joins it before dropping to the user, so the server and every kernel it
starts share the limits (memory: the kernel's OOM killer stops the group's largest process,
usually the runaway kernel; CPU: a quota of ``cpu_limit`` cores).

cgroup v2 (``/sys/fs/cgroup/cgroup.controllers``) and v1 (``/sys/fs/cgroup/memory``,
``/sys/fs/cgroup/cpu``) are both handled. Where neither can be written (no root, read-only
cgroup file system), the server starts without limits and the hub's log says so.
"""
from __future__ import annotations

import os
from pathlib import Path

from jupyterhub.spawner import LocalProcessSpawner

CGROUP_ROOT = Path("/sys/fs/cgroup")
#: The prefix of each user's control group (``satisfaction-hub-LOGIN``).
GROUP = "satisfaction-hub"
#: CPU quota period (µs) for v1's cfs_quota_us and v2's cpu.max.
PERIOD = 100_000


def _own_v1_path(controller: str) -> str:
    """This process's place in a v1 hierarchy (e.g. ``/`` or ``/docker/abc``)."""
    for line in Path("/proc/self/cgroup").read_text().splitlines():
        _, controllers, path = line.split(":", 2)
        if controller in controllers.split(","):
            return path
    return "/"


def _write(path: Path, value: str) -> None:
    path.write_text(value)


def _groups(user: str) -> list[tuple[str, Path]]:
    """(controller, folder) of ``user``'s control groups: "v2" for the one tree, else v1's memory and cpu.

    Flat, one per user beside the hub's own, never nested under a common parent: the CPU
    scheduler weighs each group like one process, so under a common parent a whole class
    would weigh as much as one process of the hub (seen: 30 servers starved for minutes).
    """
    name = f"{GROUP}-{user}"
    if (CGROUP_ROOT / "cgroup.controllers").exists():  # v2: at the top of the one tree
        return [("v2", CGROUP_ROOT / name)]
    return [(c, CGROUP_ROOT / c / _own_v1_path(c).lstrip("/") / name) for c in ("memory", "cpu")]


def user_groups(user: str, mem_limit: int | None, cpu_limit: float | None) -> list[Path]:
    """Create ``user``'s control group(s) with the limits; returns the cgroup.procs files to join."""
    procs: list[Path] = []
    for controller, group in _groups(user):
        if controller == "v2":
            _write(CGROUP_ROOT / "cgroup.subtree_control", "+memory +cpu")
        elif not (mem_limit if controller == "memory" else cpu_limit):
            continue
        group.mkdir(exist_ok=True)
        if mem_limit and controller in ("v2", "memory"):
            _write(group / ("memory.max" if controller == "v2" else "memory.limit_in_bytes"), str(int(mem_limit)))
        if cpu_limit and controller == "v2":
            _write(group / "cpu.max", f"{int(cpu_limit * PERIOD)} {PERIOD}")
        if cpu_limit and controller == "cpu":
            _write(group / "cpu.cfs_period_us", str(PERIOD))
            _write(group / "cpu.cfs_quota_us", str(int(cpu_limit * PERIOD)))
        procs.append(group / "cgroup.procs")
    return procs


def remove_groups(user: str) -> None:
    """Remove ``user``'s (empty) control groups."""
    for _controller, group in _groups(user):
        if group.is_dir():
            group.rmdir()


class LimitedSpawner(LocalProcessSpawner):
    """LocalProcessSpawner whose servers run inside a per-user control group with the limits,
    and with umask 077, so nothing a server writes is readable by other accounts."""

    def make_preexec_fn(self, name):
        drop = super().make_preexec_fn(name)
        try:
            procs = user_groups(name, self.mem_limit, self.cpu_limit) if (self.mem_limit or self.cpu_limit) else []
        except OSError as error:
            self.log.warning("No memory/CPU limits for %s: cannot write control groups (%s)", name, error)
            procs = []

        def preexec():
            for path in procs:  # still root here: join the user's groups, then become the user
                with open(path, "w") as f:
                    f.write(str(os.getpid()))
            os.umask(0o077)
            drop()

        return preexec
