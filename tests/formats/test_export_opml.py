"""The OPML export, read with xml.etree: one outline per claim, nested as in the tree, the
text and note carried exactly, well-formed whatever the text holds."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from arguments.model import Debate
from export import ExportOptions, claims_in_scope, clean, render
from tests.formats.test_export_samples import SAMPLES


def shown(text: str) -> str:
    """What an outliner should show: control characters and XML's noncharacters visible."""
    return clean(text).replace("\ufffe", "\\ufffe").replace("\uffff", "\\uffff")


def outlines(debate: Debate, options: ExportOptions | None = None) -> tuple[ET.Element, list[ET.Element], dict]:
    root = ET.fromstring(render("opml", debate, options).encode("utf-8"))
    assert root.tag == "opml" and root.get("version") == "2.0"
    found = list(root.find("body").iter("outline"))
    parents = {child: parent for parent in root.iter() for child in parent}
    return root, found, parents


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_one_outline_per_claim_nested_as_the_tree(name: str) -> None:
    debate = SAMPLES[name]()
    _root, found, parents = outlines(debate)
    scope = claims_in_scope(debate, ExportOptions())
    assert len(found) == len(debate.claims) == len(scope)
    position = {claim.id: i for i, (claim, _) in enumerate(scope)}
    for element, (claim, _) in zip(found, scope):
        parent = parents[element]
        if claim.parent is None:
            assert parent.tag == "body"
        else:
            assert parent is found[position[claim.parent]]


@pytest.mark.parametrize("name", ["small", "linked", "hostile"])
def test_text_and_relation_arrive_exactly(name: str) -> None:
    debate = SAMPLES[name]()
    root, found, _ = outlines(debate)
    assert root.find("head/title").text == shown(debate.title)
    for element, (claim, _) in zip(found, claims_in_scope(debate, ExportOptions())):
        prefix = {"supports": "Pro: ", "opposes": "Con: ", None: ""}[claim.relation]
        assert element.get("text") == shown(prefix + claim.text)


def test_notes_hold_evidence_stances_links_and_notes() -> None:
    debate = SAMPLES["linked"]()
    _, found, _ = outlines(debate)
    note = {claim.id: el.get("_note", "") for el, (claim, _) in zip(found, claims_in_scope(debate, ExportOptions()))}
    motion = note["motion"].split("\n")
    assert motion[:3] == ["Kind: thesis", "Tags: fiscal, legal reform", "Asked by the mayors' association."]
    assert motion[3:] == [
        "Stance: MEF -2 (stated): Fears deficits.",
        "Stance: Mayors' association +3 (inferred)",
        "Stance: Transparency NGO +0 (inferred)",
    ]
    assert note["capacity"].split("\n") == [
        "Evidence (supports): Two thirds of towns have one tax clerk. “dos tercios” — INEI (2017). Census., table 4",
        "Stance: Mayors' association -1 (inferred)",
    ]
    assert note["training"].split("\n") == [
        "Evidence (undermines): The 2015 pilot failed. — Ministry memo (2020).",
        "Also supports: Decisions are faster locally.",
    ]
    assert note["audit-q"] == "Kind: question (closed)"
    assert note["speed"] == ""


def test_hostile_notes_stay_whole_and_visible() -> None:
    debate = SAMPLES["hostile"]()
    _, found, _ = outlines(debate)
    notes = [el.get("_note", "") for el in found]
    assert any("\\x1b" in n for n in notes) and not any("\x1b" in n for n in notes)
    assert shown(debate.claims[0].notes) in notes[0]


def test_options_trim_depth_evidence_and_stances() -> None:
    debate = SAMPLES["linked"]()
    _, found, _ = outlines(debate, ExportOptions(depth=1, evidence=False, stances=False))
    assert len(found) == 6
    assert not any(line.startswith(("Evidence", "Stance")) for el in found for line in el.get("_note", "").split("\n"))
