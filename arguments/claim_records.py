"""The debate's records grouped by the claim they concern, kept current edit by edit.

The tree's counts and the details panel both read a claim's stances and evidence. At
100,000 claims one pass over the 200,000 stances costs 0.15 s, so the grouping is made
once, on first use, and an edit then refreshes only the claims it touched (one filtered
pass) instead of grouping everything again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from .model import Claim, Debate
from .operations import Change
from .summary import ClaimSummary, summary_of

PER_CLAIM = ("evidence", "stances", "links")
"""Tables grouped by the claim each record concerns (a link by both its ends)."""
BY_ID = ("claims", "sources", "stakeholders")
"""Tables looked up by id."""


class ClaimRecords:
    """Per-claim records and counts, each grouping built on first use."""

    def __init__(self, debate: Debate, claims: Callable[[], dict[str, Claim]] | None = None) -> None:
        self.debate = debate
        self._groups: dict[str, dict[str, Any]] = {}
        self._summaries: dict[str, ClaimSummary] = {}
        self._claims = claims
        """Where claims by id come from when the caller already keeps them current."""

    def on(self, table: str, claim_id: str) -> list[Any]:
        """Records of TABLE (evidence, stances, links) that concern CLAIM_ID, in file order."""
        found: list[Any] = self._group(table).get(claim_id, [])
        return found

    def by_id(self, table: str, rid: str) -> Any:
        """The record of TABLE (claims, sources, stakeholders) with id RID, or None."""
        if table == "claims" and self._claims is not None:
            return self._claims().get(rid)
        return self._group(table).get(rid)

    def summary(self, claim_id: str) -> ClaimSummary:
        """Who supports and opposes CLAIM_ID, and its evidence (see `summarise`)."""
        found = self._summaries.get(claim_id)
        if found is None:
            stakeholders = self._group("stakeholders")
            power = {sid: s.power for sid, s in stakeholders.items()}
            found = summary_of(self.on("stances", claim_id), self.on("evidence", claim_id), power)
            self._summaries[claim_id] = found
        return found

    def changed(self, change: Change) -> None:
        """Follow an edit: the claims it touched are grouped again, in one pass per table;
        by-id tables, links, and everything after a large edit are grouped anew when next used."""
        if change.everything:
            self.forget((*PER_CLAIM, *BY_ID))
            return
        touched = change.tables & {"stances", "evidence"}
        for cid in change.claims:
            self._summaries.pop(cid, None)
        for table in touched:
            group = self._groups.get(table)
            if group is not None:
                _regroup(group, getattr(self.debate, table), change.claims)
        self.forget(change.tables - touched)

    def forget(self, tables: Iterable[str]) -> None:
        """Drop the groupings of TABLES (and every count, if they hold any)."""
        for table in tables:
            self._groups.pop(table, None)
            if table in ("stances", "evidence", "stakeholders"):
                self._summaries.clear()

    def _group(self, table: str) -> dict[str, Any]:
        group = self._groups.get(table)
        if group is None:
            group = self._groups[table] = _grouped(table, getattr(self.debate, table))
        return group


def _grouped(table: str, records: list[Any]) -> dict[str, Any]:
    group: dict[str, Any] = {}
    if table in BY_ID:
        group = {record.id: record for record in records}
    elif table == "links":
        for record in records:
            for end in dict.fromkeys((record.from_, record.to)):
                group.setdefault(end, []).append(record)
    else:
        for record in records:
            group.setdefault(record.claim, []).append(record)
    return group


def _regroup(group: dict[str, list[Any]], records: list[Any], claims: set[str]) -> None:
    """GROUP's lists for CLAIMS, made again from RECORDS in file order."""
    fresh: dict[str, list[Any]] = {}
    for record in records:
        if record.claim in claims:
            fresh.setdefault(record.claim, []).append(record)
    for cid in claims:
        if cid in fresh:
            group[cid] = fresh[cid]
        else:
            group.pop(cid, None)
