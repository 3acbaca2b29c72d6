"""DOT and Mermaid exports: one node per claim, one edge per tree edge or link, styles by
relation, labels carrying the claim's text and nothing else.

DOT goes through Graphviz (`dot -Tsvg`) and the SVG is read with xml.etree; Mermaid has
no CLI here, so its lines are parsed by the grammar the exporter promises to write.
"""

from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET

import pytest

from arguments.model import Debate
from export import ExportOptions, label_lines, render
from tests.conftest import require_tool
from tests.formats.test_export_samples import SAMPLES, edges_of

SVG = "{http://www.w3.org/2000/svg}"
GREEN, RED = "#1b7837", "#b2182b"


def svg_of(debate: Debate, options: ExportOptions | None = None) -> ET.Element:
    dot = require_tool("dot")
    run = subprocess.run(
        [dot, "-Tsvg"], input=render("dot", debate, options).encode("utf-8"), capture_output=True, timeout=60
    )
    assert run.returncode == 0 and run.stderr == b"", run.stderr.decode("utf-8", "replace")
    return ET.fromstring(run.stdout)


def _groups(svg: ET.Element, kind: str) -> dict[str, ET.Element]:
    found = [g for g in svg.iter(f"{SVG}g") if g.get("class") == kind]
    titles = [g.find(f"{SVG}title").text for g in found]
    assert len(set(titles)) == len(titles)
    return dict(zip(titles, found))


def _expected_label(claim) -> list[str]:
    lines = label_lines(claim.text)
    if claim.kind == "question":
        lines[0] = "? " + lines[0]
    return lines


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_dot_draws_one_node_per_claim_and_one_edge_per_relation(name: str) -> None:
    debate = SAMPLES[name]()
    svg = svg_of(debate)
    nodes, edges = _groups(svg, "node"), _groups(svg, "edge")
    assert sorted(nodes) == sorted(c.id for c in debate.claims)
    expected = [f"{c.id}->{c.parent}" for c in debate.claims if c.parent]
    expected += [f"{link.from_}->{link.to}" for link in debate.links]
    assert sorted(edges) == sorted(expected) and len(edges) == edges_of(debate)


@pytest.mark.parametrize("name", ["linked", "hostile"])
def test_dot_labels_are_the_claim_text(name: str) -> None:
    debate = SAMPLES[name]()
    nodes = _groups(svg_of(debate, ExportOptions(stances=False, evidence=False)), "node")
    for claim in debate.claims:
        shown = [t.text or "" for t in nodes[claim.id].iter(f"{SVG}text")]
        assert " ".join(" ".join(shown).split()) == " ".join(" ".join(_expected_label(claim)).split())


def test_dot_styles_pro_con_links_and_questions_apart() -> None:
    debate = SAMPLES["linked"]()
    svg = svg_of(debate)
    nodes, edges = _groups(svg, "node"), _groups(svg, "edge")
    links = {f"{link.from_}->{link.to}": link.relation for link in debate.links}
    for claim in debate.claims:
        if not claim.parent:
            continue
        path = edges[f"{claim.id}->{claim.parent}"].find(f"{SVG}path")
        assert path.get("stroke") == (GREEN if claim.relation == "supports" else RED)
        assert path.get("stroke-width") == (None if claim.relation == "supports" else "2")
        assert path.get("stroke-dasharray") is None
    for title, relation in links.items():
        path = edges[title].find(f"{SVG}path")
        assert path.get("stroke") == (GREEN if relation == "supports" else RED)
        assert path.get("stroke-dasharray") is not None
    for claim in debate.claims:
        hexagon = [p for p in nodes[claim.id].findall(f"{SVG}polygon") if len(p.get("points").split()) == 7]
        assert bool(hexagon) == (claim.kind == "question")


def test_dot_puts_the_motion_on_top() -> None:
    debate = SAMPLES["small"]()
    nodes = _groups(svg_of(debate), "node")
    top = {cid: min(float(t.get("y")) for t in g.iter(f"{SVG}text")) for cid, g in nodes.items()}
    assert min(top, key=top.get) == "motion"


def test_dot_depth_option_cuts_the_tree() -> None:
    debate = SAMPLES["deep"]()
    nodes = _groups(svg_of(debate, ExportOptions(depth=5)), "node")
    assert sorted(nodes) == sorted(f"c{i}" for i in range(6))


NODE_LINE = re.compile(r'^  (n\d+)(\(\["|\("|\{\{")([^"\n]*)("\]\)|"\)|"\}\})$')
EDGE_LINE = re.compile(r"^  (n\d+) (-->|==>|-\.->) (n\d+)$")
STYLE_LINE = re.compile(r"^  (classDef|class|linkStyle) (\S+) (.+)$")


def parse_mermaid(text: str) -> tuple[dict[str, tuple[str, str]], list[tuple[str, str, str]], dict[str, str]]:
    """Nodes (id -> shape, decoded label), edges (from, arrow, to), link styles by index."""
    lines = text.splitlines()
    assert lines[0] == "---" and lines[1].startswith("title: ") and lines[2] == "---"
    assert lines[3] == "flowchart BT"
    nodes: dict[str, tuple[str, str]] = {}
    edges: list[tuple[str, str, str]] = []
    styles: dict[str, str] = {}
    for line in lines[4:]:
        if node := NODE_LINE.match(line):
            label = re.sub(r"#(\d+);", lambda m: chr(int(m.group(1))), node.group(3).replace("<br>", " "))
            nodes[node.group(1)] = (node.group(2), label)
        elif edge := EDGE_LINE.match(line):
            edges.append(edge.groups())
        elif style := STYLE_LINE.match(line):
            kind, targets, value = style.groups()
            if kind == "linkStyle":
                styles.update({index: value for index in targets.split(",")})
        else:
            raise AssertionError(f"not a line the exporter writes: {line!r}")
    return nodes, edges, styles


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_mermaid_has_one_node_per_claim_and_one_edge_per_relation(name: str) -> None:
    debate = SAMPLES[name]()
    nodes, edges, styles = parse_mermaid(render("mermaid", debate))
    assert len(nodes) == len(debate.claims) and len(edges) == edges_of(debate)
    assert sorted(styles, key=int) == [str(i) for i in range(len(edges))]
    labels = sorted(label for _, label in nodes.values())
    expected = sorted(" ".join(_expected_label(c)) for c in debate.claims)
    assert labels == expected


def test_mermaid_styles_edges_and_shapes_by_meaning() -> None:
    debate = SAMPLES["linked"]()
    nodes, edges, styles = parse_mermaid(render("mermaid", debate))
    by_label = {label: node_id for node_id, (_, label) in nodes.items()}
    node_of = {c.id: by_label[" ".join(_expected_label(c))] for c in debate.claims}
    expected = {
        (node_of[c.id], "-->" if c.relation == "supports" else "==>", node_of[c.parent])
        for c in debate.claims
        if c.parent
    }
    expected |= {(node_of[link.from_], "-.->", node_of[link.to]) for link in debate.links}
    assert set(edges) == expected
    link_relation = {(node_of[link.from_], node_of[link.to]): link.relation for link in debate.links}
    for index, (source, arrow, target) in enumerate(edges):
        relation = {"-->": "supports", "==>": "opposes"}.get(arrow) or link_relation[(source, target)]
        colour = styles[str(index)].split(",")[0]
        assert colour == f"stroke:{GREEN if relation == 'supports' else RED}"
    for claim in debate.claims:
        shape = nodes[node_of[claim.id]][0]
        assert shape == {"thesis": '(["', "claim": '("', "question": '{{"'}[claim.kind]
