"""Reading a big canonical debate on two cores: the head here, the tail in a second process.

At 100,000 claims the canonical reader spends ~2 s turning text into raw tables (the
grammar's regular expression, the rewrite to JSON, `json.loads`) and ~0.7 s validating
them; all of it holds the GIL, so a thread cannot help. A second process
(`read_worker`) reads the tail's raw tables while this one reads and validates the head;
this one then validates the tail's. The answer is the same as `toml_writer.loads_canonical`
would give, byte for byte; whatever goes wrong with the second process (no interpreter, a
crash, a timeout, an answer that is not a table) only means the tail is read here instead.
"""

from __future__ import annotations

import marshal
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

from . import toml_writer
from .read_worker import read_tail
from .toml_writer import Convert, JsonConvert

PARALLEL_FROM = 16 * 1024 * 1024
"""Texts shorter than this (about 20,000 claims) are read in one process: starting the
second costs more than it saves."""
HEAD_SHARE = 0.45
"""Where the text is cut: this process also validates every record, so it reads less."""
TIMEOUT = 120.0
"""Seconds the second process may take before the tail is read here instead."""
CONVERT_BATCH = 4096
"""Tail records validated at a time, so the progress bar moves while they are."""


def loads_canonical(
    text: str, convert: Convert | None = None, convert_json: JsonConvert | None = None
) -> dict[str, Any] | None:
    """`toml_writer.loads_canonical(TEXT, CONVERT, CONVERT_JSON)`, on two cores for a big
    TEXT (the tail's records reach CONVERT as raw tables: they were read elsewhere)."""
    if len(text) < PARALLEL_FROM or "\n#" in text:
        return toml_writer.loads_canonical(text, convert, convert_json)
    cut = toml_writer.next_cut(text, int(len(text) * HEAD_SHARE))
    if cut < 0:
        return toml_writer.loads_canonical(text, convert, convert_json)
    tail = _TailReader(text[cut:])
    head = toml_writer.read_head(toml_writer.chunks(text[:cut]), convert, convert_json)
    tables = tail.result()
    if head is None:
        return None
    if tables is _FAILED:
        tables = read_tail(text[cut:])
    return None if tables is None else _joined(head, tables, convert)


_FAILED: Any = object()
"""The second process gave no usable answer (as opposed to None: not canonical)."""


class _TailReader:
    """The second process, fed TAIL and read, from a thread of its own."""

    def __init__(self, tail: str) -> None:
        self._answer: Any = _FAILED
        self._thread = threading.Thread(target=self._run, args=(tail.encode("utf-8"),), daemon=True)
        self._thread.start()

    def result(self) -> Any:
        """The tail's tables, None (not canonical), or `_FAILED`."""
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
    if not sys.executable:
        return _FAILED
    package_parent = str(Path(__file__).resolve().parent.parent)
    with subprocess.Popen(
        [sys.executable, "-I", "-c", _WORKER, package_parent],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    ) as process:
        try:
            out, _ = process.communicate(payload, timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()
            return _FAILED
    if process.returncode != 0:
        return _FAILED
    answer = marshal.loads(out)
    if answer is not None and not isinstance(answer, dict):
        return _FAILED
    return answer


def _joined(
    head: tuple[dict[str, Any], set[str]], tail: dict[str, Any], convert: Convert | None
) -> dict[str, Any] | None:
    """The head's document with the tail's arrays of tables added, by TOML's rules: a
    name may not be both a key and an array of tables."""
    top, arrays = head
    for table, records in tail.items():
        if not isinstance(records, list):
            return None
        if table in top and table not in arrays:
            return None
        converted = records
        if convert is not None:
            converted = []
            for start in range(0, len(records), CONVERT_BATCH):
                converted.extend(convert(table, records[start : start + CONVERT_BATCH]))
        top.setdefault(table, []).extend(converted)
    return top
