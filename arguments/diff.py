"""What changed between two versions of a debate, record by record, matched by ids.

Records are matched by their key: the `id`, a stance by (stakeholder, claim), a link by
(from, to). A claim whose `parent` changed (evidence whose `claim` changed) has moved, a
claim, evidence or link whose `relation` changed has flipped, any other field change is an
edit (texts get a word diff). Siblings that kept their parent but changed order are
reported per parent. Stance history is compared as a multiset of entries: added and
removed.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from .model import TABLES, Debate

HEADER = ("title", "question", "description")
"""Top-level fields compared one by one."""

KEYED_TABLES = tuple(t for t in TABLES if t != "stance_changes")
"""Tables whose records are matched by key; stance history is compared as a multiset."""


def record_key(table: str, record: dict[str, Any]) -> str:
    """The matching key of a record given as data: `id`, `stakeholder/claim` or `from->to`."""
    if table == "stances":
        return f"{record['stakeholder']}/{record['claim']}"
    if table == "links":
        return f"{record['from']}->{record['to']}"
    if table == "polls":
        return f"{record['claim']}@{record['opened']}"
    return str(record["id"])


KEY_FIELDS = {"stances": ("stakeholder", "claim"), "links": ("from", "to"), "polls": ("claim", "opened")}
"""Fields that make up the key (never reported as changed); `id` for the other tables."""


def records_of(debate: Debate, table: str) -> dict[str, dict[str, Any]]:
    """The table's records as data (every field, by alias), keyed, in file order; a
    repeated key gets `#2`, `#3`, ... (only links can repeat one)."""
    out: dict[str, dict[str, Any]] = {}
    for record in getattr(debate, table):
        data = record.model_dump(by_alias=True)
        key = record_key(table, data)
        if key in out:  # links may repeat a (from, to) pair: match repeats by their order
            n = 2
            while f"{key}#{n}" in out:
                n += 1
            key = f"{key}#{n}"
        out[key] = data
    return out


MOVED_BY = {"claims": "parent", "evidence": "claim"}
"""The field whose change means the record moved: a claim to another parent, evidence to
another claim."""
FLIPPED_BY = {"claims": "relation", "evidence": "relation", "links": "relation"}
"""The field whose change means the record flipped: supports to opposes or undermines."""


@dataclass(frozen=True)
class FieldChange:
    name: str
    old: Any
    new: Any

    @property
    def words(self) -> list[tuple[str, str]] | None:
        """For two texts of several words, a word diff: ("=", same), ("-", removed),
        ("+", added); None for other values (ids, numbers, lists, single words)."""
        if isinstance(self.old, str) and isinstance(self.new, str) and (" " in self.old or " " in self.new):
            return word_diff(self.old, self.new)
        return None


@dataclass
class RecordChange:
    """One record added, removed or changed; `fields` lists what changed."""

    table: str
    key: str
    change: str
    """`added`, `removed` or `changed`."""
    old: dict[str, Any] | None = None
    new: dict[str, Any] | None = None
    fields: list[FieldChange] = field(default_factory=list)

    @property
    def kinds(self) -> list[str]:
        """What kind of change: added, removed, or some of moved, flipped, edited."""
        if self.change != "changed":
            return [self.change]
        names = {f.name for f in self.fields}
        moved, flipped = MOVED_BY.get(self.table), FLIPPED_BY.get(self.table)
        out = []
        if moved in names:
            out.append("moved")
        if flipped in names:
            out.append("flipped")
        if names - {moved, flipped}:
            out.append("edited")
        return out


@dataclass
class Reorder:
    """Claims under one parent (None: the roots) that kept their parent but changed order."""

    parent: str | None
    old: list[str]
    new: list[str]
    moved: list[str]
    """The ids that changed place (those outside the longest common order)."""


@dataclass
class DebateDiff:
    header: list[FieldChange] = field(default_factory=list)
    records: list[RecordChange] = field(default_factory=list)
    reorders: list[Reorder] = field(default_factory=list)
    history_added: list[dict[str, Any]] = field(default_factory=list)
    history_removed: list[dict[str, Any]] = field(default_factory=list)

    @property
    def same(self) -> bool:
        return not (self.header or self.records or self.reorders or self.history_added or self.history_removed)

    def in_table(self, table: str) -> list[RecordChange]:
        return [r for r in self.records if r.table == table]

    def to_data(self) -> dict[str, Any]:
        """Plain data for JSON output."""

        def fields(items: list[FieldChange]) -> list[dict[str, Any]]:
            return [{"field": f.name, "old": f.old, "new": f.new} for f in items]

        return {
            "same": self.same,
            "header": fields(self.header),
            "records": [
                {
                    "table": r.table,
                    "key": r.key,
                    "change": r.change,
                    "kinds": r.kinds,
                    "fields": fields(r.fields),
                    "old": r.old,
                    "new": r.new,
                }
                for r in self.records
            ],
            "reorders": [{"parent": o.parent, "old": o.old, "new": o.new, "moved": o.moved} for o in self.reorders],
            "stance_changes": {"added": self.history_added, "removed": self.history_removed},
        }


_TOKEN = re.compile(r"\s+|[^\s]+")


MAX_WORD_PAIRS = 250_000
"""Beyond this many (old word, new word) pairs, the changed middle of a text is shown as
removed and added whole: a word diff's time grows with the product of the lengths."""


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """OLD to NEW as runs of same ("="), removed ("-") and added ("+") words and spaces."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    start = 0
    while start < min(len(a), len(b)) and a[start] == b[start]:
        start += 1
    end = 0
    while end < min(len(a), len(b)) - start and a[-1 - end] == b[-1 - end]:
        end += 1
    middle_a, middle_b = a[start : len(a) - end], b[start : len(b) - end]
    out: list[tuple[str, str]] = []

    def add(op: str, tokens: list[str]) -> None:
        if tokens:
            out.append((op, "".join(tokens)))

    add("=", a[:start])
    if len(middle_a) * len(middle_b) > MAX_WORD_PAIRS:
        add("-", middle_a)
        add("+", middle_b)
    else:
        matcher = difflib.SequenceMatcher(None, middle_a, middle_b, autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op == "equal":
                add("=", middle_a[i1:i2])
                continue
            add("-", middle_a[i1:i2])
            add("+", middle_b[j1:j2])
    add("=", a[len(a) - end :])
    return _joined(out)


def _joined(ops: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Neighbouring runs of the same kind made one."""
    out: list[tuple[str, str]] = []
    for op, text in ops:
        if out and out[-1][0] == op:
            out[-1] = (op, out[-1][1] + text)
        else:
            out.append((op, text))
    return out


def diff_debates(old: Debate, new: Debate) -> DebateDiff:
    """Everything that changed from OLD to NEW."""
    result = DebateDiff()
    for name in HEADER:
        if getattr(old, name) != getattr(new, name):
            result.header.append(FieldChange(name, getattr(old, name), getattr(new, name)))
    for table in KEYED_TABLES:
        result.records.extend(_table_changes(table, records_of(old, table), records_of(new, table)))
    result.reorders = _reorders(old, new)
    before = Counter(_history_key(c) for c in old.stance_changes)
    after = Counter(_history_key(c) for c in new.stance_changes)
    result.history_removed = [_history_record(k) for k in (before - after).elements()]
    result.history_added = [_history_record(k) for k in (after - before).elements()]
    return result


def _history_record(key: tuple[tuple[str, Any], ...]) -> dict[str, Any]:
    return {k: list(v) if isinstance(v, tuple) else v for k, v in key}


def _history_key(change: Any) -> tuple[tuple[str, Any], ...]:
    # list fields (`evidence_shown`) as tuples, so that the entry can be counted
    return tuple((k, tuple(v) if isinstance(v, list) else v) for k, v in change.model_dump(by_alias=True).items())


def _table_changes(table: str, old: dict[str, dict[str, Any]], new: dict[str, dict[str, Any]]) -> list[RecordChange]:
    keys = KEY_FIELDS.get(table, ("id",))
    out = []
    for key, record in old.items():
        if key not in new:
            out.append(RecordChange(table, key, "removed", old=record))
    for key, record in new.items():
        if key not in old:
            out.append(RecordChange(table, key, "added", new=record))
            continue
        before = old[key]
        changed = [
            FieldChange(name, before.get(name), value)
            for name, value in record.items()
            if name not in keys and before.get(name) != value
        ]
        if changed:
            out.append(RecordChange(table, key, "changed", old=before, new=record, fields=changed))
    return out


def _children(debate: Debate) -> dict[str | None, list[str]]:
    out: dict[str | None, list[str]] = {}
    for claim in debate.claims:
        out.setdefault(claim.parent, []).append(claim.id)
    return out


def _reorders(old: Debate, new: Debate) -> list[Reorder]:
    before, after = _children(old), _children(new)
    out = []
    for parent, kids in after.items():
        kept = set(kids) & set(before.get(parent, []))
        a = [k for k in before.get(parent, []) if k in kept]
        b = [k for k in kids if k in kept]
        if a == b:
            continue
        matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
        stayed = {x for block in matcher.get_matching_blocks() for x in b[block.b : block.b + block.size]}
        out.append(Reorder(parent, a, b, [k for k in b if k not in stayed]))
    return out
