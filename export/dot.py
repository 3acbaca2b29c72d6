"""Graphviz DOT: the map as a diagram, the motion on top.

Edges run from a claim to the claim it answers (rankdir=BT puts the motion at the top).
Pro edges are green, solid, with an arrow; con edges red, bold, with a bar (`tee`), so
they differ in print and to colour-blind readers too. Links are dashed and do not shape
the layout. Questions are hexagons, the motion a bold box. Every string is a quoted DOT
string with backslashes, quotes and `&` escaped, so no text can add nodes or attributes.
"""

from __future__ import annotations

from arguments.model import Claim, Debate
from arguments.summary import ClaimSummary, summarise

from . import ExportOptions, claims_in_scope, clean, label_lines, links_in_scope

EDGE_STYLE = {
    "supports": 'color="#1b7837", fontcolor="#1b7837", style=solid, arrowhead=normal',
    "opposes": 'color="#b2182b", fontcolor="#b2182b", style=bold, penwidth=2, arrowhead=tee',
}
LINK_STYLE = {
    "supports": 'color="#1b7837", style=dashed, arrowhead=empty, constraint=false',
    "opposes": 'color="#b2182b", style=dashed, arrowhead=tee, constraint=false',
}
NODE_STYLE = {
    "thesis": 'shape=box, style="rounded,filled,bold", fillcolor="#fff2cc", penwidth=2',
    "claim": 'shape=box, style="rounded,filled", fillcolor="#ffffff"',
    "question": 'shape=hexagon, style="filled", fillcolor="#e8f0fe"',
    "closed question": 'shape=hexagon, style="filled,dashed", fillcolor="#f1f3f4"',
}


def quote(text: str) -> str:
    """TEXT as a DOT quoted string: `\\` and `"` escaped, and `&` because Graphviz reads
    HTML entities in labels."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("&", "&amp;") + '"'


def _label(lines: list[str]) -> str:
    """A quoted label whose lines are centred (DOT's `\\n`)."""
    return "\\n".join(quote(line)[1:-1] for line in lines).join('""')


def _counts(summary: ClaimSummary, options: ExportOptions) -> str:
    parts = []
    if options.stances and (summary.support or summary.oppose):
        parts.append(f"for {summary.support} · against {summary.oppose}")
    if options.evidence and summary.evidence:
        parts.append(f"evidence {summary.evidence}")
    return " · ".join(parts)


def _node(claim: Claim, summary: ClaimSummary, options: ExportOptions) -> str:
    lines = label_lines(claim.text)
    if claim.kind == "question":
        lines[0] = "? " + lines[0]
    counts = _counts(summary, options)
    if counts:
        lines.append(f"[{counts}]")
    style = "closed question" if claim.kind == "question" and claim.closed else claim.kind
    return f"  {quote(claim.id)} [label={_label(lines)}, {NODE_STYLE[style]}];"


def render(debate: Debate, options: ExportOptions) -> str:
    """The debate as a Graphviz digraph."""
    summaries = summarise(debate)
    title = " ".join(clean(debate.title).split())
    out = [
        "digraph debate {",
        f'  graph [rankdir=BT, labelloc=t, fontsize=16, fontname="Helvetica", label={quote(title)}];',
        '  node [fontname="Helvetica", fontsize=11, margin="0.15,0.08"];',
        '  edge [fontname="Helvetica", fontsize=9];',
    ]
    scope = claims_in_scope(debate, options)
    included = {claim.id for claim, _ in scope}
    for claim, _ in scope:
        out.append(_node(claim, summaries[claim.id], options))
    for claim, depth in scope:
        if depth > 0 and claim.parent and claim.relation:
            out.append(f"  {quote(claim.id)} -> {quote(claim.parent)} [{EDGE_STYLE[claim.relation]}];")
    for link in links_in_scope(debate, included):
        out.append(f"  {quote(link.from_)} -> {quote(link.to)} [{LINK_STYLE[link.relation]}];")
    out.append("}")
    return "\n".join(out) + "\n"
