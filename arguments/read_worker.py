"""The second process of `parallel_read`: reads the tail of a canonical debate file.

stdin: the UTF-8 text of the file from a cut `toml_writer.next_cut` found (it starts with
the blank line before a top-level `[[` header). stdout: `marshal` of
`toml_writer.digest_tail` of it: its pieces checked against the grammar and made JSON,
or None when the text is not in the canonical form.
Only the standard library and `toml_writer` are imported, so the process starts in a
few hundredths of a second; marshal (not pickle) so that reading its answer runs no code.
"""

from __future__ import annotations

import marshal
import sys

from . import toml_writer


def main() -> None:
    try:
        parts = toml_writer.digest_tail(sys.stdin.buffer.read().decode("utf-8"))
    except (ValueError, RecursionError, MemoryError):  # a decoding error is a ValueError
        parts = None
    sys.stdout.buffer.write(marshal.dumps(parts))
    sys.stdout.buffer.flush()


if __name__ == "__main__":
    main()
