"""Mermaid flowchart: the map as a diagram for Markdown hosts (GitHub, GitLab, Obsidian).

Nodes are `n0`, `n1`, ... (claim ids such as `end` are Mermaid keywords); each label is a
quoted string in which every character Mermaid or HTML would read is an entity code
(`#34;` for `"`), so no text can end the label or add markup. Pro edges are green solid
arrows, con edges red thick arrows, links dotted; questions are hexagons; the motion is
on top (`flowchart BT`, edges run from a claim to the claim it answers). Mermaid renders
at most 500 edges by default: export big maps with `--depth`.
"""

from __future__ import annotations

import json
import re

from arguments.model import Claim, Debate

from . import ExportOptions, claims_in_scope, clean, label_lines, links_in_scope

ARROW = {"supports": "-->", "opposes": "==>"}
LINK_ARROW = "-.->"
LINK_STYLE = {
    ("tree", "supports"): "stroke:#1b7837,stroke-width:2px",
    ("tree", "opposes"): "stroke:#b2182b,stroke-width:3px",
    ("link", "supports"): "stroke:#1b7837,stroke-width:1.5px",
    ("link", "opposes"): "stroke:#b2182b,stroke-width:1.5px",
}
SHAPE = {"thesis": ('(["', '"])'), "claim": ('("', '")'), "question": ('{{"', '"}}')}
CLASS_DEFS = [
    "classDef thesis fill:#fff2cc,stroke:#7f6000,stroke-width:2px",
    "classDef claim fill:#ffffff,stroke:#555555",
    "classDef question fill:#e8f0fe,stroke:#1a73e8",
    "classDef closed fill:#f1f3f4,stroke:#888888,stroke-dasharray:4 3",
]

_SPECIAL = re.compile(r"[\"#&<>;`%\\]")


def escape_label(text: str) -> str:
    """TEXT with every character a Mermaid label could act on as a `#NN;` entity code."""
    return _SPECIAL.sub(lambda m: f"#{ord(m.group(0))};", text)


def _node(node_id: str, claim: Claim) -> str:
    lines = label_lines(claim.text)
    if claim.kind == "question":
        lines[0] = "? " + lines[0]
    opening, closing = SHAPE[claim.kind]
    return f"  {node_id}{opening}{'<br>'.join(escape_label(line) for line in lines)}{closing}"


def render(debate: Debate, options: ExportOptions) -> str:
    """The debate as a Mermaid flowchart."""
    title = json.dumps(" ".join(clean(debate.title).split()), ensure_ascii=True)
    out = ["---", f"title: {title}", "---", "flowchart BT"]
    scope = claims_in_scope(debate, options)
    node_of = {claim.id: f"n{i}" for i, (claim, _) in enumerate(scope)}
    classes: dict[str, list[str]] = {}
    for claim, _ in scope:
        out.append(_node(node_of[claim.id], claim))
        style = "closed" if claim.kind == "question" and claim.closed else claim.kind
        classes.setdefault(style, []).append(node_of[claim.id])
    styles: dict[str, list[str]] = {}
    edge = 0
    for claim, depth in scope:
        if depth > 0 and claim.parent and claim.relation:
            out.append(f"  {node_of[claim.id]} {ARROW[claim.relation]} {node_of[claim.parent]}")
            styles.setdefault(LINK_STYLE[("tree", claim.relation)], []).append(str(edge))
            edge += 1
    for link in links_in_scope(debate, set(node_of)):
        out.append(f"  {node_of[link.from_]} {LINK_ARROW} {node_of[link.to]}")
        styles.setdefault(LINK_STYLE[("link", link.relation)], []).append(str(edge))
        edge += 1
    out += [f"  {line}" for line in CLASS_DEFS]
    out += [f"  class {','.join(ids)} {style}" for style, ids in classes.items()]
    out += [f"  linkStyle {','.join(edges)} {style}" for style, edges in styles.items()]
    return "\n".join(out) + "\n"
