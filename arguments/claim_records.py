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
GROUPED_ELSEWHERE = ("stances", "evidence")
"""The big tables, which `defer_grouping` leaves to another thread."""


class ClaimRecords:
    """Per-claim records and counts, each grouping built on first use."""

    def __init__(self, debate: Debate, claims: Callable[[], dict[str, Claim]] | None = None) -> None:
        self.debate = debate
        self._groups: dict[str, dict[str, Any]] = {}
        self._summaries: dict[str, ClaimSummary] = {}
        self._claims = claims
        """Where claims by id come from when the caller already keeps them current."""
        self._deferred: dict[str, dict[str, list[Any]]] = {}
        """Per table grouped elsewhere (`defer_grouping`), the claims looked up meanwhile."""
        self._epoch = 0
        """Counts edits, so that a grouping made from an older debate is not installed."""

    def on(self, table: str, claim_id: str) -> list[Any]:
        """Records of TABLE (evidence, stances, links) that concern CLAIM_ID, in file order."""
        looked_up = self._deferred.get(table)
        if looked_up is not None:
            if claim_id not in looked_up:
                self.prefetch([claim_id])
            return looked_up[claim_id]
        found: list[Any] = self._group(table).get(claim_id, [])
        return found

    # ------------------------------------------------------------ grouping elsewhere

    def defer_grouping(self) -> None:
        """Group stances and evidence elsewhere (`deferred_work`, then `install`): until
        then, each claim looked up costs one pass over them, and a first frame none."""
        self._deferred = {table: {} for table in GROUPED_ELSEWHERE if table not in self._groups}

    def prefetch(self, claim_ids: Iterable[str]) -> None:
        """Look CLAIM_IDS up now, in one pass per deferred table."""
        for table, looked_up in self._deferred.items():
            wanted = {cid for cid in claim_ids if cid not in looked_up}
            if wanted:
                _regroup(looked_up, getattr(self.debate, table), wanted)
                for cid in wanted:
                    looked_up.setdefault(cid, [])

    def deferred_work(self) -> tuple[dict[str, list[Any]], int]:
        """What `group_tables` needs (the deferred tables' records as they are now) and the
        token `install` takes with its answer."""
        return {table: list(getattr(self.debate, table)) for table in self._deferred}, self._epoch

    def install(self, groups: dict[str, dict[str, list[Any]]], token: int) -> None:
        """Take GROUPS made by `group_tables` from `deferred_work`'s records; if the debate
        was edited since, they are dropped and the tables grouped here when next used."""
        if token == self._epoch:
            self._groups.update(groups)
        for table in groups:
            self._deferred.pop(table, None)

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
        self._epoch += 1
        if change.everything:
            self._deferred.clear()
            self.forget((*PER_CLAIM, *BY_ID))
            return
        touched = change.tables & {"stances", "evidence"}
        for cid in change.claims:
            self._summaries.pop(cid, None)
            for looked_up in self._deferred.values():
                looked_up.pop(cid, None)
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


def group_tables(records: dict[str, list[Any]]) -> dict[str, dict[str, list[Any]]]:
    """The groupings of `deferred_work`'s RECORDS, for `install`; pure, for any thread."""
    return {table: _grouped(table, items) for table, items in records.items()}


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
