"""The canonical TOML writer for debate files.

Every record is written as its own `[[table]]` with one `key = value` a line, so hand edits
and git diffs stay small and the line of every field can be found again. (tomli-w folds
short arrays of tables into one inline line, which breaks both, and is several times
slower on large debates.) Only the shapes a debate holds are supported: strings, integers,
booleans, lists of those, and lists of tables one level down (a scenario's overrides).
"""

from __future__ import annotations

import re
from json.encoder import encode_basestring
from typing import Any

_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r", "\b": "\\b", "\f": "\\f"}
_NEEDS_ESCAPE = re.compile(r'["\\\x00-\x1f\x7f]')
_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


def _escape_char(match: re.Match[str]) -> str:
    ch = match.group(0)
    return _ESCAPES.get(ch) or f"\\u{ord(ch):04x}"


def string(value: str) -> str:
    """A TOML basic string: quotes, backslashes and control characters escaped."""
    if "\x7f" in value:
        return '"' + _NEEDS_ESCAPE.sub(_escape_char, value) + '"'
    # JSON's C string encoder escapes exactly as TOML wants, bar DEL (above).
    return encode_basestring(value)


_KEYS: dict[str, str] = {}


def key(name: str) -> str:
    shown = _KEYS.get(name)
    if shown is None:
        shown = _KEYS[name] = name if _BARE_KEY.match(name) else string(name)
    return shown


def value(item: Any) -> str:
    kind = type(item)
    if kind is str:
        return string(item)
    if kind is int:
        return str(item)
    if isinstance(item, bool):
        return "true" if item else "false"
    if isinstance(item, int):
        return str(item)
    if isinstance(item, str):
        return string(item)
    if isinstance(item, float):
        return repr(item)
    if isinstance(item, list):
        return "[" + ", ".join(value(v) for v in item) + "]"
    raise TypeError(f"cannot write {type(item).__name__} to a debate file")


def _is_table_list(item: Any) -> bool:
    return isinstance(item, list) and bool(item) and all(isinstance(v, dict) for v in item)


def dumps(data: dict[str, Any], *, skip_empty: bool = False) -> str:
    """DATA (scalars first, then arrays of tables) as canonical TOML text.

    With SKIP_EMPTY, record fields that are None, "", [] or False are left out, as if
    the records had been compacted first (saving a debate does this in one pass).
    """
    out: list[str] = []
    for name, item in data.items():
        if not _is_table_list(item):
            out.append(f"{key(name)} = {value(item)}\n")
    for name, item in data.items():
        if _is_table_list(item):
            for record in item:
                _table(out, key(name), record, skip_empty)
    return "".join(out)


def _table(out: list[str], header: str, record: dict[str, Any], skip_empty: bool) -> None:
    # The hot loop of saving: strings and integers, the common values, take the short way.
    append = out.append
    append(f"\n[[{header}]]\n")
    nested = []
    for name, item in record.items():
        kind = type(item)
        if kind is str:
            if item or not skip_empty:
                append(f"{key(name)} = {string(item)}\n")
        elif kind is int:
            append(f"{key(name)} = {item}\n")
        elif skip_empty and (item is None or item is False or item == []):
            continue
        elif _is_table_list(item):
            nested.append((name, item))
        else:
            append(f"{key(name)} = {value(item)}\n")
    for name, items in nested:
        for sub in items:
            _table(out, f"{header}.{key(name)}", sub, skip_empty)
