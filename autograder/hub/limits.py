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
#: The name of the hub's group of groups, one per user below it.
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


def user_groups(user: str, mem_limit: int | None, cpu_limit: float | None) -> list[Path]:
    """Create ``user``'s control group(s) with the limits; returns the cgroup.procs files to join."""
    procs: list[Path] = []
    if (CGROUP_ROOT / "cgroup.controllers").exists():  # v2: one tree
        parent = CGROUP_ROOT / GROUP
        parent.mkdir(exist_ok=True)
        _write(parent / "cgroup.subtree_control", "+memory +cpu")
        group = parent / user
        group.mkdir(exist_ok=True)
        if mem_limit:
            _write(group / "memory.max", str(int(mem_limit)))
        if cpu_limit:
            _write(group / "cpu.max", f"{int(cpu_limit * PERIOD)} {PERIOD}")
        return [group / "cgroup.procs"]
    for controller, limit in (("memory", mem_limit), ("cpu", cpu_limit)):
        if not limit:
            continue
        base = CGROUP_ROOT / controller / _own_v1_path(controller).lstrip("/")
        group = base / GROUP / user
        group.mkdir(parents=True, exist_ok=True)
        if controller == "memory":
            _write(group / "memory.limit_in_bytes", str(int(limit)))
        else:
            _write(group / "cpu.cfs_period_us", str(PERIOD))
            _write(group / "cpu.cfs_quota_us", str(int(limit * PERIOD)))
        procs.append(group / "cgroup.procs")
    return procs


def remove_groups(user: str) -> None:
    """Remove ``user``'s (empty) control groups."""
    candidates = [CGROUP_ROOT / GROUP / user] + [
        CGROUP_ROOT / c / _own_v1_path(c).lstrip("/") / GROUP / user for c in ("memory", "cpu")]
    for group in candidates:
        if group.is_dir():
            group.rmdir()


def group_of(pid: int, controller: str = "memory") -> str:
    """The control group ``pid`` is in (for a controller in v1; the one tree in v2)."""
    for line in Path(f"/proc/{pid}/cgroup").read_text().splitlines():
        _, controllers, path = line.split(":", 2)
        if controller in controllers.split(",") or controllers == "" and \
                (CGROUP_ROOT / "cgroup.controllers").exists():
            return path
    return "/"


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
