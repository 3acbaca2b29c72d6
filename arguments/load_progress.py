"""How far a load has got, for whoever shows it (the app's progress bar while a big file
opens). The reader reports without knowing who listens: a callback set for this thread.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .toml_writer import Convert, JsonConvert

SAMPLE = 4 << 20
"""Characters read to estimate how many records a text holds."""

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


def counting(text: str, convert: Convert, convert_json: JsonConvert) -> tuple[Convert, JsonConvert]:
    """CONVERT and CONVERT_JSON (see `toml_writer.loads_canonical`), reporting the share
    of TEXT's records they have been handed (unchanged when nobody listens on this thread)."""
    callback: Callback | None = getattr(_listening, "callback", None)
    if callback is None:
        return convert, convert_json
    # Records per character in the first few megabytes, for the whole text: counting them
    # all took 0.07 s at 100,000 claims. Nested `[[a.b]]` records count too. A fair estimate.
    sample = text[:SAMPLE]
    total = max(1, round(sample.count("\n[[") * len(text) / max(1, len(sample))))
    done = 0

    def report(count: int) -> None:
        nonlocal done
        done += count
        callback(min(1.0, done / total))

    def converted(table: str, records: list[dict[str, Any]]) -> list[Any]:
        out = convert(table, records)
        report(len(records))
        return out

    def converted_json(table: str, records: str) -> tuple[list[Any], int] | None:
        out = convert_json(table, records)
        if out is not None:
            report(len(out[0]))
        return out

    return converted, converted_json
