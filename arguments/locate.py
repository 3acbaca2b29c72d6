"""Find the line in a debate file that a location like ("claims", 12, "parent") points at.

The files we write, and most that people write by hand, use one `[[table]]` header per
record and one `key = value` per line, so a single scan of the text finds each record's
header and keys. Anything the scan cannot place falls back to the record's header line, or
to line 1.
"""

from __future__ import annotations

import re

from .problems import Loc

_HEADER = re.compile(r"^\s*\[\[\s*([A-Za-z0-9_\-\"']+)\s*\]\]")
_TABLE = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]\s*(#.*)?$")
_KEY = re.compile(r"^\s*\"?([A-Za-z0-9_\-]+)\"?\s*=")


class TomlLines:
    """Line numbers of each `[[table]]` record and the keys within it."""

    def __init__(self, text: str):
        self.records: dict[str, list[int]] = {}
        self.keys: dict[tuple[str, int] | None, dict[str, int]] = {None: {}}
        current: tuple[str, int] | None = None
        in_multiline = False
        for number, line in enumerate(text.splitlines(), start=1):
            if in_multiline:
                if line.count('"""') % 2 == 1 or line.count("'''") % 2 == 1:
                    in_multiline = False
                continue
            header = _HEADER.match(line)
            if header:
                name = header.group(1).strip("\"'")
                rows = self.records.setdefault(name, [])
                rows.append(number)
                current = (name, len(rows) - 1)
                self.keys[current] = {}
                continue
            if _TABLE.match(line) and not _KEY.match(line):
                current = ("", -1)
                self.keys.setdefault(current, {})
                continue
            key = _KEY.match(line)
            if key:
                self.keys.setdefault(current, {}).setdefault(key.group(1), number)
                if line.count('"""') == 1 or line.count("'''") == 1:
                    in_multiline = True

    def line_of(self, loc: Loc) -> int:
        if not loc:
            return 1
        if len(loc) >= 2 and isinstance(loc[0], str) and isinstance(loc[1], int):
            rows = self.records.get(loc[0], [])
            if loc[1] < len(rows):
                record = (loc[0], loc[1])
                if len(loc) >= 3 and isinstance(loc[2], str):
                    return self.keys.get(record, {}).get(loc[2], rows[loc[1]])
                return rows[loc[1]]
            top = self.keys[None].get(loc[0])
            return top or 1
        if isinstance(loc[0], str):
            return self.keys[None].get(loc[0], 1)
        return 1


class JsonLines:
    """Approximate lines for JSON: the n-th object in a table's array, then the key in it.

    JSON debates are mostly written by tools; the scan counts `{` at the array's nesting
    level, which is exact for any JSON whose strings hold no unbalanced braces.
    """

    def __init__(self, text: str):
        self.text = text

    def line_of(self, loc: Loc) -> int:
        text = self.text
        if not loc or not isinstance(loc[0], str):
            return 1
        start = text.find(f'"{loc[0]}"')
        if start < 0:
            return 1
        pos = start
        if len(loc) >= 2 and isinstance(loc[1], int):
            pos = _nth_object(text, text.find("[", start), loc[1])
            if pos < 0:
                pos = start
            elif len(loc) >= 3 and isinstance(loc[2], str):
                end = _object_end(text, pos)
                key = text.find(f'"{loc[2]}"', pos, end)
                if key >= 0:
                    pos = key
        return text.count("\n", 0, pos) + 1


def _nth_object(text: str, array_start: int, n: int) -> int:
    if array_start < 0:
        return -1
    depth = 0
    count = -1
    in_string = False
    escaped = False
    for i in range(array_start, len(text)):
        ch = text[i]
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
            continue
        if ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if ch == "{" and depth == 2:
                count += 1
                if count == n:
                    return i
        elif ch in "]}":
            depth -= 1
            if depth == 0:
                return -1
    return -1


def _object_end(text: str, start: int) -> int:
    depth = 0
    in_string = False
    escaped = False
    for i in range(start, len(text)):
        ch = text[i]
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
            continue
        if ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
        elif ch in "]}":
            depth -= 1
            if depth == 0:
                return i
    return len(text)
