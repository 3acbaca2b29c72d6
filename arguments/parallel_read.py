"""Reading a big canonical debate on two cores: a second process makes the text JSON while
this one validates it, a piece at a time.

The canonical reader checks each piece of text against the grammar (a regular
expression), rewrites it as JSON, and has pydantic validate that; all of it holds the
GIL, so a thread cannot help. A second process (`read_worker`) checks and rewrites every
piece after the first `HEAD_CHARS` characters and hands each over as soon as it is made;
this process reads the head itself and then validates each piece as it arrives (it used
to read the first 45% itself and only then take the rest). The two halves take about as
long: at 100,000 claims, about a second each. The app starts the second process on the
file before it imports Textual (`prestart`), so that pieces are ready when the load
begins.

The answer is the one `toml_writer.loads_canonical` gives, by the same reader's own
steps. Whatever goes wrong with the second process (no interpreter, a crash, a stall, a
piece skipped, an answer of the wrong shape, a file changed between the two reads) only
means that the rest of the text is digested, and the records checked, here. POSIX with
two cores or more only (it waits on a pipe with `select`); elsewhere a big file is read
in one process, as a small one is.
"""

from __future__ import annotations

import atexit
import codecs
import contextlib
import marshal
import os
import select
import stat
import struct
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from . import toml_writer
from .read_worker import identity
from .toml_writer import Convert, JsonConvert

PARALLEL_FROM = 16 * 1024 * 1024
"""Texts shorter than this (about 20,000 claims) are read in one process, unless a command
started the second process on the file ahead (`prestart` from `file_limits.PRESTART_FROM`,
then `loads_canonical_file`): starting it as the read begins costs more than it saves."""
HEAD_CHARS = toml_writer.CHUNK
"""The characters this process reads itself while the second one starts."""
STALL = 30.0
"""Seconds the second process may go without handing over a piece before the rest is
read here instead."""


class _Failed(Exception):
    """The second process gave no usable answer (as opposed to None: not canonical)."""


class _Worker:
    """The second process, given a file (the debate's bytes) on its stdin."""

    def __init__(self, given: IO[bytes], expected: tuple[int, ...] | None = None) -> None:
        """Raises OSError or SubprocessError when the process cannot start."""
        self.expected = expected
        """What `os.fstat` must say of the file the process read (None: not asked)."""
        self._answers = tempfile.TemporaryFile()  # noqa: SIM115 (open while the process runs; `stop` closes it)
        notify_read, notify_write = os.pipe()
        try:
            self._process = subprocess.Popen(
                [sys.executable, "-I", "-c", _WORKER, _PACKAGE_PARENT, str(HEAD_CHARS), str(notify_write)],
                stdin=given,
                stdout=self._answers,
                stderr=subprocess.DEVNULL,
                pass_fds=(notify_write,),
            )
        except BaseException:
            os.close(notify_read)
            self._answers.close()
            raise
        finally:
            os.close(notify_write)
        self._notified = notify_read
        self._pending = b""
        self._read_to = 0

    @classmethod
    def of_text(cls, text: str) -> _Worker | None:
        """A second process reading TEXT, None when none can start."""
        if not sys.executable:
            return None
        try:
            with tempfile.TemporaryFile() as given:
                given.write(text.encode("utf-8"))
                given.seek(0)
                return cls(given)
        except (OSError, ValueError, subprocess.SubprocessError):
            return None

    @classmethod
    def of_file(cls, path: str | os.PathLike[str], wanted: Callable[[os.stat_result], bool]) -> _Worker | None:
        """A second process reading the file at PATH, if what `os.fstat` says of it is
        WANTED; None when it is not, or none can start (no such file, say)."""
        if not sys.executable:
            return None
        try:
            # Not blocking: opening a FIFO with no writer would wait for one.
            fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
        except (OSError, ValueError):
            return None
        try:
            info = os.fstat(fd)
            if not wanted(info):
                return None
            os.set_blocking(fd, True)
            with open(fd, "rb", closefd=False) as given:
                return cls(given, identity(info))
        except (OSError, ValueError, subprocess.SubprocessError):
            return None
        finally:
            os.close(fd)

    def next(self) -> Any:
        """The next value the process sent; `_Failed` when it sent none in `STALL` seconds,
        ended without a word or sent something unreadable."""
        while len(self._pending) < 8:
            # Waiting in `select` lets go of the GIL: the app's other threads run meanwhile.
            ready, _, _ = select.select([self._notified], [], [], STALL)
            if not ready:
                raise _Failed
            more = os.read(self._notified, 4096)
            if not more:
                raise _Failed
            self._pending += more
        (end,) = struct.unpack_from("<q", self._pending)
        self._pending = self._pending[8:]
        size = end - self._read_to
        blob = os.pread(self._answers.fileno(), size, self._read_to) if size > 0 else b""
        if len(blob) != size or size <= 0:
            raise _Failed
        self._read_to = end
        try:
            return marshal.loads(blob)
        except (ValueError, EOFError, TypeError):
            raise _Failed from None

    def stop(self) -> None:
        """End the process (if it still runs) and let go of what it used."""
        with contextlib.suppress(OSError):
            self._process.kill()
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            self._process.wait(timeout=5)
        with contextlib.suppress(OSError):
            os.close(self._notified)
        self._answers.close()


_WORKER = "import sys; sys.path.insert(0, sys.argv[1]); from arguments.read_worker import main; main()"
"""The second process's program: isolated (`-I`: no folder it runs in, no environment on
its path), it imports this very copy of `arguments`, whatever the folder holds."""
_PACKAGE_PARENT = str(Path(__file__).resolve().parent.parent)

_prestarted: dict[str, _Worker] = {}
"""Second processes `prestart` started, by the real path of the file they read."""
_offered: _Worker | None = None
"""The second process `prestarted` hands to the next big read."""


def prestart(path: str | os.PathLike[str], largest: int, smallest: int | None = None) -> None:
    """Start the second process on PATH now, if it is a debate file of SMALLEST bytes
    (`PARALLEL_FROM` if not given) or more, for its load to come (`prestarted`,
    `loads_canonical_file`): it reads while this process imports the rest of what it
    needs. Anything amiss (no such file, a FIFO, a file over LARGEST bytes, which the load
    refuses) starts nothing: the load says what is wrong."""
    if not _two_cores() or str(path).lower().endswith(".json"):
        return
    try:
        real = os.path.realpath(path)
    except (OSError, ValueError):
        return
    if real in _prestarted:
        return  # named twice
    least = PARALLEL_FROM if smallest is None else smallest
    worker = _Worker.of_file(path, lambda info: stat.S_ISREG(info.st_mode) and least <= info.st_size <= largest)
    if worker is not None:
        _prestarted[real] = worker


@atexit.register
def _stop_unused() -> None:
    """Second processes started for a load that never came (the app refused to open)."""
    while _prestarted:
        _prestarted.popitem()[1].stop()


@contextlib.contextmanager
def prestarted(path: str | os.PathLike[str]) -> Iterator[None]:
    """Inside the block, the next big read uses the second process `prestart` started for
    PATH, if PATH is still the very file it was (this process having read it before the
    block): not replaced, not written to, since."""
    global _offered
    worker = _prestarted.pop(os.path.realpath(path), None)
    if worker is not None:
        try:
            now: tuple[int, ...] | None = identity(os.stat(path))
        except OSError:
            now = None
        if now != worker.expected:
            worker.stop()
            worker = None
    _offered = worker
    try:
        yield
    finally:
        _offered = None
        if worker is not None:
            worker.stop()


def loads_canonical(
    text: str,
    convert: Convert | None = None,
    convert_json: JsonConvert | None = None,
) -> dict[str, Any] | None:
    """`toml_writer.loads_canonical(TEXT, CONVERT, CONVERT_JSON)`, on two cores for a big
    TEXT."""
    global _offered
    offered, _offered = _offered, None
    cut = toml_writer.next_cut(text, HEAD_CHARS)
    # No `"\n#" in text` here, as `toml_writer.loads_canonical` has (0.08 s at 100,000
    # claims): the grammar each piece is checked against refuses a comment line too.
    if len(text) < PARALLEL_FROM or not _two_cores() or cut < 0:
        if offered is not None:
            offered.stop()
        return toml_writer.loads_canonical(text, convert, convert_json)
    worker = offered or _Worker.of_text(text)
    try:
        reader = toml_writer.reader(convert, convert_json)
        if not all(reader.feed(piece, last=False) for piece in toml_writer.chunks(text, cut)) or reader.top is None:
            return None
        taken = _take_from(worker, reader, text, cut) if worker is not None else _Taken(0)
        if taken.other_text and worker is offered and offered is not None:
            offered.stop()  # it read another text: this one is read by a process of its own
            worker = _Worker.of_text(text)
            taken = _take_from(worker, reader, text, cut) if worker is not None else _Taken(0)
        if taken.refused:
            return None
        if cut + taken.chars < len(text):  # the second process stopped short: the rest is read here
            parts = toml_writer.digest_tail(text[cut + taken.chars :])
            if parts is None or not reader.take_digested(text, parts, cut + taken.chars):
                return None
        return reader.top
    finally:
        if worker is not None:
            worker.stop()


class ReadHere(Exception):
    """The second process could not do its part: the file is to be read in this process
    alone, from its start."""


def loads_canonical_file(
    path: str | os.PathLike[str],
    fd: int,
    info: os.stat_result,
    convert: Convert,
    convert_json: JsonConvert,
    first: list[str],
) -> dict[str, Any] | None:
    """`toml_writer.loads_canonical` of the file at PATH, open as FD (at its start, INFO
    being what `fstat` said of it), on two cores and without its whole text ever in this
    process's memory: this process reads and validates the head (FIRST gets its text)
    while a second one, `prestart`ed on PATH or (for a big file) started now, digests the
    rest from the file itself. Raises `ReadHere` when no second process can do its part
    (none started, it read another file, it stopped short); anything it refuses is
    refused (None): the general read then words what is wrong."""
    worker = _worker_for_file(path, identity(info), info.st_size)
    if worker is None:
        raise ReadHere
    try:
        head = _read_head(fd)
        if head is None:
            raise ReadHere
        first.append(head)
        reader = toml_writer.reader(convert, convert_json)
        if not all(reader.feed(piece, last=False) for piece in toml_writer.chunks(head)) or reader.top is None:
            return None
        taken = _take_from(worker, reader, None, len(head))
        if taken.refused:
            return None
        if not taken.whole:
            raise ReadHere
        return reader.top
    finally:
        worker.stop()


def _worker_for_file(path: str | os.PathLike[str], expected: tuple[int, ...], size: int) -> _Worker | None:
    worker = _prestarted.pop(os.path.realpath(path), None)
    if worker is not None and worker.expected != expected:
        worker.stop()  # started on another version of the file
        worker = None
    if worker is None and size >= PARALLEL_FROM and _two_cores():
        worker = _Worker.of_file(path, lambda info: identity(info) == expected)
    return worker


def _read_head(fd: int) -> str | None:
    """The text of FD from its start to the cut the second process starts at (`next_cut`
    at `HEAD_CHARS`), read a block at a time; None when the file holds no such cut."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    text = ""
    while len(text) < 4 * HEAD_CHARS:  # a few blocks: a file with no cut soon is read here
        block = os.read(fd, toml_writer.CHUNK)
        text += decoder.decode(block, final=not block)
        cut = toml_writer.next_cut(text, HEAD_CHARS)
        # The cut's header line whole, so that the whole text would be cut there too
        # (the second process says where it cut: any difference is caught there).
        if cut >= 0 and text.find("\n", cut + 3) >= 0:
            return text[:cut]
        if not block:
            break
    return None


def _two_cores() -> bool:
    if os.name != "posix":
        return False
    try:
        return len(os.sched_getaffinity(0)) >= 2
    except (AttributeError, OSError):  # no sched_getaffinity (macOS)
        return (os.cpu_count() or 1) >= 2


@dataclass
class _Taken:
    """What the second process gave."""

    chars: int
    """How many characters after the cut its pieces covered (the rest is read here)."""
    refused: bool = False
    """The text is not in the canonical form."""
    other_text: bool = False
    """It read another text: nothing was taken."""
    whole: bool = False
    """It covered the whole text."""


def _take_from(worker: _Worker, reader: toml_writer.Reader, text: str | None, cut: int) -> _Taken:
    """Hand READER the pieces the second process digests of TEXT from CUT on, as they come
    (without TEXT: of the file it was started on, as long as it says)."""
    try:
        length, its_cut, read = worker.next()
    except (_Failed, TypeError, ValueError):
        return _Taken(0)
    same_text = len(text) == length if text is not None else worker.expected is not None and isinstance(length, int)
    if not same_text or its_cut != cut or (worker.expected is not None and tuple(read) != worker.expected):
        return _Taken(0, other_text=True)
    taken, rest = 0, length - cut
    try:
        while True:
            part = worker.next()
            if part is None:
                return _Taken(taken, refused=True)
            if part == "done":
                return _Taken(taken, whole=taken == rest)
            if not (isinstance(part, tuple) and len(part) == 5 and part[0] == taken and taken < part[1] <= rest):
                return _Taken(taken)
            if not reader.take_digested(text, [part], cut):
                return _Taken(taken, refused=True)
            taken = part[1]
    except _Failed:
        return _Taken(taken)
