"""Reading the `#` comments of a TOML debate, and taking them out for the fast reader.

Where each comment goes is decided as `arguments.comments` describes; this module finds
the comments (a `#` inside a string of any of TOML's four kinds is none) and which record
and slot each line belongs to.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import tomli

from . import toml_writer
from .comments import TOP, Comments, Notes, keys_of
from .model import Debate

_KEY = r'(?:[A-Za-z0-9_-]+|"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\')'
_DOTTED = rf"{_KEY}(?:[ \t]*\.[ \t]*{_KEY})*"
_KEY_START = re.compile(rf"[ \t]*({_DOTTED})[ \t]*=")
_HEADER_START = re.compile(rf"[ \t]*\[\[[ \t]*({_DOTTED})[ \t]*\]\]")
_TABLE_START = re.compile(rf"[ \t]*\[[ \t]*({_DOTTED})[ \t]*\]")
_CANONICAL_HEADER = re.compile(r"\[\[([A-Za-z0-9_-]+)(?:\.([A-Za-z0-9_-]+))?\]\]")
_CANONICAL_LINE = re.compile(toml_writer._KEY_LINE[:-2])  # a key line as `fmt` writes it, sans newline
# Runs of lines as `fmt` writes them, taken in one match: a header and its key lines, or key lines.
_RECORD_RUN = re.compile(rf"\[\[([A-Za-z0-9_-]+)(?:\.([A-Za-z0-9_-]+))?\]\]\n(?:{toml_writer._KEY_LINE})*+")
_KEYS_RUN = re.compile(rf"(?:{toml_writer._KEY_LINE})++")
# Everything in TOML that can hide a `#` or span lines: strings of the four kinds, comments,
# brackets, line ends.
_TOKEN = re.compile(
    r'"""(?:[^"\\]++|\\.|"(?!""))*+"""(?:""|")?'
    r"|'''(?:[^']++|'(?!''))*+'''(?:''|')?"
    r'|"(?:[^"\\\n]++|\\.)*+"'
    r"|'[^'\n]*+'"
    r"|#[^\n]*+"
    r"|[\[\]{}\n]",
    re.DOTALL,
)
_SCHEMA_LINE = re.compile(r"#:schema[ \t]+\S[^\r\n]*(?:\r?\n|$)")


_COMMENT_TEXT = r"#[^\x00-\x08\x0a-\x1f\x7f\ud800-\udfff]*+"  # what TOML allows in a comment
_COMMENT_LINE = re.compile(rf"\n{_COMMENT_TEXT}(?=\n|\Z)")
_TRAILING_LINE = re.compile(
    rf"({toml_writer._KEY_LINE[:-2]}|\[\[[A-Za-z0-9_-]++(?:\.[A-Za-z0-9_-]++)?\]\])[ \t]++{_COMMENT_TEXT}"
)
_SPACED_HASH = re.compile(r"[ \t]#")
_BLANKS_BEFORE_HEADER = re.compile(r"\n\n\n++(?=\[\[)")
_OTHER_BLANKS = re.compile(r"\n\n+(?!\[\[)")


def without(text: str) -> str | None:
    """TEXT without its comment lines, the comments trailing lines as `fmt` writes them,
    and the blank lines they leave, for the fast canonical reader to try (which refuses
    any text whose meaning this could have changed: one with multi-line strings, the only
    place a line may start with `#` and not be a comment); None when there is nothing to
    take out."""
    schema = _SCHEMA_LINE.match(text)
    head, body = (text[: schema.end()], text[schema.end() :]) if schema else ("", text)
    body, lines = _COMMENT_LINE.subn("", "\n" + body)
    body, trailing = _without_trailing(body)
    if not lines and not trailing:
        return None
    body = _OTHER_BLANKS.sub("\n", _BLANKS_BEFORE_HEADER.sub("\n\n", body))
    return head + body.lstrip("\n")


def _without_trailing(text: str) -> tuple[str, int]:
    """TEXT without the comments that trail its lines as `fmt` writes them, and how many;
    only the lines holding a blank before a `#` are looked at, the few that may have one."""
    out: list[str] = []
    done = 0
    end = -1
    for spaced in _SPACED_HASH.finditer(text):
        if spaced.start() < end:
            continue  # each line is looked at once, however many `#` it holds
        start = text.rfind("\n", 0, spaced.start()) + 1
        end = text.find("\n", spaced.start())
        end = len(text) if end < 0 else end
        line = _TRAILING_LINE.fullmatch(text, start, end)
        if line is not None:
            out += (text[done:start], line.group(1))
            done = line.end()
    if not out:
        return text, 0
    out.append(text[done:])
    return "".join(out), len(out) // 2


class _Unreadable(Exception):
    """The text is not laid out as the scanner expects; its comments go to the trailer."""


@lru_cache(maxsize=256)
def _path(raw: str) -> tuple[str, ...]:
    """The parts of a (dotted, maybe quoted) TOML key as written."""
    if re.fullmatch(r"[A-Za-z0-9_-]+", raw):
        return (raw,)
    try:
        node: Any = tomli.loads(f"{raw} = 0")
    except tomli.TOMLDecodeError:
        raise _Unreadable from None
    parts = []
    while isinstance(node, dict) and len(node) == 1:
        name, node = next(iter(node.items()))
        parts.append(name)
    return tuple(parts)


def collect(text: str, debate: Debate) -> Comments | None:
    """The comments of TEXT, a TOML file that loaded as DEBATE; None when it has none."""
    if "#" not in text:
        return None
    try:
        comments = _Scanner(text, debate).run()
    except Exception:  # noqa: BLE001 - a layout the scanner does not follow must not stop a valid file loading
        comments = Comments(trailer=_every_comment(text))  # kept, at the end of the file
    return comments or None


def _every_comment(text: str) -> list[str]:
    return [m.group().rstrip() for m in _TOKEN.finditer(text) if m.group().startswith("#")]


def _clean(lines: list[str]) -> list[str]:
    """LINES without blank lines at either end or two in a row."""
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    while out and not out[-1]:
        out.pop()
    return out


class _Scanner:
    """One pass over the lines, knowing which record and slot each line belongs to."""

    def __init__(self, text: str, debate: Debate):
        self.text, self.debate = text, debate
        self.notes: dict[tuple[str, int] | None, Notes] = {}
        self.trailer: list[str] = []
        self.gap: list[str] = []
        self.record: tuple[str, int] | None = None  # None: the top-level keys
        self.prefix = ""
        self.counts: dict[str, int] = {}
        self.nested: dict[str, int] = {}
        self.last: tuple[tuple[str, int] | None, str] | None = None  # container of the last line

    def run(self) -> Comments:
        text = self.text
        pos = 0
        schema = _SCHEMA_LINE.match(text)
        if schema:
            pos = schema.end()
        end = len(text)
        while pos < end:
            run = _RECORD_RUN.match(text, pos) if text.startswith("[[", pos) else None
            if run is not None:
                self._header(run.group(1), run.group(2))
                pos = run.end()
                continue
            if not self.gap:
                run = _KEYS_RUN.match(text, pos)
                if run is not None:
                    self.last = (self.record, self.prefix)
                    pos = run.end()
                    continue
            newline = text.find("\n", pos)
            stop = end if newline < 0 else newline
            line = text[pos:stop]
            stripped = line.strip(" \t\r")
            if not stripped:
                self.gap.append("")
            elif stripped[0] == "#":
                self.gap.append(stripped)
            elif "#" not in line and '"""' not in line and "'''" not in line and self._simple(line):
                pass
            else:
                stop = self._statement(pos)
            pos = stop + 1
        self._place_gap(None, "")
        return self._result()

    def _simple(self, line: str) -> bool:
        """Handle LINE if it is a whole statement on one line without comments (the common
        case, taken without the tokenizer); False when the tokenizer must read it."""
        if line[0] == "[":
            match = _CANONICAL_HEADER.fullmatch(line)
            if match is None:
                return False
            self._header(match.group(1), match.group(2))
            return True
        if ("[" in line or "{" in line) and _CANONICAL_LINE.fullmatch(line) is None:
            return False
        if self.gap:
            match = _KEY_START.match(line)
            if match is None:
                raise _Unreadable
            self._key(_path(match.group(1))[0])
        else:
            self.last = (self.record, self.prefix)
        return True

    def _statement(self, pos: int) -> int:
        """Read the statement starting on the line at POS; return where its last line ends."""
        text = self.text
        header = _HEADER_START.match(text, pos)
        if header is not None:
            parts = _path(header.group(1))
            if len(parts) > 2:
                raise _Unreadable
            self._header(parts[0], parts[1] if len(parts) > 1 else None)
            slot, at = self.prefix + "[[", header.end()
        else:
            match = _KEY_START.match(text, pos) or _TABLE_START.match(text, pos)
            if match is None:
                raise _Unreadable
            slot, at = self.prefix + _path(match.group(1))[0], match.end()
            if match.re is _TABLE_START:
                slot = self.prefix + "]]"
            self._place_gap("key", slot)
        depth = 0
        while True:
            token = _TOKEN.search(text, at)
            if token is None:
                return len(text)
            at = token.end()
            kind = token.group()[0]
            if kind == "\n":
                if depth == 0:
                    return token.start()
            elif kind == "#":
                comment = token.group().rstrip()
                if depth:
                    self._notes().above.setdefault(slot, []).append(comment)
                else:
                    start = token.start()
                    while text[start - 1] in " \t":
                        start -= 1
                    self._notes().trailing[slot] = (text[start : token.start()] or " ") + comment
            elif kind in "[{":
                depth += 1
            elif kind in "]}":
                depth -= 1

    def _notes(self, container: tuple[str, int] | bool | None = False) -> Notes:
        key = self.record if container is False else container
        notes = self.notes.get(key)  # type: ignore[arg-type]
        if notes is None:
            notes = self.notes[key] = Notes()  # type: ignore[index]
        return notes

    def _header(self, table: str, inner: str | None) -> None:
        if inner is None:
            index = self.counts.get(table, 0)
            self.counts[table] = index + 1
            self.record, self.prefix, self.nested = (table, index), "", {}
        else:
            if self.record is None or self.record[0] != table:
                raise _Unreadable
            index = self.nested.get(inner, 0)
            self.nested[inner] = index + 1
            self.prefix = f"{inner}[{index}]."
        self._place_gap("header", self.prefix + "[[")

    def _key(self, name: str) -> None:
        self._place_gap("key", self.prefix + name)

    def _place_gap(self, before: str | None, slot: str) -> None:
        """Give the comments gathered since the last statement to their slot; BEFORE is
        what follows them: a `key`, a `header` (whose SLOT is given), or None (the end)."""
        gap, self.gap = self.gap, []
        last, self.last = self.last, (self.record, self.prefix)
        if not any(gap):
            return
        if last is None:
            lines = self._notes(None).above.setdefault("[[", [])
            lines += _clean(([""] if lines else []) + gap)
            return
        if before == "key":
            self._notes().above.setdefault(slot, []).extend(_clean(gap))
            return
        blank = gap.index("") if "" in gap else len(gap)
        if blank:
            container, prefix = last
            self._notes(container).above.setdefault(prefix + "]]", []).extend(gap[:blank])
        rest = _clean(gap[blank:])
        if rest:
            if before == "header":
                self._notes().above.setdefault(slot, []).extend(rest)
            else:
                self.trailer += rest

    def _result(self) -> Comments:
        out = Comments(trailer=self.trailer)
        keys: dict[str, list[str]] = {}
        for container, notes in self.notes.items():
            if not notes:
                continue
            if container is None:
                out.records[TOP] = notes
                continue
            table, index = container
            records = getattr(self.debate, table, [])
            if index >= len(records):
                raise _Unreadable
            if table in ("links", "stance_changes"):  # the tables whose keys may repeat
                if table not in keys:
                    keys[table] = keys_of(table, records)
                key = keys[table][index]
            else:
                key = keys_of(table, [records[index]])[0]
            out.records[(table, key)] = notes
        return out
