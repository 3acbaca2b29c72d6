"""How far a load has got, for whoever shows it (the app's progress bar while a big file
opens). The reader reports without knowing who listens: a callback set for this thread.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from typing import Any

Callback = Callable[[float], None]
"""Called with the fraction of the file's records read so far, 0 to 1."""

_listening = threading.local()


@contextlib.contextmanager
def reporting(callback: Callback) -> Iterator[None]:
    """Send the progress of loads made by this thread, inside the block, to CALLBACK."""
    was = getattr(_listening, "callback", None)
    _listening.callback = callback
    try:
        yield
    finally:
        _listening.callback = was


def counting(
    text: str, convert: Callable[[str, list[dict[str, Any]]], list[Any]]
) -> Callable[[str, list[dict[str, Any]]], list[Any]]:
    """CONVERT, reporting the share of TEXT's records it has been handed (unchanged when
    nobody listens on this thread)."""
    callback: Callback | None = getattr(_listening, "callback", None)
    if callback is None:
        return convert
    total = max(1, text.count("\n[["))  # nested `[[a.b]]` records count too: a fair estimate
    done = 0

    def converted(table: str, records: list[dict[str, Any]]) -> list[Any]:
        nonlocal done
        out = convert(table, records)
        done += len(records)
        callback(min(1.0, done / total))
        return out

    return converted
