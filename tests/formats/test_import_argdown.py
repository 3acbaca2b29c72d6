"""Argdown import: every node the real Argdown CLI finds arrives, relations become tree or links."""

from __future__ import annotations

import json
import re
import subprocess

import pytest

from arguments.importers import argdown
from arguments.problems import DebateError
from arguments.storage import dumps_debate, parse_debate
from arguments.tree import MAX_DEPTH
from tests.conftest import SHARED, require_shared, require_tool

CORPUS = ["argdown-primer.argdown", "state-censorship.argdown", "veggie_debate.argdown"]
MARKER = re.compile(r"^Argdown: (.+)$", re.MULTILINE)


def words(text: str) -> str:
    """Text reduced to its words, as both we and the CLI keep them (no markup, tags, URLs)."""
    text = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", text)
    text = re.sub(r"#\([^)]*\)|#[\w-]+", " ", text)
    return " ".join(re.sub(r"[\W_]+", " ", text.lower()).split())


def edges(debate) -> set[tuple[str, str, str]]:
    tree = {(c.id, c.parent, c.relation) for c in debate.claims if c.parent}
    return tree | {(link.from_, link.to, link.relation) for link in debate.links}


def cli_json(tmp_path, name: str) -> dict:
    tool = require_tool("argdown")
    source = require_shared("corpus", "argdown", name)
    subprocess.run([tool, "json", str(source), str(tmp_path)], check=True, capture_output=True, timeout=300)
    return json.loads((tmp_path / (source.stem + ".json")).read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", CORPUS)
def test_every_node_and_relation_the_argdown_cli_finds_arrives(tmp_path, name):
    found = cli_json(tmp_path, name)
    source = SHARED / "corpus" / "argdown" / name
    result = argdown.parse(source.read_text(encoding="utf-8"), str(source))
    debate = result.debate
    by_marker = {m: c.id for c in debate.claims for m in MARKER.findall(c.notes)}
    holders = {c.id: words(c.text + " " + c.notes) for c in debate.claims}
    own_text = {words(c.text): c.id for c in debate.claims}

    def claim_of(title: str, cls: dict) -> str:
        if not title.startswith("Untitled"):
            return by_marker[f"[{title}]"]
        member = cls["members"][0]
        if member.get("role") == "main-conclusion":  # folded into its argument
            return by_marker[f"<{member['argumentTitle']}>"]
        return own_text[words(member["text"])]

    for title in found["arguments"]:
        assert f"<{title}>" in by_marker, title
    statement_ids = {}
    for title, cls in found["statements"].items():
        if title.startswith("Untitled") and cls["members"][0].get("role") in ("premise", "intermediary-conclusion"):
            text = words(cls["members"][0]["text"])  # kept in its argument's notes
            assert any(text in held for held in holders.values()), title
            continue
        statement_ids[title] = claim_of(title, cls)
    ids = {**statement_ids, **{t: by_marker[f"<{t}>"] for t in found["arguments"]}}
    ours = edges(debate)
    for rel in found["relations"]:
        relation = "supports" if rel["relationType"] in ("support", "entails") else "opposes"
        pair = (ids[rel["from"]], ids[rel["to"]], relation)
        assert pair in ours or ((pair[1], pair[0], relation) in ours and rel["relationType"] == "contradictory"), rel
    assert parse_debate(dumps_debate(debate), "again") == debate


def test_relations_by_indentation_and_direction():
    text = """[A]: The motion.
  + [B]: B supports A.
    - C attacks B.
  <- [D]: D attacks A.
  +> [E]: A supports E.
  -> <F>: A attacks F.

<G>: G undercuts D.
  _> [D]
"""
    debate = argdown.parse(text, "d.argdown").debate
    ids = {m: c.id for c in debate.claims for m in MARKER.findall(c.notes)}
    claims = {c.id: c for c in debate.claims}
    assert (claims[ids["[B]"]].parent, claims[ids["[B]"]].relation) == (ids["[A]"], "supports")
    [c] = [c for c in debate.claims if c.text == "C attacks B."]
    assert (c.parent, c.relation) == (ids["[B]"], "opposes")
    assert (claims[ids["[D]"]].parent, claims[ids["[D]"]].relation) == (ids["[A]"], "opposes")
    assert (claims[ids["<G>"]].parent, claims[ids["<G>"]].relation) == (ids["[D]"], "opposes")
    # A has no parent of its own yet, so its first outgoing relation places it under E
    assert claims[ids["[A]"]].parent == ids["[E]"]
    assert [(link.from_, link.to, link.relation) for link in debate.links] == [(ids["[A]"], ids["<F>"], "opposes")]
    assert claims[ids["[A]"]].kind == "claim" and claims[ids["[E]"]].kind == "thesis"


def test_a_cycle_keeps_one_edge_in_the_tree_and_the_other_as_a_link():
    text = "[A]: a\n  + [B]: b\n\n[B]\n  + [A]\n"
    debate = argdown.parse(text, "c.argdown").debate
    claims = {c.id: c for c in debate.claims}
    assert claims["b"].parent == "a" and claims["a"].parent is None
    assert [(link.from_, link.to) for link in debate.links] == [("a", "b")]


def test_tags_headings_comments_front_matter_and_data():
    text = """===
title: Meat
author: Someone
color:
    colorScheme: x
===

# Health

// a line comment
[Healthy]: Meat is healthy. #health #(long tag) {source: "P1"}
/* a block
   comment */
  - Too much red meat is not. <!-- inline -->
"""
    result = argdown.parse(text, "m.argdown")
    debate = result.debate
    assert debate.title == "Meat" and "Someone" in debate.description
    healthy, too_much = debate.claims
    assert healthy.text == "Meat is healthy." and healthy.tags == ["health", "long tag"]
    assert 'Data: {source: "P1"}' in healthy.notes.splitlines() and "Section: Health" in healthy.notes.splitlines()
    assert (too_much.text, too_much.parent) == ("Too much red meat is not.", healthy.id)
    reasons = {d.reason: d.count for d in result.dropped}
    assert reasons == {"front matter settings left out": 1, "comments left out": 3}


def test_premise_conclusion_structure_is_kept_as_its_conclusion_plus_notes():
    text = """[T]: Taxes should rise.

<Schools>: Schools need money.

(1) Schools are underfunded.
(2) [Need]: Underfunded public goods need taxes.
--
Modus ponens
--
(3) Taxes should rise for schools.
  +> [T]
"""
    debate = argdown.parse(text, "p.argdown").debate
    claims = {c.id: c for c in debate.claims}
    schools = claims["schools"]
    assert schools.text == "Taxes should rise for schools."
    assert (schools.parent, schools.relation) == ("t", "supports")
    assert "(1) Schools are underfunded." in schools.notes.splitlines()
    assert "-- Modus ponens --" in schools.notes.splitlines()
    assert "Schools need money." in schools.notes.splitlines()
    assert (claims["need"].parent, claims["need"].relation) == ("schools", "supports")
    assert set(claims) == {"t", "schools", "need"}


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        ("", 1, "no statements"),
        ("// only a comment\n", 1, "no statements"),
        ("[A]: a\n\n  + [B]: b\n", 3, "no statement or argument above"),
        ("[A]: a\n/* never closed\n\n[B]: b\n", 2, "never closed"),
        ("===\ntitle: x\n\n[A]: a\n", 1, "front matter"),
        ("<A>: a\n\n(1) p\n--\nrule\n", 4, "inference is never closed"),
    ],
)
def test_malformed_documents_name_the_line(text, line, reason):
    with pytest.raises(DebateError) as caught:
        argdown.parse(text, "bad.argdown")
    [problem] = caught.value.problems
    assert (problem.path, problem.line) == ("bad.argdown", line)
    assert reason in problem.message


def test_deep_indentation_is_cut_at_the_depth_limit_and_reported():
    lines = ["[Root]: root"] + [" " * (i + 1) + f"+ claim {i}" for i in range(MAX_DEPTH + 3)]
    result = argdown.parse("\n".join(lines) + "\n", "deep.argdown")
    assert len(result.debate.claims) == MAX_DEPTH + 1
    assert result.dropped_count == 3


HOSTILE = ["[/]x", "[@click=app.quit]x[/]", "\x1b[2J\x1b]52;c;aGk=\x07", "a\x00b\u202e\u200b", "👩\u200d👩\u200d👧"]


@pytest.mark.parametrize("bad", HOSTILE)
def test_hostile_text_arrives_unchanged(bad):
    # text that opens with [ or < would be Argdown syntax, so the hostile part follows a word
    debate = argdown.parse(f"[T]: say {bad}\n  + say {bad}\n", "h.argdown").debate
    assert [c.text for c in debate.claims] == [f"say {bad}", f"say {bad}"]
    assert parse_debate(dumps_debate(debate), "again") == debate


def test_round_trip_through_our_argdown_export(small_debate_file):
    from arguments.model import Link
    from export import ExportOptions, render

    original = parse_debate(small_debate_file.read_text(encoding="utf-8"), "small")
    original.links = [Link.model_validate({"from": "grants", "to": "traffic", "relation": "supports"})]
    back = argdown.parse(render("argdown", original, ExportOptions()), "small.argdown").debate
    assert [(c.id, c.text, c.parent, c.relation) for c in back.claims] == [
        (c.id, c.text, c.parent, c.relation) for c in original.claims
    ]
    assert [(link.from_, link.to, link.relation) for link in back.links] == [("grants", "traffic", "supports")]
