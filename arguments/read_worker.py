"""The second process of `parallel_read`: digests a big canonical debate file a piece at a time.

argv: the folder `arguments` is in, the number of characters the first process reads
itself (`HEAD_CHARS`), and the number of a pipe's writing end. stdin: the file's UTF-8
bytes. stdout (a file, not a pipe: it never makes this process wait): one `marshal` blob
after another, and for each, its end offset written to the pipe (8 bytes, little-endian)
as soon as it is whole:
- first (the length of the text in characters, where it is cut, what `os.fstat` said of
  stdin after reading it), so that the first process can tell it read the same text;
- then one `toml_writer.digested_pieces` part per piece after the cut, each checked
  against the grammar and made JSON;
- last "done", or None when the text is not in the canonical form (or cannot be cut).
The records' references are checked by the first process, from its models: checking
them here too (the stances apart) made this process, which has the more to do, the one
the load waited for (0.2 s of 1.4 at 100,000 claims).
Only the standard library and `toml_writer` are imported, so the process starts in a few
hundredths of a second; marshal (not pickle) so that reading its answer runs no code.
"""

from __future__ import annotations

import marshal
import os
import struct
import sys
from typing import Any

from . import toml_writer


def identity(info: os.stat_result) -> tuple[int, int, int, int, int]:
    """What tells one version of a file from another without reading it: a save replaces
    the file (another inode), an edit in place changes its times."""
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


class _Sender:
    def __init__(self, notify: int) -> None:
        self.notify, self.offset = notify, 0

    def send(self, value: Any) -> None:
        blob = memoryview(marshal.dumps(value))
        while blob:
            written = os.write(1, blob)
            blob = blob[written:]
            self.offset += written
        os.write(self.notify, struct.pack("<q", self.offset))


def main() -> None:
    _answer()
    # What it holds (the text, 80 MB at 100,000 claims) goes with the process, not freed
    # object by object: the first process waits for this one to end.
    os._exit(0)


def _answer() -> None:
    head_chars, sender = int(sys.argv[2]), _Sender(int(sys.argv[3]))
    data = sys.stdin.buffer.read()
    read = identity(os.fstat(0))
    try:
        text = data.decode("utf-8")
    except ValueError:
        text = ""
    del data
    if text.startswith("\ufeff"):  # as `loading` reads it
        text = text[1:]
    cut = toml_writer.next_cut(text, head_chars) if text else -1
    sender.send((len(text), cut, read))
    if cut < 0:
        sender.send(None)
        return
    tail = text[cut:]
    del text
    try:
        for part in toml_writer.digested_pieces(tail):
            sender.send(part)
            if part is None:
                return
    except (ValueError, RecursionError, MemoryError):
        sender.send(None)
        return
    sender.send("done")


if __name__ == "__main__":
    main()
