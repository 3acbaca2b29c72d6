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
from collections.abc import Callable, Iterable, Iterator
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
# (comments other than a `#:schema` first line, other spacing, literal strings, floats,
# dates, inline tables, `\U` escapes, duplicate keys, a table redefined) returns None, and
# the caller parses with tomli (and `arguments.comments` collects the comments).
_NAME = r"[A-Za-z0-9_-]++"
_STRING = r'"(?:[^"\\\x00-\x1f\x7f\ud800-\udfff]++|\\[btnfr"\\]|\\u(?![dD][89a-fA-F])[0-9A-Fa-f]{4})*+"'
_SCALAR = rf"(?:{_STRING}|-?(?:0|[1-9][0-9]{{0,17}})(?![0-9])|true|false)"
_VALUE = rf"(?:{_SCALAR}|\[(?:{_SCALAR}(?:, {_SCALAR})*+)?\])"
_KEY_LINE = rf"{_NAME} = {_VALUE}\n"
_BLOCKS = rf"(?:\n\[\[{_NAME}(?:\.{_NAME})?\]\]\n(?:{_KEY_LINE})*+)*+"
_CANONICAL = re.compile(rf"(?:#:schema [^\x00-\x1f\x7f]*+\n)?(?:{_KEY_LINE})*+{_BLOCKS}")
_MORE_BLOCKS = re.compile(_BLOCKS)
_KEY_AT_LINE_START = re.compile(r"\n([A-Za-z0-9_-]++) = ")


Convert = Callable[[str, list[dict[str, Any]]], list[Any]]
"""(table, its records as read) -> what to keep instead (loading: the models)."""

JsonConvert = Callable[[str, str], "tuple[list[Any], int] | None"]
"""(table, a JSON array of some of its records) -> what `Convert` would have returned for
them and the number of keys they were given (a key given twice, which JSON keeps the last
of, counted once), or None to have them read and converted that way."""


def loads_canonical(
    text: str, convert: Convert | None = None, convert_json: JsonConvert | None = None
) -> dict[str, Any] | None:
    """TEXT parsed exactly as tomli would, when it is in the canonical form; else None.

    With CONVERT, the records of each top-level array of tables are handed to
    CONVERT(table, records) as they are read, a chunk at a time, and replaced by what it
    returns (loading turns them into models while the rest is parsed). With CONVERT_JSON
    too, a chunk holding records of one table only is handed to it as JSON text, unparsed.
    """
    if "\n#" in text:
        return None  # a comment line (no string of the form holds a raw newline)
    return loads_canonical_chunks(chunks(text), convert, convert_json)


def loads_canonical_chunks(
    pieces: Iterable[str], convert: Convert | None = None, convert_json: JsonConvert | None = None
) -> dict[str, Any] | None:
    """`loads_canonical` of the text cut into PIECES by `chunks` (or read that way from a
    file, so that the whole text never needs to be in memory)."""
    document = reader(convert, convert_json)
    pending: str | None = None
    for piece in pieces:
        if pending is not None and not document.feed(pending, last=False):
            return None
        pending = piece
    if pending is None or not document.feed(pending, last=True):
        return None
    return document.top


CHUNK = 1 << 18
"""Characters parsed at a time, so that only one chunk's intermediate text and raw
tables exist at once (a 50,000-claim file is 37 MB)."""


def chunks(text: str, stop: int | None = None) -> Iterator[str]:
    """TEXT (up to STOP, a place `next_cut` found) cut just before top-level `[[` headers
    (never between a record and the `[[a.b]]` records nested in it), into pieces of about
    `CHUNK` characters."""
    start, stop = 0, len(text) if stop is None else stop
    while start < stop:
        end = next_cut(text, start + max(CHUNK, 1))
        if end < 0 or end > stop:
            end = stop
        yield text[start:end]
        start = end


def next_cut(text: str, start: int) -> int:
    """Where `chunks` may cut TEXT at or after START (-1: nowhere)."""
    end = text.find("\n\n[[", start)
    while end >= 0 and "." in text[end + 4 : text.find("]]", end)]:
        end = text.find("\n\n[[", end + 1)
    return end


def _json_items(body: str) -> list[Any] | None:
    """BODY, lines the grammar has matched (top-level keys, then `[[table]]` blocks, each
    header after a blank line, every line ending in a newline), read as the JSON list
    [TOP, "TABLE", RECORD, "TABLE", RECORD, ...]; None when a table gives a key twice
    (JSON keeps the last, tomli refuses) or has no key at all."""
    if not body:
        return [{}]
    headers = body.count("\n[[")
    keys = body.count("\n") - 2 * headers
    if body.count(" = ") == keys:
        items = _loads(_replaced(body))
    else:
        items = _loads_split(body)  # some string holds " = ": its key lines are found by a regex
    if items is None or sum(map(len, items[0::2])) != keys:
        return None
    return items


def _replaced(body: str) -> str:
    """BODY as JSON by plain replacements, when its only ` = ` are those of its key lines.
    Each line's newline moves to its front; then a blank line and a header `[[T]]` become
    `},"T",{"`, a key line's newline `,"` and its ` = ` `": `. Only the grammar's line
    breaks are matched: no string holds a raw newline, and no value ends in `]]` (arrays
    hold no arrays); a table without keys makes JSON that does not parse."""
    if body[0] == "\n":  # no top-level key: the top table is empty
        start, text = "[{", "\n" + body[:-1]
    else:
        start, text = '[{"', body[:-1]
    text = text.replace("\n\n[[", '},"').replace("]]\n", '",{"').replace(" = ", '": ').replace("\n", ',"')
    return start + text + "}]"


def _loads_split(body: str) -> list[Any] | None:
    """BODY as JSON, its key lines found by a regex; each object opens with a dummy key
    "" (then taken out), so that each key line, whatever came before it, can become
    `,"KEY": VALUE`."""
    text = ("\n" + body[:-1]).replace("\n\n[[", '\n},"').replace("]]\n", '",{"":0\n')
    parts = _KEY_AT_LINE_START.split(text)
    keys = parts[1::2]
    quoted = {k: f',"{k}": ' for k in set(keys)}
    parts[1::2] = map(quoted.__getitem__, keys)
    items = _loads('[{"":0' + "".join(parts) + "}]")
    if items is not None:
        for record in items[0::2]:
            del record[""]
    return items


def _loads(text: str) -> list[Any] | None:
    try:
        items: list[Any] = json.loads(text)
    except (ValueError, RecursionError):
        return None
    return items


def one_table_json(body: str) -> tuple[str, str] | None:
    """BODY (a piece after the first, opening with a header) as (its first table, the JSON
    array of its records), for when they are all of that one top-level table; None when
    the header is of a nested table.

    Each record's header becomes `},{"` and its key lines as in `_replaced`. Once it is
    read, every line is a key but a blank and a header a record. None too when the piece
    holds a header of another table, or of a table nested in this one, or a string holds
    ` = ` (which would become `": `): `_json_items` reads such a piece. So every piece of
    a sound file this makes JSON of makes valid JSON, and records that do not validate
    are not sound (`Reader.take_digested` without the text relies on it)."""
    close = body.find("]]\n")
    table = body[3:close]
    if close < 0 or "." in table:
        return None
    headers = body.count("\n[[")
    if body.count(f"\n[[{table}]]\n") != headers or body.count(" = ") != body.count("\n") - 2 * headers:
        return None
    text = ("\n" + body[:-1]).replace(f"\n\n[[{table}]]\n", '},{"').replace(" = ", '": ').replace("\n", ',"')
    return table, "[" + text[2:] + "}]"


def digest_tail(text: str) -> list[Any] | None:
    """TEXT, the rest of a document from a cut `next_cut` found, made ready for
    `Reader.take_digested` (another process may do this part): per piece, (start, end,
    table, JSON array, lines) when it may hold one table only, else (start, end, None, the
    raw items, 0). None when TEXT is not in the canonical form."""
    parts = []
    for part in digested_pieces(text):
        if part is None:
            return None
        parts.append(part)
    return parts


def digested_pieces(text: str) -> Iterator[Any]:
    """`digest_tail(TEXT)` a piece at a time, so that each can be handed on as soon as it
    is made; a None, and nothing after it, when a piece is not in the canonical form."""
    start = 0
    for piece in chunks(text):
        end = start + len(piece)
        whole = piece if end == len(text) else piece + "\n"
        if not piece.startswith("\n") or _MORE_BLOCKS.fullmatch(whole, 1) is None:
            yield None
            return
        body = whole[1:]
        found = one_table_json(body)
        if found is not None:
            yield (start, end, *found, body.count("\n"))
        else:
            items = _json_items(body)
            if items is None:
                yield None
                return
            yield (start, end, None, items, 0)
        start = end


def reader(convert: Convert | None = None, convert_json: JsonConvert | None = None) -> Reader:
    """A reader to `feed` a text's pieces to, as `loads_canonical_chunks` does."""
    return Reader(convert, convert_json if convert is not None else None)


class Reader:
    """The document built chunk by chunk, with TOML's rules for arrays of tables."""

    def __init__(self, convert: Convert | None, convert_json: JsonConvert | None = None):
        self.convert, self.convert_json = convert, convert_json
        self.top: dict[str, Any] | None = None
        self.arrays: set[str] = set()
        self.nested: set[tuple[int, str]] = set()

    def feed(self, chunk: str, last: bool) -> bool:
        """Add CHUNK (LAST: the end of the text); False when it is not in the canonical
        form or not what tomli would read the same way."""
        # A piece after the first starts with the newline of the line before its header,
        # and one before the last lacks the newline of its own last line.
        whole = chunk if last else chunk + "\n"
        if self.top is None:
            if _CANONICAL.fullmatch(whole) is None:
                return False
            body = whole[whole.find("\n") + 1 :] if whole.startswith("#") else whole  # the `#:schema` line
        elif not chunk.startswith("\n") or _MORE_BLOCKS.fullmatch(whole, 1) is None:
            return False
        else:
            body = whole[1:]
            found = one_table_json(body) if self.convert_json is not None else None
            if found is not None and self._take_one_table(*found, body.count("\n")):
                return True
        return self._take_items(_json_items(body))

    def take_digested(self, text: str | None, parts: list[Any], at: int = 0) -> bool:
        """Go on with the rest of TEXT from AT (a cut `next_cut` found), given as
        `digest_tail(TEXT[AT:])` (made elsewhere): what `feed` would do with its pieces.
        (AT spares the caller a copy of a text that may be 80 MB.) Without TEXT, a piece
        of one table that `convert_json` declines is refused (`feed` would read it the
        general way): its records are not sound (see `one_table_json`)."""
        for start, end, table, payload, lines in parts:
            if table is not None and self.convert_json is not None and self._take_one_table(table, payload, lines):
                continue
            if table is not None:  # read the general way, as `feed` would have
                if text is None:
                    return False
                start, end = at + start, at + end
                payload = _json_items((text[start:end] if end == len(text) else text[start:end] + "\n")[1:])
            if not self._take_items(payload):
                return False
        return True

    def _take_items(self, items: list[Any] | None) -> bool:
        if items is None:
            return False
        if self.top is None:
            self.top = items[0]
        elif items[0]:
            return False
        return self._assemble(items)

    def _take_one_table(self, table: str, records: str, lines: int) -> bool:
        """The JSON array RECORDS of TABLE (from `one_table_json` of a body of LINES lines)
        handed to `convert_json`; False, having changed nothing, when the table is a key
        or the converter declines (the general way then reads the piece)."""
        if table in self.top and table not in self.arrays:  # type: ignore[operator]
            return False
        done = self.convert_json(table, records)  # type: ignore[misc]
        if done is None:
            return False
        converted, keys = done
        if keys != lines - 2 * len(converted):
            return False  # a key given twice
        top = self.top
        assert top is not None
        if table not in self.arrays:
            top[table] = []
            self.arrays.add(table)
        top[table].extend(converted)
        self.nested.clear()
        return True

    def _assemble(self, items: list[Any]) -> bool:
        top = self.top
        assert top is not None
        read_before = {table: len(top[table]) for table in self.arrays}
        # Pieces are cut before top-level headers only, so a record and the records nested
        # in it come in one piece; ids of dicts from earlier pieces may since be reused.
        self.nested.clear()
        for i in range(1, len(items), 2):
            header, record = items[i], items[i + 1]
            if "." not in header:
                if header not in self.arrays:
                    if header in top:
                        return False  # a key and a table of one name
                    top[header] = []
                    self.arrays.add(header)
                top[header].append(record)
                continue
            outer, inner = header.split(".")
            if outer not in self.arrays:
                return False
            last = top[outer][-1]
            if not isinstance(last, dict):
                return False  # its piece has been converted already
            if inner not in last:
                last[inner] = []
                self.nested.add((id(last), inner))
            elif (id(last), inner) not in self.nested:
                return False  # `[[a.b]]` after a key `b` in the same `a`
            last[inner].append(record)
        if self.convert is not None:
            for table in self.arrays:
                records = top[table]
                done = read_before.get(table, 0)
                if len(records) > done:
                    records[done:] = self.convert(table, records[done:])
        return True
