"""Cross-record rules of a debate: unique ids, resolving references, a tree that is a tree.

Every rule reports every violation with its location, in linear time, so `check` on a
debate of 50,000 claims stays at the floor of parsing it.
"""

from __future__ import annotations

from itertools import chain, repeat
from operator import attrgetter, eq, is_

from .ids import ID_TABLES, all_ids
from .model import Debate
from .problems import Loc, Problem
from .tree import MAX_DEPTH

_ID, _PARENT, _RELATION, _TEXT = attrgetter("id"), attrgetter("parent"), attrgetter("relation"), attrgetter("text")
_FROM, _TO, _CLAIM, _SOURCE = attrgetter("from_"), attrgetter("to"), attrgetter("claim"), attrgetter("source")
_STAKEHOLDER, _EVIDENCE = attrgetter("stakeholder"), attrgetter("evidence")


def check_integrity(debate: Debate) -> list[Problem]:
    """Every cross-record problem in the debate, in file order of the tables."""
    problems: list[Problem] = []

    def bad(loc: Loc, message: str) -> None:
        problems.append(Problem(message, loc))

    ids = list(all_ids(debate))
    if len(set(ids)) != len(ids):  # only then is each id's first place worth keeping
        seen: dict[str, Loc] = {}
        for table in ID_TABLES:
            for i, record in enumerate(getattr(debate, table)):
                rid = record.id
                if rid in seen:
                    first = seen[rid]
                    bad((table, i, "id"), f'id "{rid}" is already used by {first[0]}[{first[1]}]')
                else:
                    seen[rid] = (table, i)
    del ids

    if not debate.title.strip():
        bad(("title",), "the title is blank")

    claims, stakeholders = set(map(_ID, debate.claims)), set(map(_ID, debate.stakeholders))
    sources, evidence = set(map(_ID, debate.sources)), set(map(_ID, debate.evidence))
    if not _sound(debate, claims, stakeholders, sources, evidence):
        problems.extend(_record_problems(debate, claims, stakeholders, sources, evidence))

    if debate.stance_changes or debate.polls or debate.coalitions or debate.scenarios:
        problems.extend(_other_problems(debate, claims, stakeholders))
    return problems


def _sound(debate: Debate, claims: set[str], stakeholders: set[str], sources: set[str], evidence: set[str]) -> bool:
    """True only when `_record_problems` would find nothing, told by whole-table checks
    that run in C (map, set operations) instead of a Python step per field: at 100,000
    claims the record-by-record pass was a quarter of loading. False sends the debate
    through that pass, which words every problem."""
    ids, parents = list(map(_ID, debate.claims)), list(map(_PARENT, debate.claims))
    if len(claims) != len(ids) or not all(map(str.strip, map(_TEXT, debate.claims))):
        return False
    if list(map(is_, parents, repeat(None))) != list(map(is_, map(_RELATION, debate.claims), repeat(None))):
        return False
    if any(map(eq, parents, ids)) or not claims.issuperset({*parents} - {None}):
        return False
    if not _shallow_and_parents_first(ids, parents):
        return False
    froms, tos = list(map(_FROM, debate.links)), list(map(_TO, debate.links))
    if any(map(eq, froms, tos)) or not claims.issuperset(froms) or not claims.issuperset(tos):
        return False
    items = debate.evidence
    if not all(map(str.strip, map(_TEXT, items))) or not claims.issuperset(map(_CLAIM, items)):
        return False
    if not sources.issuperset({*map(_SOURCE, items)} - {None}):
        return False
    holders, on = list(map(_STAKEHOLDER, debate.stances)), list(map(_CLAIM, debate.stances))
    if not stakeholders.issuperset(holders) or not claims.issuperset(on):
        return False
    if not evidence.issuperset(chain.from_iterable(map(_EVIDENCE, debate.stances))):
        return False
    # One stance per stakeholder and claim: the claims per stakeholder, as sets of the
    # strings already held (no new object per stance: a tuple per stance was a tenth of
    # check's peak memory at 100,000 stances).
    claims_of: dict[str, set[str]] = {holder: set() for holder in stakeholders}
    for holder, claim in zip(holders, on):
        claims_of[holder].add(claim)
    return sum(map(len, claims_of.values())) == len(holders)


def _shallow_and_parents_first(ids: list[str], parents: list[str | None]) -> bool:
    """Every parent comes before its children in the file (so there is no cycle) and no
    claim is deeper than `MAX_DEPTH`; False also when a parent comes later, a shape
    `_tree_shape` then judges."""
    depth: dict[str, int] = {}
    for cid, parent in zip(ids, parents):
        if parent is None:
            depth[cid] = 0
            continue
        above = depth.get(parent)
        if above is None or above >= MAX_DEPTH:
            return False
        depth[cid] = above + 1
    return True


def _other_problems(debate: Debate, claims: set[str], stakeholders: set[str]) -> list[Problem]:
    """The references of stance changes, polls, coalitions and scenarios."""
    problems: list[Problem] = []

    def ref(loc: Loc, value: str | None, pool: set[str], what: str) -> None:
        if value is not None and value not in pool:
            problems.append(Problem(f'no {what} with id "{value}"', loc))

    for i, change in enumerate(debate.stance_changes):
        ref(("stance_changes", i, "stakeholder"), change.stakeholder, stakeholders, "stakeholder")
        ref(("stance_changes", i, "claim"), change.claim, claims, "claim")

    for i, poll in enumerate(debate.polls):
        ref(("polls", i, "claim"), poll.claim, claims, "claim")

    for i, coalition in enumerate(debate.coalitions):
        for j, member in enumerate(coalition.members):
            ref(("coalitions", i, "members", j), member, stakeholders, "stakeholder")

    for i, scenario in enumerate(debate.scenarios):
        for j, pos in enumerate(scenario.positions):
            ref(("scenarios", i, "positions", j, "stakeholder"), pos.stakeholder, stakeholders, "stakeholder")
            ref(("scenarios", i, "positions", j, "claim"), pos.claim, claims, "claim")
        for j, pw in enumerate(scenario.powers):
            ref(("scenarios", i, "powers", j, "stakeholder"), pw.stakeholder, stakeholders, "stakeholder")
        for j, dropped in enumerate(scenario.dropped):
            ref(("scenarios", i, "dropped", j), dropped, claims, "claim")
    return problems


def _record_problems(
    debate: Debate, claims: set[str], stakeholders: set[str], sources: set[str], evidence: set[str]
) -> list[Problem]:
    """Every problem of the claims, the tree, links, evidence and stances, record by record."""
    problems: list[Problem] = []

    def bad(loc: Loc, message: str) -> None:
        problems.append(Problem(message, loc))

    def ref(loc: Loc, value: str | None, pool: set[str], what: str) -> None:
        if value is not None and value not in pool:
            bad(loc, f'no {what} with id "{value}"')

    for i, claim in enumerate(debate.claims):
        if not claim.text.strip():
            bad(("claims", i, "text"), "the text is blank")
        if (claim.parent is None) != (claim.relation is None):
            if claim.parent is None:
                bad(("claims", i, "relation"), "a relation needs a parent (roots have neither)")
            else:
                bad(("claims", i, "parent"), "a claim with a parent needs a relation: supports or opposes")
        if claim.parent == claim.id:
            bad(("claims", i, "parent"), f'claim "{claim.id}" is its own parent')
        elif claim.parent is not None:
            ref(("claims", i, "parent"), claim.parent, claims, "claim")
    problems.extend(_tree_shape(debate))

    for i, link in enumerate(debate.links):
        ref(("links", i, "from"), link.from_, claims, "claim")
        ref(("links", i, "to"), link.to, claims, "claim")
        if link.from_ == link.to:
            bad(("links", i, "to"), "a link cannot point a claim at itself")

    for i, item in enumerate(debate.evidence):
        if not item.text.strip():
            bad(("evidence", i, "text"), "the text is blank")
        ref(("evidence", i, "claim"), item.claim, claims, "claim")
        ref(("evidence", i, "source"), item.source, sources, "source")

    # Stakeholder -> claim -> first stance: no tuple per stance, which at 100,000 stances
    # was a tenth of check's peak memory.
    pairs: dict[str, dict[str, int]] = {}
    for i, stance in enumerate(debate.stances):
        if stance.stakeholder not in stakeholders:
            bad(("stances", i, "stakeholder"), f'no stakeholder with id "{stance.stakeholder}"')
        if stance.claim not in claims:
            bad(("stances", i, "claim"), f'no claim with id "{stance.claim}"')
        for j, ev in enumerate(stance.evidence):
            ref(("stances", i, "evidence", j), ev, evidence, "evidence")
        on_claims = pairs.get(stance.stakeholder)
        if on_claims is None:
            on_claims = pairs[stance.stakeholder] = {}
        first_stance = on_claims.get(stance.claim)
        if first_stance is not None:
            bad(
                ("stances", i, "claim"),
                f'"{stance.stakeholder}" already has a stance on "{stance.claim}" (stances[{first_stance}])',
            )
        else:
            on_claims[stance.claim] = i
    return problems


def _tree_shape(debate: Debate) -> list[Problem]:
    """Parent cycles and over-deep branches, found in one pass with memoised depths."""
    index = {c.id: i for i, c in enumerate(debate.claims)}
    parent_of = {c.id: c.parent for c in debate.claims}
    depth: dict[str, int] = {}
    problems: list[Problem] = []
    in_cycle: set[str] = set()
    for start in parent_of:
        if start in depth or start in in_cycle:
            continue
        path: list[str] = []
        on_path: set[str] = set()
        node: str | None = start
        while node is not None and node in parent_of and node not in depth and node not in in_cycle:
            if node in on_path:
                cycle = path[path.index(node) :]
                in_cycle.update(cycle)
                if len(cycle) > 1:  # a self-parent is reported by its own rule
                    shown = " -> ".join([*cycle, node])
                    problems.append(Problem(f"the parents form a cycle: {shown}", ("claims", index[node], "parent")))
                break
            path.append(node)
            on_path.add(node)
            node = parent_of[node]
        base = depth.get(node, -1) if node is not None and node not in in_cycle else -1
        if node is not None and node in in_cycle:
            for n in path:
                if n not in in_cycle:
                    in_cycle.add(n)  # hangs below a cycle: its depth is meaningless
            continue
        for n in reversed(path):
            base += 1
            depth[n] = base
            if base == MAX_DEPTH + 1:
                problems.append(
                    Problem(
                        f"the claim sits {base} levels deep; at most {MAX_DEPTH} are allowed",
                        ("claims", index[n], "parent"),
                    )
                )
    return problems
