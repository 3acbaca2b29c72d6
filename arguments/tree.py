"""Read-only views of the claim tree: children in file order, depth-first walks, subtrees.

All walks are iterative so that no debate, however deep, reaches Python's recursion limit.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from .model import Claim, Debate

MAX_DEPTH = 200
"""Deepest a claim may sit below its root; deeper files are refused by `check`."""


@dataclass
class ClaimTree:
    """An index over a debate's claims: by id, children per parent, roots, in file order."""

    by_id: dict[str, Claim] = field(default_factory=dict)
    children: dict[str | None, list[str]] = field(default_factory=dict)

    @classmethod
    def of(cls, debate: Debate) -> ClaimTree:
        tree = cls()
        for claim in debate.claims:
            tree.by_id[claim.id] = claim
        for claim in debate.claims:
            parent = claim.parent if claim.parent in tree.by_id else None
            tree.children.setdefault(parent, []).append(claim.id)
        return tree

    @property
    def roots(self) -> list[str]:
        return self.children.get(None, [])

    def kids(self, claim_id: str) -> list[str]:
        return self.children.get(claim_id, [])

    def walk(self, start: str | None = None) -> Iterator[tuple[str, int]]:
        """Yield (claim id, depth) depth-first in sibling order; roots have depth 0."""
        first = self.roots if start is None else [start]
        base = 0
        stack = [(cid, base) for cid in reversed(first)]
        seen: set[str] = set()
        while stack:
            cid, depth = stack.pop()
            if cid in seen:  # a cycle in a broken file: never loop
                continue
            seen.add(cid)
            yield cid, depth
            for kid in reversed(self.kids(cid)):
                stack.append((kid, depth + 1))

    def subtree(self, claim_id: str) -> list[str]:
        """The claim and all its descendants, depth-first."""
        return [cid for cid, _ in self.walk(claim_id)]

    def ancestors(self, claim_id: str) -> list[str]:
        """Parents from the nearest up to the root (cycle-safe)."""
        out: list[str] = []
        seen = {claim_id}
        current = self.by_id.get(claim_id)
        while current is not None and current.parent and current.parent not in seen:
            out.append(current.parent)
            seen.add(current.parent)
            current = self.by_id.get(current.parent)
        return out

    def depth(self, claim_id: str) -> int:
        return len(self.ancestors(claim_id))
