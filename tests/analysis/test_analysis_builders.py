"""A compact builder for the analysis tests' hand-made debates, and the import-hygiene check."""

from __future__ import annotations

from arguments.integrity import check_integrity
from arguments.model import Debate


def build(
    stakeholders: list[tuple[str, int, int]] = (),
    claims: list[tuple] = (),
    stances: list[tuple[str, str, int]] = (),
    evidence: list[tuple] = (),
    links: list[tuple[str, str, str]] = (),
    coalitions: list[tuple[str, list[str]]] = (),
) -> Debate:
    """A checked debate. stakeholders: (id, power, interest); claims: (id,) for a root
    thesis or (id, parent, relation[, kind]); stances: (stakeholder, claim, position[,
    evidence ids[, rationale]]); evidence: (claim, relation, reliability[, source]), with
    ids ev0, ev1, …; links: (from, to, relation); coalitions: (id, members)."""
    sources = sorted({e[3] for e in evidence if len(e) > 3})
    data = {
        "title": "Test",
        "sources": [{"id": s, "citation": s} for s in sources],
        "stakeholders": [{"id": s, "name": s.title(), "power": p, "interest": i} for s, p, i in stakeholders],
        "claims": [
            {"id": c[0], "text": f"Claim {c[0]}", "kind": "thesis"}
            if len(c) == 1
            else {
                "id": c[0],
                "text": f"Claim {c[0]}",
                "parent": c[1],
                "relation": c[2],
                "kind": c[3] if len(c) > 3 else "claim",
            }
            for c in claims
        ],
        "stances": [
            {
                "stakeholder": st[0],
                "claim": st[1],
                "position": st[2],
                "evidence": list(st[3]) if len(st) > 3 else [],
                "rationale": st[4] if len(st) > 4 else "Said so.",
            }
            for st in stances
        ],
        "evidence": [
            {
                "id": f"ev{i}",
                "claim": e[0],
                "relation": e[1],
                "reliability": e[2],
                "text": "t",
                "source": e[3] if len(e) > 3 else None,
            }
            for i, e in enumerate(evidence)
        ],
        "links": [{"from": a, "to": b, "relation": r} for a, b, r in links],
        "coalitions": [{"id": c, "name": c.title(), "members": m} for c, m in coalitions],
    }
    debate = Debate.model_validate(data)
    assert check_integrity(debate) == []
    return debate


def test_builder_makes_the_debate_it_is_asked_for():
    debate = build([("a", 4, 2)], [("m",), ("x", "m", "opposes")], [("a", "x", -2)], [("x", "supports", 5, "src")])
    assert debate.motion is not None and debate.motion.id == "m"
    assert debate.claims[1].relation == "opposes"
    assert debate.stances[0].position == -2
    assert debate.evidence[0].reliability == 5 and debate.evidence[0].source == "src"
