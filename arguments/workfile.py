"""A debate file being worked on: load it, remember what was loaded, save it safely.

This is the one place the app saves through. What it promises (README "Your work is safe"):

- A save writes `.NAME.debatemap-tmp-PID-RANDOM` beside the file, fsyncs it, gives it the
  file's mode (and owner, when allowed), renames it over the file with `os.replace` and
  fsyncs the folder: a crash leaves the old file or the new one, never a mix.
- A symlink is saved through: its target gets the new content, the link stays a link.
- The version a save replaces is kept as `.NAME.bak` beside the real file (beside a
  symlink's target), one per file; a save that changes nothing keeps the older backup.
- Temp files left by a save that was killed are removed the next time the file is loaded
  (only those of processes no longer running, or older than an hour).
- A save holds the file's lock (`file_lock.save_lock`, taken by every debatemap writer)
  and, just before the replace, compares the file's bytes with those loaded (SHA-256): a
  file changed on disk raises `ConflictError` whatever its size or mtime; identical bytes
  do not. So of two instances saving at once, the later one gets the conflict.
- A failed save (disk full, read-only folder, permission denied, another writer holding
  the lock too long) raises `SaveError` or `LockBusy`, `OSError`s with a `user_message`;
  the file on disk is untouched.
- Unsaved edits go to this instance's own recovery copy beside the file (never the file
  itself; see `arguments.recovery`); a copy left by an instance that is gone is offered on the next
  open, and a good save removes this instance's copy.

(A NAME longer than 160 bytes is shortened with a hash in these hidden names.)
"""

from __future__ import annotations

import hashlib
import os
import stat
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from . import parallel_read
from . import recovery as copies
from .atomic_write import PIECE
from .file_lock import SAVE_WAIT, LockBusy, acquire, lock_path
from .loading import settled
from .model import Debate
from .problems import DebateError
from .save_cache import SaveCache
from .storage import (
    SaveError,
    decode,
    format_of,
    parse_debate,
    paused_gc,
    read_bytes,
    temp_prefix,
    write_text_atomic,
)

__all__ = ["ConflictError", "FoundCopy", "LockBusy", "SaveError", "WorkFile", "clean_stale_temps", "fingerprint"]

STALE_AFTER = 3600
"""Seconds after which a temp file is stale even if its process still seems to run."""


class ConflictError(Exception):
    """The file on disk changed since it was loaded; saving would overwrite someone's work."""

    def __init__(self, path: Path, gone: bool = False):
        what = "was deleted or became unreadable" if gone else "was changed on disk"
        self.user_message = (
            f"{path} {what} since it was opened. Nothing was saved: save your version "
            "elsewhere, overwrite theirs, or reload theirs."
        )
        super().__init__(self.user_message)


def fingerprint(data: bytes) -> str:
    """SHA-256 of a file's bytes."""
    return hashlib.sha256(data).hexdigest()


def _file_fingerprint(path: Path) -> str | None:
    """`fingerprint` of the file's bytes, read and hashed a piece at a time (yielding to
    other threads between pieces, see `atomic_write.PIECE`); None when it is not a
    regular file that can be read (gone, a folder, a FIFO: each counts as changed)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except (OSError, ValueError):
        return None
    digest = hashlib.sha256()
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        while block := os.read(fd, PIECE):
            digest.update(block)
            time.sleep(0)
    except OSError:
        return None
    finally:
        os.close(fd)
    return digest.hexdigest()


def clean_stale_temps(path: str | os.PathLike[str]) -> list[Path]:
    """Remove temp files an interrupted save of PATH left behind; return those removed."""
    target = Path(os.path.realpath(path))
    prefix = temp_prefix(target)
    removed: list[Path] = []
    try:
        entries = list(os.scandir(target.parent))
    except OSError:
        return removed
    for entry in entries:
        if not entry.name.startswith(prefix) or not _is_stale(entry, entry.name[len(prefix) :]):
            continue
        try:
            os.unlink(entry.path)
        except OSError:
            continue
        removed.append(Path(entry.path))
    return removed


def _is_stale(entry: os.DirEntry[str], suffix: str) -> bool:
    try:
        if time.time() - entry.stat(follow_symlinks=False).st_mtime > STALE_AFTER:
            return True
    except OSError:
        return False
    pid_text = suffix.split("-", 1)[0]
    if not pid_text.isdigit():
        return False
    pid = int(pid_text)
    if pid == os.getpid():
        return False  # a save in progress in this process (another thread)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False  # exists, owned by someone else
    return False


class FoundCopy:
    """A recovery copy left by an instance that is gone: where it is and what it holds."""

    def __init__(self, path: Path, debate: Debate):
        self.path = path
        self.debate = debate


class WorkFile:
    """PATH and the fingerprint of the bytes last loaded from or saved to it."""

    def __init__(self, path: str | os.PathLike[str]):
        self.path = Path(path)
        self.loaded_hash: str | None = None
        self._own = copies.OwnCopy(self.path)
        self._texts = SaveCache()  # a save costs the records changed since the last one
        self.pause: Callable[[], None] | None = None
        """Called now and then by a save's slow part (`SaveCache.dumps`), e.g. to wait while
        the user types."""

    @property
    def fmt(self) -> str:
        return format_of(self.path)

    def load(self) -> Debate:
        """Read and check the file (raises `DebateError`), remembering its fingerprint.
        Temp files of an interrupted save are cleaned up first."""
        clean_stale_temps(self.path)
        for copy in copies.copies_with_temps(self.path):
            clean_stale_temps(copy)
        copies.clean_lone_locks(self.path)
        data = read_bytes(self.path)
        # hashlib lets go of the GIL on big inputs: the hash costs the load nothing while
        # the text is parsed (it was 0.07 s of it at 100,000 claims). A second process the
        # app started on this file (`parallel_read.prestart`) reads it on the other core.
        with ThreadPoolExecutor(max_workers=1) as hasher, parallel_read.prestarted(self.path):
            hashed = hasher.submit(fingerprint, data)
            with paused_gc():
                # Frozen (`settled`), what the load made is never walked by the collector; not
                # frozen, it was walked whole twice in the first seconds and again later, 0.4 s
                # each at 100,000 claims, the first two before the first frame.
                debate = settled(parse_debate(decode(data, str(self.path)), str(self.path), self.fmt))
            self.loaded_hash = hashed.result()
        return debate

    def read_current(self) -> tuple[Debate, str]:
        """The debate on disk now and its fingerprint, without making it the one loaded."""
        data = read_bytes(self.path)
        return parse_debate(decode(data, str(self.path)), str(self.path), self.fmt), fingerprint(data)

    def changed_on_disk(self) -> bool:
        """True when the file's bytes differ from those loaded or last saved (a file that
        is gone or unreadable counts as changed; a file never loaded, if it now exists)."""
        if self.loaded_hash is None:
            return self.path.exists()
        return _file_fingerprint(self.path) != self.loaded_hash

    def save(self, debate: Debate, force: bool = False) -> None:
        """Save atomically, keeping the replaced version as the backup.

        Under the file's lock, just before the replace: raises `ConflictError` if the file
        changed on disk since it was loaded (unless FORCE). Raises `SaveError` if it cannot
        be written, `LockBusy` if another writer held the lock too long; in every case the
        file on disk is untouched and the recovery copy stays.
        """
        text = self._texts.pieces(debate, self.fmt, self.pause)  # never joined whole: see save_cache

        def unchanged() -> None:
            if not force and self.changed_on_disk():
                raise ConflictError(self.path, gone=not self.path.exists())

        try:
            held = acquire(lock_path(self.path), SAVE_WAIT, self.path)
        except LockBusy:
            raise
        except OSError as exc:  # the folder refuses even the lock file: it refuses the save too
            raise SaveError(exc.errno, exc.strerror or str(exc), str(self.path)) from exc
        try:
            written = write_text_atomic(self.path, text, backup=True, check=unchanged)
        finally:
            held.release()
        self.loaded_hash = written  # the fingerprint of the bytes written
        self.discard_recovery()

    # ------------------------------------------------------------ recovery copies

    @property
    def recovery_path(self) -> Path:
        """Where this instance keeps its unsaved edits until a good save: beside the file, hidden."""
        return self._own.path

    def write_recovery(self, debate: Debate) -> None:
        """Keep a copy of unsaved edits (never the user's file itself); `SaveError` if not."""
        self._own.write(self._texts.pieces(debate, self.fmt, self.pause))

    def prepare_save(
        self, debate: Debate, pause: Callable[[], None] | None = None, stop: Callable[[], bool] | None = None
    ) -> None:
        """Do ahead, e.g. while the user reads, the work of the next save of DEBATE
        (PAUSE instead of `pause`: it may raise to stop): in a child process where
        possible (`record_texts`), so that it does not take the app's turns; STOP, asked
        meanwhile, ends the child when true."""
        if self.fmt == "toml":
            from .record_texts import seed_from_child

            seed_from_child(self._texts, debate, stop or (lambda: False))
        self._texts.pieces(debate, self.fmt, pause or self.pause)

    def recovery(self) -> Debate | None:
        """The edits not yet saved: this instance's copy, else the newest readable one
        left by an instance that is gone; None if there is neither."""
        own = self._read(self.recovery_path)
        if own is not None:
            return own
        found = self.abandoned_recovery()
        return None if found is None else found.debate

    def abandoned_recovery(self) -> FoundCopy | None:
        """The newest readable recovery copy whose instance is gone (never a live one's)."""
        for copy in copies.copies_beside(self.path):
            if copy == self.recovery_path or not copies.abandoned(copy):
                continue
            debate = self._read(copy)
            if debate is not None:
                return FoundCopy(copy, debate)
        return None

    def adopt_recovery(self, found: FoundCopy) -> bool:
        """Make FOUND this instance's copy (restored edits stay safe until saved); False
        if another instance took it first."""
        return self._own.adopt(found.path)

    def discard_found(self, found: FoundCopy) -> bool:
        """Delete FOUND; False (nothing deleted) if an instance owns it now."""
        return copies.discard_abandoned(found.path)

    def discard_recovery(self) -> None:
        """Delete this instance's recovery copy."""
        self._own.discard()

    def close(self) -> None:
        """Let go of this instance's recovery copy without deleting it (the app is closing)."""
        self._own.close()

    def _read(self, copy: Path) -> Debate | None:
        try:
            data = read_bytes(copy)
            return parse_debate(decode(data, str(copy)), str(copy), self.fmt)
        except DebateError:
            return None
