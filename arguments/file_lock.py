"""Advisory locks in small files beside a debate, so two writers never interleave.

The debate file itself is never locked: a save replaces it with a new file, and a lock
on the old one would guard nothing. Instead `.NAME.debatemap-lock` beside the real file
(through a symlink, beside its target) is locked with `flock`, which the system releases
when the holder exits, even after a kill -9. The holder removes the lock file when done;
a waiter that locked a file since removed tries again on the new one, so two holders can
never each believe they hold the lock.

Where `fcntl` does not exist (Windows) locking is a no-op.
"""

from __future__ import annotations

import contextlib
import errno
import os
import time
from collections.abc import Iterator
from pathlib import Path

from .atomic_write import helper_name

try:
    import fcntl
except ImportError:  # pragma: no cover - not on the systems we test
    fcntl = None  # type: ignore[assignment]

__all__ = ["LOCK_MARK", "SAVE_WAIT", "HeldLock", "LockBusy", "lock_path", "save_lock", "try_lock"]

LOCK_MARK = ".debatemap-lock"
SAVE_WAIT = 5.0
"""Seconds a writer waits for another writer's save to finish before giving up."""
_POLL = 0.05
_O_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


class LockBusy(OSError):
    """Another program held the lock for longer than we would wait."""

    def __init__(self, path: str | os.PathLike[str], waited: float):
        self.user_message = (
            f"{path} is being saved by another program (another debatemap window or command) "
            f"and stayed busy for {waited:g} s; nothing was written. Try again in a moment"
        )
        super().__init__(errno.EAGAIN, self.user_message, str(path))


class HeldLock:
    """A lock this process holds on an open lock file; `release` lets it go."""

    def __init__(self, path: Path, fd: int | None):
        self.path = path
        self._fd = fd

    def release(self, remove: bool = True) -> None:
        """Let the lock go; REMOVE also deletes the lock file (while still holding it)."""
        fd, self._fd = self._fd, None
        if fd is None:
            return
        if remove:
            with contextlib.suppress(OSError):
                os.unlink(self.path)
        os.close(fd)

    def __del__(self) -> None:  # a holder that is dropped must not keep others waiting
        fd, self._fd = self._fd, None
        if fd is not None:
            with contextlib.suppress(OSError):
                os.close(fd)


def lock_path(path: str | os.PathLike[str]) -> Path:
    """The save lock of PATH: `.NAME.debatemap-lock` beside the real file."""
    target = Path(os.path.realpath(path))
    return target.with_name(helper_name(target.name, LOCK_MARK))


def try_lock(path: Path, create: bool = True) -> HeldLock | None:
    """Lock the lock file PATH without waiting: the held lock, or None when another
    holds it. With CREATE false a missing lock file counts as free and None is not
    returned for it: FileNotFoundError is raised. Other OSErrors (a read-only folder)
    are raised as they come."""
    if fcntl is None:
        return HeldLock(path, None)
    while True:
        # Read-only is enough for flock, so another user sharing the folder can lock a
        # lock file left by someone else's crashed save.
        flags = os.O_RDONLY | _O_CLOEXEC | (os.O_CREAT if create else 0)
        fd = os.open(path, flags, 0o666)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return None
        except BaseException:
            os.close(fd)
            raise
        try:
            same = os.path.samestat(os.fstat(fd), os.stat(path))
        except FileNotFoundError:
            same = False
        except BaseException:
            os.close(fd)
            raise
        if same:
            return HeldLock(path, fd)
        os.close(fd)  # the holder removed this file as we locked it: lock the new one
        if not create:
            raise FileNotFoundError(errno.ENOENT, "lock file removed", str(path))


def acquire(path: Path, wait: float, shown_as: str | os.PathLike[str]) -> HeldLock:
    """Lock PATH, waiting up to WAIT seconds; `LockBusy` (naming SHOWN_AS) after that."""
    deadline = time.monotonic() + wait
    while True:
        held = try_lock(path)
        if held is not None:
            return held
        if time.monotonic() >= deadline:
            raise LockBusy(shown_as, wait)
        time.sleep(_POLL)


@contextlib.contextmanager
def save_lock(path: str | os.PathLike[str], wait: float = SAVE_WAIT) -> Iterator[None]:
    """Hold PATH's save lock for the block: every debatemap writer of PATH takes it, so
    a check of the file followed by its replacement is never interleaved with another.
    Raises `LockBusy` after WAIT seconds, or the OSError met creating the lock file."""
    held = acquire(lock_path(path), wait, path)
    try:
        yield
    finally:
        held.release()
