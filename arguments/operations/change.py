"""What an applied operation touched, so views refresh only that."""

from __future__ import annotations

from dataclasses import dataclass, field

from .primitives import Batch, Operation, SetTop, Splice

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
