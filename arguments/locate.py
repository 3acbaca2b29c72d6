"""Find the line in a debate file that a location like ("claims", 12, "parent") points at.

Both scanners make one linear pass (string bodies are skipped by regular expressions, so
a 20 MB string costs no Python loop) and build an index that answers every lookup in
constant time; files with thousands of problems stay fast. What a scan cannot place falls
back to the nearest enclosing record, or to line 1.
"""

from __future__ import annotations

import bisect
import json
import re
from typing import Any

from .problems import Loc

Record = tuple[tuple[str, int], ...]
"""A record by its path of (table, index) pairs: (("scenarios", 0), ("positions", 1))."""

_KEY_PART = r"""\s*(?:"[^"\\\n]*(?:\\.[^"\\\n]*)*"|'[^'\n]*'|[A-Za-z0-9_-]+)\s*"""
_KEY = re.compile(rf"({_KEY_PART})(?:\.{_KEY_PART})*=")  # group 1: the first part
_FIRST_PART = re.compile(_KEY_PART)
_VALUE_TOKEN = re.compile(r""""\"\"|'''|"[^"\\\n]*(?:\\.[^"\\\n]*)*"|'[^'\n]*'|[\[\]{}#]""")


def _key_name(part: str) -> str:
    part = part.strip()
    if part[:1] == '"':
        try:
            name: str = json.loads(part)  # a double-quoted TOML key is a JSON string
        except ValueError:
            return part[1:-1]
        return name
    return part.strip("'")


def _header_parts(inside: str) -> list[str]:
    return [_key_name(m.group(0)) for m in _FIRST_PART.finditer(inside) if m.group(0).strip()]


def _close_of(line: str, start: int, delim: str) -> int:
    """Index just after the DELIM closing a multi-line string in LINE, or -1."""
    pos = line.find(delim, start)
    while pos >= 0:
        before = pos
        while delim == '"""' and before > start and line[before - 1] == "\\":
            before -= 1
        if (pos - before) % 2 == 0:
            end = pos + 3
            while end < len(line) and line[end] == delim[0] and end < pos + 5:
                end += 1  # up to two quotes may end the string's content
            return end
        pos = line.find(delim, pos + 1)
    return -1


class TomlLines:
    """Line numbers of each `[[table]]` record, each `[table]`, and the keys within them."""

    def __init__(self, text: str):
        self.headers: dict[Record, int] = {}
        self.keys: dict[Record, dict[str, int]] = {(): {}}
        self._counts: dict[tuple[Record, str], int] = {}
        self._latest: dict[tuple[str, ...], Record] = {}
        self._depth = 0
        self._open: str | None = None
        current: Record | None = ()
        # Only \n ends a TOML line; str.splitlines would also split at \x85, \u2028, ...
        for number, line in enumerate(text.split("\n"), start=1):
            if self._open:
                end = _close_of(line, 0, self._open)
                if end >= 0:
                    self._open = None
                    self._scan_value(line, end)
                continue
            if self._depth:
                self._scan_value(line, 0)
                continue
            stripped = line.lstrip()
            if not stripped or stripped[0] == "#":
                continue
            if stripped.startswith("[["):
                current = self._array_header(_header_parts(stripped[2 : stripped.find("]]")]), number)
            elif stripped[0] == "[":
                self._table_header(_header_parts(stripped[1 : stripped.find("]")]), number)
                current = None  # keys of a plain table belong to no record we report on
            else:
                match = _KEY.match(line)
                if not match:
                    continue
                if current is not None:
                    name = _key_name(match.group(1))
                    self.keys.setdefault(current, {}).setdefault(name, number)
                self._scan_value(line, match.end())

    def _array_header(self, parts: list[str], number: int) -> Record:
        parent = self._latest.get(tuple(parts[:-1]), ()) if len(parts) > 1 else ()
        name = parts[-1] if parts else ""
        index = self._counts.get((parent, name), 0)
        self._counts[(parent, name)] = index + 1
        record = (*parent, (name, index))
        self.headers[record] = number
        self.keys[record] = {}
        self._latest[tuple(parts)] = record
        self.keys.setdefault(parent, {}).setdefault(name, number)
        return record

    def _table_header(self, parts: list[str], number: int) -> None:
        if not parts:
            return
        parent = self._latest.get(tuple(parts[:-1]), ()) if len(parts) > 1 else ()
        self.keys.setdefault(parent, {}).setdefault(parts[-1], number)

    def _scan_value(self, line: str, pos: int) -> None:
        """Follow brackets and strings to the end of LINE; note a multi-line string left open."""
        while True:
            match = _VALUE_TOKEN.search(line, pos)
            if not match:
                return
            token = match.group(0)
            pos = match.end()
            if token in ('"""', "'''"):
                end = _close_of(line, pos, token)
                if end < 0:
                    self._open = token
                    return
                pos = end
            elif token == "#":
                return
            elif token in "[{":
                self._depth += 1
            elif token in "]}":
                self._depth = max(0, self._depth - 1)

    def line_of(self, loc: Loc) -> int:
        record: Record = ()
        line = 1
        i = 0
        while i < len(loc):
            part = loc[i]
            if not isinstance(part, str):
                return line
            nxt = loc[i + 1] if i + 1 < len(loc) else None
            if isinstance(nxt, int) and (*record, (part, nxt)) in self.headers:
                record = (*record, (part, nxt))
                line = self.headers[record]
                i += 2
                continue
            return self.keys.get(record, {}).get(part, line)
        return line


_JSON_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{},]')


def _json_key(token: str) -> str:
    if "\\" not in token:
        return token[1:-1]
    try:
        key: str = json.loads(token)  # a JSON string token
    except ValueError:
        return token[1:-1]
    return key


def _scan_json(text: str, index: dict[Loc, int] | None) -> tuple[str, int] | None:
    """Record in INDEX the offset of every container and key by its path; return the first
    key named twice in one object (key, offset), or None. Without INDEX, stop at it."""
    stack: list[list[Any]] = []  # [path, is_object, index, key, keys seen]
    expect_key = False
    duplicate = None
    for match in _JSON_TOKEN.finditer(text):
        token = match.group(0)
        first = token[0]
        if first == '"':
            if expect_key:
                frame = stack[-1]
                key = _json_key(token)
                frame[3] = key
                if key in frame[4] and duplicate is None:
                    duplicate = (key, match.start())
                    if index is None:
                        return duplicate
                frame[4].add(key)
                if index is not None:
                    index.setdefault(frame[0] + (key,), match.start())
                expect_key = False
        elif first in "{[":
            if stack:
                top = stack[-1]
                path = top[0] + ((top[3],) if top[1] else (top[2],))
            else:
                path = ()
            if index is not None:
                index.setdefault(path, match.start())
            stack.append([path, first == "{", 0, None, set()])
            expect_key = first == "{"
        elif first in "]}":
            if stack:
                stack.pop()
            expect_key = False
        elif stack:  # a comma
            top = stack[-1]
            if top[1]:
                expect_key = True
            else:
                top[2] += 1
    return duplicate


class JsonLines:
    """Lines of every object, array and key in a JSON debate, by path."""

    def __init__(self, text: str):
        self.text = text
        self.where: dict[Loc, int] = {}
        _scan_json(text, self.where)
        self._newlines: list[int] | None = None

    def _line_at(self, offset: int) -> int:
        if self._newlines is None:
            self._newlines = [m.start() for m in re.finditer("\n", self.text)]
        return bisect.bisect_left(self._newlines, offset) + 1

    def line_of(self, loc: Loc) -> int:
        for size in range(len(loc), 0, -1):
            offset = self.where.get(tuple(loc[:size]))
            if offset is not None:
                return self._line_at(offset)
        return 1


def first_duplicate_key(text: str) -> tuple[str, int] | None:
    """The first key a JSON object names twice, with its line, or None."""
    found = _scan_json(text, None)
    if found is None:
        return None
    key, offset = found
    return key, text.count("\n", 0, offset) + 1


_SURROGATE = re.compile(r"(\\+)u([dD][89a-fA-F][0-9a-fA-F]{2})")
_LOW = re.compile(r"\\u[dD][c-fC-F][0-9a-fA-F]{2}")


def lone_surrogate_line(text: str) -> int | None:
    """The line of the first JSON `\\uXXXX` escape that is half a surrogate pair, or None."""
    if "\\u" not in text:
        return None  # the usual case, found at memchr speed
    pair_end = -1
    for match in _SURROGATE.finditer(text):
        if len(match.group(1)) % 2 == 0:
            continue  # an escaped backslash followed by the letter u
        escape_start = match.end() - 6
        if escape_start < pair_end:
            continue  # the low half of a pair already accepted
        if int(match.group(2), 16) < 0xDC00 and _LOW.match(text, match.end()):
            pair_end = match.end() + 6
            continue
        return text.count("\n", 0, escape_start) + 1
    return None


class CanonicalLines:
    """`TomlLines.line_of` for a text in the canonical form (as `fmt` and every save write
    it: no comment, no string over two lines, each `[[table]]` header after a blank line),
    without scanning the whole text as TOML: at 100,000 claims the scan took 3 s, after
    the load had found a broken reference in a second. A table's headers are found once
    (a C search each, their lines counted on the way), on its first problem; a record's
    key by one more search. Anything else (a nested table, a top-level key) goes to a
    `TomlLines` made on first use."""

    def __init__(self, text: str):
        self.text = text
        self._whole: TomlLines | None = None
        self._headers: dict[str, tuple[list[int], list[int]]] = {}

    def line_of(self, loc: Loc) -> int:
        text = self.text
        if len(loc) < 2 or not isinstance(loc[0], str) or not isinstance(loc[1], int) or "." in loc[0]:
            return self._scanned(loc)
        table, index = loc[0], loc[1]
        places, lines = self._headers_of(table)
        if not 0 <= index < len(places):
            return self._scanned(loc)
        at, line = places[index], lines[index]
        if len(loc) < 3 or not isinstance(loc[2], str):
            return line
        end = text.find("\n[[", at + 1)
        end = len(text) if end < 0 else end
        if text.startswith(f"\n[[{table}.", end):
            return self._scanned(loc)  # tables nested in this record follow it
        key = text.find(f"\n{loc[2]} = ", at + 1, end)
        return line if key < 0 else line + text.count("\n", at, key)

    def _headers_of(self, table: str) -> tuple[list[int], list[int]]:
        """Where each `[[TABLE]]` header's leading newline is, and the header's line: found
        once, so that a thousand problems (a stakeholder's id changed, and every stance of
        it) cost one pass, not a pass each (4 minutes at 100,000 claims)."""
        found = self._headers.get(table)
        if found is None:
            text, header = self.text, f"\n[[{table}]]\n"
            places: list[int] = []
            lines: list[int] = []
            newlines = counted = 0
            at = text.find(header)
            while at >= 0:
                newlines += text.count("\n", counted, at)
                counted = at
                places.append(at)
                lines.append(newlines + 2)  # the header's line: after its leading newline
                at = text.find(header, at + 1)
            found = self._headers[table] = (places, lines)
        return found

    def _scanned(self, loc: Loc) -> int:
        if self._whole is None:
            self._whole = TomlLines(self.text)
        return self._whole.line_of(loc)
