"""Shut a forked grading child away from everything but its own working copy.

Called in the child process right after ``fork``, before any student code runs.
What the student's process can still reach afterwards: its working copy (as its
current directory), the Python installation, and nothing of the course.

* Linux namespaces: a new mount namespace in which the course folder (gradebook,
  ``source/``, other students' submissions), the workspace holding other
  students' working copies and the given extra paths are covered by empty
  read-only tmpfs mounts; a new network namespace (no network, loopback down);
  a new PID namespace with its own ``/proc`` (the grader's processes are
  invisible and cannot be signalled).
* Privileges: as root the child drops to an unprivileged uid/gid (``sandbox_uid``),
  so it can neither undo the mounts nor touch files it does not own. As an
  ordinary user it enters a user namespace instead and then a second, nested
  one, which locks the mounts in place.
* Resource limits (``setrlimit``): CPU seconds, address space, file size,
  process count; no core dumps.

``mode`` is ``"root"``, ``"userns"``, or ``"off"`` (no isolation: for trusted
notebooks only, e.g. a teacher checking the instructor version). ``"auto"``
picks ``"root"`` when running as root, else ``"userns"``;
:func:`check_available` tells ahead of grading whether the mode works here.
"""
from __future__ import annotations

import ctypes
import os
import resource
import secrets
import shutil
import tempfile
import sys
from dataclasses import dataclass
from pathlib import Path

CLONE_NEWNS, CLONE_NEWUSER, CLONE_NEWPID, CLONE_NEWNET = 0x00020000, 0x10000000, 0x20000000, 0x40000000
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC, MS_BIND, MS_REC, MS_PRIVATE = 1, 2, 4, 8, 4096, 16384, 1 << 18
_libc = ctypes.CDLL(None, use_errno=True)


class SandboxError(RuntimeError):
    """The sandbox could not be set up (the child then runs nothing)."""


@dataclass(frozen=True)
class Limits:
    """Per-submission limits; ``course.toml`` ``[grading]`` sets them (see autograder.course.DEFAULTS)."""

    cell_timeout: float = 60.0     # seconds of wall time one cell may run
    cpu_seconds: int = 300         # CPU seconds for the whole notebook
    memory_mb: int = 2048          # address space the notebook may add to the warm process
    output_kb: int = 1024          # text output kept per cell (the rest is cut)
    file_mb: int = 50              # largest file the notebook may write
    processes: int = 64            # processes/threads the sandbox uid may own


def resolve_mode(mode: str) -> str:
    if mode == "auto":
        return "root" if os.geteuid() == 0 else "userns"
    if mode not in ("root", "userns", "off"):
        raise ValueError(f"sandbox must be 'auto', 'root', 'userns' or 'off'; got {mode!r}")
    return mode


def _check(result: int, what: str) -> None:
    if result != 0:
        err = ctypes.get_errno()
        raise SandboxError(f"{what} failed: {os.strerror(err)}")


def _unshare(flags: int, what: str) -> None:
    _check(_libc.unshare(flags), f"unshare({what})")


def _mount(source: str, target: str, fstype: str | None, flags: int, data: str | None = None) -> None:
    _check(_libc.mount(source.encode(), target.encode(), fstype.encode() if fstype else None, flags,
                       data.encode() if data else None), f"mount {fstype or source} on {target}")


def _write(path: str, text: str) -> None:
    with open(path, "w") as f:
        f.write(text)


def _map_user(uid: int, gid: int, inner: int = 0) -> None:
    """In a fresh user namespace: map ``inner`` to our outer uid/gid."""
    _write("/proc/self/setgroups", "deny")
    _write("/proc/self/uid_map", f"{inner} {uid} 1")
    _write("/proc/self/gid_map", f"{inner} {gid} 1")


def enter(mode: str, hidden: list[Path], limits: Limits, sandbox_uid: int = 65534) -> None:
    """Isolate the calling (freshly forked, single-threaded) process; raises SandboxError.

    The current directory must already be the working copy. A process that is not
    yet the init of a PID namespace of its own (see :class:`PidNamespaces`) forks
    once more, into a new one: it waits for that child and exits with its status,
    so only the inner process returns from here.
    """
    mode = resolve_mode(mode)
    if mode != "off":
        uid, gid = os.geteuid(), os.getegid()
        own = mode == "root" and os.getpid() == 1  # forked straight into a new PID namespace
        flags = CLONE_NEWNS | CLONE_NEWNET | (0 if own else CLONE_NEWPID)
        if mode == "userns":
            _unshare(CLONE_NEWUSER | flags, "user, mount, network, pid")
            _map_user(uid, gid)
        else:
            _unshare(flags, "mount, network, pid")
        if not own:
            pid = os.fork()  # the first child in the new PID namespace is its init
            if pid:
                _, status = os.waitpid(pid, 0)
                os._exit(os.waitstatus_to_exitcode(status) & 0xFF)
        _mount("none", "/", None, MS_REC | MS_PRIVATE)
        _mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC)
        keep = _python_paths()
        if mode == "root":  # folders the sandbox uid could not enter anyway (Python under /root)
            covers = {next(a for a in reversed(p.parents) if not a.stat().st_mode & 0o001) for p in keep
                      if any(not a.stat().st_mode & 0o001 for a in p.parents)}
        else:  # the grading user's home: keys, mail, other courses
            covers = {Path.home()} if Path.home().is_dir() and Path.home() not in keep else set()
        for blocked in covers:
            _cover(blocked, [p for p in keep if blocked in p.parents])
        for path in hidden:
            if Path(path).is_dir():
                _mount("tmpfs", str(path), "tmpfs", MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, "size=4k,mode=000")
            elif Path(path).exists():
                _mount("/dev/null", str(path), None, MS_BIND)  # bind: the file reads as empty
        if mode == "userns":  # a nested user+mount namespace locks the mounts above
            _unshare(CLONE_NEWUSER | CLONE_NEWNS, "nested user, mount")
            _map_user(0, 0, inner=1000)
        else:
            os.setgroups([])
            os.setgid(sandbox_uid)
            os.setuid(sandbox_uid)
    _set_limits(limits)


class PidNamespaces:
    """Fork children straight into a PID namespace each (``root`` mode): one fork per child, not two.

    Before each fork the forking process asks for a new PID namespace for its next child
    (``unshare``), and after it takes its own back (``setns``), so the next child gets a new one
    again. Where that is not allowed (not root) :meth:`fork` is a plain fork, and
    :func:`enter` forks once more into a namespace of the child's own.
    """

    def __init__(self):
        self.own = None
        if os.geteuid() == 0:
            try:
                self.own = os.open("/proc/self/ns/pid", os.O_RDONLY | os.O_CLOEXEC)
            except OSError:
                pass

    def fork(self) -> int:
        fresh = self.own is not None and _libc.unshare(CLONE_NEWPID) == 0
        pid = os.fork()
        if pid and fresh and _libc.setns(self.own, CLONE_NEWPID) != 0:
            self.own = None  # cannot take it back: plain forks from now on
        return pid


def _python_paths() -> list[Path]:
    """The Python installation and every folder on sys.path: what the notebook must still read."""
    paths = {Path(p).resolve() for p in (sys.base_prefix, sys.prefix, *sys.path) if p and Path(p).is_dir()}
    return sorted(p for p in paths if not any(q in p.parents for q in paths))


def _cover(blocked: Path, keep: list[Path]) -> None:
    """Cover ``blocked`` with an empty tmpfs in which only the ``keep`` folders reappear."""
    stages, tag = [], secrets.token_hex(4)
    for n, path in enumerate(keep):  # relative: the folder above the working copy is hidden by now
        stage = Path(f".sandbox-stage-{tag}-{n}")
        stage.mkdir()
        _mount(str(path), str(stage), None, MS_BIND | MS_REC)
        stages.append(stage)
    _mount("tmpfs", str(blocked), "tmpfs", MS_NOSUID | MS_NODEV, "size=64k,mode=755")
    for stage, path in zip(stages, keep):
        path.mkdir(parents=True, exist_ok=True)
        _mount(str(stage), str(path), None, MS_BIND | MS_REC)
        _check(_libc.umount2(str(stage).encode(), 2), f"umount {stage}")  # MNT_DETACH
        stage.rmdir()


def _set_limits(limits: Limits) -> None:
    vm_kb = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmSize:"))
    memory = vm_kb * 1024 + limits.memory_mb * 1024 * 1024
    for which, value in ((resource.RLIMIT_CPU, limits.cpu_seconds), (resource.RLIMIT_AS, memory),
                         (resource.RLIMIT_FSIZE, limits.file_mb * 1024 * 1024),
                         (resource.RLIMIT_NPROC, limits.processes), (resource.RLIMIT_CORE, 0)):
        soft, hard = resource.getrlimit(which)
        if hard != resource.RLIM_INFINITY:
            value = min(value, hard)
        resource.setrlimit(which, (value, value))


def check_available(mode: str) -> str | None:
    """None when ``mode`` works on this machine, else why not (tried in a throwaway child)."""
    mode = resolve_mode(mode)
    if mode == "off":
        return None
    read, write = os.pipe()
    scratch = tempfile.mkdtemp(prefix="sandbox-check-")  # the child's working copy, never the caller's folder
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child
        os.close(read)
        try:
            os.chdir(scratch)
            enter(mode, [], Limits())
            os.write(write, b"ok")
        except BaseException as exc:  # noqa: BLE001 - report anything
            os.write(write, str(exc).encode()[:500])
        os._exit(0)
    os.close(write)
    message = os.read(read, 1000).decode()
    os.close(read)
    os.waitpid(pid, 0)
    shutil.rmtree(scratch, ignore_errors=True)
    if message == "ok":
        return None
    return (f"the {mode!r} sandbox does not work here ({message}). Grade as root, or enable "
            "unprivileged user namespaces (sysctl kernel.unprivileged_userns_clone=1), or set "
            "sandbox = \"off\" under [grading] in course.toml for trusted notebooks only")
