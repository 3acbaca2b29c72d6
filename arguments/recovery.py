"""Recovery copies of unsaved edits, each owned by the one app instance that writes it.

An instance writes its copy to `.NAME.debatemap-recovery-PID-RANDOM` beside the file and
holds a lock on `<that name>.lock` for as long as it lives (the system drops the lock
when the process ends, even on kill -9). Another instance on the same file sees the lock
taken and leaves the copy alone: it is neither offered nor discarded there. A copy whose
lock is free was left by an instance that is gone; it is offered on the next open, and
whoever restores or discards it first takes its lock, so no two instances act on one copy.
A copy of older versions, `.NAME.debatemap-recovery` with no lock, counts as left behind.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import threading
from collections.abc import Iterable
from pathlib import Path

from .atomic_write import TEMP_MARK, helper_name, write_text_atomic
from .file_lock import HeldLock, try_lock

__all__ = [
    "RECOVERY_MARK",
    "OwnCopy",
    "abandoned",
    "copies_beside",
    "copies_with_temps",
    "discard_abandoned",
    "lock_of",
    "take",
]

RECOVERY_MARK = ".debatemap-recovery"
_LOCK = ".lock"


def _prefix(path: Path) -> str:
    return helper_name(path.name, RECOVERY_MARK)


def lock_of(copy: Path) -> Path:
    """The lock file whose holder owns COPY."""
    return copy.with_name(copy.name + _LOCK)


def copies_beside(path: str | os.PathLike[str]) -> list[Path]:
    """Every recovery copy of PATH's edits (any instance's, and an older version's), newest first."""
    path = Path(path)
    prefix = _prefix(path)
    found: list[tuple[float, Path]] = []
    try:
        entries = list(os.scandir(path.parent))
    except OSError:
        return []
    for entry in entries:
        name = entry.name
        if not name.startswith(prefix) or name.endswith(_LOCK) or TEMP_MARK in name:
            continue
        if name != prefix and not name[len(prefix) :].startswith("-"):
            continue
        with contextlib.suppress(OSError):
            found.append((entry.stat(follow_symlinks=False).st_mtime, Path(entry.path)))
    return [p for _, p in sorted(found, key=lambda item: item[0], reverse=True)]


def copies_with_temps(path: str | os.PathLike[str]) -> set[Path]:
    """Recovery copies of PATH (existing or not yet) that have temp files of a write beside
    them, so that those of a write killed half-way can be cleaned up."""
    path = Path(path)
    start = "." + _prefix(path)
    try:
        names = os.listdir(path.parent)
    except OSError:
        return set()
    return {
        path.parent / name[1 : name.index(TEMP_MARK)] for name in names if name.startswith(start) and TEMP_MARK in name
    }


def abandoned(copy: Path) -> bool:
    """True when COPY's owner is gone (its lock is free or missing)."""
    try:
        held = try_lock(lock_of(copy), create=False)
    except FileNotFoundError:
        return True
    except OSError:
        return False  # cannot tell: leave it to its owner
    if held is None:
        return False
    held.release(remove=False)
    return True


def take(copy: Path) -> HeldLock | None:
    """Take COPY's lock if its owner is gone (None if it lives, or the copy went)."""
    try:
        held = try_lock(lock_of(copy))
    except OSError:
        return None
    if held is not None and not copy.exists():
        held.release()
        return None
    return held


def discard_abandoned(copy: Path) -> bool:
    """Delete COPY if its owner is gone; False (nothing deleted) if it still lives."""
    held = take(copy)
    if held is None:
        return False
    with contextlib.suppress(OSError):
        copy.unlink()
    held.release()
    return True


def clean_lone_locks(path: str | os.PathLike[str]) -> None:
    """Remove lock files of copies that no longer exist and whose owner is gone."""
    path = Path(path)
    prefix = _prefix(path)
    try:
        names = os.listdir(path.parent)
    except OSError:
        return
    for name in names:
        if name.startswith(prefix) and name.endswith(_LOCK):
            copy = path.parent / name[: -len(_LOCK)]
            if copy.exists():
                continue
            with contextlib.suppress(OSError):
                held = try_lock(lock_of(copy), create=False)
                if held is not None:
                    held.release()


class OwnCopy:
    """This instance's recovery copy of PATH's edits, locked while the instance lives."""

    def __init__(self, path: str | os.PathLike[str]):
        path = Path(path)
        self.path = path.with_name(f"{_prefix(path)}-{os.getpid()}-{secrets.token_hex(4)}")
        self._lock: HeldLock | None = None
        # The autosave writes in a worker thread while a save or quit may discard.
        self._busy = threading.RLock()

    def write(self, text: str | Iterable[str]) -> None:
        """Write TEXT (or its pieces) as the copy (atomically), taking its lock first; `SaveError` if not."""
        with self._busy:
            self._write(text)

    def _write(self, text: str | Iterable[str]) -> None:
        if self._lock is None:
            try:
                self._lock = try_lock(lock_of(self.path))
            except OSError as exc:
                from .atomic_write import SaveError

                raise SaveError(exc.errno, exc.strerror or str(exc), str(self.path)) from exc
            if self._lock is None:  # a fresh random name: only a copy we gave up can be taken
                self.path = self.path.with_name(self.path.name + "-" + secrets.token_hex(2))
                return self._write(text)
        write_text_atomic(self.path, text)

    def adopt(self, copy: Path) -> bool:
        """Make COPY, left by an instance that is gone, this instance's own; False if its
        owner still lives or another instance took it first."""
        held = take(copy)
        if held is None:
            return False
        with self._busy:
            self.discard()
            self.path, self._lock = copy, held
        return True

    def discard(self) -> None:
        """Delete the copy and its lock."""
        with self._busy:
            with contextlib.suppress(OSError):
                self.path.unlink()
            if self._lock is not None:
                self._lock.release()
                self._lock = None

    def close(self) -> None:
        """Let go of the copy without deleting it: the next open offers it back."""
        with self._busy:
            if self._lock is not None:
                self._lock.release(remove=False)
                self._lock = None
