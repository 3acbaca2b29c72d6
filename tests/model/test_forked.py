"""Part of a computation done by a forked child (`arguments.forked`): its answer, or None
(and nothing left running) whatever goes wrong with it."""

from __future__ import annotations

import os
import time

import pytest

from arguments import forked

pytestmark = pytest.mark.skipif(not forked.can_fork(), reason="no fork here")


def _gone(pid: int) -> bool:
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return True  # reaped
    return False


def test_the_child_computes_from_what_this_process_holds() -> None:
    held = {f"c{i}": i / 7 for i in range(50_000)}  # never sent: the child has it already
    child = forked.start(lambda: [held[f"c{i}"] for i in range(0, 50_000, 1000)])
    assert child is not None
    assert child.result() == [i / 7 for i in range(0, 50_000, 1000)]  # the same floats
    assert _gone(child.pid)


@pytest.mark.parametrize(
    "compute",
    [
        lambda: 1 / 0,  # it raises
        lambda: object(),  # nothing marshal can send
        lambda: os._exit(0),  # it ends without a word
    ],
)
def test_a_child_that_fails_answers_none(compute) -> None:
    child = forked.start(compute)
    assert child is not None
    assert child.result() is None
    assert _gone(child.pid)


def test_a_stuck_child_is_killed_once_it_is_far_slower_than_this_process(monkeypatch) -> None:
    monkeypatch.setattr(forked, "LEAST_WAIT", 0.2)
    child = forked.start(lambda: time.sleep(3600))
    assert child is not None
    started = time.monotonic()
    assert child.result() is None
    assert time.monotonic() - started < 5
    assert _gone(child.pid)


def test_where_no_child_can_be_forked_none_starts(monkeypatch) -> None:
    monkeypatch.setattr(forked, "can_fork", lambda: False)
    assert forked.start(lambda: 1) is None
    assert forked.fork(lambda fd: None) is None
