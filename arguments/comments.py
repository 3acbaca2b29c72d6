"""The `#` comments of a hand-edited TOML debate, kept beside the model so that saving,
`fmt` and merging write them back where they were (as Cargo keeps them in Cargo.toml).

A comment belongs to a record, found by its key (`id`; a stance by stakeholder and claim;
a link by from and to; a history entry by time, stakeholder, claim and positions), and
within it to a slot: above its `[[table]]` header (`[[`), above a key (the key's name), at
its end (`]]`), or trailing a line (`key = 1  # note`). A scenario's nested overrides have
slots of their own (`positions[0].claim`). The top-level keys form a record of key
`TOP`: its `[[` slot is the block opening the file. Comments after the last record,
set apart from it by a blank line, are the file's `trailer`.

The rules that decide where a comment goes, and that the writer follows so that a saved
file reads back the same: comments in the gap before a key go above that key; in the gap
before a `[[` header (or the end of the file), those right under the previous line (no
blank line between) end the previous record, the rest go above the header (or to the
trailer). A comment inside a value spread over several lines goes above its key. A record
that is deleted loses its comments; one edited in place (same key) keeps them; a slot no
longer written (a field emptied) moves its comments to the end of its record.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from . import toml_writer

TOP = ("", "")
"""The key of the top-level keys' comments."""


@dataclass
class Notes:
    """The comments of one record: lines by slot ("" is a blank line between comments),
    and the comment trailing a slot's line (with the spaces before it)."""

    above: dict[str, list[str]] = field(default_factory=dict)
    trailing: dict[str, str] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.above or self.trailing)


@dataclass
class Comments:
    """Every comment of a file: notes by (table, record key), and the trailer."""

    records: dict[tuple[str, str], Notes] = field(default_factory=dict)
    trailer: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.trailer or any(self.records.values()))


# --- which record is which -------------------------------------------------------------


def record_key(table: str, get: Callable[[str], Any]) -> str:
    """The key a record's comments are kept under; GET reads a field by its file name."""
    if table == "stances":
        return f"{get('stakeholder')}/{get('claim')}"
    if table == "links":
        return f"{get('from')}->{get('to')}"
    if table == "stance_changes":
        return f"{get('at')} {get('stakeholder')}/{get('claim')} {get('from')}->{get('to')}"
    if table == "polls":  # as `arguments.diff` keys them
        return f"{get('claim')}@{get('opened')}"
    return str(get("id"))


def _fields_of(record: Any) -> Callable[[str], Any]:
    """A model's fields by their file names (a link's `from` is its `from_`)."""
    return lambda name: getattr(record, "from_" if name == "from" else name)


def keys_of(table: str, records: list[Any]) -> list[str]:
    """The comment keys of a table's records (models or dumped data), in order; a repeated
    key gets `#2`, `#3`, ... as `arguments.diff.records_of` does."""
    out: list[str] = []
    seen: set[str] = set()
    for record in records:
        key = record_key(table, record.get if isinstance(record, dict) else _fields_of(record))
        if key in seen:
            n = 2
            while f"{key}#{n}" in seen:
                n += 1
            key = f"{key}#{n}"
        seen.add(key)
        out.append(key)
    return out


# --- writing ---------------------------------------------------------------------------


def dumps(data: dict[str, Any], comments: Comments) -> str:
    """`toml_writer.dumps(DATA, skip_empty=True)` with COMMENTS written where they were."""
    out: list[str] = []
    top = comments.records.get(TOP) or Notes()
    scalars = {name: item for name, item in data.items() if not toml_writer._is_table_list(item)}
    if top.above.get("[["):
        _lines(out, top.above["[["] + [""])  # the file's opening block, set apart
    for name, item in scalars.items():
        _lines(out, top.above.get(name))
        out.append(f"{toml_writer.key(name)} = {toml_writer.value(item)}{_trailing(top, name)}\n")
    _end(out, top, "", {"[[", "]]", *scalars})
    for name, item in data.items():
        if name in scalars:
            continue
        header = toml_writer.key(name)
        for record, key in zip(item, keys_of(name, item)):
            notes = comments.records.get((name, key))
            if notes:
                _record(out, header, record, notes, "")
            else:
                toml_writer._table(out, header, record, True)
    if comments.trailer:
        out.append("\n")
        _lines(out, comments.trailer)
    return "".join(out)


def record_text(table: str, record: dict[str, Any], notes: Notes) -> str:
    """One record as `dumps` writes it, with its comments."""
    out: list[str] = []
    _record(out, toml_writer.key(table), record, notes, "")
    return "".join(out)


def top_text(data: dict[str, Any], comments: Comments | None) -> str:
    """The top-level keys of DATA as `dumps` writes them, with their comments."""
    return dumps(data, Comments({TOP: comments.records[TOP]} if comments and TOP in comments.records else {}))


def trailer_text(comments: Comments | None) -> str:
    """The comments ending the file, as `dumps` writes them."""
    return "\n" + "\n".join(comments.trailer) + "\n" if comments and comments.trailer else ""


def _shown(item: Any) -> bool:
    return not (item is None or item is False or item == "" or item == [])


def _slots(record: dict[str, Any], prefix: str) -> set[str]:
    """Every slot writing RECORD fills."""
    out = {prefix + "[[", prefix + "]]"}
    for name, item in record.items():
        if toml_writer._is_table_list(item):
            for index, sub in enumerate(item):
                out |= _slots(sub, f"{prefix}{name}[{index}].")
        elif _shown(item):
            out.add(prefix + name)
    return out


def _record(out: list[str], header: str, record: dict[str, Any], notes: Notes, prefix: str) -> None:
    out.append("\n")
    _lines(out, notes.above.get(prefix + "[["))
    out.append(f"[[{header}]]{_trailing(notes, prefix + '[[')}\n")
    nested = []
    for name, item in record.items():
        if toml_writer._is_table_list(item):
            nested.append((name, item))
        elif _shown(item):
            slot = prefix + name
            _lines(out, notes.above.get(slot))
            out.append(f"{toml_writer.key(name)} = {toml_writer.value(item)}{_trailing(notes, slot)}\n")
    _end(out, notes, prefix, _slots(record, "") if not prefix else None)
    for name, items in nested:
        for index, sub in enumerate(items):
            _record(out, f"{header}.{toml_writer.key(name)}", sub, notes, f"{prefix}{name}[{index}].")


def _end(out: list[str], notes: Notes, prefix: str, written: set[str] | None) -> None:
    """The comments ending a record (PREFIX: of a nested one); with WRITTEN, the slots the
    record fills, also those of slots no longer written, so that none is lost."""
    _lines(out, [line for line in notes.above.get(prefix + "]]", []) if line])
    if written is None:
        return
    for slot, lines in notes.above.items():
        if slot not in written:
            _lines(out, [line for line in lines if line])
    for slot, comment in notes.trailing.items():
        if slot not in written:
            out.append(comment.lstrip(" \t") + "\n")


def _lines(out: list[str], lines: list[str] | None) -> None:
    if lines:
        out.append("\n".join(lines) + "\n")


def _trailing(notes: Notes, slot: str) -> str:
    return notes.trailing.get(slot, "")


# --- merging ---------------------------------------------------------------------------


def merge(base: Comments | None, ours: Comments | None, theirs: Comments | None) -> Comments | None:
    """The comments of a three-way merge: per record and slot, the side that changed them
    (ours when both did, with the lines theirs added after ours'), so that a merge keeps
    both sides' new comments."""
    b, o, t = base or Comments(), ours or Comments(), theirs or Comments()
    out = Comments(trailer=_merge_lines(b.trailer, o.trailer, t.trailer))
    for key in dict.fromkeys([*o.records, *t.records]):
        nb, no, nt = (side.records.get(key) or Notes() for side in (b, o, t))
        notes = Notes()
        for slot in dict.fromkeys([*no.above, *nt.above]):
            lines = _merge_lines(nb.above.get(slot, []), no.above.get(slot, []), nt.above.get(slot, []))
            if lines:
                notes.above[slot] = lines
        for slot in dict.fromkeys([*no.trailing, *nt.trailing]):
            was, mine, other = nb.trailing.get(slot), no.trailing.get(slot), nt.trailing.get(slot)
            kept = other if mine == was else mine
            if kept is not None:
                notes.trailing[slot] = kept
            if mine not in (was, other) and other not in (was, None):
                notes.above.setdefault(slot, []).append(other.lstrip(" \t"))  # both changed it
        if notes:
            out.records[key] = notes
    return out or None


def _merge_lines(base: list[str], ours: list[str], theirs: list[str]) -> list[str]:
    if ours == base:
        return list(theirs)
    if theirs == base:
        return list(ours)
    return ours + [line for line in theirs if line and line not in base and line not in ours]
