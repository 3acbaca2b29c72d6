"""Edits of everything around the claims: evidence, stances and their history,
stakeholders, sources, and the debate's own fields."""

from __future__ import annotations

from typing import Any

from ..model import TABLES, Debate, Evidence, Source, Stakeholder, Stance, StanceChange
from .checks import _build, _index, _merged, _new_id, _not_blank, _replace, _rewrite, _without
from .primitives import Batch, Operation, OperationError, SetTop, Splice


def _now() -> str:
    """The package's clock, looked up at each call: tests and the app replace `operations.now`."""
    from . import now

    return now()


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
    debate: Debate,
    stakeholder: str,
    claim: str,
    position: int | None = None,
    note: str = "",
    presented: str | None = None,
    evidence_shown: tuple[str, ...] = (),
    **fields: Any,
) -> Batch:
    """Create or change a stance (position, basis, rationale, evidence); a new position is
    also recorded in `stance_changes`, so undo takes the history entry back too. PRESENTED
    and EVIDENCE_SHOWN (presenter mode) say which slide was up when it moved."""
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
            {
                "at": _now(),
                "stakeholder": stakeholder,
                "claim": claim,
                "from": before,
                "to": new.position,
                "note": note,
                "presented": presented,
                "evidence_shown": list(evidence_shown),
            },
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
        {"at": _now(), "stakeholder": stakeholder, "claim": claim, "from": debate.stances[i].position, "note": note},
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
    ops: list[Operation] = [
        *_rewrite(debate, "evidence", lambda e: e.model_copy(update={"source": None}) if e.source == source_id else e)
    ]
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
