"""Where a command may write its output: never onto its own input or onto a debate unless
told to, and never without keeping the file it replaces.

Every command with `-o` (export, diff, schema, import, merge) writes through
`write_output_file`. It refuses, before anything is written:
- OUT that is one of the command's inputs (the same file by any name: a symlink, a hard
  link, `./x` for `x`), unless it is an input the command updates in place by design
  (merge's OURS, which is how git runs the merge driver: `-o %A`);
- OUT that holds a debate (TOML or JSON with a `claims` list, or a TOML file with
  `[[claims]]` tables that no longer parses, such as one with conflict markers), also
  through a symlink;
- with `existing_ok` false, any OUT that exists;
all unless FORCE. Whatever it replaces is kept as `.NAME.bak` beside the real file, as the
app's saves do, except git's own temporary merge files (`.merge_file_*`), whose old
content git keeps.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Sequence
from pathlib import Path

import tomli

from .atomic_write import backup_path, write_text_atomic
from .display import one_line
from .file_lock import SAVE_WAIT, LockBusy, acquire, lock_path
from .loading import read_text
from .problems import DebateError

__all__ = ["OutputRefused", "check_output", "holds_debate", "write_output_file"]

# Found by its brackets, then checked to open its line: a pattern opening with `(?m)^`
# tries every position (25 ms on a 6 MB handout that `export -o` replaces).
_CLAIMS_TABLE = re.compile(r"\[\[[ \t]*claims[ \t]*\]\]")
_GIT_TEMP = ".merge_file_"


class OutputRefused(Exception):
    """Writing OUT would destroy something; nothing was written."""

    def __init__(self, message: str):
        self.user_message = message
        super().__init__(message)


def holds_debate(path: str | os.PathLike[str]) -> bool:
    """True when PATH (followed through symlinks) holds a debate, sound or not."""
    try:
        text = read_text(path)
    except DebateError:
        return False
    if text.lstrip("\ufeff \t\r\n").startswith("{"):
        try:
            raw = json.loads(text)
        except (ValueError, RecursionError):
            return False
        return isinstance(raw, dict) and isinstance(raw.get("claims"), list)
    try:
        raw = tomli.loads(text)
    except (tomli.TOMLDecodeError, RecursionError, ValueError):
        return _has_claims_table(text)
    return isinstance(raw.get("claims"), list)


def _has_claims_table(text: str) -> bool:
    """True when a line of TEXT opens with a `[[claims]]` header (spaces and tabs before);
    in linear time: only a line's first header is looked before."""
    line_start = searched = 0
    for match in _CLAIMS_TABLE.finditer(text):
        start = match.start()
        newline = text.rfind("\n", searched, start)
        searched = start
        if newline >= 0:
            line_start = newline + 1
        elif line_start < 0:
            continue  # on a line whose first header had text before it
        if not text[line_start:start].strip(" \t"):
            return True
        line_start = -1
    return False


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        return False


def check_output(
    out: str,
    inputs: Sequence[str] = (),
    *,
    force: bool = False,
    in_place: Sequence[str] = (),
    existing_ok: bool = True,
) -> None:
    """Raise `OutputRefused` saying what and where when writing OUT would replace one of
    INPUTS (other than IN_PLACE ones), a debate, or (without EXISTING_OK) any file."""
    if force or not os.path.lexists(out):
        return
    shown = one_line(out)
    if any(_same_file(out, given) for given in in_place):
        return
    link = f" (a link to {one_line(os.path.realpath(out))})" if os.path.islink(out) else ""
    advice = f"Nothing was written; use --force to replace it (a backup is kept as {one_line(str(backup_path(out)))})."
    for given in inputs:
        if _same_file(out, given):
            raise OutputRefused(
                f"{shown}{link}: that is the input {one_line(given)}; writing there would replace it. {advice}"
            )
    if holds_debate(out):
        raise OutputRefused(f"{shown}{link}: holds a debate; writing there would replace it. {advice}")
    if not existing_ok:
        raise OutputRefused(f"{shown}{link}: already exists. {advice}")


def write_output_file(
    out: str,
    text: str,
    inputs: Sequence[str] = (),
    *,
    force: bool = False,
    in_place: Sequence[str] = (),
    existing_ok: bool = True,
) -> None:
    """`check_output`, then write TEXT to OUT atomically keeping what it replaces as the
    backup; `OutputRefused` or `SaveError` (nothing written) if not."""
    check_output(out, inputs, force=force, in_place=in_place, existing_ok=existing_ok)
    keep = not Path(os.path.realpath(out)).name.startswith(_GIT_TEMP)
    try:  # an app saving OUT at this moment finishes first (and then sees the change)
        held = acquire(lock_path(out), SAVE_WAIT, out)
    except LockBusy:
        raise
    except OSError:
        held = None  # no lock file possible here: the write itself says why it fails
    try:
        write_text_atomic(out, text, backup=keep)
    finally:
        if held is not None:
            held.release()
