"""Part of a computation done on the other core, by a forked child of this process.

A forked child starts with everything this process holds (a big debate and what was built
from it) without copying or sending any of it: it computes its part and sends the answer
back, `marshal`led (plain values only: reading it runs no code), while this process
computes the rest. Used where the work splits into independent parts and Python's one
lock would keep a thread from helping: `record_texts` (a save's first dump) and
`analysis.strength` (each stakeholder's view of a claim).

Where `fork` is missing or unsafe (Windows, macOS) nothing is started, and a child that
fails, or says nothing for long after this process has done its own part, is killed: the
caller then computes the part itself.
"""

from __future__ import annotations

import contextlib
import gc
import marshal
import os
import select
import signal
import sys
import time
import warnings
from collections.abc import Callable
from typing import Any

GRACE = 2.0
"""How many times as long as this process took for its own part the child may take more
(at least `LEAST_WAIT` seconds) before it is taken to be stuck and killed."""
LEAST_WAIT = 1.0


def can_fork() -> bool:
    """True where a fork of this (perhaps threaded) process is safe to compute in (Linux and
    the BSDs)."""
    return hasattr(os, "fork") and sys.platform != "darwin" and not sys.platform.startswith("win")


class Child:
    """A forked child computing a value; `result` waits for it."""

    def __init__(self, pid: int, fd: int) -> None:
        self.pid, self.fd = pid, fd
        self.started = time.monotonic()

    def result(self) -> Any | None:
        """The child's value; None when it failed, sent something unreadable, or took
        longer than `GRACE` allows (then it is killed)."""
        spent_here = time.monotonic() - self.started
        deadline = time.monotonic() + max(LEAST_WAIT, GRACE * spent_here)
        chunks: list[bytes] = []
        ok = False
        try:
            while True:
                left = deadline - time.monotonic()
                ready, _, _ = select.select([self.fd], [], [], max(left, 0))
                if not ready:
                    break  # stuck (or far slower than expected): computed here instead
                block = os.read(self.fd, 1 << 20)
                if not block:
                    ok = True
                    break
                chunks.append(block)
        finally:
            os.close(self.fd)
            if not ok:
                with contextlib.suppress(OSError):
                    os.kill(self.pid, signal.SIGKILL)
            _, status = os.waitpid(self.pid, 0)
        if not ok or not os.WIFEXITED(status) or os.WEXITSTATUS(status) != 0:
            return None
        try:
            return marshal.loads(b"".join(chunks))
        except (ValueError, EOFError, TypeError):
            return None


def start(compute: Callable[[], Any]) -> Child | None:
    """A forked child computing COMPUTE() (a value `marshal` can write), or None where
    none can start."""
    started = fork(lambda fd: _write_all(fd, marshal.dumps(compute())))
    return Child(*started) if started is not None else None


def fork(work: Callable[[int], None]) -> tuple[int, int] | None:
    """Fork a child that runs WORK(FD), FD being the writing end of a pipe to this
    process, and exits (0 when WORK returned, 1 when it raised); (its pid, the pipe's
    reading end), or None where no child can start."""
    if not can_fork():
        return None
    read_end, write_end = os.pipe()
    try:
        with warnings.catch_warnings():
            # Python 3.12+ warns that forking a threaded process may deadlock the child:
            # this child only computes and writes to a pipe, and the caller kills one that
            # is stuck.
            warnings.simplefilter("ignore", DeprecationWarning)
            pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return None
    if pid == 0:  # the child: never returns
        os.close(read_end)
        _child(work, write_end)
    os.close(write_end)
    return pid, read_end


def _child(work: Callable[[int], None], fd: int) -> None:
    code = 1
    try:
        gc.disable()  # a collection would touch (and so copy) every page of the parent's heap
        with contextlib.suppress(OSError):
            os.nice(10)  # an app's UI comes first where there are fewer cores than busy processes
        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGWINCH, signal.SIGTSTP, signal.SIGCONT):
            signal.signal(sig, signal.SIG_DFL)  # the parent's handlers (an app's) are not the child's
        work(fd)
        code = 0
    except BaseException:  # noqa: BLE001 - the parent sees the exit code and does the work itself
        pass
    finally:
        os._exit(code)  # nothing of the parent's (buffered output, exit handlers) runs twice


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]
