"""autograder.engine.sandbox: what a sandboxed child can and cannot reach, in both modes."""
from __future__ import annotations

import json
import os
import socket

import pytest

from autograder.engine import sandbox
from autograder.engine.sandbox import Limits


def inside(mode: str, hidden, probe) -> dict:
    """Run ``probe()`` in a forked child after ``sandbox.enter``; returns what it reported."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        os.close(read)
        try:
            os.chdir(hidden[1])
            sandbox.enter(mode, [hidden[0]], Limits(memory_mb=256, processes=16))
            result = probe()
        except BaseException as exc:  # noqa: BLE001
            result = {"error": f"{type(exc).__name__}: {exc}"}
        os.write(write, json.dumps(result).encode())
        os._exit(0)
    os.close(write)
    data = b"".join(iter(lambda: os.read(read, 65536), b""))
    os.waitpid(pid, 0)
    return json.loads(data)


def probe(secret: str) -> dict:
    import resource

    found = {"pid": os.getpid(), "uid": os.getuid(), "cwd_files": sorted(os.listdir("."))}
    try:
        found["secret"] = open(secret).read()
    except OSError as exc:
        found["secret"] = type(exc).__name__
    try:
        socket.create_connection(("127.0.0.1", 9), timeout=1)
        found["network"] = "connected"
    except OSError as exc:
        found["network"] = type(exc).__name__
    found["nproc"] = resource.getrlimit(resource.RLIMIT_NPROC)[0]
    found["processes"] = sorted(int(p) for p in os.listdir("/proc") if p.isdigit())
    return found


@pytest.mark.parametrize("mode", ["root", "userns"])
def test_child_sees_only_its_working_copy(tmp_path, mode):
    if mode == "root" and os.geteuid() != 0:
        pytest.skip("the root mode needs root")
    course, work = tmp_path / "course", tmp_path / "work"
    course.mkdir()
    work.mkdir(mode=0o777)
    (course / "gradebook.db").write_text("scores")
    (work / "data.csv").write_text("a,b\n")
    os.chmod(work / "data.csv", 0o644)
    assert sandbox.check_available(mode) is None
    seen = inside(mode, [course, work], lambda: probe(str(course / "gradebook.db")))
    assert "error" not in seen, seen
    assert seen["secret"] in ("FileNotFoundError", "PermissionError")
    assert seen["cwd_files"] == ["data.csv"]
    assert seen["network"] != "connected"
    assert seen["pid"] == 1 and seen["processes"] == [1]  # its own PID namespace
    assert seen["nproc"] == 16
    if mode == "root":
        assert seen["uid"] == 65534


@pytest.mark.parametrize("mode", ["auto", "userns"])
def test_checking_leaves_the_callers_folder_alone(tmp_path, monkeypatch, mode):
    monkeypatch.chdir(tmp_path)
    pids = []
    for _ in range(2):  # side by side, as two graders would
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child
            os._exit(0 if sandbox.check_available(mode) is None else 1)
        pids.append(pid)
    assert [os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) for pid in pids] == [0, 0]
    assert list(tmp_path.iterdir()) == []


def test_unknown_mode_is_refused():
    with pytest.raises(ValueError, match="sandbox must be"):
        sandbox.resolve_mode("chroot")


def test_userns_mode_hides_the_home_but_keeps_python_paths(tmp_path, monkeypatch):
    home, work = tmp_path / "home", tmp_path / "work"
    (home / "lib").mkdir(parents=True)
    (home / ".ssh").mkdir()
    (home / ".ssh" / "id_rsa").write_text("private key")
    (home / "lib" / "helper_module.py").write_text("VALUE = 42\n")
    work.mkdir(mode=0o777)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.syspath_prepend(str(home / "lib"))

    def probe_home() -> dict:
        import importlib

        found = probe(str(home / ".ssh" / "id_rsa"))
        found["module"] = importlib.import_module("helper_module").VALUE
        found["home"] = sorted(os.listdir(home))
        return found

    seen = inside("userns", [tmp_path / "nothing", work], probe_home)
    assert "error" not in seen, seen
    assert seen["secret"] == "FileNotFoundError" and seen["home"] == ["lib"]
    assert seen["module"] == 42


def test_children_forked_straight_into_a_pid_namespace_each_are_isolated_the_same(tmp_path):
    if os.geteuid() != 0:
        pytest.skip("forking into a PID namespace needs root")
    course, work = tmp_path / "course", tmp_path / "work"
    course.mkdir()
    work.mkdir(mode=0o777)
    (course / "gradebook.db").write_text("scores")
    namespaces = sandbox.PidNamespaces()
    seen = []
    for _ in range(2):  # one after the other, each in a namespace of its own
        read, write = os.pipe()
        pid = namespaces.fork()
        if pid == 0:  # pragma: no cover - the child
            os.close(read)
            try:
                os.chdir(work)
                before = os.getpid()
                sandbox.enter("root", [course], Limits(memory_mb=256, processes=16))
                result = {**probe(str(course / "gradebook.db")), "before": before}
            except BaseException as exc:  # noqa: BLE001
                result = {"error": f"{type(exc).__name__}: {exc}"}
            os.write(write, json.dumps(result).encode())
            os._exit(0)
        os.close(write)
        seen.append(json.loads(b"".join(iter(lambda: os.read(read, 65536), b""))))
        os.waitpid(pid, 0)
    for found in seen:
        assert "error" not in found, found
        assert found["before"] == found["pid"] == 1 and found["processes"] == [1]  # no second fork
        assert found["uid"] == 65534 and found["secret"] in ("FileNotFoundError", "PermissionError")
    pid = os.fork()  # this process's own children are back in its namespace
    if pid == 0:  # pragma: no cover
        os._exit(0 if os.getpid() != 1 else 1)
    assert os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) == 0
