"""What the merge driver does with what is not a debate, and with a JSON debate in conflict.

The `*.toml` pattern a user puts in `.gitattributes` also catches `pyproject.toml` and the
like: such a file is handed back to git's own line merge (`git merge-file`), never replaced
by ours. A JSON debate cannot hold conflict markers, so a conflicted JSON merge is written
as the merged debate (ours' value at each conflict, every other change from both sides)
with a `merge_conflicts` list in front giving ours', base's and theirs' version of each
conflict; the loader refuses that key, so the file fails `debatemap check` until a person
resolves each conflict and deletes the key.
"""

from __future__ import annotations

import contextlib
import json
import subprocess
from typing import Any

import tomli
from pydantic import ValidationError

from .merge import Conflict, Entry, MergeResult
from .model import Debate
from .storage import to_data
from .terminal_json import json_dumps_terminal_safe

DEBATE_KEYS = {"schema", "claims"}
"""Top-level keys at least one of which every debate file has (`schema` is always written)."""


def is_debate_text(text: str) -> bool:
    """Whether TEXT is meant as a debate: TOML or JSON holding a `schema` or `claims` key.

    A debate with mistakes in it still counts (the driver reports them); TOML that is some
    other tool's configuration, or text that is neither TOML nor JSON, does not.
    """
    stripped = text.lstrip("\ufeff \t\r\n")
    if not stripped:
        return True  # git's empty base when both sides added the file
    try:
        raw = json.loads(stripped) if stripped.startswith("{") else tomli.loads(text.lstrip("\ufeff"))
    except (ValueError, RecursionError):
        return False
    return isinstance(raw, dict) and bool(DEBATE_KEYS & raw.keys())


def git_merge_file(base: str, ours: str, theirs: str, marker_size: int) -> tuple[bytes, int]:
    """git's own three-way line merge of the files: (merged bytes, number of conflicts).

    Raises `OSError` when git cannot be run, `RuntimeError` when it fails.
    """
    done = subprocess.run(
        [
            "git",
            "merge-file",
            "-p",
            f"--marker-size={marker_size}",
            "-L",
            "ours",
            "-L",
            "base",
            "-L",
            "theirs",
            "--",
            ours,
            base,
            theirs,
        ],
        capture_output=True,
        timeout=300,
        check=False,
    )
    if done.returncode < 0 or done.returncode > 127:
        raise RuntimeError(done.stderr.decode("utf-8", "replace").strip() or f"exit status {done.returncode}")
    return done.stdout, done.returncode


def conflicted_json(result: MergeResult) -> str:
    """The conflicted merge as a JSON debate with a `merge_conflicts` list in front."""
    data: dict[str, Any] = result.provisional_data()
    with contextlib.suppress(ValidationError):  # a rule the merge broke: written as merged, and listed below
        data = to_data(Debate.model_validate(data))
    listed = [_conflict_data(result, c) for c in result.conflicts]
    return json_dumps_terminal_safe({"merge_conflicts": listed, **data}) + "\n"


def _conflict_data(result: MergeResult, conflict: Conflict) -> dict[str, Any]:
    out: dict[str, Any] = {"conflict": str(conflict)}
    if conflict.kind == "order":
        ours, theirs = result.reorders.get(conflict.key or "", ([], []))
        return {**out, "ours": ours, "theirs": theirs}
    entry: Entry | None
    if conflict.table is None:
        entry = result.header
    else:
        entry = next((e for e in result.tables[conflict.table] if e.key == conflict.key), None)
    if entry is None:
        return out
    for side in ("ours", "base", "theirs"):
        version = getattr(entry, side)
        if conflict.field is not None:
            version = None if version is None else version.get(conflict.field)
        out[side] = version
    return out
