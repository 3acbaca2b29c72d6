"""Edits of the claim tree: add, edit, flip, delete with everything that refers to the
subtree, move among siblings, move under another claim, indent and outdent."""

from __future__ import annotations

from operator import attrgetter
from typing import Any

from ..ids import unique_id
from ..model import Claim, Debate, Stance
from ..tree import MAX_DEPTH, ClaimTree
from .checks import _build, _depth, _index, _merged, _new_id, _not_blank, _replace, _rewrite, _without
from .primitives import Batch, Operation, OperationError, Splice


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
    ops += _rewrite(debate, "polls", lambda p: None if p.claim in gone else p)
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


def new_claim(op: Operation) -> str | None:
    """The id of the claim an add operation (`add_claim`, `add_root`, `add_sibling`) inserts."""
    splice = op.ops[0] if isinstance(op, Batch) else op
    claim = splice.insert[0] if isinstance(splice, Splice) and splice.insert else None
    return claim.id if isinstance(claim, Claim) else None
