"""The canonical TOML form of debate files: writing it, and reading it back fast.

Every record is written as its own `[[table]]` with one `key = value` a line, so hand edits
and git diffs stay small and the line of every field can be found again. (tomli-w folds
short arrays of tables into one inline line, which breaks both, and is several times
slower on large debates.) Only the shapes a debate holds are supported: strings, integers,
booleans, lists of those, and lists of tables one level down (a scenario's overrides).
"""

from __future__ import annotations

import json
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


# Reading the canonical form back. tomli takes 0.27 s on a 7.5 MB debate; a file in the
# form `dumps` writes is also, line for line, JSON in disguise, which the C JSON parser
# reads several times faster. `loads_canonical` accepts only text that a strict grammar
# proves to be that form, where TOML and JSON agree on every value; anything else
# (comments, other spacing, literal strings, floats, dates, inline tables, `\U` escapes,
# duplicate keys, a table redefined) returns None, and the caller parses with tomli.
_NAME = r"[A-Za-z0-9_-]++"
_STRING = r'"(?:[^"\\\x00-\x1f\x7f\ud800-\udfff]++|\\[btnfr"\\]|\\u(?![dD][89a-fA-F])[0-9A-Fa-f]{4})*+"'
_SCALAR = rf"(?:{_STRING}|-?(?:0|[1-9][0-9]{{0,17}})(?![0-9])|true|false)"
_VALUE = rf"(?:{_SCALAR}|\[(?:{_SCALAR}(?:, {_SCALAR})*+)?\])"
_KEY_LINE = rf"{_NAME} = {_VALUE}\n"
_CANONICAL = re.compile(
    rf"(?:#[^\x00-\x1f\x7f]*+\n)?(?:{_KEY_LINE})*+(?:\n\[\[{_NAME}(?:\.{_NAME})?\]\]\n(?:{_KEY_LINE})*+)*+"
)
_KEY_AT_LINE_START = re.compile(r"\n([A-Za-z0-9_-]++) = ")


def loads_canonical(text: str) -> dict[str, Any] | None:
    """TEXT parsed exactly as tomli would, when it is in the canonical form; else None."""
    if _CANONICAL.fullmatch(text) is None:
        return None
    if text.startswith("#"):
        text = text[text.index("\n") + 1 :]
    # A header line becomes `},"NAME",{` and every object opens with a dummy key "", so
    # that each key line, whatever came before it, can become `,"KEY": VALUE`. Only the
    # grammar's line breaks are matched: no string holds a raw newline.
    text = text.replace("\n\n[[", '\n},"').replace("]]\n", '",{"":0\n')
    parts = _KEY_AT_LINE_START.split("\n" + text)
    keys = parts[1::2]
    quoted = {k: f',"{k}": ' for k in set(keys)}
    parts[1::2] = map(quoted.__getitem__, keys)
    try:
        items = json.loads('[{"":0' + "".join(parts) + "}]")
    except (ValueError, RecursionError):
        return None
    tables = items[0::2]
    if sum(map(len, tables)) - len(tables) != len(keys):
        return None  # a key given twice in one table (JSON keeps the last; tomli refuses)
    for table in tables:
        del table[""]
    return _assemble(items)


def _assemble(items: list[Any]) -> dict[str, Any] | None:
    """The document from [top-level keys, header, record, header, record, ...], with
    TOML's rules for arrays of tables (`[[a.b]]` appends to the last `a`'s `b`)."""
    top: dict[str, Any] = items[0]
    arrays: set[str] = set()
    nested: set[tuple[int, str]] = set()
    for i in range(1, len(items), 2):
        header, record = items[i], items[i + 1]
        if "." not in header:
            if header not in arrays:
                if header in top:
                    return None
                top[header] = []
                arrays.add(header)
            top[header].append(record)
            continue
        outer, inner = header.split(".")
        if outer not in arrays:
            return None
        last = top[outer][-1]
        if inner not in last:
            last[inner] = []
            nested.add((id(last), inner))
        elif (id(last), inner) not in nested:
            return None
        last[inner].append(record)
    return top
