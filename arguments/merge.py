"""Three-way merge of debates by ids, field by field, for several facilitators on one file.

Records are matched by key (`id`; a stance by stakeholder and claim; a link by from and
to). A field changed on one side takes that side's value; lists of ids and tags merge as
sets. Stance history is a union: both sides' new entries are kept, sorted by time.

A true conflict is never resolved silently. The result records it and `merge_text` writes
it with git's conflict markers (diff3 style: ours, base, theirs) around the one field
line, or around whole `[[table]]` records when a record was deleted on one side and
changed or needed on the other. Such a file fails `debatemap check` at the marker's line
until a person keeps one side and deletes the markers. Conflict kinds:

- both sides changed the same field differently (`field`);
- both sides added the same key differently (`field`, with no base);
- one side deleted a record the other changed (`deleted`);
- the merge would break the debate's integrity: one side deleted a record that the other
  side's records still refer to, such as a claim under a deleted parent (`deleted`), or
  any other rule broken by combining the sides, such as a parent cycle (`integrity`);
- both sides reordered the same siblings differently (`order`): ours' order is written,
  with a marked block before the first of them giving both orders.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from . import comments, toml_writer
from .diff import KEY_FIELDS, records_of
from .history import sort_key as _change_sort_key
from .integrity import check_integrity
from .model import TABLES, Debate, StanceChange
from .storage import compact_record as _compact

Records = dict[str, dict[str, Any]]
"""A table's records as data, by key."""
Hashed = tuple[tuple[str, Any], ...]
"""A history entry's fields in a hashable form."""

HEADER = ("schema", "title", "question", "description")
KEYED = tuple(t for t in TABLES if t != "stance_changes")
SET_FIELDS = {"tags", "members", "evidence", "dropped"}
"""List fields whose order carries no meaning: they merge as sets."""


@dataclass
class Conflict:
    table: str | None
    """The table, or None for a top-level field such as the title."""
    key: str | None
    field: str | None
    """The field in conflict; None when the whole record is."""
    kind: str
    """`field`, `deleted`, `integrity` or `order`."""
    reason: str

    def __str__(self) -> str:
        where = f'{self.table} "{self.key}"' if self.table else "the debate"
        if self.field:
            where += f" field {self.field}"
        return f"{where}: {self.reason}"


@dataclass
class Entry:
    """One record of the merged table, with the three versions it came from."""

    key: str
    base: dict[str, Any] | None
    ours: dict[str, Any] | None
    theirs: dict[str, Any] | None
    record: dict[str, Any] | None = None
    """The merged record; in a conflicted field, ours' value."""
    fields: dict[str, str] = field(default_factory=dict)
    """Conflicted field -> why."""
    whole: str | None = None
    """Why the whole record is in conflict (ours' and theirs' versions written in full)."""
    kind: str = "deleted"
    """The kind of a whole-record conflict: `deleted`, `integrity`, or `field` when fields
    holding sub-tables (a scenario's overrides) conflict."""

    @property
    def view(self) -> dict[str, Any] | None:
        """The version used to check the merge: the merged record, else whichever exists."""
        if self.whole is None:
            return self.record
        return self.ours if self.ours is not None else self.theirs

    def make_whole(self, reason: str, kind: str) -> None:
        if self.whole is None:
            self.whole = reason
            self.kind = kind
            self.fields = {}


@dataclass
class MergeResult:
    header: Entry
    tables: dict[str, list[Entry]]
    conflicts: list[Conflict] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    reorders: dict[str, tuple[list[str], list[str]]] = field(default_factory=dict)
    """Parent id ("" for the roots) -> (ours', theirs' order) of children both sides reordered."""
    reorder_at: dict[str, str] = field(default_factory=dict)
    """The first claim of each such group of siblings -> its parent id."""
    comments: comments.Comments | None = None
    """The merged `#` comments (`arguments.comments.merge`), written with the debate."""

    @property
    def clean(self) -> bool:
        return not self.conflicts

    def provisional_data(self) -> dict[str, Any]:
        data = dict(self.header.record or {})
        for table in TABLES:
            data[table] = [e.view for e in self.tables[table] if e.view is not None]
        return data

    def debate(self) -> Debate:
        """The merged debate; only for a clean merge."""
        if not self.clean:
            raise ValueError("the merge has conflicts")
        debate = Debate.model_validate(self.provisional_data())
        debate._comments = self.comments
        return debate


def _data(debate: Debate | None, table: str) -> dict[str, dict[str, Any]]:
    return {} if debate is None else records_of(debate, table)


def _merge_set(base: list[Any], ours: list[Any], theirs: list[Any]) -> list[Any]:
    """Items both kept or either added, ours' order first; removals on either side win."""
    out = [x for x in ours if x in theirs or x not in base]
    return out + [x for x in theirs if x not in base and x not in out]


def _merge_value(name: str, base: Any, ours: Any, theirs: Any) -> tuple[Any, bool]:
    """The merged value and whether it is a conflict."""
    if ours == theirs or theirs == base:
        return ours, False
    if ours == base:
        return theirs, False
    lists = all(isinstance(v, list) and all(isinstance(x, str) for x in v) for v in (ours, theirs))
    if name in SET_FIELDS and lists:
        return _merge_set(base or [], ours, theirs), False
    return ours, True


def _merge_record(
    key: str,
    base: dict[str, Any] | None,
    ours: dict[str, Any] | None,
    theirs: dict[str, Any] | None,
    keys: tuple[str, ...],
) -> Entry | None:
    entry = Entry(key, base, ours, theirs)
    if ours is None and theirs is None:
        return None
    if ours is None or theirs is None:
        present = ours if ours is not None else theirs
        if base is None:
            entry.record = present
        elif present == base:
            return None  # deleted on one side, untouched on the other
        else:
            deleter, changer = ("ours", "theirs") if ours is None else ("theirs", "ours")
            entry.record = present
            entry.whole = f"{deleter} deleted it; {changer} changed it"
        return entry
    entry.record = {}
    for name in ours:
        old = base.get(name) if base is not None else None
        value, conflicted = _merge_value(name, old, ours[name], theirs[name])
        entry.record[name] = value
        if conflicted and name not in keys:
            added = "added it with" if base is None else "changed it to"
            entry.fields[name] = f"both sides {added} different values"
    nested = [n for n in entry.fields if _is_table_list(ours[n]) or _is_table_list(theirs[n])]
    if nested:  # sub-tables cannot be marked line by line: show both records in full
        entry.make_whole(f"both sides changed {', '.join(nested)} differently", "field")
    return entry


def _is_table_list(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and isinstance(value[0], dict)


def _merge_order(base: list[str], ours: list[str], theirs: list[str], members: set[str]) -> tuple[list[str], bool]:
    """An order for MEMBERS: the side that reordered the shared items wins (ours if both
    did; the flag says so), and each side's additions follow their predecessor there."""
    shared = set(base) & set(ours) & set(theirs) & members
    b = [k for k in base if k in shared]
    o = [k for k in ours if k in shared]
    t = [k for k in theirs if k in shared]
    both = o != b and t != b and o != t
    skeleton, first, second = (t, theirs, ours) if o == b and t != b else (o, ours, theirs)
    placed = set(skeleton)
    after: dict[str | None, list[str]] = {}
    for side in (first, second, base):
        anchor: str | None = None
        for key in side:
            if key not in members:
                continue
            if key not in placed:
                after.setdefault(anchor, []).append(key)
                placed.add(key)
            anchor = key
    out: list[str] = []
    stack = list(reversed(after.get(None, []) + skeleton))
    while stack:
        key = stack.pop()
        out.append(key)
        stack.extend(reversed(after.get(key, [])))
    return out, both


def _merge_table(table: str, base: Records, ours: Records, theirs: Records) -> dict[str, Entry]:
    keys = KEY_FIELDS.get(table, ("id",))
    out: dict[str, Entry] = {}
    for key in list(dict.fromkeys([*ours, *theirs, *base])):
        entry = _merge_record(key, base.get(key), ours.get(key), theirs.get(key), keys)
        if entry is not None:
            out[key] = entry
    return out


def _hashable(record: dict[str, Any]) -> tuple[tuple[str, Any], ...]:
    """A history entry's fields as a hashable key (list fields such as `evidence_shown` as tuples)."""
    return tuple((k, tuple(v) if isinstance(v, list) else v) for k, v in record.items())


def _merge_history(base: Debate | None, ours: Debate, theirs: Debate) -> list[Entry]:
    """Union of both sides' entries (an entry one side removed stays removed), by time."""

    def counted(debate: Debate | None) -> tuple[list[Hashed], Counter[Hashed]]:
        items = [] if debate is None else [_hashable(c.model_dump(by_alias=True)) for c in debate.stance_changes]
        return items, Counter(items)

    (_, b), (o_items, o), (t_items, t) = counted(base), counted(ours), counted(theirs)
    wanted = Counter({k: (max(o[k], t[k]) if not b[k] else o[k] + t[k] - b[k]) for k in o | t})
    kept: list[dict[str, Any]] = []
    for item in o_items + t_items:
        if wanted[item] > 0:
            wanted[item] -= 1
            kept.append({k: list(v) if isinstance(v, tuple) else v for k, v in item})
    kept.sort(key=lambda d: _change_sort_key(StanceChange.model_validate(d)))

    def side(d: dict[str, Any], counts: Counter[Hashed]) -> dict[str, Any] | None:
        return d if counts[_hashable(d)] else None

    return [Entry(str(i), side(d, b), side(d, o), side(d, t), record=d) for i, d in enumerate(kept)]


REFERENCES: dict[str, tuple[tuple[str, str], ...]] = {
    "claims": (("parent", "claims"),),
    "links": (("from", "claims"), ("to", "claims")),
    "evidence": (("claim", "claims"), ("source", "sources")),
    "stances": (("stakeholder", "stakeholders"), ("claim", "claims"), ("evidence", "evidence")),
    "stance_changes": (("stakeholder", "stakeholders"), ("claim", "claims")),
    "coalitions": (("members", "stakeholders"),),
    "scenarios": (("dropped", "claims"),),
    "polls": (("claim", "claims"),),
}
"""Fields holding ids of records in another table: (field, table it points into)."""


def _references(table: str, record: dict[str, Any]) -> list[tuple[str, str]]:
    out = []
    for name, target in REFERENCES.get(table, ()):
        value = record.get(name)
        out += [(target, v) for v in (value if isinstance(value, list) else [value]) if v is not None]
    if table == "scenarios":
        out += [("stakeholders", p["stakeholder"]) for p in record.get("positions", []) + record.get("powers", [])]
        out += [("claims", p["claim"]) for p in record.get("positions", [])]
    return out


def _versions(entry: Entry) -> list[dict[str, Any]]:
    """Every version of the record a person resolving the merge might keep."""
    if entry.whole is not None:
        return [v for v in (entry.ours, entry.theirs) if v is not None]
    out = [entry.record] if entry.record is not None else []
    if entry.fields and entry.record is not None and entry.theirs is not None:
        out.append({**entry.record, **{n: entry.theirs[n] for n in entry.fields}})
    return out


def _restore_needed(
    tables: dict[str, dict[str, Entry]], base: dict[str, Records], sides: dict[str, tuple[Records, Records]]
) -> None:
    """Turn the deletion of a record that merged records still refer to into a conflict."""
    pending = [(t, e) for t, entries in tables.items() for e in entries.values()]
    while pending:
        table, entry = pending.pop()
        for version in _versions(entry):
            for target, ref in _references(table, version):
                if ref in tables[target] or ref not in base[target]:
                    continue
                was = base[target][ref]
                ours, theirs = sides[target]
                restored = Entry(ref, was, ours.get(ref), theirs.get(ref))
                if restored.ours is None and restored.theirs is None:
                    continue  # both deleted it: the referring record is flagged later
                deleter = "ours" if restored.ours is None else "theirs"
                restored.record = restored.ours or restored.theirs
                restored.make_whole(f'{deleter} deleted it, but {table} "{entry.key}" still refers to it', "deleted")
                tables[target][ref] = restored
                pending.append((target, restored))


def merge_debates(base: Debate | None, ours: Debate, theirs: Debate) -> MergeResult:
    """Merge OURS and THEIRS, both descended from BASE (None: no common version)."""
    header = _merge_record("", _header(base), _header(ours), _header(theirs), ())
    assert header is not None
    bases = {t: _data(base, t) for t in KEYED}
    sides = {t: (_data(ours, t), _data(theirs, t)) for t in KEYED}
    merged = {t: _merge_table(t, bases[t], *sides[t]) for t in KEYED}
    history = _merge_history(base, ours, theirs)
    _restore_needed({**merged, "stance_changes": {e.key: e for e in history}}, bases, sides)

    result = MergeResult(header, {})
    result.comments = comments.merge(base._comments if base is not None else None, ours._comments, theirs._comments)
    for table in KEYED:
        order, both = _merge_order(list(bases[table]), list(sides[table][0]), list(sides[table][1]), set(merged[table]))
        result.tables[table] = [merged[table][k] for k in order]
        if both and table != "claims":
            result.warnings.append(f"{table}: both sides reordered the records differently; ours' order kept")
    result.tables["stance_changes"] = history
    _order_siblings(result, bases["claims"], *sides["claims"])
    _flag_integrity(result)
    _collect_conflicts(result)
    return result


def _header(debate: Debate | None) -> dict[str, Any] | None:
    if debate is None:
        return None
    return {
        "schema": debate.schema_,
        "title": debate.title,
        "question": debate.question,
        "description": debate.description,
    }


def _parent(entry: Entry) -> str | None:
    view = entry.view or {}
    return view.get("parent")


def _order_siblings(result: MergeResult, base: Records, ours: Records, theirs: Records) -> None:
    """Within each parent, merge the order of the children; their slots in the file stay."""
    claims = result.tables["claims"]
    groups: dict[str | None, list[int]] = {}
    for i, entry in enumerate(claims):
        groups.setdefault(_parent(entry), []).append(i)

    def children(side: Records) -> dict[str | None, list[str]]:
        out: dict[str | None, list[str]] = {}
        for key, record in side.items():
            out.setdefault(record.get("parent"), []).append(key)
        return out

    kids = [children(side) for side in (base, ours, theirs)]
    for parent, slots in groups.items():
        members = {claims[i].key: claims[i] for i in slots}
        base_order, ours_order, theirs_order = (k.get(parent, []) for k in kids)
        order, both = _merge_order(base_order, ours_order, theirs_order, set(members))
        if both:  # neither order is right: a person chooses (ours' is written meanwhile)
            orders = ([k for k in ours_order if k in members], [k for k in theirs_order if k in members])
            under = f'the claims under "{parent}"' if parent else "the root claims"
            reason = (
                f"both sides reordered {under} differently "
                f"(ours: {', '.join(orders[0])}; theirs: {', '.join(orders[1])})"
            )
            result.conflicts.append(Conflict("claims", parent or "", None, "order", reason))
            result.reorders[parent or ""] = orders
            result.reorder_at[claims[slots[0]].key] = parent or ""
        for slot, key in zip(slots, order):
            claims[slot] = members[key]


def _flag_integrity(result: MergeResult) -> None:
    """Any rule the combined sides break makes the offending record a whole conflict."""
    try:
        problems = check_integrity(Debate.model_validate(result.provisional_data()))
        locs = [(p.loc, p.message) for p in problems]
    except ValidationError as exc:
        locs = [(tuple(e["loc"]), e["msg"]) for e in exc.errors(include_url=False)]
    for loc, message in locs:
        if len(loc) >= 2 and loc[0] in TABLES and isinstance(loc[1], int):
            present = [e for e in result.tables[str(loc[0])] if e.view is not None]
            present[loc[1]].make_whole(f"the merged debate breaks a rule: {message}", "integrity")
        elif loc and loc[0] in HEADER:
            result.header.fields.setdefault(str(loc[0]), f"the merged debate breaks a rule: {message}")


def _collect_conflicts(result: MergeResult) -> None:
    for name, why in result.header.fields.items():
        result.conflicts.append(Conflict(None, None, name, "field", why))
    for table in TABLES:
        for entry in result.tables[table]:
            if entry.whole is not None:
                result.conflicts.append(Conflict(table, entry.key, None, entry.kind, entry.whole))
            for name, why in entry.fields.items():
                result.conflicts.append(Conflict(table, entry.key, name, "field", why))


def _shown(value: Any) -> bool:
    """Whether the canonical writer writes this value (it leaves empty ones out)."""
    return not (value is None or value == "" or value == [] or value is False)


def _line(name: str, value: Any) -> str:
    if not _shown(value):
        return f"# {name}: not set\n"
    return f"{toml_writer.key(name)} = {toml_writer.value(value)}\n"


def _block(ours: str, base: str | None, theirs: str, why: str, size: int) -> str:
    out = f"{'<' * size} ours: {why}\n{ours}"
    if base is not None:
        out += f"{'|' * size} base\n{base}"
    return out + f"{'=' * size}\n{theirs}{'>' * size} theirs\n"


def _record_text(table: str, record: dict[str, Any] | None) -> str:
    if record is None:
        return f"# (no {table} record)\n"
    return toml_writer.dumps({table: [_compact(record)]}).lstrip("\n")


def _entry_text(table: str, entry: Entry, size: int, notes: comments.Notes | None = None) -> str:
    above = (notes or comments.Notes()).above
    trailing = (notes or comments.Notes()).trailing
    if entry.whole is not None:
        base = _record_text(table, entry.base) if entry.base is not None else None
        block = _block(
            _record_text(table, entry.ours),
            base,
            _record_text(table, entry.theirs),
            f'{table} "{entry.key}": {entry.whole}',
            size,
        )
        return "\n" + "".join(f"{c}\n" for c in above.get("[[", [])) + block
    if not entry.fields:
        if notes:
            return comments.record_text(table, _compact(entry.record or {}), notes)
        return toml_writer.dumps({table: [_compact(entry.record or {})]})
    lines = ["\n", *(f"{c}\n" for c in above.get("[[", [])), f"[[{toml_writer.key(table)}]]{trailing.get('[[', '')}\n"]
    tables_after = {}
    for name, value in (entry.record or {}).items():
        if name in entry.fields:
            mark = trailing.get(name, "")  # on every side's line, so that either kept keeps it
            base = _line(name, entry.base.get(name))[:-1] + mark + "\n" if entry.base is not None else None
            theirs = _line(name, (entry.theirs or {}).get(name))[:-1] + mark + "\n"
            lines += [f"{c}\n" for c in above.get(name, [])]
            lines.append(
                _block(_line(name, value)[:-1] + mark + "\n", base, theirs, f"{name}: {entry.fields[name]}", size)
            )
        elif _is_table_list(value):
            tables_after[name] = value
        elif _shown(value):
            lines += [f"{c}\n" for c in above.get(name, [])]
            lines.append(_line(name, value)[:-1] + trailing.get(name, "") + "\n")
    lines += [f"{c}\n" for c in above.get("]]", []) if c]
    if tables_after:
        nested_text = toml_writer.dumps({table: [_compact(tables_after)]})
        lines.append(nested_text.split("\n", 2)[2])
    return "".join(lines)


def merge_text(result: MergeResult, marker_size: int = 7) -> str:
    """The merged debate as TOML in canonical form, conflicts between git's markers."""
    if result.header.fields:
        header = _entry_text("debate", result.header, marker_size)
        out = [header.split("\n", 2)[2]]  # the top-level keys, without the table header
    else:
        out = [comments.top_text(_compact(result.header.record or {}), result.comments)]
    for table in TABLES:
        for e in result.tables[table]:
            if table == "claims" and e.key in result.reorder_at:
                out.append(_order_block(result, result.reorder_at[e.key], marker_size))
            out.append(_entry_text(table, e, marker_size, _notes(result, table, e)))
    return "".join(out) + comments.trailer_text(result.comments)


def _order_block(result: MergeResult, parent: str, size: int) -> str:
    """Markers before siblings both sides reordered: both orders, as comments."""
    ours, theirs = result.reorders[parent]
    under = f'claims under "{parent}"' if parent else "root claims"
    why = f"{under}: both sides reordered them differently; put the records below in one order"
    return "\n" + _block(
        f"# ours' order: {', '.join(ours)}\n", None, f"# theirs' order: {', '.join(theirs)}\n", why, size
    )


def _notes(result: MergeResult, table: str, entry: Entry) -> comments.Notes | None:
    """The merged comments of ENTRY's record."""
    if result.comments is None:
        return None
    key = entry.key
    if table == "stance_changes":  # kept by position here, by content in the comments
        key = comments.keys_of(table, [entry.view or entry.record or {}])[0]
    return result.comments.records.get((table, key))
