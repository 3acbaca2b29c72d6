"""OPML 2.0 for outliners (Workflowy, Dynalist, Logseq, OmniOutliner): one `<outline>` per
claim, nested as in the tree, its relation in front of the text (`Pro:` / `Con:`), and
notes, evidence, stances and links in `_note`.

All text is attribute-escaped (`&`, `<`, `>`, `"`, newline and tab as character
references) after `clean` has made visible the control characters and noncharacters that
XML 1.0 forbids, so the file is well-formed whatever the debate holds.
"""

from __future__ import annotations

from arguments.model import Claim, Debate

from . import ExportOptions, claims_in_scope, clean, links_in_scope

PREFIX = {"supports": "Pro: ", "opposes": "Con: "}
INDENT = "  "

_ATTRIBUTE = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\n": "&#10;", "\t": "&#9;"})


def xml_text(text: str) -> str:
    """TEXT cleaned and escaped for an XML attribute value."""
    return clean(text).translate(_ATTRIBUTE)


class _Notes:
    """The `_note` of each claim: notes, evidence, stances and links, gathered in one pass."""

    def __init__(self, debate: Debate, options: ExportOptions, included: set[str]):
        self.extra: dict[str, list[str]] = {}
        texts = {c.id: c.text for c in debate.claims}
        if options.evidence:
            citations = {s.id: s.citation for s in debate.sources}
            for item in debate.evidence:
                line = f"Evidence ({item.relation}): {item.text}"
                if item.quote:
                    line += f" “{item.quote}”"
                if item.source in citations:
                    line += f" — {citations[item.source]}"
                if item.locator:
                    line += f", {item.locator}"
                self.extra.setdefault(item.claim, []).append(line)
        if options.stances:
            names = {s.id: s.short or s.name for s in debate.stakeholders}
            for stance in debate.stances:
                line = (
                    f"Stance: {names.get(stance.stakeholder, stance.stakeholder)} {stance.position:+d} ({stance.basis})"
                )
                if stance.rationale:
                    line += f": {stance.rationale}"
                self.extra.setdefault(stance.claim, []).append(line)
        for link in links_in_scope(debate, included):
            verb = "Also supports" if link.relation == "supports" else "Also opposes"
            self.extra.setdefault(link.from_, []).append(f"{verb}: {texts[link.to]}")

    def of(self, claim: Claim) -> str:
        parts = []
        if claim.kind != "claim":
            parts.append(f"Kind: {claim.kind}" + (" (closed)" if claim.kind == "question" and claim.closed else ""))
        if claim.tags:
            parts.append("Tags: " + ", ".join(claim.tags))
        if claim.notes:
            parts.append(claim.notes)
        parts += self.extra.get(claim.id, [])
        return "\n".join(parts)


def render(debate: Debate, options: ExportOptions) -> str:
    """The debate as an OPML 2.0 outline."""
    scope = claims_in_scope(debate, options)
    notes = _Notes(debate, options, {claim.id for claim, _ in scope})
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<opml version="2.0">',
        f"{INDENT}<head>",
        f"{INDENT * 2}<title>{xml_text(debate.title)}</title>",
        f"{INDENT}</head>",
        f"{INDENT}<body>",
    ]
    open_depth = -1
    for claim, depth in scope:
        while open_depth >= depth:
            out.append(f"{INDENT * (open_depth + 2)}</outline>")
            open_depth -= 1
        text = PREFIX[claim.relation] + claim.text if depth > 0 and claim.relation else claim.text
        note = notes.of(claim)
        note_attr = f' _note="{xml_text(note)}"' if note else ""
        out.append(f'{INDENT * (depth + 2)}<outline text="{xml_text(text)}"{note_attr}>')
        open_depth = depth
    while open_depth >= 0:
        out.append(f"{INDENT * (open_depth + 2)}</outline>")
        open_depth -= 1
    out += [f"{INDENT}</body>", "</opml>"]
    return "\n".join(out) + "\n"
