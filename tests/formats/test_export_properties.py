"""Every export of generated debates (random forests, hostile text everywhere) keeps its
structure: one node, outline, row or entry per claim and one edge per relation, read back
by each format's parser. Argdown is left to its batched CLI test (Node per example is too
slow); DOT runs Graphviz on fewer examples."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

from hypothesis import HealthCheck, given, settings

from arguments.model import Debate
from export import ExportOptions, render
from tests.formats.test_export_csv import rows_of
from tests.formats.test_export_diagrams import _groups, parse_mermaid, svg_of
from tests.formats.test_export_html import ALLOWED_TAGS, parse
from tests.formats.test_export_kialo import SEE, read_kialo
from tests.strategies import debates

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _edges(debate: Debate) -> int:
    return sum(1 for c in debate.claims if c.parent) + len(debate.links)


@SETTINGS
@given(debates())
def test_opml_html_csv_aif_keep_their_structure(debate: Debate) -> None:
    opml = ET.fromstring(render("opml", debate).encode("utf-8"))
    assert len(list(opml.find("body").iter("outline"))) == len(debate.claims)

    page = parse(debate)
    assert len(page.details) == len(debate.claims)
    assert {tag for tag, _ in page.tags} <= ALLOWED_TAGS
    assert not any(key.startswith("on") for _, attributes in page.tags for key in attributes)

    header, *rows = rows_of(debate)
    assert len(header) == 2 + len(debate.stakeholders) and len(rows) == len(debate.claims)

    aif = json.loads(render("aif", debate))
    types = [n["type"] for n in aif["nodes"]]
    assert types.count("I") == len(debate.claims) and len(types) - types.count("I") == _edges(debate)


@SETTINGS
@given(debates())
def test_mermaid_and_kialo_keep_their_structure(debate: Debate) -> None:
    nodes, edges, _ = parse_mermaid(render("mermaid", debate))
    assert len(nodes) == len(debate.claims) and len(edges) == _edges(debate)

    _, entries = read_kialo(render("kialo", debate))
    synthetic = 1 if sum(1 for c in debate.claims if c.parent is None) > 1 else 0
    references = sum(1 for entry in entries if SEE.match(entry[2]))
    assert references == len(debate.links) and len(entries) - references == len(debate.claims) + synthetic


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(debates())
def test_graphviz_reads_every_dot_export(debate: Debate) -> None:
    svg = svg_of(debate, ExportOptions())
    assert len(_groups(svg, "node")) == len(debate.claims)
    assert len([g for g in svg.iter("{http://www.w3.org/2000/svg}g") if g.get("class") == "edge"]) == _edges(debate)
