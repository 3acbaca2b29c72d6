"""The AIF export, read as JSON: one I-node per claim, one RA (support) or CA (attack) per
tree edge or link, each S-node joining exactly the two claims of its relation."""

from __future__ import annotations

import json

import pytest

from arguments.model import Debate
from export import ExportOptions, claims_in_scope, clean, render
from tests.formats.test_export_samples import SAMPLES


def graph_of(debate: Debate, options: ExportOptions | None = None) -> dict:
    data = json.loads(render("aif", debate, options))
    assert set(data) == {"nodes", "edges", "locutions"} and data["locutions"] == []
    return data


def relations(data: dict) -> list[tuple[str, str, str]]:
    """(from I-node text, S-node type, to I-node text) for each S-node."""
    nodes = {n["nodeID"]: n for n in data["nodes"]}
    assert len(nodes) == len(data["nodes"])
    incoming: dict[str, list[str]] = {}
    outgoing: dict[str, list[str]] = {}
    for edge in data["edges"]:
        assert edge["fromID"] in nodes and edge["toID"] in nodes
        outgoing.setdefault(edge["fromID"], []).append(edge["toID"])
        incoming.setdefault(edge["toID"], []).append(edge["fromID"])
    assert len({e["edgeID"] for e in data["edges"]}) == len(data["edges"])
    out = []
    for node in data["nodes"]:
        if node["type"] == "I":
            continue
        assert node["type"] in ("RA", "CA")
        (source,), (target,) = incoming[node["nodeID"]], outgoing[node["nodeID"]]
        assert nodes[source]["type"] == nodes[target]["type"] == "I"
        out.append((source, node["type"], target))
    return out


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_one_i_node_per_claim_and_one_s_node_per_relation(name: str) -> None:
    debate = SAMPLES[name]()
    data = graph_of(debate)
    i_nodes = [n for n in data["nodes"] if n["type"] == "I"]
    scope = [claim for claim, _ in claims_in_scope(debate, ExportOptions())]
    assert len(i_nodes) == len(debate.claims) == len(scope)
    assert [n["text"] for n in i_nodes] == [clean(c.text) for c in scope]
    claim_of = {node["nodeID"]: claim.id for node, claim in zip(i_nodes, scope)}
    kinds = {"supports": "RA", "opposes": "CA"}
    expected = [(c.id, kinds[c.relation], c.parent) for c in debate.claims if c.parent and c.relation]
    expected += [(link.from_, kinds[link.relation], link.to) for link in debate.links]
    found = [(claim_of[s], kind, claim_of[t]) for s, kind, t in relations(data)]
    assert sorted(found) == sorted(expected)
    assert len(data["edges"]) == 2 * len(found)


def test_depth_option() -> None:
    data = graph_of(SAMPLES["deep"](), ExportOptions(depth=4))
    assert [n["type"] for n in data["nodes"]].count("I") == 5
    assert len(relations(data)) == 4
