"""A debate file being worked on: load it, remember what was loaded, save it safely.

This is the one place the app and the commands save through. It keeps the promises in
README "Your work is safe": atomic replace, a backup of the previous version, no silent
overwrite of a file changed on disk since it was loaded, and a recovery file for unsaved
edits.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from .model import Debate
from .storage import dumps_debate, format_of, parse_debate, read_text, write_text_atomic


class ConflictError(Exception):
    """The file on disk changed since it was loaded; saving would overwrite someone's work."""


def fingerprint(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class WorkFile:
    """PATH and the fingerprint of the text last loaded from or saved to it."""

    def __init__(self, path: str | os.PathLike[str]):
        self.path = Path(path)
        self.loaded_hash: str | None = None

    @property
    def fmt(self) -> str:
        return format_of(self.path)

    def load(self) -> Debate:
        """Read and check the file (raises `DebateError`), remembering its fingerprint."""
        text = read_text(self.path)
        debate = parse_debate(text, str(self.path), self.fmt)
        self.loaded_hash = fingerprint(text.lstrip("\ufeff"))
        return debate

    def changed_on_disk(self) -> bool:
        """True when the file's content differs from what was loaded or last saved."""
        if self.loaded_hash is None:
            return self.path.exists()
        try:
            current = read_text(self.path).lstrip("\ufeff")
        except Exception:  # noqa: BLE001 - gone or unreadable counts as changed
            return True
        return fingerprint(current) != self.loaded_hash

    @property
    def recovery_path(self) -> Path:
        """Where unsaved edits are kept until a good save: beside the file, hidden."""
        return self.path.with_name(f".{self.path.name}.debatemap-recovery")

    def write_recovery(self, debate: Debate) -> None:
        """Keep a copy of unsaved edits (never the user's file itself)."""
        write_text_atomic(self.recovery_path, dumps_debate(debate, self.fmt))

    def recovery(self) -> Debate | None:
        """The recovered edits left by a session that did not save, if any are readable."""
        if not self.recovery_path.exists():
            return None
        try:
            return parse_debate(read_text(self.recovery_path), str(self.recovery_path), self.fmt)
        except Exception:  # noqa: BLE001 - an unreadable recovery file offers nothing
            return None

    def discard_recovery(self) -> None:
        try:
            self.recovery_path.unlink()
        except FileNotFoundError:
            pass

    def save(self, debate: Debate, force: bool = False) -> None:
        """Save atomically; raise `ConflictError` if the file changed on disk (unless FORCE),
        `OSError` if it cannot be written (the old file is then untouched)."""
        if not force and self.changed_on_disk():
            raise ConflictError(f"{self.path} was changed on disk since it was opened")
        text = dumps_debate(debate, self.fmt)
        write_text_atomic(self.path, text)
        self.loaded_hash = fingerprint(text)
        self.discard_recovery()
