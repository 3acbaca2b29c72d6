"""The second process of `parallel_read`: reads the tail of a canonical debate file.

stdin: the UTF-8 text of the file from a cut `toml_writer.next_cut` found (it starts with
the blank line before a top-level `[[` header). stdout: `marshal` of the tables read, a
dict of table name to raw records, or of None when the text is not in the canonical form.
Only the standard library and `toml_writer` are imported, so the process starts in a
few hundredths of a second; marshal (not pickle) so that reading its answer runs no code.
"""

from __future__ import annotations

import marshal
import sys
from typing import Any

from . import toml_writer


def read_tail(text: str) -> dict[str, Any] | None:
    """The tables in TEXT, a tail cut as above, exactly as the reader of the whole text
    would have read them; None when TEXT is not in the canonical form."""
    reader = toml_writer.continuing_reader()
    pending: str | None = None
    for piece in toml_writer.chunks(text):
        if pending is not None and not reader.feed(pending, last=False):
            return None
        pending = piece
    if pending is None or not reader.feed(pending, last=True):
        return None
    return reader.top


def main() -> None:
    try:
        tables = read_tail(sys.stdin.buffer.read().decode("utf-8"))
    except (ValueError, RecursionError, MemoryError):  # a decoding error is a ValueError
        tables = None
    sys.stdout.buffer.write(marshal.dumps(tables))
    sys.stdout.buffer.flush()


if __name__ == "__main__":
    main()
