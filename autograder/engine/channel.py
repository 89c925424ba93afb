"""Framed JSON messages over a pipe, between a grading worker and a notebook's process.

One message is its length (4 bytes, big-endian), then its JSON. Both sides of
:mod:`autograder.engine.executor` (the worker driving a notebook) and
:mod:`autograder.engine.runner` (the notebook's process) speak it.
"""
from __future__ import annotations

import json
import os
import select
import signal
import struct
import time

MAX_MESSAGE = 64 * 1024 * 1024    # largest reply accepted from a notebook's process
PR_SET_PDEATHSIG = 1


def send(fd: int, message: dict) -> None:
    """Write one framed message."""
    data = json.dumps(message).encode()
    view = memoryview(struct.pack(">I", len(data)) + data)
    while view:
        view = view[os.write(fd, view):]


def receive(fd: int, deadline: float | None = None) -> dict | None:
    """One framed message; None at end of file; TimeoutError past ``deadline``."""
    def read(n: int) -> bytes:
        chunks, left = [], n
        while left:
            if deadline is not None:
                wait = deadline - time.monotonic()
                if wait <= 0 or not select.select([fd], [], [], wait)[0]:
                    raise TimeoutError
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                raise EOFError
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)
    try:
        (size,) = struct.unpack(">I", read(4))
        if size > MAX_MESSAGE:
            raise ValueError(f"the notebook sent {size} bytes of output for one cell")
        return json.loads(read(size))
    except EOFError:
        return None


def until_closed(fd: int, deadline: float) -> None:
    """Wait (until ``deadline`` at most) for the other end of ``fd`` to close; what comes is dropped."""
    while (wait := deadline - time.monotonic()) > 0 and select.select([fd], [], [], wait)[0]:
        if not os.read(fd, 1 << 16):
            return


def die_with_parent() -> None:
    """This process gets SIGKILL when its parent ends (kill -9 of a grading run takes everything)."""
    import ctypes

    ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
