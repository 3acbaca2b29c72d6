"""Debates the export tests render: small, with links and questions, hostile, deep.

The hostile debate has the same records as the plain one with every text field replaced
by text that attacks some export format, so each exporter's structure can be compared.
"""

from __future__ import annotations

from itertools import cycle
from typing import Any

import pytest

from arguments.integrity import check_integrity
from arguments.model import Debate
from arguments.storage import parse_debate, read_debate
from arguments.tree import MAX_DEPTH
from seeds import seed_path
from tests.conftest import SMALL_DEBATE

HOSTILE_TEXT = [
    "\"quoted\" 'single' [brackets] {braces} (parens) <angle> a | b",
    'back\\slash \\N \\G \\n \\" \\\\ \\( \\[ end\\',
    "line one\nline two\r\nline three\rfour\n\n# heading\n- item\n1. one\n+ plus",
    "--> <!-- c --> /* c */ // c */ -- --- === front === %% mermaid",
    "<script>alert(1)</script><img src=x onerror=alert(2)>",
    '" onmouseover="alert(1)" x="',
    "=cmd()",
    "+1+2",
    "-2",
    "@SUM(A1:A2)",
    "\tTab first",
    "\rCR first",
    "\x1b[2J\x1b]0;title\x07\x00\x08\x0b\x0c\x7f\x85\x9b\u202e\u200b\ufeff\ufffe\uffff",
    "[t]: x #tag #(t) @[t] @<a> <a>: {x: 1} } y, **b** __u__ *i* _i_ .heart. :smile: e.g.",
    "digraph { a -> b }; n0 --> n1; end; graph; style n0 fill:red; click n0 call x()",
    "1.1. Pro: fake kialo line\n1.2. Con: -> See 1.1.\nDiscussion Title: x\nSources:",
    "-> See 1.1.",
    "Pro: not a relation",
    "&amp; &lt; #quot; #35; &#x41; ]]> <![CDATA[ x ]]>",
    "`code` ``` fence ~~~ $math$ \\u0041",
    "emoji 👩‍👩‍👧 ok, combining e\u0301\u0301\u0301",
]
"""Text that attacks one export format or another."""

HOSTILE_URLS = [
    "javascript:alert(1)",
    " JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:x",
    'https://example.org/" onmouseover="alert(1)',
    "//evil.example/x",
]

_TEXT_FIELDS = {
    "title", "question", "description", "citation", "name", "short", "group", "interests",
    "notes", "text", "quote", "locator", "rationale", "note",
}  # fmt: skip


def _debate(data: dict[str, Any]) -> Debate:
    debate = Debate.model_validate(data)
    assert check_integrity(debate) == []
    return debate


def small_debate() -> Debate:
    """The conftest's small debate: a motion, pro, con, a rebuttal, evidence, stances."""
    return parse_debate(SMALL_DEBATE)


def linked_data() -> dict[str, Any]:
    """A debate with two roots, questions (one closed), links of both kinds, tags, notes,
    evidence both ways, stances of every sign, a source with a URL and one without."""
    claims = [
        {"id": "motion", "text": "Municipalities should get fiscal autonomy.", "kind": "thesis",
         "notes": "Asked by the mayors' association.", "tags": ["fiscal", "legal reform"]},
        {"id": "capacity", "text": "Small towns lack staff to collect taxes.", "parent": "motion",
         "relation": "opposes"},
        {"id": "training", "text": "A training programme closes the gap.", "parent": "capacity",
         "relation": "opposes"},
        {"id": "cost-q", "text": "Who pays for the training?", "kind": "question",
         "parent": "training", "relation": "opposes"},
        {"id": "accountability", "text": "Local taxes make mayors accountable.",
         "parent": "motion", "relation": "supports", "tags": ["governance"]},
        {"id": "capture", "text": "Local elites capture the revenue.", "parent": "accountability",
         "relation": "opposes"},
        {"id": "audit-q", "text": "Is there an audit office nearby?", "kind": "question",
         "closed": True, "parent": "capture", "relation": "supports"},
        {"id": "speed", "text": "Decisions are faster locally.", "parent": "motion",
         "relation": "supports"},
        {"id": "second-root", "text": "Regions should merge first.", "kind": "thesis"},
        {"id": "merge-cost", "text": "Mergers cost political capital.", "parent": "second-root",
         "relation": "opposes"},
    ]  # fmt: skip
    return {
        "schema": 1,
        "title": "Fiscal autonomy",
        "question": "Should municipalities raise their own taxes?",
        "description": "A workshop map.",
        "sources": [
            {"id": "census", "citation": "INEI (2017). Census.", "url": "https://inei.example/census"},
            {"id": "memo", "citation": "Ministry memo (2020).", "url": "mailto:press@example.org"},
            {"id": "book", "citation": "Zapata, A. (1999). Sociedad y poder local."},
        ],
        "stakeholders": [
            {"id": "mef", "name": "Ministry of Economy", "short": "MEF", "power": 5},
            {"id": "mayors", "name": "Mayors' association", "group": "local government"},
            {"id": "ngo", "name": "Transparency NGO", "group": "civil society", "interests": "Audits."},
        ],
        "claims": claims,
        "links": [
            {"from": "training", "to": "speed", "relation": "supports", "notes": "Trained staff decide faster."},
            {"from": "capture", "to": "second-root", "relation": "opposes"},
            {"from": "merge-cost", "to": "capacity", "relation": "supports"},
        ],
        "evidence": [
            {"id": "ev-staff", "claim": "capacity", "text": "Two thirds of towns have one tax clerk.",
             "quote": "dos tercios", "source": "census", "locator": "table 4", "kind": "statistic"},
            {"id": "ev-pilot", "claim": "training", "relation": "undermines",
             "text": "The 2015 pilot failed.", "source": "memo"},
            {"id": "ev-book", "claim": "capture", "text": "Elites ran the local councils.",
             "source": "book", "locator": "ch. 3"},
        ],
        "stances": [
            {"stakeholder": "mef", "claim": "motion", "position": -2, "basis": "stated",
             "rationale": "Fears deficits.", "evidence": ["ev-pilot"]},
            {"stakeholder": "mayors", "claim": "motion", "position": 3},
            {"stakeholder": "ngo", "claim": "motion", "position": 0},
            {"stakeholder": "ngo", "claim": "capture", "position": 2, "rationale": "Audit reports."},
            {"stakeholder": "mayors", "claim": "capacity", "position": -1},
        ],
    }  # fmt: skip


def linked_debate() -> Debate:
    return _debate(linked_data())


def _hostile(value: Any, key: str, texts: Any, urls: Any) -> Any:
    if isinstance(value, dict):
        return {k: _hostile(v, k, texts, urls) for k, v in value.items()}
    if isinstance(value, list):
        return [_hostile(v, key, texts, urls) for v in value]
    if key == "url":
        return next(urls)
    if key == "tags":
        return next(texts)
    if key in _TEXT_FIELDS and isinstance(value, str):
        return next(texts)
    return value


def hostile_debate() -> Debate:
    """The linked debate with every text field (and tag, and URL) hostile."""
    data = _hostile(linked_data(), "", cycle(HOSTILE_TEXT), cycle(HOSTILE_URLS))
    claims = data["claims"]
    for i, claim in enumerate(claims):  # every attack in some claim's text
        claim["text"] = " ".join(HOSTILE_TEXT[i :: len(claims)])
    return _debate(data)


def deep_debate(depth: int = MAX_DEPTH) -> Debate:
    """One chain from the motion down to DEPTH, alternating support and attack."""
    claims = [{"id": "c0", "text": "The motion.", "kind": "thesis"}]
    for level in range(1, depth + 1):
        relation = "supports" if level % 2 else "opposes"
        claims.append(
            {"id": f"c{level}", "text": f"Claim at level {level}.", "parent": f"c{level - 1}", "relation": relation}
        )
    return _debate({"schema": 1, "title": "Deep", "claims": claims})


SAMPLES = {
    "empty": lambda: _debate({"schema": 1, "title": "No claims yet"}),
    "small": small_debate,
    "linked": linked_debate,
    "hostile": hostile_debate,
    "deep": deep_debate,
    "seed": lambda: read_debate(seed_path()),
}
"""Every sample by name, built fresh on each call."""


def edges_of(debate: Debate) -> int:
    """Tree edges plus links."""
    return sum(1 for c in debate.claims if c.parent) + len(debate.links)


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_samples_are_valid_debates(name: str) -> None:
    debate = SAMPLES[name]()
    assert bool(debate.claims) == (name != "empty") and check_integrity(debate) == []


def test_hostile_debate_differs_only_in_text() -> None:
    plain, hostile = linked_debate(), hostile_debate()
    assert [c.id for c in plain.claims] == [c.id for c in hostile.claims]
    assert [(c.parent, c.relation, c.kind) for c in plain.claims] == [
        (c.parent, c.relation, c.kind) for c in hostile.claims
    ]
    changed = sum(a.text != b.text for a, b in zip(plain.claims, hostile.claims))
    assert changed == len(plain.claims)
    for text in HOSTILE_TEXT:
        assert any(text in claim.text for claim in hostile.claims), text
    urls = [s.url for s in hostile.sources if s.url is not None]
    assert len(urls) == 2 and set(urls) <= set(HOSTILE_URLS)
