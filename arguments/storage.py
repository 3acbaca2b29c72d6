"""Debate files: the canonical text of a debate (`dumps_debate`, deterministic: the same
debate always gives the same bytes) and `write_debate`, its atomic save.

Reading, with located errors, is in `loading`; the atomic file writing in `atomic_write`.
Their public names are re-exported here, where callers have long found them.
"""

from __future__ import annotations

import json
import os
from typing import Any

from . import toml_writer
from .atomic_write import (
    TEMP_MARK,
    SaveError,
    backup_path,
    helper_name,
    temp_prefix,
    write_text_atomic,
)
from .file_limits import MAX_FILE_BYTES
from .loading import (
    MAX_LISTED,
    decode,
    format_of,
    parse_debate,
    paused_gc,
    read_bytes,
    read_debate,
    read_text,
)
from .model import TABLES, Debate

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_LISTED",
    "TEMP_MARK",
    "SaveError",
    "backup_path",
    "compact_record",
    "decode",
    "dumps_debate",
    "format_of",
    "helper_name",
    "parse_debate",
    "paused_gc",
    "read_bytes",
    "read_debate",
    "read_text",
    "temp_prefix",
    "to_data",
    "write_debate",
    "write_text_atomic",
]


def to_data(debate: Debate) -> dict[str, Any]:
    """The debate as plain data in file order, empty values left out so files stay small."""
    out = _uncompacted_data(debate)
    for table in TABLES:
        if table in out:
            out[table] = [compact_record(record) for record in out[table]]
    return out


def compact_record(data: dict[str, Any]) -> dict[str, Any]:
    """A dumped record without the empty values the canonical form leaves out."""
    out = {}
    for key, value in data.items():
        if value is None or value == "" or value == [] or value is False:
            continue
        if isinstance(value, list) and value and isinstance(value[0], dict):
            value = [compact_record(v) for v in value]
        out[key] = value
    return out


def dumps_debate(debate: Debate, fmt: str = "toml") -> str:
    """The canonical text of a debate: deterministic, and loads back to an equal debate."""
    with paused_gc():
        return _dumps_debate(debate, fmt)


def _dumps_debate(debate: Debate, fmt: str) -> str:
    pointer = debate._editor_schema
    if fmt == "json":
        data = to_data(debate)
        if pointer:
            data = {"$schema": pointer, **data}
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if debate._comments:
        from . import comments

        text = comments.dumps(_uncompacted_data(debate), debate._comments)
    else:
        text = toml_writer.dumps(_uncompacted_data(debate), skip_empty=True)
    return f"#:schema {pointer}\n{text}" if pointer and "\n" not in pointer else text


def _uncompacted_data(debate: Debate) -> dict[str, Any]:
    """`to_data` before compaction, dumped in one call (the writer leaves empties out)."""
    dumped = debate.model_dump(by_alias=True, include=set(TABLES))
    out: dict[str, Any] = {"schema": debate.schema_, "title": debate.title}
    if debate.question:
        out["question"] = debate.question
    if debate.description:
        out["description"] = debate.description
    for table in TABLES:
        if dumped[table]:
            out[table] = dumped[table]
    return out


def write_debate(debate: Debate, path: str | os.PathLike[str]) -> None:
    """Save the debate in its canonical form (TOML, or JSON by extension), atomically,
    keeping the version it replaces as a backup; raise `SaveError` if it cannot."""
    write_text_atomic(path, dumps_debate(debate, format_of(path)), backup=True)
