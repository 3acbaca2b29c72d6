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
- last ("done", SOUND), or None when the text is not in the canonical form (or cannot be
  cut). SOUND is `integrity_columns.Columns.sound_apart_from_stances` of every record
  it read (the head too), None when it could not tell: the first process, which
  validates meanwhile, then checks only the stances itself.
Only the standard library, `toml_writer` and `integrity_columns` are imported, so the
process starts in a few hundredths of a second; marshal (not pickle) so that reading its
answer runs no code.
"""

from __future__ import annotations

import json
import marshal
import os
import struct
import sys
from collections.abc import Callable
from operator import methodcaller
from typing import Any

from . import toml_writer
from .integrity_columns import Columns


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
    # What it made (the columns of every record) goes with the process, not freed object
    # by object: the first process waits for this one to end.
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
    checked = Soundness(text, cut)
    tail = text[cut:]
    del text
    try:
        for part in toml_writer.digested_pieces(tail):
            sender.send(part)
            if part is None:
                return
            checked.take(tail, part)
    except (ValueError, RecursionError, MemoryError):
        sender.send(None)
        return
    sender.send(("done", checked.verdict()))


class Soundness:
    """`Columns.sound_apart_from_stances` of a text's records, read as the first process
    reads them: the head (up to CUT) by this reader's `feed`, the rest from the pieces
    sent. Records are kept as columns only (parsed with `json`, where the first process
    has pydantic)."""

    def __init__(self, text: str, cut: int) -> None:
        self.columns = Columns()
        self.reader = toml_writer.reader(self._keep, self._keep_json)
        self.whole = self._read(lambda: all(self.reader.feed(piece, False) for piece in toml_writer.chunks(text, cut)))
        self.whole = self.whole and self.reader.top is not None

    def take(self, tail: str, part: Any) -> None:
        """Go on with PART, a piece of TAIL (the text from the cut). A piece of stances
        only is left out: parsing them was a third of this process's work, and the
        first process, which has them as models, checks them faster (and would else
        wait for this one)."""
        if part[2] != "stances":
            self.whole = self.whole and self._read(lambda: self.reader.take_digested(tail, [part]))

    @staticmethod
    def _read(step: Callable[[], bool]) -> bool:
        # Records of another shape than the model's (a list where a table should be) fail
        # here as they fail the first process's validation: this verdict is then None.
        try:
            return step()
        except (TypeError, ValueError, AttributeError, KeyError, RecursionError):
            return False

    def verdict(self) -> bool | None:
        """True: every record read and sound apart from the stances
        (`Columns.sound_apart_from_stances`); False: not sound; None: not every record
        could be read, or not as the model allows (the first process's validation then
        refuses them, and its own check words the problems)."""
        if not self.whole:
            return None
        try:
            return self.columns.sound_apart_from_stances()
        except (TypeError, ValueError, AttributeError, KeyError, RecursionError):
            return None

    def _keep(self, table: str, records: list[Any]) -> list[Any]:
        self.columns.add(table, records, _field)
        return [None] * len(records)  # only the columns are kept

    def _keep_json(self, table: str, records: str) -> tuple[list[Any], int] | None:
        try:
            parsed = json.loads(records)
            keys = sum(map(len, parsed))
        except (ValueError, TypeError, RecursionError):
            return None
        return self._keep(table, parsed), keys


def _field(name: str, default: Any) -> Callable[[Any], Any]:
    return methodcaller("get", name, default)


if __name__ == "__main__":
    main()
