"""Reading a big canonical debate on two cores: the head here, the tail in a second process.

The canonical reader checks each piece of text against the grammar (a regular
expression), rewrites it as JSON, and has pydantic validate that; all of it holds the
GIL, so a thread cannot help. A second process (`read_worker`) checks and rewrites the
tail (`toml_writer.digest_tail`) while this one reads the head whole; this one then
validates the tail's JSON. The answer is the one `toml_writer.loads_canonical` gives,
by the same reader's own steps; whatever goes wrong with the second process (no
interpreter, a crash, a timeout, an answer of the wrong shape) only means the tail is
digested here instead.
"""

from __future__ import annotations

import marshal
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any

from . import toml_writer
from .toml_writer import Convert, JsonConvert

PARALLEL_FROM = 16 * 1024 * 1024
"""Texts shorter than this (about 20,000 claims) are read in one process: starting the
second costs more than it saves."""
HEAD_SHARE = 0.45
"""Where the text is cut: this process also validates every record, so it reads less."""
TIMEOUT = 120.0
"""Seconds the second process may take before the tail is read here instead."""


def loads_canonical(
    text: str, convert: Convert | None = None, convert_json: JsonConvert | None = None
) -> dict[str, Any] | None:
    """`toml_writer.loads_canonical(TEXT, CONVERT, CONVERT_JSON)`, on two cores for a big TEXT."""
    if len(text) < PARALLEL_FROM or "\n#" in text:
        return toml_writer.loads_canonical(text, convert, convert_json)
    cut = toml_writer.next_cut(text, int(len(text) * HEAD_SHARE))
    if cut < 0:
        return toml_writer.loads_canonical(text, convert, convert_json)
    tail = text[cut:]
    digesting = _TailReader(tail)
    reader = toml_writer.reader(convert, convert_json)
    head_read = all(reader.feed(piece, last=False) for piece in toml_writer.chunks(text, cut))
    parts = digesting.result()
    if not head_read or reader.top is None:
        return None
    if parts is _FAILED:
        parts = toml_writer.digest_tail(tail)
    if parts is None or not reader.take_digested(tail, parts):
        return None
    return reader.top


_FAILED: Any = object()
"""The second process gave no usable answer (as opposed to None: not canonical)."""


class _TailReader:
    """The second process, fed TAIL and read, from a thread of its own."""

    def __init__(self, tail: str) -> None:
        self._answer: Any = _FAILED
        self._thread = threading.Thread(target=self._run, args=(tail.encode("utf-8"),), daemon=True)
        self._thread.start()

    def result(self) -> Any:
        """The tail as `toml_writer.digest_tail` made it, None (not canonical), or `_FAILED`."""
        self._thread.join()
        return self._answer

    def _run(self, payload: bytes) -> None:
        try:
            self._answer = _read_in_second_process(payload)
        except (OSError, ValueError, EOFError, TypeError, subprocess.SubprocessError):
            self._answer = _FAILED


_WORKER = "import sys; sys.path.insert(0, sys.argv[1]); from arguments.read_worker import main; main()"
"""The second process's program: isolated (`-I`: no folder it runs in, no environment on
its path), it imports this very copy of `arguments`, whatever the folder holds."""


def _read_in_second_process(payload: bytes) -> Any:
    """The second process's answer for PAYLOAD. Both ways go through unnamed temporary
    files, not pipes: a pipe is fed and drained 64 KiB at a time, and between those calls
    this thread waited for the GIL up to 5 ms each time while the head was being read."""
    if not sys.executable:
        return _FAILED
    package_parent = str(Path(__file__).resolve().parent.parent)
    with tempfile.TemporaryFile() as given, tempfile.TemporaryFile() as answered:
        given.write(payload)
        given.seek(0)
        with subprocess.Popen(
            [sys.executable, "-I", "-c", _WORKER, package_parent],
            stdin=given,
            stdout=answered,
            stderr=subprocess.DEVNULL,
        ) as process:
            try:
                process.wait(timeout=TIMEOUT)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
                return _FAILED
        if process.returncode != 0:
            return _FAILED
        answered.seek(0)
        out = answered.read()
    answer = marshal.loads(out)
    if answer is not None and not isinstance(answer, list):
        return _FAILED
    return answer
