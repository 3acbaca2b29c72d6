"""Replacing a file's content all at once: the one way debatemap writes a file (saves,
`fmt`, exports, recovery copies). The file is either wholly the old or wholly the new
text, whatever happens (a full disk, a crash, a signal); a failure is a `SaveError` that
says what happened and what to do.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import secrets
import stat
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

_O_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


class SaveError(OSError):
    """Saving failed and the file on disk is unchanged; `user_message` says what happened
    and what to do, in words for the person at the keyboard."""

    @property
    def user_message(self) -> str:
        what, todo = _SAVE_ADVICE.get(self.errno or 0, (self.strerror or "the system refused", _ELSEWHERE))
        return f"Could not save {self.filename}: {what}. The file on disk is unchanged; {todo}."


_ELSEWHERE = "keep your edits by saving to another place (save as)"
_SAVE_ADVICE = {
    errno.ENOSPC: ("the disk is full", "free some space and save again, or " + _ELSEWHERE),
    errno.EDQUOT: ("your disk quota is used up", "free some space and save again, or " + _ELSEWHERE),
    errno.EROFS: ("the disk is mounted read-only", _ELSEWHERE),
    errno.EACCES: ("permission denied on the file or its folder", _ELSEWHERE),
    errno.EPERM: ("the file or its folder may not be changed (permissions or an immutable flag)", _ELSEWHERE),
    errno.ENOENT: ("its folder does not exist", _ELSEWHERE),
    errno.EISDIR: ("that name is a folder", _ELSEWHERE),
    errno.EIO: ("the disk reported an input/output error", _ELSEWHERE),
    errno.EILSEQ: ("the text holds characters (lone surrogates) that UTF-8 cannot store", "remove them and save again"),
}

TEMP_MARK = ".debatemap-tmp-"
"""Temp files of a save are `.NAME.debatemap-tmp-PID-RANDOM` beside the file."""


def helper_name(name: str, suffix: str) -> str:
    """`.NAME SUFFIX`, the hidden name of a file kept beside NAME; a name too long to take
    the suffix (names are limited to 255 bytes) is shortened with a hash to stay unique."""
    if len(os.fsencode(name)) > 160:
        digest = hashlib.sha256(os.fsencode(name)).hexdigest()[:12]
        name = f"{name[:40]}~{digest}"
    return f".{name}{suffix}"


def temp_prefix(target: Path) -> str:
    """The name prefix of TARGET's temp files (used to find stale ones)."""
    return helper_name(target.name, TEMP_MARK)


def backup_path(path: str | os.PathLike[str]) -> Path:
    """Where the previous version of PATH is kept: `.NAME.bak` beside the real file."""
    target = Path(os.path.realpath(path))
    return target.with_name(helper_name(target.name, ".bak"))


PIECE = 1 << 20
"""Characters (then bytes) handled per step when writing: between steps the writing thread
lets others run, so a save of 100,000 claims (73 MiB) never holds the interpreter for
longer than one piece (the app's keys wait on it otherwise)."""


def write_text_atomic(
    path: str | os.PathLike[str],
    text: str | Iterable[str],
    *,
    backup: bool = False,
    check: Callable[[], None] | None = None,
) -> str:
    """Replace the file's content all at once, or raise `SaveError` leaving it untouched;
    return the SHA-256 (hex) of the bytes written.

    TEXT may be given as pieces (a list of strings written one after the other), so that
    a big text need never be joined whole. Temp file beside the file, fsync, mode and
    owner carried over, `os.replace`, directory fsync. A symlink is saved through (its
    target is replaced, the link stays). With BACKUP, the version replaced is kept at
    `backup_path(path)` unless it equals TEXT. CHECK is called just before the replace;
    whatever it raises cancels the write. Encoding, writing and comparing go a `PIECE`
    at a time, yielding between pieces.
    """
    pieces: list[bytes] = []
    digest = hashlib.sha256()
    try:
        for part in _parts([text] if isinstance(text, str) else text):
            piece = part.encode("utf-8")  # a str never splits a character
            pieces.append(piece)
            digest.update(piece)
            _yield()
    except UnicodeEncodeError:
        raise SaveError(errno.EILSEQ, "cannot be encoded as UTF-8", str(path)) from None
    target = Path(os.path.realpath(path))
    try:
        _replace(target, pieces, backup, check)
    except OSError as exc:
        raise SaveError(exc.errno, exc.strerror or str(exc), str(path)) from exc
    _fsync_dir(target.parent)
    return digest.hexdigest()


def _parts(texts: Iterable[str]) -> Iterator[str]:
    """The concatenation of TEXTS in parts of about `PIECE` characters: small texts are
    joined a part at a time, a big one is cut."""
    group: list[str] = []
    size = 0
    for text in texts:
        if len(text) > PIECE:
            if group:
                yield "".join(group)
                group, size = [], 0
            for start in range(0, len(text), PIECE):
                yield text[start : start + PIECE]
            continue
        group.append(text)
        size += len(text)
        if size >= PIECE:
            yield "".join(group)
            group, size = [], 0
    if group:
        yield "".join(group)


def _yield() -> None:
    """Let other threads (the app's event loop) run before the next piece."""
    time.sleep(0)


def _replace(target: Path, data: list[bytes], backup: bool, check: Callable[[], None] | None = None) -> None:
    try:
        old = os.stat(target)
    except FileNotFoundError:
        old = None
    tmp = target.with_name(f"{temp_prefix(target)}{os.getpid()}-{secrets.token_hex(4)}")
    kept: Path | None = None
    try:
        _write_new(tmp, data, old)
        if backup and old is not None and stat.S_ISREG(old.st_mode) and not _holds(target, data):
            kept = _link_or_copy(target, tmp.with_name(tmp.name + "-bak"), old)
        if check is not None:
            check()
        os.replace(tmp, target)
    except BaseException:
        for leftover in (tmp, kept):
            if leftover is not None:
                _unlink_quietly(leftover)
        raise
    if kept is not None:
        try:
            os.replace(kept, backup_path(target))
        except OSError:
            _unlink_quietly(kept)  # the save itself succeeded; a lost backup is not worth failing it


def _write_new(tmp: Path, data: list[bytes], like: os.stat_result | None) -> None:
    """Create TMP holding the pieces of DATA, synced to disk, with LIKE's mode and owner
    when given."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _O_CLOEXEC
    fd = os.open(tmp, flags, 0o666 if like is None else 0o600)
    try:
        if like is not None:
            os.fchmod(fd, stat.S_IMODE(like.st_mode))
            if (like.st_uid, like.st_gid) != (os.geteuid(), os.getegid()):
                with contextlib.suppress(OSError):  # only root may give a file away; the mode protects it
                    os.fchown(fd, like.st_uid, like.st_gid)
        for piece in data:
            view = memoryview(piece)
            while view:
                view = view[os.write(fd, view) :]
            _yield()
        os.fsync(fd)
    finally:
        os.close(fd)


def _holds(target: Path, data: list[bytes]) -> bool:
    """True when TARGET's content is exactly the pieces of DATA (then no backup is needed)."""
    try:
        with open(target, "rb") as handle:
            for piece in data:
                if handle.read(len(piece)) != piece:
                    return False
                _yield()
            return handle.read(1) == b""
    except OSError:
        return False


def _link_or_copy(target: Path, kept: Path, old: os.stat_result) -> Path:
    """Keep TARGET's current content at KEPT: a hard link (no copy), else a copy."""
    try:
        os.link(target, kept)
    except OSError:
        with open(target, "rb") as handle:
            _write_new(kept, list(iter(lambda: handle.read(PIECE), b"")), old)
    return kept


def _unlink_quietly(path: Path) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


def _fsync_dir(directory: Path) -> None:
    """Make the rename durable; some systems cannot open a directory, which is harmless."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
