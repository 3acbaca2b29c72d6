"""What every importer shares: slug ids, depth-bounded claims, links, the dropped report.

The builder guarantees what `check_integrity` demands, so importers only describe what
they found: ids are unique slugs, parents exist, no branch is deeper than MAX_DEPTH
(deeper claims are cut and reported), links join two distinct kept claims.
"""

from __future__ import annotations

import re
import unicodedata

from arguments.integrity import check_integrity
from arguments.model import MAX_TEXT, Claim, ClaimKind, Debate, Evidence, Link, Relation, Source, Stakeholder, Stance
from arguments.problems import DebateError, Problem
from arguments.tree import MAX_DEPTH

from . import Dropped, ImportResult
from .limits import OutputBudget

EXAMPLE_CHARS = 80


def slug(text: str, limit: int = 48) -> str:
    """A lowercase ASCII slug of TEXT (accents folded), at most LIMIT characters; may be ''."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    out = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")
    return out[:limit].rstrip("-")


def example(text: str) -> str:
    """TEXT shortened to one line for a dropped-report example (stored data is untouched)."""
    flat = " ".join(text.split())
    return flat if len(flat) <= EXAMPLE_CHARS else flat[: EXAMPLE_CHARS - 1] + "…"


class DebateBuilder:
    """Collects claims, links, sources and evidence, then builds a checked Debate."""

    def __init__(self, name: str):
        self.name = name
        self.claims: list[Claim] = []
        self.links: list[Link] = []
        self.sources: list[Source] = []
        self.evidence: list[Evidence] = []
        self.stakeholders: list[Stakeholder] = []
        self.stances: list[Stance] = []
        self.depth: dict[str, int] = {}
        self.cut: set[str] = set()
        self.used: set[str] = set()
        self._suffix: dict[str, int] = {}
        self._link_keys: set[tuple[str, str]] = set()
        self._dropped: dict[str, Dropped] = {}
        self.budget = OutputBudget(name)

    def drop(self, reason: str, what: str = "") -> None:
        """Record one thing not carried over (WHAT is an example of it)."""
        item = self._dropped.setdefault(reason, Dropped(reason))
        item.count += 1
        if what and len(item.examples) < 5:
            item.examples.append(example(what))

    def dropped(self) -> list[Dropped]:
        """What was reported so far, one entry per reason."""
        return list(self._dropped.values())

    def new_id(self, hint: str, fallback: str = "claim") -> str:
        """A fresh unique id made from HINT (any text), else from FALLBACK."""
        base = slug(hint, 60) or fallback
        candidate, n = base, self._suffix.get(base, 1)
        while candidate in self.used:
            n += 1
            candidate = f"{base}-{n}"
        self._suffix[base] = n  # the next search for this base starts here, not at 1
        self.used.add(candidate)
        return candidate

    def reserve(self, wanted: str) -> str:
        """WANTED itself when it is a free valid id, else a fresh id made from it."""
        if re.fullmatch(r"[a-z0-9][a-z0-9_-]{0,79}", wanted) and wanted not in self.used:
            self.used.add(wanted)
            return wanted
        return self.new_id(wanted)

    def text(self, raw: str, where: str) -> str:
        """Claim or evidence text fit for the model: never blank, never over MAX_TEXT."""
        if not raw.strip():
            self.drop("empty texts replaced by a placeholder", where)
            return "(no text)"
        if len(raw) > MAX_TEXT:
            self.drop(f"texts cut to {MAX_TEXT} characters", raw)
            return raw[:MAX_TEXT]
        return raw

    def add_claim(
        self,
        cid: str,
        text: str,
        parent: str | None = None,
        relation: Relation | None = None,
        kind: ClaimKind = "claim",
        notes: str = "",
        tags: list[str] | tuple[str, ...] = (),
        closed: bool = False,
    ) -> bool:
        """Add a claim with id CID (from new_id/reserve); False when it was cut for depth."""
        if parent is not None and (parent in self.cut or parent not in self.depth):
            self.cut.add(cid)
            self.drop("claims below a cut or missing parent", text)
            return False
        depth = 0 if parent is None else self.depth[parent] + 1
        if depth > MAX_DEPTH:
            self.cut.add(cid)
            self.drop(f"claims deeper than {MAX_DEPTH} levels cut off", text)
            return False
        self.budget.add(cid, text[:MAX_TEXT], notes[:MAX_TEXT], parent or "")  # refuses past the file limit
        self.depth[cid] = depth
        clean_tags: dict[str, None] = {}  # ordered and without repeats
        for tag in tags:
            tag = tag.strip()
            if len(tag) > 200:
                self.drop("tags longer than 200 characters", tag)
            elif tag:
                clean_tags[tag] = None
        self.claims.append(
            Claim(
                id=cid,
                text=self.text(text, cid),
                parent=parent,
                relation=relation if parent is not None else None,
                kind=kind,
                notes=notes[:MAX_TEXT],
                tags=list(clean_tags),
                closed=closed,
            )
        )
        return True

    def has(self, cid: str) -> bool:
        return cid in self.depth

    def add_link(
        self, from_: str, to: str, relation: Relation, notes: str = "", what: str = "", dedupe: bool = True
    ) -> bool:
        """Add a link between two kept claims; self-links are reported, repeats merged (DEDUPE)."""
        if not (self.has(from_) and self.has(to)):
            self.drop("relations to claims that were cut or do not exist", what or f"{from_} -> {to}")
            return False
        if from_ == to:
            self.drop("relations from a claim to itself", what or from_)
            return False
        if dedupe and (from_, to) in self._link_keys:
            return False
        self._link_keys.add((from_, to))
        self.budget.add(from_, to, notes)
        self.links.append(Link.model_validate({"from": from_, "to": to, "relation": relation, "notes": notes}))
        return True

    def finish(self, title: str, question: str = "", description: str = "", allow_empty: bool = False) -> ImportResult:
        """The checked debate and the dropped report; DebateError if no claim arrived."""
        if not self.claims and not allow_empty:
            raise DebateError([Problem("no claims found in the file", path=self.name, line=1)])
        debate = Debate(
            title=self.text(title if title.strip() else self.name, "title"),
            question=question[:MAX_TEXT],
            description=description[:MAX_TEXT],
            sources=self.sources,
            claims=self.claims,
            links=self.links,
            evidence=self.evidence,
            stakeholders=self.stakeholders,
            stances=self.stances,
        )
        found = check_integrity(debate)
        if found:  # a bug in an importer, not in the user's file: say so plainly
            raise DebateError([Problem(f"import produced an inconsistent debate: {p}", path=self.name) for p in found])
        return ImportResult(debate, self.dropped())
