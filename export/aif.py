"""AIF (Argument Interchange Format) as AIFdb JSON, for argument-mining tools.

Each claim is an I-node; each support (tree edge or link) is an RA-node ("Default
Inference") and each attack a CA-node ("Default Conflict"), with an edge from the answering
claim to the S-node and one from the S-node to the claim answered. Node ids are numbers
as strings, claims first in tree order. There are no locutions: a debate map records
claims, not who said them when.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

from arguments.model import Debate

from . import ExportOptions, claims_in_scope, clean, links_in_scope

SCHEME = {"supports": ("RA", "Default Inference"), "opposes": ("CA", "Default Conflict")}


def render(debate: Debate, options: ExportOptions) -> str:
    """The debate as AIF JSON: nodes, edges, locutions."""
    scope = claims_in_scope(debate, options)
    node_id = {claim.id: str(i) for i, (claim, _) in enumerate(scope, start=1)}
    nodes = [{"nodeID": node_id[c.id], "text": clean(c.text), "type": "I", "timestamp": ""} for c, _ in scope]
    relations = [(c.id, c.parent, c.relation) for c, depth in scope if depth > 0 and c.parent and c.relation]
    relations += [(link.from_, link.to, link.relation) for link in links_in_scope(debate, set(node_id))]
    edges: list[dict[str, object]] = []
    for source, target, relation in relations:
        kind, text = SCHEME[relation]
        s_node = str(len(nodes) + 1)
        nodes.append({"nodeID": s_node, "text": text, "type": kind, "timestamp": ""})
        for start, end in ((node_id[source], s_node), (s_node, node_id[target])):
            edges.append({"edgeID": str(len(edges) + 1), "fromID": start, "toID": end, "formEdgeID": None})
    return "{\n" + _array("nodes", nodes) + ",\n" + _array("edges", edges) + ',\n "locutions": []\n}\n'


def _array(key: str, items: Sequence[Mapping[str, object]]) -> str:
    """One item per line: readable, and each line encoded by json's fast C encoder."""
    lines = ",\n".join("  " + json.dumps(item, ensure_ascii=False) for item in items)
    return f' "{key}": [\n{lines}\n ]' if items else f' "{key}": []'
