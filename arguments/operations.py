"""Edits to a debate that each know their inverse, and the undo/redo history over them.

Three primitives change a debate: `Splice` (replace a run of records in one table),
`SetTop` (one top-level field) and `Batch` (several, all or nothing). `op.apply(debate)`
changes the debate in place and returns the operation that undoes it exactly. The
constructors below (`add_claim`, `delete_stakeholder`, ...) check their preconditions and
validate every new record first, raising `OperationError` with a plain message, so an
operation that is built always applies whole. They touch only the records concerned:
no operation re-validates or rebuilds the whole debate.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from operator import attrgetter
from typing import Any, Protocol

from pydantic import ValidationError

from .ids import unique_id
from .model import (
    TABLES,
    Claim,
    Debate,
    Evidence,
    Record,
    Source,
    Stakeholder,
    Stance,
    StanceChange,
)
from .tree import MAX_DEPTH, ClaimTree


class OperationError(ValueError):
    """An edit that cannot be made; the message says why, in the user's terms."""


class Operation(Protocol):
    def apply(self, debate: Debate) -> Operation: ...


@dataclass(frozen=True)
class Splice:
    """Replace REMOVE records of TABLE starting at INDEX with INSERT."""

    table: str
    index: int
    remove: int
    insert: tuple[Record, ...] = ()

    def apply(self, debate: Debate) -> Splice:
        items = getattr(debate, self.table)
        if not 0 <= self.index <= len(items) - self.remove:
            raise OperationError(f"{self.table}: no records at {self.index}..{self.index + self.remove}")
        removed = tuple(items[self.index : self.index + self.remove])
        items[self.index : self.index + self.remove] = self.insert
        return Splice(self.table, self.index, len(self.insert), removed)


@dataclass(frozen=True)
class SetTop:
    """Set a top-level field of the debate (title, question, description)."""

    name: str
    value: Any

    def apply(self, debate: Debate) -> SetTop:
        old = getattr(debate, self.name)
        setattr(debate, self.name, self.value)
        return SetTop(self.name, old)


@dataclass(frozen=True)
class Batch:
    """Several operations applied in order; the inverse undoes them in reverse order."""

    ops: tuple[Operation, ...]
    label: str = ""

    def apply(self, debate: Debate) -> Batch:
        done: list[Operation] = []
        try:
            for op in self.ops:
                done.append(op.apply(debate))
        except BaseException:
            for inverse in reversed(done):  # never leave an edit half-applied
                inverse.apply(debate)
            raise
        return Batch(tuple(reversed(done)), self.label)


# ---------------------------------------------------------------- history


@dataclass
class Step:
    """One recorded edit: what redoes it, what undoes it, the states before and after."""

    redo: Operation
    undo: Operation
    before: int
    after: int

    @property
    def label(self) -> str:
        return getattr(self.redo, "label", "") or "edit"


@dataclass
class History:
    """Unlimited undo and redo, and whether the debate differs from the last save."""

    undo_stack: list[Step] = field(default_factory=list)
    redo_stack: list[Step] = field(default_factory=list)
    state: int = 0
    saved_state: int | None = 0
    _serial: int = 0

    def apply(self, debate: Debate, op: Operation) -> Step:
        inverse = op.apply(debate)
        self._serial += 1
        step = Step(op, inverse, self.state, self._serial)
        self.undo_stack.append(step)
        self.redo_stack.clear()
        self.state = step.after
        return step

    def undo(self, debate: Debate) -> Step | None:
        if not self.undo_stack:
            return None
        step = self.undo_stack.pop()
        redo = step.undo.apply(debate)
        step = Step(redo, step.undo, step.before, step.after)
        self.redo_stack.append(step)
        self.state = step.before
        return step

    def redo(self, debate: Debate) -> Step | None:
        if not self.redo_stack:
            return None
        step = self.redo_stack.pop()
        undo = step.redo.apply(debate)
        step = Step(step.redo, undo, step.before, step.after)
        self.undo_stack.append(step)
        self.state = step.after
        return step

    @property
    def dirty(self) -> bool:
        return self.state != self.saved_state

    def mark_saved(self, state: int | None = None) -> None:
        """The file now holds STATE (by default the current one)."""
        self.saved_state = self.state if state is None else state

    def mark_unsaved(self) -> None:
        """The debate differs from the file whatever the stacks say (e.g. restored edits)."""
        self.saved_state = None


# ---------------------------------------------------------------- helpers

now: Callable[[], str] = lambda: datetime.now().strftime("%Y-%m-%dT%H:%M")  # noqa: E731
"""The clock stance changes are stamped with (ISO minute); tests and the app may replace it."""


def _index(items: Sequence[Any], rid: str, what: str) -> int:
    for i, record in enumerate(items):
        if record.id == rid:
            return i
    raise OperationError(f'there is no {what} "{rid}"')


def _exists(items: Sequence[Any], rid: str) -> bool:
    return any(record.id == rid for record in items)


def _build(kind: type[Record], data: dict[str, Any]) -> Any:
    """Validate a whole record; the first problem becomes a plain `OperationError`."""
    try:
        return kind.model_validate(data)
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        where = ".".join(str(p) for p in err["loc"]) or kind.__name__.lower()
        raise OperationError(f"{where}: {err['msg']}") from None


def _merged(record: Record, fields: dict[str, Any], fixed: Sequence[str]) -> Any:
    for name in fixed:
        if name in fields and fields[name] != getattr(record, name):
            raise OperationError(f"{name} cannot be changed here")
    return _build(type(record), {**record.model_dump(by_alias=False), **fields})


def _not_blank(value: str, what: str) -> None:
    if not value.strip():
        raise OperationError(f"{what} cannot be empty")


def _new_id(debate: Debate, rid: str | None, text: str, fallback: str) -> str:
    if rid is None or rid == "":
        return unique_id(debate, text, fallback)
    from .ids import all_ids

    if any(existing == rid for existing in all_ids(debate)):
        raise OperationError(f'id "{rid}" is already used')
    return rid


def _replace(debate: Debate, table: str, index: int, record: Record) -> Splice:
    return Splice(table, index, 1, (record,))


def _rewrite(debate: Debate, table: str, fn: Callable[[Any], Any]) -> list[Splice]:
    """Splices that apply FN to every record (same object: keep, None: remove, else replace).

    Indices go from last to first so that each splice leaves the earlier ones valid.
    """
    ops: list[Splice] = []
    items = getattr(debate, table)
    for i in range(len(items) - 1, -1, -1):
        new = fn(items[i])
        if new is None:
            ops.append(Splice(table, i, 1, ()))
        elif new is not items[i]:
            ops.append(Splice(table, i, 1, (new,)))
    return ops


def _without(values: list[str], gone: set[str]) -> list[str] | None:
    """VALUES minus GONE, or None when nothing would change."""
    kept = [v for v in values if v not in gone]
    return None if len(kept) == len(values) else kept


def _depth(parents: dict[str, str | None], claim_id: str) -> int:
    depth, node, seen = 0, parents.get(claim_id), {claim_id}
    while node is not None and node not in seen:
        seen.add(node)
        depth += 1
        node = parents.get(node)
    return depth


# ---------------------------------------------------------------- claims


def add_claim(
    debate: Debate, parent: str, relation: str, text: str, kind: str = "claim", id: str | None = None
) -> Batch:
    """A new claim under PARENT, last among its siblings."""
    _not_blank(text, "the claim's text")
    claims = debate.claims
    parents = dict(zip(map(attrgetter("id"), claims), map(attrgetter("parent"), claims)))
    if parent not in parents:
        raise OperationError(f'there is no claim "{parent}"')
    if _depth(parents, parent) + 1 > MAX_DEPTH:
        raise OperationError(f"a claim may sit at most {MAX_DEPTH} levels deep")
    rid = _new_id(debate, id, text, "claim")
    claim = _build(Claim, {"id": rid, "text": text, "kind": kind, "parent": parent, "relation": relation})
    return Batch((Splice("claims", len(debate.claims), 0, (claim,)),), f"add claim {rid}")


def add_root(debate: Debate, text: str, kind: str = "thesis") -> Batch:
    """A new top-level claim (the motion, when the debate has none yet)."""
    _not_blank(text, "the claim's text")
    rid = unique_id(debate, text, "motion")
    claim = _build(Claim, {"id": rid, "text": text, "kind": kind})
    return Batch((Splice("claims", len(debate.claims), 0, (claim,)),), f"add claim {rid}")


def add_sibling(debate: Debate, claim_id: str, text: str, kind: str = "claim") -> Batch:
    """A new claim right after CLAIM_ID under the same parent, with the same relation."""
    _not_blank(text, "the claim's text")
    i = _index(debate.claims, claim_id, "claim")
    this = debate.claims[i]
    if this.parent is None:
        raise OperationError("the motion has no siblings: add a claim under it instead")
    rid = unique_id(debate, text, "claim")
    claim = _build(Claim, {"id": rid, "text": text, "kind": kind, "parent": this.parent, "relation": this.relation})
    return Batch((Splice("claims", i + 1, 0, (claim,)),), f"add claim {rid}")


def edit_claim(debate: Debate, claim_id: str, **fields: Any) -> Batch:
    """Change a claim's own fields (text, kind, relation, notes, tags, closed)."""
    i = _index(debate.claims, claim_id, "claim")
    old = debate.claims[i]
    new = _merged(old, fields, ("id", "parent"))
    _not_blank(new.text, "the claim's text")
    if new.parent is None and new.relation is not None:
        raise OperationError("the motion has no parent, so it cannot support or oppose one")
    return Batch((_replace(debate, "claims", i, new),), f"edit claim {claim_id}")


def set_kind(debate: Debate, claim_id: str, kind: str) -> Batch:
    return edit_claim(debate, claim_id, kind=kind)


def flip_relation(debate: Debate, claim_id: str) -> Batch:
    """Supports becomes opposes and back."""
    claim = debate.claims[_index(debate.claims, claim_id, "claim")]
    if claim.relation is None:
        raise OperationError("the motion neither supports nor opposes anything")
    flipped = "opposes" if claim.relation == "supports" else "supports"
    return edit_claim(debate, claim_id, relation=flipped)


def delete_claim(debate: Debate, claim_id: str) -> Batch:
    """Delete a claim with its subtree, and everything that refers to them."""
    _index(debate.claims, claim_id, "claim")
    gone = set(ClaimTree.of(debate).subtree(claim_id))
    gone_evidence = {e.id for e in debate.evidence if e.claim in gone}

    def stance(s: Stance) -> Stance | None:
        if s.claim in gone:
            return None
        kept = _without(s.evidence, gone_evidence)
        return s if kept is None else s.model_copy(update={"evidence": kept})

    def scenario(s: Any) -> Any:
        positions = [p for p in s.positions if p.claim not in gone]
        dropped = [d for d in s.dropped if d not in gone]
        if len(positions) == len(s.positions) and len(dropped) == len(s.dropped):
            return s
        return s.model_copy(update={"positions": positions, "dropped": dropped})

    ops: list[Operation] = []
    ops += _rewrite(debate, "claims", lambda c: None if c.id in gone else c)
    ops += _rewrite(debate, "evidence", lambda e: None if e.id in gone_evidence else e)
    ops += _rewrite(debate, "stances", stance)
    ops += _rewrite(debate, "links", lambda k: None if k.from_ in gone or k.to in gone else k)
    ops += _rewrite(debate, "stance_changes", lambda c: None if c.claim in gone else c)
    ops += _rewrite(debate, "scenarios", scenario)
    return Batch(tuple(ops), f"delete claim {claim_id}")


def _siblings(debate: Debate, claim: Claim) -> list[int]:
    return [i for i, c in enumerate(debate.claims) if c.parent == claim.parent]


def move_claim(debate: Debate, claim_id: str, step: int) -> Batch:
    """Move a claim STEP places (-1 up, +1 down) among its siblings."""
    i = _index(debate.claims, claim_id, "claim")
    this = debate.claims[i]
    sibs = _siblings(debate, this)
    at = sibs.index(i)
    if not 0 <= at + step < len(sibs):
        raise OperationError("the claim is already " + ("first" if step < 0 else "last") + " among its siblings")
    j = sibs[at + step]
    other = debate.claims[j]
    return Batch((_replace(debate, "claims", i, other), _replace(debate, "claims", j, this)), f"move {claim_id}")


def move_under(debate: Debate, claim_id: str, parent: str, relation: str | None = None) -> Batch:
    """Move a claim (with its subtree) to be the last child of PARENT."""
    i = _index(debate.claims, claim_id, "claim")
    _index(debate.claims, parent, "claim")
    tree = ClaimTree.of(debate)
    subtree = tree.subtree(claim_id)
    if parent in subtree:
        raise OperationError("a claim cannot move into its own subtree")
    this = debate.claims[i]
    height = max(tree.depth(c) for c in subtree) - tree.depth(claim_id)
    if tree.depth(parent) + 1 + height > MAX_DEPTH:
        raise OperationError(f"the move would put claims more than {MAX_DEPTH} levels deep")
    moved = _build(
        Claim,
        {**this.model_dump(by_alias=False), "parent": parent, "relation": relation or this.relation or "supports"},
    )
    last = len(debate.claims) - 1
    return Batch((Splice("claims", i, 1, ()), Splice("claims", last, 0, (moved,))), f"move {claim_id}")


def indent(debate: Debate, claim_id: str) -> Batch:
    """Make a claim the last child of its previous sibling."""
    i = _index(debate.claims, claim_id, "claim")
    this = debate.claims[i]
    sibs = _siblings(debate, this)
    at = sibs.index(i)
    if at == 0:
        raise OperationError("the claim has no sibling above it to move under")
    return move_under(debate, claim_id, debate.claims[sibs[at - 1]].id)


def outdent(debate: Debate, claim_id: str) -> Batch:
    """Make a claim a sibling of its parent, right after it."""
    i = _index(debate.claims, claim_id, "claim")
    this = debate.claims[i]
    if this.parent is None:
        raise OperationError("the motion is already at the top")
    p = _index(debate.claims, this.parent, "claim")
    grand = debate.claims[p].parent
    if grand is None:
        raise OperationError("the claim is already directly under the motion")
    moved = _build(Claim, {**this.model_dump(by_alias=False), "parent": grand})
    target = p if i < p else p + 1  # the parent's index once this claim is removed, plus one
    return Batch((Splice("claims", i, 1, ()), Splice("claims", target, 0, (moved,))), f"outdent {claim_id}")


# ---------------------------------------------------------------- evidence


def _check_evidence_refs(debate: Debate, data: dict[str, Any]) -> None:
    if "claim" in data:
        _index(debate.claims, data["claim"], "claim")
    if data.get("source"):
        _index(debate.sources, data["source"], "source")


def add_evidence(debate: Debate, claim: str, text: str, id: str | None = None, **fields: Any) -> Batch:
    """New evidence on CLAIM."""
    _not_blank(text, "the evidence text")
    data = {"claim": claim, "text": text, **fields}
    _check_evidence_refs(debate, data)
    rid = _new_id(debate, id, "ev " + text, "ev")
    item = _build(Evidence, {"id": rid, **data})
    return Batch((Splice("evidence", len(debate.evidence), 0, (item,)),), f"add evidence {rid}")


def edit_evidence(debate: Debate, evidence_id: str, **fields: Any) -> Batch:
    i = _index(debate.evidence, evidence_id, "evidence")
    _check_evidence_refs(debate, fields)
    new = _merged(debate.evidence[i], fields, ("id",))
    _not_blank(new.text, "the evidence text")
    return Batch((_replace(debate, "evidence", i, new),), f"edit evidence {evidence_id}")


def delete_evidence(debate: Debate, evidence_id: str) -> Batch:
    """Delete evidence and its mentions in stances."""
    i = _index(debate.evidence, evidence_id, "evidence")
    gone = {evidence_id}

    def stance(s: Stance) -> Stance:
        kept = _without(s.evidence, gone)
        return s if kept is None else s.model_copy(update={"evidence": kept})

    ops: list[Operation] = [*_rewrite(debate, "stances", stance), Splice("evidence", i, 1, ())]
    return Batch(tuple(ops), f"delete evidence {evidence_id}")


# ---------------------------------------------------------------- stances


def _stance_index(debate: Debate, stakeholder: str, claim: str) -> int | None:
    for i, s in enumerate(debate.stances):
        if s.stakeholder == stakeholder and s.claim == claim:
            return i
    return None


def set_stance(
    debate: Debate, stakeholder: str, claim: str, position: int | None = None, note: str = "", **fields: Any
) -> Batch:
    """Create or change a stance (position, basis, rationale, evidence); a new position is
    also recorded in `stance_changes`, so undo takes the history entry back too."""
    _index(debate.stakeholders, stakeholder, "stakeholder")
    _index(debate.claims, claim, "claim")
    for ev in fields.get("evidence", []):
        _index(debate.evidence, ev, "evidence")
    i = _stance_index(debate, stakeholder, claim)
    old = debate.stances[i] if i is not None else None
    update = dict(fields)
    if position is not None:
        update["position"] = position
    if old is None:
        new = _build(Stance, {"stakeholder": stakeholder, "claim": claim, "position": 0, **update})
        ops: list[Operation] = [Splice("stances", len(debate.stances), 0, (new,))]
    else:
        new = _merged(old, update, ("stakeholder", "claim"))
        ops = [_replace(debate, "stances", i, new)]  # type: ignore[arg-type]
    before = old.position if old is not None else None
    if before != new.position:
        change = _build(
            StanceChange,
            {"at": now(), "stakeholder": stakeholder, "claim": claim, "from": before, "to": new.position, "note": note},
        )
        ops.append(Splice("stance_changes", len(debate.stance_changes), 0, (change,)))
    return Batch(tuple(ops), f"stance {stakeholder} on {claim}")


def clear_stance(debate: Debate, stakeholder: str, claim: str, note: str = "") -> Batch:
    """Withdraw a stance; the history records it as a move to nothing."""
    i = _stance_index(debate, stakeholder, claim)
    if i is None:
        raise OperationError(f'"{stakeholder}" has no stance on "{claim}"')
    change = _build(
        StanceChange,
        {"at": now(), "stakeholder": stakeholder, "claim": claim, "from": debate.stances[i].position, "note": note},
    )
    ops = (Splice("stances", i, 1, ()), Splice("stance_changes", len(debate.stance_changes), 0, (change,)))
    return Batch(ops, f"clear stance {stakeholder} on {claim}")


def note_last_change(debate: Debate, stakeholder: str, claim: str, note: str) -> Batch:
    """Say what moved a stance: set the note of the latest recorded change of it."""
    for i in range(len(debate.stance_changes) - 1, -1, -1):
        change = debate.stance_changes[i]
        if change.stakeholder == stakeholder and change.claim == claim:
            new = _merged(change, {"note": note}, ("stakeholder", "claim"))
            return Batch((_replace(debate, "stance_changes", i, new),), f"note on {stakeholder} / {claim}")
    raise OperationError(f'no change of "{stakeholder}" on "{claim}" has been recorded yet')


# ---------------------------------------------------------------- stakeholders and sources


def add_stakeholder(debate: Debate, name: str, id: str | None = None, **fields: Any) -> Batch:
    _not_blank(name, "the name")
    rid = _new_id(debate, id, fields.get("short") or name, "stakeholder")
    item = _build(Stakeholder, {"id": rid, "name": name, **fields})
    return Batch((Splice("stakeholders", len(debate.stakeholders), 0, (item,)),), f"add stakeholder {rid}")


def edit_stakeholder(debate: Debate, stakeholder_id: str, **fields: Any) -> Batch:
    i = _index(debate.stakeholders, stakeholder_id, "stakeholder")
    new = _merged(debate.stakeholders[i], fields, ("id",))
    _not_blank(new.name, "the name")
    return Batch((_replace(debate, "stakeholders", i, new),), f"edit stakeholder {stakeholder_id}")


def delete_stakeholder(debate: Debate, stakeholder_id: str) -> Batch:
    """Delete a stakeholder with its stances, history, and coalition and scenario mentions."""
    i = _index(debate.stakeholders, stakeholder_id, "stakeholder")
    gone = {stakeholder_id}

    def coalition(c: Any) -> Any:
        kept = _without(c.members, gone)
        return c if kept is None else c.model_copy(update={"members": kept})

    def scenario(s: Any) -> Any:
        positions = [p for p in s.positions if p.stakeholder not in gone]
        powers = [p for p in s.powers if p.stakeholder not in gone]
        if len(positions) == len(s.positions) and len(powers) == len(s.powers):
            return s
        return s.model_copy(update={"positions": positions, "powers": powers})

    ops: list[Operation] = []
    ops += _rewrite(debate, "stances", lambda s: None if s.stakeholder in gone else s)
    ops += _rewrite(debate, "stance_changes", lambda c: None if c.stakeholder in gone else c)
    ops += _rewrite(debate, "coalitions", coalition)
    ops += _rewrite(debate, "scenarios", scenario)
    ops.append(Splice("stakeholders", i, 1, ()))
    return Batch(tuple(ops), f"delete stakeholder {stakeholder_id}")


def stances_of(debate: Debate, stakeholder_id: str) -> int:
    """How many stances deleting the stakeholder would remove (the app asks first)."""
    return sum(1 for s in debate.stances if s.stakeholder == stakeholder_id)


def add_source(debate: Debate, citation: str, id: str | None = None, **fields: Any) -> Batch:
    _not_blank(citation, "the citation")
    rid = _new_id(debate, id, citation, "source")
    item = _build(Source, {"id": rid, "citation": citation, **fields})
    return Batch((Splice("sources", len(debate.sources), 0, (item,)),), f"add source {rid}")


def edit_source(debate: Debate, source_id: str, **fields: Any) -> Batch:
    i = _index(debate.sources, source_id, "source")
    new = _merged(debate.sources[i], fields, ("id",))
    _not_blank(new.citation, "the citation")
    return Batch((_replace(debate, "sources", i, new),), f"edit source {source_id}")


def delete_source(debate: Debate, source_id: str) -> Batch:
    """Delete a source; evidence that cited it keeps its text and loses the reference."""
    i = _index(debate.sources, source_id, "source")
    ops: list[Operation] = _rewrite(
        debate, "evidence", lambda e: e.model_copy(update={"source": None}) if e.source == source_id else e
    )
    ops.append(Splice("sources", i, 1, ()))
    return Batch(tuple(ops), f"delete source {source_id}")


def edit_debate(debate: Debate, **fields: Any) -> Batch:
    """Change the title, question or description."""
    for name in fields:
        if name not in ("title", "question", "description"):
            raise OperationError(f"{name} is not a field of the debate that can be edited here")
    if "title" in fields:
        _not_blank(fields["title"], "the title")
    probe = {"title": debate.title, **fields}
    _build(Debate, probe)
    return Batch(tuple(SetTop(k, v) for k, v in fields.items()), "edit debate")


def replace_debate(debate: Debate, other: Debate) -> Batch:
    """Make DEBATE equal to OTHER (restoring recovered edits, reloading from disk), undoably."""
    ops: list[Operation] = [
        SetTop(name, getattr(other, name))
        for name in ("title", "question", "description")
        if getattr(debate, name) != getattr(other, name)
    ]
    for table in TABLES:
        mine, theirs = getattr(debate, table), getattr(other, table)
        if mine != theirs:
            ops.append(Splice(table, 0, len(mine), tuple(theirs)))
    return Batch(tuple(ops), "replace the whole debate")


# ---------------------------------------------------------------- what an edit touched

BIG_SPLICE = 50
"""A splice of more records than this redraws everything rather than node by node."""


@dataclass
class Change:
    """What an applied operation touched, so views refresh only that."""

    claims: set[str] = field(default_factory=set)
    """Claims whose own line or details may now look different (some may be gone)."""
    parents: set[str | None] = field(default_factory=set)
    """Claims whose list of children changed; None stands for the roots."""
    tables: set[str] = field(default_factory=set)
    """Tables (and `debate` for the top fields) the operation changed."""
    everything: bool = False
    """Stakeholders, sources or large parts changed: every view redraws."""


def change_of(applied: Operation, inverse: Operation) -> Change:
    """What APPLIED (whose inverse is INVERSE) touched."""
    change = Change()
    _collect(applied, inverse, change)
    return change


def _collect(op: Operation, inverse: Operation, change: Change) -> None:
    if isinstance(op, Batch) and isinstance(inverse, Batch):
        for inner, inner_inverse in zip(op.ops, reversed(inverse.ops)):
            _collect(inner, inner_inverse, change)
        return
    if isinstance(op, SetTop):
        change.tables.add("debate")
        return
    if not isinstance(op, Splice) or not isinstance(inverse, Splice):
        change.everything = True
        return
    before, after = inverse.insert, op.insert
    change.tables.add(op.table)
    if len(before) + len(after) > BIG_SPLICE or op.table in ("stakeholders", "sources"):
        change.everything = True
    records = (*before, *after)
    if op.table == "claims":
        change.claims.update(r.id for r in records)  # type: ignore[attr-defined]
        if [(r.id, r.parent) for r in before] != [(r.id, r.parent) for r in after]:  # type: ignore[attr-defined]
            change.parents.update(r.parent for r in records)  # type: ignore[attr-defined]
    elif op.table in ("stances", "evidence", "stance_changes"):
        change.claims.update(r.claim for r in records)  # type: ignore[attr-defined]
    elif op.table == "links":
        for link in records:
            change.claims.update((link.from_, link.to))  # type: ignore[attr-defined]
