"""The whole-table half of the integrity check, on plain columns of field values.

`integrity` fills the columns from a debate's models (`columns_of`). (The second process
of `parallel_read` once filled them from the raw records it read, the stances apart, and
ran these rules there; it then was the one the load waited for, and it no longer does.)

`Columns.sound` is True only when the record-by-record pass (`integrity._record_problems`)
would find nothing and every id is unique. It is told by whole-table checks that run in C
(map, set operations): the record-by-record pass was a quarter of loading.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import chain, repeat
from operator import eq, is_
from typing import Any

MAX_DEPTH = 200
"""Deepest a claim may sit below its root; deeper files are refused by `check`."""

ID_TABLES = ("sources", "stakeholders", "claims", "evidence", "coalitions", "scenarios")
"""Tables whose records have an `id`; ids are unique across all of them."""

Getter = Callable[[str], Callable[[Any], Any]]
"""getter(FIELD) -> a function giving a record's FIELD."""


@dataclass
class Columns:
    """The fields of each table that the rules read, in file order."""

    ids: list[str] = field(default_factory=list)
    """Of every table in `ID_TABLES`."""
    claim_ids: list[str] = field(default_factory=list)
    parents: list[str | None] = field(default_factory=list)
    relations: list[str | None] = field(default_factory=list)
    claim_texts: list[str] = field(default_factory=list)
    link_froms: list[str] = field(default_factory=list)
    link_tos: list[str] = field(default_factory=list)
    evidence_ids: list[str] = field(default_factory=list)
    evidence_texts: list[str] = field(default_factory=list)
    evidence_claims: list[str] = field(default_factory=list)
    evidence_sources: list[str | None] = field(default_factory=list)
    holders: list[str] = field(default_factory=list)
    stance_claims: list[str] = field(default_factory=list)
    stance_evidence: list[list[str]] = field(default_factory=list)
    stakeholder_ids: list[str] = field(default_factory=list)
    source_ids: list[str] = field(default_factory=list)

    def add(self, table: str, records: list[Any], get: Getter) -> None:
        """Add RECORDS of TABLE, read with GET."""
        if table in ID_TABLES:
            self.ids.extend(map(get("id"), records))
        if table == "claims":
            self.claim_ids.extend(map(get("id"), records))
            self.parents.extend(map(get("parent"), records))
            self.relations.extend(map(get("relation"), records))
            self.claim_texts.extend(map(get("text"), records))
        elif table == "links":
            self.link_froms.extend(map(get("from"), records))
            self.link_tos.extend(map(get("to"), records))
        elif table == "evidence":
            self.evidence_ids.extend(map(get("id"), records))
            self.evidence_texts.extend(map(get("text"), records))
            self.evidence_claims.extend(map(get("claim"), records))
            self.evidence_sources.extend(map(get("source"), records))
        elif table == "stances":
            self.holders.extend(map(get("stakeholder"), records))
            self.stance_claims.extend(map(get("claim"), records))
            self.stance_evidence.extend(map(get("evidence"), records))
        elif table == "stakeholders":
            self.stakeholder_ids.extend(map(get("id"), records))
        elif table == "sources":
            self.source_ids.extend(map(get("id"), records))

    def ids_unique(self) -> bool:
        return len(set(self.ids)) == len(self.ids)

    def sound(self) -> bool:
        """True only when every id is unique and the record-by-record pass would find
        nothing; False sends the debate through that pass, which words every problem."""
        return self.sound_apart_from_stances() and self.stances_sound()

    def sound_apart_from_stances(self) -> bool:
        """`sound`, the stances left out (their columns need not be filled)."""
        if not self.ids_unique():
            return False
        claims, ids, parents = set(self.claim_ids), self.claim_ids, self.parents
        if len(claims) != len(ids) or not all(map(str.strip, self.claim_texts)):
            return False
        if list(map(is_, parents, repeat(None))) != list(map(is_, self.relations, repeat(None))):
            return False
        if any(map(eq, parents, ids)) or not claims.issuperset({*parents} - {None}):
            return False
        if not _shallow_and_parents_first(ids, parents):
            return False
        if any(map(eq, self.link_froms, self.link_tos)):
            return False
        if not claims.issuperset(self.link_froms) or not claims.issuperset(self.link_tos):
            return False
        if not all(map(str.strip, self.evidence_texts)) or not claims.issuperset(self.evidence_claims):
            return False
        return set(self.source_ids).issuperset({*self.evidence_sources} - {None})

    def stances_sound(self) -> bool:
        """The stances' part of `sound`: their stakeholders, claims and evidence exist
        (the ids of those tables are needed), and one stance per stakeholder and claim."""
        stakeholders = set(self.stakeholder_ids)
        if not stakeholders.issuperset(self.holders) or not set(self.claim_ids).issuperset(self.stance_claims):
            return False
        if not set(self.evidence_ids).issuperset(chain.from_iterable(self.stance_evidence)):
            return False
        return _one_stance_each(stakeholders, self.holders, self.stance_claims)


def _one_stance_each(stakeholders: set[str], holders: list[str], claims: Iterable[str]) -> bool:
    # The claims per stakeholder, as sets of the strings already held (no new object per
    # stance: a tuple per stance was a tenth of check's peak memory at 100,000 stances).
    claims_of: dict[str, set[str]] = {holder: set() for holder in stakeholders}
    for holder, claim in zip(holders, claims):
        claims_of[holder].add(claim)
    return sum(map(len, claims_of.values())) == len(holders)


def _shallow_and_parents_first(ids: list[str], parents: list[str | None]) -> bool:
    """Every parent comes before its children in the file (so there is no cycle) and no
    claim is deeper than `MAX_DEPTH`; False also when a parent comes later, a shape the
    record-by-record pass then judges."""
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
