"""Each student's server runs in a control group with the memory and CPU limits (as root)."""
from __future__ import annotations

import os
import secrets
import subprocess
import sys

import pytest

from autograder.hub import limits

pytestmark = pytest.mark.skipif(os.geteuid() != 0 or sys.platform != "linux", reason="control groups need root")


def join(procs):
    def preexec():
        for path in procs:
            with open(path, "w") as f:
                f.write(str(os.getpid()))
    return preexec


def test_a_process_over_its_memory_limit_is_stopped_and_one_within_runs():
    user = f"pytest{secrets.token_hex(3)}"
    try:
        procs = limits.user_groups(user, 200 * 2**20, 0.5)
        assert procs, "no control group could be made"
        grab = "import sys; b = bytearray(int(sys.argv[1]) * 2**20); b[::4096] = b'x' * len(b[::4096]); print('held')"
        small = subprocess.run([sys.executable, "-c", grab, "50"], preexec_fn=join(procs),
                               capture_output=True, text=True, timeout=120)
        assert small.returncode == 0 and small.stdout.strip() == "held"
        big = subprocess.run([sys.executable, "-c", grab, "400"], preexec_fn=join(procs),
                             capture_output=True, text=True, timeout=120)
        assert big.returncode == -9  # the kernel's OOM killer, inside the group only
        inside = subprocess.run(["cat", "/proc/self/cgroup"], preexec_fn=join(procs), capture_output=True,
                                text=True, timeout=60)
        assert f"/{limits.GROUP}-{user}" in inside.stdout
        quota = [p.parent for p in procs if p.parent.joinpath("cpu.cfs_quota_us").exists()]
        for group in quota:
            assert group.joinpath("cpu.cfs_quota_us").read_text().strip() == str(limits.PERIOD // 2)
        for group in (p.parent for p in procs if p.parent.joinpath("cpu.max").exists()):
            assert group.joinpath("cpu.max").read_text().split()[0] == str(limits.PERIOD // 2)
    finally:
        limits.remove_groups(user)
