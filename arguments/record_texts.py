"""The canonical text of every record, made in a child process (a `fork`).

The first save of a big debate dumps every record: 2.3 s of Python at 100,000 claims. In
a thread that work shares Python's one lock with the app's UI thread, and keys pressed
meanwhile waited 15-50 ms more each. A forked child has its own interpreter (and a core of
its own, where there is one) and the debate already in memory: it dumps the records and
sends their texts down a pipe, `SEPARATOR` after each (TOML escapes control characters,
so the separator cannot be in a text; the count per table is checked all the same).

Where `fork` is missing or unsafe (Windows, macOS), `texts_in_child` returns None and the
caller dumps in a thread as before (`forked` forks the child).
"""

from __future__ import annotations

import codecs
import contextlib
import gc
import itertools
import os
import select
import signal
import time
from collections.abc import Callable
from typing import Any

from . import forked
from .model import TABLES, Debate
from .save_cache import SaveCache, record_text

SEPARATOR = "\x00"
READ = 1 << 20
"""Bytes read from the child at a time (decoded and split in C, a MiB per step)."""

SILENT_FOR = 10.0
"""Seconds without a byte from the child after which it is taken to be stuck (and killed)."""


def seed_from_child(cache: SaveCache, debate: Debate, stop: Callable[[], bool] = lambda: False) -> bool:
    """Give CACHE the text of every record of DEBATE (a `snapshot`), made in a child;
    False if that could not be done (the cache then dumps them itself, as before)."""
    tables = {table: getattr(debate, table) for table in TABLES if getattr(debate, table)}
    with cache.seeding():
        texts = texts_in_child(tables, stop)
        if texts is None:
            return False
        for table, records in tables.items():
            cache.seed(table, records, texts[table])
    return True


def texts_in_child(
    tables: dict[str, list[Any]], stop: Callable[[], bool] = lambda: False
) -> dict[str, tuple[str, ...]] | None:
    """Each table's record texts (as `record_text` makes them), dumped in a forked child;
    None if that cannot be done here or the child failed. STOP is asked every 0.1 s while
    waiting: when true, the child is killed and None returned."""
    started = forked.fork(lambda fd: _dump(tables, fd))
    if started is None:
        return None
    pid, read_end = started
    texts = None
    try:
        texts = _read(read_end, stop)
    finally:
        os.close(read_end)
        if texts is None:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
    if texts is None or not os.WIFEXITED(status) or os.WEXITSTATUS(status) != 0:
        return None
    if sum(map(len, texts)) != sum(map(len, tables.values())):
        return None
    flat = itertools.chain.from_iterable(texts)
    out = {table: tuple(itertools.islice(flat, len(records))) for table, records in tables.items()}
    # Long-lived from now on: frozen, the collector never walks these 350,000 texts (its
    # first look at a new tuple checks every item: 20-50 ms, on whichever thread, often
    # the UI's). Whatever else is alive now is frozen too, as after the app's mount.
    gc.freeze()
    return out


def _dump(tables: dict[str, list[Any]], fd: int) -> None:
    with os.fdopen(fd, "wb", buffering=READ) as out:
        for table, records in tables.items():
            for record in records:
                out.write((record_text(table, record) + SEPARATOR).encode("utf-8"))


def _read(fd: int, stop: Callable[[], bool]) -> list[tuple[str, ...]] | None:
    decoder = codecs.getincrementaldecoder("utf-8")()
    # Tuples, not one growing list: the collector walks a tuple of strings once and
    # then lets it be, where a young list of 300,000 was walked by every collection.
    texts: list[tuple[str, ...]] = []
    tail = ""
    heard = time.monotonic()
    while True:
        ready, _, _ = select.select([fd], [], [], 0.1)
        if stop() or time.monotonic() - heard > SILENT_FOR:
            return None
        if not ready:
            continue
        heard = time.monotonic()
        block = os.read(fd, READ)
        if not block:
            break
        parts = (tail + decoder.decode(block)).split(SEPARATOR)
        tail = parts.pop()
        texts.append(tuple(parts))
    return None if tail or decoder.decode(b"", final=True) else texts
